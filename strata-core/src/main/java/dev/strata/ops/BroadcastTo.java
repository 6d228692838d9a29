package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Map;

/** Broadcasts x to a shape (numpy rules). Gradient: summed back over the broadcast axes. */
final class BroadcastTo {
    private BroadcastTo() {
    }

    static Tensor apply(Tensor x, Shape target) {
        Shape in = x.shape();
        Shape out;
        try {
            out = Broadcasting.shape("broadcastTo", in, target);
        } catch (ShapeException e) {
            throw new ShapeException("broadcastTo: cannot broadcast shape " + in + " to " + target
                    + ": each dimension of the input must be 1 or equal the target's (aligned from the right)");
        }
        if (!out.equals(target) && target.isFullyDefined()) {
            throw new ShapeException("broadcastTo: cannot broadcast shape " + in + " to " + target
                    + ": the input has more dimensions, or a dimension larger than the target's");
        }
        if (in.equals(target)) {
            return x;
        }
        if (x.isSymbolic()) {
            return OpSupport.record("broadcast_to", Map.of("shape", target.toString()), target,
                    inputs -> apply(inputs.getFirst(), target), x);
        }
        Tensor y = Elementwise.binary(dev.strata.internal.kernels.BinaryOp.ADD, x, Tensor.zeros(Shape.scalar()), target);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Broadcasting.unbroadcast(g, in)});
        return y;
    }
}
