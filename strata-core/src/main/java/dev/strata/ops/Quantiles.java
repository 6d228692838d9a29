package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quantiles along axes, as {@code jnp.quantile} computes them (the JAX backend's): the values are sorted along the
 * reduced axes (moved last and flattened), the position {@code q·(n − 1)} (float32) gives a lower and an upper sorted
 * element and weights, and the method combines them: {@code linear} (interpolates), {@code lower}, {@code higher},
 * {@code midpoint} (their mean) and {@code nearest} (the lower one when the fraction is at most 0.5, as JAX's; numpy
 * rounds half to even). median is quantile 0.5 by midpoint, percentile is quantile {@code q / 100}. Without
 * {@code nan}, a slice holding a NaN gives NaN; the {@code nan*} forms leave NaNs out (an all-NaN slice gives NaN).
 * The axis is one axis, several (reduced together, as one flattened axis) or None (all); it is saved as given (an
 * integer or a list), which is what Keras writes. Keras 3.15's JAX backend cannot run these nodes with a list axis
 * read from a config (jnp takes the axis as a hashable static argument; median alone makes it a tuple), and its
 * Quantile.call drops {@code method}: tools/keras-interop/check_config.py works around both.
 *
 * <p>The result is the sorted values gathered at the chosen positions, so the gradient goes to the selected elements
 * with their weights, and among equal values to the one a stable sort puts there, as JAX's; NaN positions get none.
 */
final class Quantiles {
    private static final String METHODS = "'linear', 'lower', 'higher', 'midpoint' or 'nearest'";

    /** {@code keras.ops.quantile(x, q, axis=None, method="linear", keepdims=False)}. */
    static final OpSpec QUANTILE = spec("quantile", "Quantile");
    /** {@code keras.ops.percentile(x, q, axis=None, method="linear", keepdims=False)}. */
    static final OpSpec PERCENTILE = spec("percentile", "Percentile");
    /** {@code keras.ops.nanquantile(x, q, axis=None, method="linear", keepdims=False)}. */
    static final OpSpec NANQUANTILE = spec("nanquantile", "Nanquantile");
    /** {@code keras.ops.nanpercentile(x, q, axis=None, method="linear", keepdims=False)}. */
    static final OpSpec NANPERCENTILE = spec("nanpercentile", "Nanpercentile");
    /** {@code keras.ops.median(x, axis=None, keepdims=False)}. */
    static final OpSpec MEDIAN = OpSpec.op("median").numpy("Median")
            .config("axis", Type.OPTIONAL_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> median(in.get(0), args.ints("axis"), args.bool("keepdims"), false));
    /** {@code keras.ops.nanmedian(x, axis=None, keepdims=False)}: one axis or all. */
    static final OpSpec NANMEDIAN = OpSpec.op("nanmedian").numpy("Nanmedian")
            .config("axis", Type.OPTIONAL_INT_OR_INTS).config("keepdims", Type.BOOL, false)
            .rebuild((in, args) -> median(in.get(0), args.value("axis"), args.bool("keepdims"), true));

    /**
     * The q-taking ops' spec: q is the positional argument after x (a number; a list of q's is recorded as one node
     * per q, stacked), the axis an integer, a list of them or None.
     */
    private static OpSpec spec(String name, String kerasClass) {
        return OpSpec.op(name).numpy(kerasClass).config("axis", Type.OPTIONAL_INT_OR_INTS)
                .config("method", Type.STRING, "linear").config("keepdims", Type.BOOL, false)
                .positional("q", Type.FLOAT)
                .rebuild((in, args) -> apply(name, in.get(0), new float[] {args.number("q")}, true,
                        args.value("axis"), args.string("method"), args.bool("keepdims")));
    }

    private Quantiles() {
    }

    /** {@code axis}: null (all), an {@code Integer} or an {@code int[]}, recorded as given (Keras writes -1 as -1). */
    static Tensor median(Tensor x, Object axis, boolean keepDims, boolean nan) {
        String name = nan ? "nanmedian" : "median";
        int[] ax = Reductions.axes(name, x.shape(), Reductions.given(axis));
        if (x.isSymbolic()) {
            // Median's config holds a list (Keras makes an int axis [axis]); Nanmedian's holds the axis as given
            Object axisArg = nan ? Reductions.copy(axis) : Reductions.given(axis);
            return OpSupport.record((nan ? NANMEDIAN : MEDIAN).args(axisArg, keepDims),
                    Reductions.shape(x.shape(), ax, keepDims), in -> median(in.get(0), axisArg, keepDims, nan), x);
        }
        return concrete(name, x, new float[] {0.5f}, true, ax, "midpoint", keepDims, nan);
    }

    /**
     * The quantile-family op {@code name} ("quantile", "percentile", "nanquantile", "nanpercentile") of x at
     * {@code q} (percentages for the percentile ops); {@code scalarQ}: q is one number, so the result has no q axis;
     * {@code axis}: null (all), an {@code Integer} or an {@code int[]}, recorded as given.
     */
    static Tensor apply(String name, Tensor x, float[] q, boolean scalarQ, Object axis, String method,
                        boolean keepDims) {
        if (!List.of("linear", "lower", "higher", "midpoint", "nearest").contains(method)) {
            throw new IllegalArgumentException(name + ": method must be " + METHODS + ", got '" + method + "'");
        }
        boolean percent = name.endsWith("percentile");
        float[] fractions = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            float max = percent ? 100f : 1f;
            if (!(q[i] >= 0f && q[i] <= max)) {
                throw new IllegalArgumentException(name + ": q must be in [0, " + (percent ? "100" : "1") + "], got "
                        + q[i] + " (x of shape " + x.shape() + ")");
            }
            fractions[i] = percent ? q[i] / 100f : q[i];
        }
        int[] ax = Reductions.axes(name, x.shape(), Reductions.given(axis));
        if (x.isSymbolic()) {
            OpSpec spec = switch (name) {
                case "quantile" -> QUANTILE;
                case "percentile" -> PERCENTILE;
                case "nanquantile" -> NANQUANTILE;
                default -> NANPERCENTILE;
            };
            Object axisArg = Reductions.copy(axis);
            Shape out = Reductions.shape(x.shape(), ax, keepDims);
            List<Tensor> nodes = new ArrayList<>();
            for (float v : q) {
                nodes.add(OpSupport.record(spec.args(axisArg, method, keepDims, v), out,
                        in -> apply(name, in.get(0), new float[] {v}, true, axisArg, method, keepDims), x));
            }
            return scalarQ ? nodes.getFirst() : Stack.apply(nodes, 0);
        }
        return concrete(name, x, fractions, scalarQ, ax, method, keepDims, name.startsWith("nan"));
    }

    private static Tensor concrete(String name, Tensor x, float[] q, boolean scalarQ, int[] ax, String method,
                                   boolean keepDims, boolean squashNans) {
        Shape s = x.shape();
        int n = Reductions.count(s, ax);
        if (n == 0) {
            throw new ShapeException(name + ": cannot take a quantile of x of shape " + s + " over axes "
                    + Arrays.toString(ax) + ", which hold no elements");
        }
        // the reduced axes last, flattened: (rows, n)
        int[] perm = new int[s.rank()];
        int j = 0;
        for (int i = 0; i < s.rank(); i++) {
            if (Arrays.binarySearch(ax, i) < 0) {
                perm[j++] = i;
            }
        }
        for (int a : ax) {
            perm[j++] = a;
        }
        int rows = s.size() / n;
        Tensor moved = isIdentity(perm) ? x : Transpose.apply(x, perm);
        Tensor flat = Reshape.apply(moved, rows, n);
        float[] v = OpSupport.data(flat);
        int[] counts = new int[rows];
        boolean anyNan = false;
        float[] nanMask = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (Float.isNaN(v[r * n + i])) {
                    anyNan = true;
                    nanMask[r * n + i] = 1f;
                } else {
                    c++;
                }
            }
            counts[r] = squashNans ? c : n;
            if (!squashNans && c < n) {
                Arrays.fill(nanMask, r * n, (r + 1) * n, 1f); // a NaN makes its whole slice NaN
            }
        }
        if (anyNan) { // as JAX's where(isnan, nan, x): no gradient to the NaN positions
            flat = Where.apply(OpSupport.wrap(nanMask, flat.shape()), Tensor.scalar(Float.NaN), flat);
        }
        Tensor sorted = Sort.apply(flat, 1);
        int nq = q.length;
        float[] low = new float[rows * nq];
        float[] high = new float[rows * nq];
        float[] lowWeight = new float[rows * nq];
        float[] highWeight = new float[rows * nq];
        for (int r = 0; r < rows; r++) {
            float last = counts[r] - 1;
            for (int k = 0; k < nq; k++) {
                float pos = q[k] * last;
                float lo = (float) Math.floor(pos);
                float hi = (float) Math.ceil(pos);
                float hw = pos - lo;
                int p = r * nq + k;
                highWeight[p] = hw;
                lowWeight[p] = 1f - hw;
                low[p] = Math.max(0f, Math.min(lo, last));
                high[p] = Math.max(0f, Math.min(hi, last));
                if (method.equals("nearest")) {
                    low[p] = hw <= 0.5f ? low[p] : high[p];
                }
            }
        }
        Shape qs = Shape.of(rows, nq);
        Tensor lowValue = TakeAlongAxis.apply(sorted, OpSupport.wrap(low, qs), 1);
        Tensor result = switch (method) {
            case "lower", "nearest" -> lowValue;
            case "higher" -> TakeAlongAxis.apply(sorted, OpSupport.wrap(high, qs), 1);
            case "midpoint" -> Multiply.apply(Add.apply(lowValue, TakeAlongAxis.apply(sorted,
                    OpSupport.wrap(high, qs), 1)), Tensor.scalar(0.5f));
            default -> Add.apply(Multiply.apply(lowValue, OpSupport.wrap(lowWeight, qs)),
                    Multiply.apply(TakeAlongAxis.apply(sorted, OpSupport.wrap(high, qs), 1),
                            OpSupport.wrap(highWeight, qs)));
        };
        // (rows, nq) -> (nq, kept dims...) or (nq, dims with 1 at the reduced axes)
        Shape kept = Reductions.shape(s, ax, keepDims);
        Tensor byQ = Transpose.apply(result, new int[] {1, 0});
        return Reshape.apply(byQ, scalarQ ? kept : kept.prepend(nq));
    }

    private static boolean isIdentity(int[] perm) {
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] != i) {
                return false;
            }
        }
        return true;
    }
}
