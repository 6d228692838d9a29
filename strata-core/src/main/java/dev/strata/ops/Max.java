package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Maximum over axes ({@code null}: all), like {@code keras.ops.max}; NaN propagates. Reducing over no elements
 * is an error, as in numpy. Gradient (as TensorFlow's): the upstream gradient goes to the elements equal to
 * the result, split equally among ties. The split weights are constants, so second derivatives are zero, as
 * they are almost everywhere.
 */
final class Max {
    /** {@code keras.ops.max(x, axis=None, keepdims=False)}. */
    static final OpSpec SPEC = OpSpec.op("max").numpy("Max")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .fixed("initial", null, "Strata's max takes no initial value")
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis"), args.bool("keepdims")));

    private Max() {
    }

    static Tensor apply(Tensor x, int[] axes, boolean keepDims) {
        return extremum(SPEC, ReduceOp.MAX, x, axes, keepDims);
    }

    /** The shared implementation of max and min. */
    static Tensor extremum(OpSpec spec, ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        String name = spec.name();
        Shape s = x.shape();
        int[] ax = Reductions.axes(name, s, axes);
        Shape kept = Reductions.shape(s, ax, true);
        Shape out = keepDims ? kept : Reductions.shape(s, ax, false);
        if (x.isSymbolic()) {
            return OpSupport.record(spec.args(ax, keepDims), out, in -> extremum(spec, op, in.get(0), ax, keepDims), x);
        }
        if (Reductions.count(s, ax) == 0) {
            throw new ShapeException(name + ": cannot reduce a tensor of shape " + s + " over axes "
                    + Arrays.toString(ax) + ", which hold no elements: the " + name + " of nothing is undefined");
        }
        float[] result = Reductions.reduce(op, x, ax);
        Tensor y = OpSupport.wrap(result, out);
        OpSupport.gradient(y, x, (g, needed) -> {
            Tensor ties = Elementwise.binary(BinaryOp.EQUAL, x, OpSupport.wrap(result, kept), s);
            float[] counts = Reductions.reduce(ReduceOp.SUM, ties, ax);
            Tensor weights = Elementwise.binary(BinaryOp.DIVIDE, ties, OpSupport.wrap(counts, kept), s);
            return new Tensor[] {Multiply.apply(Reshape.apply(g, kept), weights)};
        });
        return y;
    }
}
