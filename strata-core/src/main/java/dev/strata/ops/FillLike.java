package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * A tensor of x's shape filled with one value, like {@code keras.ops.zeros_like(x)}, {@code ones_like(x)},
 * {@code full_like(x, fill_value)} and {@code empty_like(x)} (zeros: the contents of an "empty" tensor are
 * unspecified, and Strata gives zeros rather than leftovers). One file for the four, as they differ only in the
 * value. Only x's shape is read, so no gradient reaches x (JAX's is zero). Keras's {@code dtype} argument is taken
 * only as None: Strata computes in float32.
 */
final class FillLike {
    private static final String FLOAT32 = "Strata computes in float32 (whole numbers are exact, see DESIGN.md)";
    /** {@code keras.ops.zeros_like(x, dtype=None)}. */
    static final OpSpec ZEROS_LIKE = OpSpec.op("zeros_like").numpy("ZerosLike").fixed("dtype", null, FLOAT32)
            .rebuild((in, args) -> apply(FillLike.ZEROS_LIKE, in.get(0), 0f));
    /** {@code keras.ops.ones_like(x, dtype=None)}. */
    static final OpSpec ONES_LIKE = OpSpec.op("ones_like").numpy("OnesLike").fixed("dtype", null, FLOAT32)
            .rebuild((in, args) -> apply(FillLike.ONES_LIKE, in.get(0), 1f));
    /** {@code keras.ops.empty_like(x, dtype=None)}. */
    static final OpSpec EMPTY_LIKE = OpSpec.op("empty_like").numpy("EmptyLike").fixed("dtype", null, FLOAT32)
            .rebuild((in, args) -> apply(FillLike.EMPTY_LIKE, in.get(0), 0f));
    /** {@code keras.ops.full_like(x, fill_value, dtype=None)}: the value a positional argument. */
    static final OpSpec FULL_LIKE = OpSpec.op("full_like").numpy("FullLike").positional("fill_value", Type.FLOAT)
            .fixed("dtype", null, FLOAT32)
            .rebuild((in, args) -> apply(FillLike.FULL_LIKE, in.get(0), args.number("fill_value")));

    private FillLike() {
    }

    /** {@code value} fills a tensor of x's shape; {@code spec} is the op (full_like records the value). */
    static Tensor apply(OpSpec spec, Tensor x, float value) {
        Shape s = x.shape();
        if (x.isSymbolic()) {
            OpSpec.Args args = spec == FULL_LIKE ? FULL_LIKE.args(value) : spec.args();
            return OpSupport.record(args, s, in -> apply(spec, in.get(0), value), x);
        }
        return Tensor.full(s, value);
    }
}
