package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * What the ops along one axis share (cumsum, cumprod, sort, argsort): the axis rule, where None flattens x, and
 * the running sum or product along an axis.
 */
final class Cumulative {
    private Cumulative() {
    }

    /**
     * The axis as an index into {@code s}, checked.
     *
     * @throws ShapeException naming the op and the shape if it is out of range
     */
    static int axis(String op, Shape s, int axis) {
        if (s.rank() == 0 || axis < -s.rank() || axis >= s.rank()) {
            throw new ShapeException(op + ": axis " + axis + " is out of bounds for a tensor of shape " + s
                    + " (rank " + s.rank() + ")");
        }
        return axis < 0 ? axis + s.rank() : axis;
    }

    /** The number of elements after axis {@code a} of {@code s} (the stride of that axis). */
    static int inner(Shape s, int a) {
        int inner = 1;
        for (int i = a + 1; i < s.rank(); i++) {
            inner *= s.get(i);
        }
        return inner;
    }

    /** The shape of x flattened, as Keras's axis None: its size, or unknown if any dimension is. */
    static Shape flat(Shape s) {
        return Shape.of(s.isFullyDefined() ? s.size() : Shape.UNKNOWN);
    }

    /** A concrete x flattened to a vector (differentiably). */
    static Tensor flatten(Tensor x) {
        return Reshape.apply(x, x.shape().size());
    }

    /**
     * The running sum (or product) of concrete {@code x} along {@code axis}, from the start (or, with
     * {@code reverse}, from the end), accumulated in double and rounded once per element.
     */
    static Tensor scan(Tensor x, int axis, boolean product, boolean reverse) {
        Shape s = x.shape();
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        int n = s.get(axis);
        int inner = inner(s, axis);
        int block = n * inner;
        for (int base = 0; base < in.length; base += block) {
            for (int q = 0; q < inner; q++) {
                double acc = product ? 1 : 0;
                for (int t = 0; t < n; t++) {
                    int p = base + q + (reverse ? n - 1 - t : t) * inner;
                    acc = product ? acc * in[p] : acc + in[p];
                    out[p] = (float) acc;
                }
            }
        }
        return OpSupport.wrap(out, s);
    }
}
