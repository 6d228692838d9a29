package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/** Broadcasts x to a shape (numpy rules). Gradient: summed back over the broadcast axes. */
final class BroadcastTo {
    /** {@code keras.ops.broadcast_to(x, shape)}. */
    static final OpSpec SPEC = OpSpec.op("broadcast_to").numpy("BroadcastTo").config("shape", Type.INTS)
            .rebuild((in, args) -> apply(in.get(0), Shape.of(args.ints("shape"))));

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
            return OpSupport.record(SPEC.args(target.toArray()), target, inputs -> apply(inputs.getFirst(), target), x);
        }
        Tensor y = OpSupport.wrap(copy(OpSupport.data(x), in, target), target);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Broadcasting.unbroadcast(g, in)});
        return y;
    }

    /**
     * The broadcast copy of {@code in} (shape {@code from}) to {@code to}, element by element (so values such as
     * -0 and NaN payloads survive, which arithmetic tricks like adding zero would not guarantee).
     */
    static float[] copy(float[] in, Shape from, Shape to) {
        int n = to.size();
        float[] out = OpSupport.newArray(n);
        int rank = to.rank();
        if (n == 0) {
            return out;
        }
        if (rank == 0) {
            out[0] = in[0];
            return out;
        }
        int[] strides = Elementwise.stridesFor(from, to);
        int inner = to.get(rank - 1);
        int innerStride = strides[rank - 1];
        int[] counter = new int[rank];
        int pos = 0;
        for (int o = 0; o < n; o += inner) {
            if (innerStride == 0) {
                Arrays.fill(out, o, o + inner, in[pos]);
            } else {
                System.arraycopy(in, pos, out, o, inner);
            }
            for (int a = rank - 2; a >= 0; a--) {
                counter[a]++;
                pos += strides[a];
                if (counter[a] < to.get(a)) {
                    break;
                }
                pos -= strides[a] * to.get(a);
                counter[a] = 0;
            }
        }
        return out;
    }
}
