package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Samples an array at given coordinates, like {@code keras.ops.image.map_coordinates(inputs, coordinates, order,
 * fill_mode="constant", fill_value=0)} with Keras's JAX backend ({@code jax.scipy.ndimage.map_coordinates}):
 * {@code coordinates} has shape {@code (rank(inputs), ...)}, its row {@code d} the positions along axis {@code d},
 * and the result has shape {@code coordinates.shape[1:]}. Order 0 takes the nearest sample (half away from zero),
 * order 1 weighs the {@code 2^rank} neighbours linearly (weights multiplied in axis order, contributions summed in
 * JAX's order). A neighbour outside the array is mapped back by {@code fill_mode} ("nearest", "wrap", "mirror",
 * "reflect", as {@link AffineTransform}) or, with "constant", contributes {@code fill_value}.
 *
 * <p>Gradients, as JAX's: to the inputs, the transposed sampling (itself differentiable); to the coordinates with
 * order 1, the slope of the linear weights ({@code floor} taken as constant); with order 0, zero. The coordinate
 * gradient is first order only (its own gradient is not recorded).
 */
final class MapCoordinates {
    /** {@code keras.src.ops.image.MapCoordinates(order, fill_mode="constant", fill_value=0)}. */
    static final OpSpec SPEC = OpSpec.op("map_coordinates").keras(OpSpec.Module.IMAGE, "MapCoordinates").binary()
            .config("order", Type.INT).config("fill_mode", Type.STRING, "constant")
            .config("fill_value", Type.FLOAT, 0f)
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.integer("order"), a.string("fill_mode"),
                    a.number("fill_value")));

    private MapCoordinates() {
    }

    static Tensor apply(Tensor inputs, Tensor coordinates, int order, String fillMode, float fillValue) {
        Shape s = inputs.shape();
        Shape c = coordinates.shape();
        if (c.rank() < 2) {
            throw new ShapeException("map_coordinates: invalid coordinates rank: expected at least rank 2, got "
                    + "coordinates of shape " + c);
        }
        if (c.get(0) != Shape.UNKNOWN && c.get(0) != s.rank()) {
            throw new ShapeException("map_coordinates: the first dimension of coordinates must be the rank of inputs ("
                    + s.rank() + ", inputs " + s + "), got coordinates of shape " + c);
        }
        AffineTransform.checkFillMode("map_coordinates", fillMode);
        if (order != 0 && order != 1) {
            throw new IllegalArgumentException("map_coordinates: invalid value for argument order: expected 0 or 1, "
                    + "got " + order);
        }
        Shape out = c.subShape(1, c.rank());
        if (inputs.isSymbolic() || coordinates.isSymbolic()) {
            return OpSupport.record(SPEC.args(order, fillMode, fillValue), out,
                    in -> apply(in.get(0), in.get(1), order, fillMode, fillValue), inputs, coordinates);
        }
        for (int d = 0; d < s.rank(); d++) {
            if (s.get(d) == 0) {
                throw new ShapeException("map_coordinates: inputs of shape " + s + " have no element to sample");
            }
        }
        Taps taps = taps(s, OpSupport.data(coordinates), out.size(), order, fillMode);
        Tensor y = forward(inputs, taps, fillValue, out);
        OpSupport.gradient(y, inputs, coordinates, (g, needed) -> new Tensor[] {
            needed[0] ? transpose(g, taps, s) : null,
            needed[1] ? coordinateGradient(g, inputs, coordinates, order, fillMode, fillValue) : null});
        return y;
    }

    /** Each output's taps: flat input indices (-1 outside a constant-filled array) and weights. */
    private record Taps(int n, int[] index, float[] weight) {
    }

    private static Taps taps(Shape s, float[] coords, int points, int order, String mode) {
        int rank = s.rank();
        int n = order == 1 ? 1 << rank : 1;
        int[] index = new int[points * n];
        float[] weight = new float[points * n];
        int[] lo = new int[rank];
        float[] wLo = new float[rank];
        float[] wHi = new float[rank];
        for (int p = 0; p < points; p++) {
            axisWeights(coords, points, p, order, lo, wLo, wHi);
            for (int t = 0; t < n; t++) {
                float w = 1f;
                for (int d = 0; d < rank; d++) {
                    float wd = high(t, d, rank, order) ? wHi[d] : wLo[d];
                    w = d == 0 ? wd : w * wd;
                }
                index[p * n + t] = flatIndex(s, lo, t, order, mode);
                weight[p * n + t] = w;
            }
        }
        return new Taps(n, index, weight);
    }

    private static Tensor forward(Tensor x, Taps taps, float fill, Shape out) {
        float[] in = OpSupport.data(x);
        int points = out.size();
        float[] y = OpSupport.newArray(points);
        int n = taps.n;
        for (int p = 0; p < points; p++) {
            float acc = 0f;
            for (int t = 0; t < n; t++) {
                int at = taps.index[p * n + t];
                float v = taps.weight[p * n + t] * (at < 0 ? fill : in[at]);
                acc = t == 0 ? v : acc + v;
            }
            y[p] = acc;
        }
        return OpSupport.wrap(y, out);
    }

    private static Tensor transpose(Tensor g, Taps taps, Shape inShape) {
        float[] gv = OpSupport.data(g);
        float[] gx = OpSupport.newArray(inShape.size());
        java.util.Arrays.fill(gx, 0f);
        int n = taps.n;
        for (int p = 0; p < gv.length; p++) {
            for (int t = 0; t < n; t++) {
                int at = taps.index[p * n + t];
                if (at >= 0) {
                    gx[at] += taps.weight[p * n + t] * gv[p];
                }
            }
        }
        Tensor out = OpSupport.wrap(gx, inShape);
        Shape gShape = g.shape();
        // Linear in g: its gradient is the forward sampling with a zero fill.
        OpSupport.gradient(out, g, (gg, needed) -> new Tensor[] {forward(gg, taps, 0f, gShape)});
        return out;
    }

    /** {@code d out[p] / d coordinates[k, p]}: the weights' slopes (-1 low, +1 high) times the other weights. */
    private static Tensor coordinateGradient(Tensor g, Tensor inputs, Tensor coordinates, int order, String mode,
            float fill) {
        Shape c = coordinates.shape();
        float[] gc = new float[c.size()];
        if (order == 0) {
            return OpSupport.wrap(gc, c);
        }
        Shape s = inputs.shape();
        int rank = s.rank();
        float[] in = OpSupport.data(inputs);
        float[] coords = OpSupport.data(coordinates);
        float[] gv = OpSupport.data(g);
        int points = gv.length;
        int n = 1 << rank;
        int[] lo = new int[rank];
        float[] wLo = new float[rank];
        float[] wHi = new float[rank];
        for (int p = 0; p < points; p++) {
            axisWeights(coords, points, p, 1, lo, wLo, wHi);
            for (int t = 0; t < n; t++) {
                int flat = flatIndex(s, lo, t, 1, mode);
                float v = (flat < 0 ? fill : in[flat]) * gv[p];
                for (int k = 0; k < rank; k++) {
                    float w = 1f;
                    for (int d = 0; d < rank; d++) {
                        if (d != k) {
                            w *= high(t, d, rank, 1) ? wHi[d] : wLo[d];
                        }
                    }
                    gc[k * points + p] += (high(t, k, rank, 1) ? w : -w) * v;
                }
            }
        }
        return OpSupport.wrap(gc, c);
    }

    /** Point p's lower (or nearest) index and its two weights along each axis, as JAX's interpolation nodes. */
    private static void axisWeights(float[] coords, int points, int p, int order, int[] lo, float[] wLo,
            float[] wHi) {
        for (int d = 0; d < lo.length; d++) {
            float v = coords[d * points + p];
            if (order == 0) {
                lo[d] = roundHalfAway(v);
                wLo[d] = 1f;
            } else {
                float f = (float) Math.floor(v);
                wHi[d] = v - f;
                wLo[d] = 1 - wHi[d];
                lo[d] = (int) f;
            }
        }
    }

    /** Whether tap t takes the upper node on axis d (itertools.product order: the first axis varies slowest). */
    private static boolean high(int t, int d, int rank, int order) {
        return order == 1 && ((t >> (rank - 1 - d)) & 1) == 1;
    }

    /** Tap t's flat input index, fixed by the mode; -1 when any axis falls outside with "constant". */
    private static int flatIndex(Shape s, int[] lo, int t, int order, String mode) {
        int flat = 0;
        for (int d = 0; d < lo.length; d++) {
            int size = s.get(d);
            int fixed = AffineTransform.fix(lo[d] + (high(t, d, lo.length, order) ? 1 : 0), size, mode);
            flat = flat < 0 || fixed < 0 ? -1 : flat * size + fixed;
        }
        return flat;
    }

    /** {@code lax.round}: half away from zero. */
    private static int roundHalfAway(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }
}
