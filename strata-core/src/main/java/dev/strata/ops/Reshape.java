package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * The same elements in a new shape (row-major order kept). One dimension may be -1, inferred from the
 * others. Gradient: the upstream gradient reshaped back.
 */
final class Reshape {
    /** {@code keras.ops.reshape(x, newshape)}. */
    static final OpSpec SPEC = OpSpec.op("reshape").numpy("Reshape").config("newshape", Type.INTS)
            .rebuild((in, args) -> apply(in.get(0), args.ints("newshape")));

    private Reshape() {
    }

    /** The target shape with -1 resolved (or left unknown when the input has unknown dimensions). */
    static Shape shape(Shape in, int[] target) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: target shape " + Arrays.toString(target)
                            + " has more than one -1; only one dimension can be inferred");
                }
                infer = i;
            } else if (target[i] < 0) {
                throw new ShapeException("reshape: target shape " + Arrays.toString(target)
                        + " has a negative dimension other than -1");
            } else {
                known *= target[i];
            }
        }
        int[] out = target.clone();
        if (!in.isFullyDefined()) {
            return Shape.of(out); // an inferred dimension stays unknown (-1 is Shape.UNKNOWN)
        }
        int size = in.size();
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new ShapeException("reshape: cannot reshape a tensor of shape " + in + " (" + size
                        + " elements) into " + Arrays.toString(target) + ": " + size + " is not a multiple of "
                        + known);
            }
            out[infer] = (int) (size / known);
        } else if (known != size) {
            throw new ShapeException("reshape: cannot reshape a tensor of shape " + in + " (" + size
                    + " elements) into shape " + Shape.of(target) + " (" + known + " elements)");
        }
        return Shape.of(out);
    }

    static Tensor apply(Tensor x, int... target) {
        Shape out = shape(x.shape(), target);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(target), out, in -> apply(in.get(0), target), x);
        }
        return concrete(x, out);
    }

    static Tensor apply(Tensor x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        return apply(x, target.toArray());
    }

    private static Tensor concrete(Tensor x, Shape out) {
        float[] data = OpSupport.data(x);
        // Plain tensors never change, so the result can share their storage; a variable's is copied.
        Tensor y = OpSupport.wrap(TensorAccess.isImmutable(x) ? data : data.clone(), out);
        Shape inShape = x.shape();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {apply(g, inShape)});
        return y;
    }
}
