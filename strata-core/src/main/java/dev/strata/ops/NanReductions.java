package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.function.Function;

/**
 * The reductions that leave NaNs out ({@code keras.ops.nansum}, {@code nanmean}, {@code nanmax}, {@code nanmin},
 * {@code nanprod}, {@code nanstd}, {@code nanvar}, {@code nanargmax}, {@code nanargmin}, {@code nancumsum},
 * {@code nancumprod}), written as {@code jnp} writes them: the reduction of {@code where(isnan(x), identity, x)},
 * with NaN where a max/min/mean/var slice is all NaN (nanargmax/nanargmin give -1 there). Being built from where
 * and the plain reductions, the gradient at a NaN position is 0, as JAX's. The reductions take one axis, several
 * (a list, saved as given, as Keras writes it) or None (all); nanargmax/nanargmin take one axis or None, as Keras's
 * (jnp.nanargmax takes an integer). Keras 3.15's JAX backend cannot run a node whose list axis it read from a
 * config (jnp takes the axis as a hashable static argument): tools/keras-interop/check_config.py works around it.
 */
final class NanReductions {
    /** {@code keras.ops.nansum(x, axis=None, keepdims=False)}. */
    static final OpSpec NANSUM = reduction("nansum", "Nansum");
    /** {@code keras.ops.nanmean(x, axis=None, keepdims=False)}. */
    static final OpSpec NANMEAN = reduction("nanmean", "Nanmean");
    /** {@code keras.ops.nanmax(x, axis=None, keepdims=False)}. */
    static final OpSpec NANMAX = reduction("nanmax", "Nanmax");
    /** {@code keras.ops.nanmin(x, axis=None, keepdims=False)}. */
    static final OpSpec NANMIN = reduction("nanmin", "Nanmin");
    /** {@code keras.ops.nanprod(x, axis=None, keepdims=False)}. */
    static final OpSpec NANPROD = reduction("nanprod", "Nanprod");
    /** {@code keras.ops.nanstd(x, axis=None, keepdims=False)}. */
    static final OpSpec NANSTD = reduction("nanstd", "Nanstd");
    /** {@code keras.ops.nanvar(x, axis=None, keepdims=False)}. */
    static final OpSpec NANVAR = reduction("nanvar", "Nanvar");
    /** {@code keras.ops.nanargmax(x, axis=None, keepdims=False)}. */
    static final OpSpec NANARGMAX = reduction("nanargmax", "Nanargmax");
    /** {@code keras.ops.nanargmin(x, axis=None, keepdims=False)}. */
    static final OpSpec NANARGMIN = reduction("nanargmin", "Nanargmin");
    /** {@code keras.ops.nancumsum(x, axis=None, dtype=None)}. */
    static final OpSpec NANCUMSUM = OpSpec.op("nancumsum").numpy("Nancumsum").config("axis", Type.OPTIONAL_INT)
            .fixed("dtype", null, "Strata computes in float32")
            .rebuild((in, args) -> cumulative("nancumsum", in.get(0), args.optionalInt("axis")));
    /** {@code keras.ops.nancumprod(x, axis=None, dtype=None)}. */
    static final OpSpec NANCUMPROD = OpSpec.op("nancumprod").numpy("Nancumprod").config("axis", Type.OPTIONAL_INT)
            .fixed("dtype", null, "Strata computes in float32")
            .rebuild((in, args) -> cumulative("nancumprod", in.get(0), args.optionalInt("axis")));

    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor NAN = Tensor.scalar(Float.NaN);

    private NanReductions() {
    }

    private static OpSpec reduction(String name, String kerasClass) {
        boolean arg = name.startsWith("nanarg"); // one axis: an index into that axis
        return OpSpec.op(name).numpy(kerasClass).config("axis", arg ? Type.OPTIONAL_INT : Type.OPTIONAL_INT_OR_INTS)
                .config("keepdims", Type.BOOL, false)
                .rebuild((in, args) -> reduce(name, in.get(0), args.value("axis"), args.bool("keepdims")));
    }

    private static OpSpec spec(String name) {
        return switch (name) {
            case "nansum" -> NANSUM;
            case "nanmean" -> NANMEAN;
            case "nanmax" -> NANMAX;
            case "nanmin" -> NANMIN;
            case "nanprod" -> NANPROD;
            case "nanstd" -> NANSTD;
            case "nanvar" -> NANVAR;
            case "nanargmax" -> NANARGMAX;
            case "nanargmin" -> NANARGMIN;
            case "nancumsum" -> NANCUMSUM;
            default -> NANCUMPROD;
        };
    }

    /**
     * The reduction {@code name} of x over {@code axis}: null (all), an {@code Integer} or an {@code int[]} (not for
     * nanargmax/nanargmin), recorded as given.
     */
    static Tensor reduce(String name, Tensor x, Object axis, boolean keepDims) {
        Shape s = x.shape();
        if (name.startsWith("nanarg") && axis instanceof int[] a) {
            throw new IllegalArgumentException(name + ": axis must be one integer or None, got the list "
                    + java.util.Arrays.toString(a) + " (x of shape " + s + ")");
        }
        int[] ax = Reductions.axes(name, s, Reductions.given(axis));
        Shape out = Reductions.shape(s, ax, keepDims);
        if (x.isSymbolic()) {
            Object axisArg = Reductions.copy(axis);
            return OpSupport.record(spec(name).args(axisArg, keepDims), out,
                    in -> reduce(name, in.get(0), axisArg, keepDims), x);
        }
        Tensor nan = IsNan.apply(x);
        Function<Tensor, Tensor> allNan = y -> Where.apply(AnyAll.all(nan, ax, keepDims), NAN, y);
        return switch (name) {
            case "nansum" -> Sum.apply(Where.apply(nan, ZERO, x), ax, keepDims);
            case "nanprod" -> Prod.apply(Where.apply(nan, ONE, x), ax, keepDims);
            case "nanmean" -> mean(x, nan, ax, keepDims);
            case "nanmax" -> allNan.apply(Max.apply(Where.apply(nan, Tensor.scalar(Float.NEGATIVE_INFINITY), x), ax,
                    keepDims));
            case "nanmin" -> allNan.apply(Min.apply(Where.apply(nan, Tensor.scalar(Float.POSITIVE_INFINITY), x), ax,
                    keepDims));
            case "nanvar" -> variance(x, nan, ax, keepDims);
            case "nanstd" -> Sqrt.apply(variance(x, nan, ax, keepDims));
            default -> argExtremum(name.equals("nanargmax"), x, nan, (Integer) axis, ax, keepDims);
        };
    }

    private static Tensor mean(Tensor x, Tensor nan, int[] ax, boolean keepDims) {
        Tensor count = Sum.apply(Logical.not(nan), ax, keepDims);
        return Divide.apply(Sum.apply(Where.apply(nan, ZERO, x), ax, keepDims), count);
    }

    /** jnp's _nanvar (ddof 0): the squared deviations from the nanmean, NaN where no value is left. */
    private static Tensor variance(Tensor x, Tensor nan, int[] ax, boolean keepDims) {
        Tensor centred = Where.apply(nan, ZERO, Subtract.apply(x, mean(x, nan, ax, true)));
        Tensor count = Sum.apply(Logical.not(nan), ax, keepDims);
        Tensor none = Comparison.lessEqual(count, ZERO);
        Tensor result = Where.apply(none, NAN, Sum.apply(Square.apply(centred), ax, keepDims));
        return Divide.apply(result, Where.apply(none, ONE, count));
    }

    /** argmax (argmin) of x with NaN as -inf (+inf); -1 where the slice is all NaN. An index: no gradient. */
    private static Tensor argExtremum(boolean max, Tensor x, Tensor nan, Integer axis, int[] ax, boolean keepDims) {
        Tensor filled = Where.apply(nan, Tensor.scalar(max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY),
                StopGradient.apply(x));
        Tensor index = max ? ArgMax.apply(filled, axis, keepDims) : ArgMin.apply(filled, axis, keepDims);
        return Where.apply(AnyAll.all(nan, ax, keepDims), Tensor.scalar(-1f), index);
    }

    /** The running sum (product) of x with NaN as 0 (1), along an axis or over x flattened. */
    static Tensor cumulative(String name, Tensor x, Integer axis) {
        Shape s = x.shape();
        boolean sum = name.equals("nancumsum");
        Integer a = axis == null ? null : Cumulative.axis(name, s, axis);
        if (x.isSymbolic()) {
            return OpSupport.record(spec(name).args(axis), a == null ? Cumulative.flat(s) : s,
                    in -> cumulative(name, in.get(0), axis), x);
        }
        Tensor clean = Where.apply(IsNan.apply(x), sum ? ZERO : ONE, x);
        return sum ? Cumsum.apply(clean, axis) : Cumprod.apply(clean, axis);
    }
}
