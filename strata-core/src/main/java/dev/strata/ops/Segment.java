package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The segment reductions of {@code keras.ops.segment_sum}, {@code segment_max}, {@code segment_min} and
 * {@code segment_prod} with the JAX backend ({@code jax.ops.segment_*}): row i of data (its first axis) goes into
 * segment {@code segment_ids[i]}; the result has {@code num_segments} rows, {@code (num_segments,) + data.shape[1:]}.
 * Rows whose id is outside {@code [0, num_segments)} are dropped, as JAX's; an empty segment holds the reduction's
 * identity (0, -inf, +inf, 1); a NaN in a segment makes its max, min, sum or product NaN. {@code num_segments} is
 * required, as Keras's JAX backend requires it; {@code sorted} is Keras's hint that the ids are sorted, recorded for
 * saving and not needed: the result is the same either way. The ids are whole numbers held in float32.
 *
 * <p>Gradients, as JAX's: segment_sum gives each row the gradient of its segment; segment_max and segment_min give it
 * to the rows equal to their segment's result, split equally among ties; segment_prod has none, since JAX cannot
 * differentiate it ({@code scatter_mul} gradients need unique indices): asking for it is an error. The ids have none.
 */
final class Segment {
    /** The four reductions. */
    enum Kind {
        SUM("segmentSum", 0), MAX("segmentMax", Double.NEGATIVE_INFINITY), MIN("segmentMin", Double.POSITIVE_INFINITY),
        PROD("segmentProd", 1);

        final String op;
        final double identity;

        Kind(String op, double identity) {
            this.op = op;
            this.identity = identity;
        }
    }

    /** {@code keras.ops.segment_sum(data, segment_ids, num_segments=None, sorted=False)}. */
    static final OpSpec SUM = spec("segment_sum", "SegmentSum", Kind.SUM);
    /** {@code keras.ops.segment_max(data, segment_ids, num_segments=None, sorted=False)}. */
    static final OpSpec MAX = spec("segment_max", "SegmentMax", Kind.MAX);
    /** {@code keras.ops.segment_min(data, segment_ids, num_segments=None, sorted=False)}. */
    static final OpSpec MIN = spec("segment_min", "SegmentMin", Kind.MIN);
    /** {@code keras.ops.segment_prod(data, segment_ids, num_segments=None, sorted=False)}. */
    static final OpSpec PROD = spec("segment_prod", "SegmentProd", Kind.PROD);

    private Segment() {
    }

    private static OpSpec spec(String name, String kerasClass, Kind kind) {
        return OpSpec.op(name).math(kerasClass).binary().config("num_segments", Type.OPTIONAL_INT)
                .config("sorted", Type.BOOL, false)
                .rebuild((in, args) -> apply(kind, in.get(0), in.get(1), args.optionalInt("num_segments"),
                        args.bool("sorted")));
    }

    static Tensor apply(Kind kind, Tensor data, Tensor segmentIds, Integer numSegments, boolean sorted) {
        Shape s = data.shape();
        Shape is = segmentIds.shape();
        if (numSegments == null) {
            throw new IllegalArgumentException(kind.op + ": num_segments must be set (Keras's JAX backend requires "
                    + "it), got None for data of shape " + s);
        }
        if (numSegments < 0) {
            throw new IllegalArgumentException(kind.op + ": num_segments must be non-negative, got " + numSegments);
        }
        if (s.rank() < 1) {
            throw new ShapeException(kind.op + ": data must have rank >= 1 (segments are rows of its first axis), got "
                    + "shape " + s);
        }
        if (is.rank() != 1) {
            throw new ShapeException(kind.op + ": segment_ids must be a vector (rank 1), got shape " + is
                    + "; flatten it and data's leading axes first");
        }
        if (is.get(0) != Shape.UNKNOWN && s.get(0) != Shape.UNKNOWN && is.get(0) != s.get(0)) {
            throw new ShapeException(kind.op + ": segment_ids and data must have the same leading dimension, got "
                    + "shapes " + is + " and " + s);
        }
        Shape out = s.withDim(0, numSegments);
        if (data.isSymbolic() || segmentIds.isSymbolic()) {
            OpSpec spec = switch (kind) {
                case SUM -> SUM;
                case MAX -> MAX;
                case MIN -> MIN;
                case PROD -> PROD;
            };
            return OpSupport.record(spec.args(numSegments, sorted), out,
                    in -> apply(kind, in.get(0), in.get(1), numSegments, sorted), data, segmentIds);
        }
        int rows = s.get(0);
        int inner = rowSize(s);
        int[] ids = ids(kind, segmentIds, numSegments);
        float[] x = OpSupport.data(data);
        double[] acc = new double[numSegments * inner];
        java.util.Arrays.fill(acc, kind.identity);
        for (int r = 0; r < rows; r++) {
            int seg = ids[r];
            if (seg < 0) {
                continue;
            }
            int src = r * inner;
            int dst = seg * inner;
            for (int j = 0; j < inner; j++) {
                double v = x[src + j];
                double a = acc[dst + j];
                acc[dst + j] = switch (kind) {
                    // Math.max/min propagate NaN, as XLA's scatter max and min
                    case SUM -> a + v;
                    case MAX -> Math.max(a, v);
                    case MIN -> Math.min(a, v);
                    case PROD -> a * v;
                };
            }
        }
        float[] r = OpSupport.newArray(acc.length);
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) acc[i];
        }
        Tensor y = OpSupport.wrap(r, out);
        OpSupport.gradient(y, data, (g, needed) -> new Tensor[] {gradient(kind, g, x, r, ids, s, inner)});
        return y;
    }

    /**
     * The gradient for data: g's row of each row's segment (a gather, so differentiable), times a constant weight
     * (0 for dropped rows; for max and min, 1/ties where the row equals its segment's result, else 0).
     */
    private static Tensor gradient(Kind kind, Tensor g, float[] x, float[] y, int[] ids, Shape s, int inner) {
        if (kind == Kind.PROD) {
            throw new UnsupportedOperationException("segmentProd: no gradient; Keras's JAX backend cannot "
                    + "differentiate segment_prod either (scatter_mul gradients are only implemented for unique "
                    + "indices)");
        }
        int rows = ids.length;
        int[] map = new int[rows * inner];
        float[] w = new float[rows * inner];
        int[] ties = kind == Kind.SUM ? null : new int[y.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < inner; j++) {
                int p = r * inner + j;
                int q = ids[r] * inner + j;
                map[p] = Math.max(q, 0);
                if (ids[r] >= 0) {
                    boolean hit = kind == Kind.SUM || x[p] == y[q];
                    w[p] = hit ? 1f : 0f;
                    if (ties != null && hit) {
                        ties[q]++;
                    }
                }
            }
        }
        if (ties != null) {
            for (int p = 0; p < w.length; p++) {
                if (w[p] != 0) {
                    w[p] = 1f / ties[map[p]];
                }
            }
        }
        if (y.length == 0) {
            return Tensor.zeros(s);
        }
        return Multiply.apply(Gather.apply(g, map, 1, s), Tensor.of(w, s));
    }

    /** The elements in one row (data.shape[1:]), even when there are no rows. */
    private static int rowSize(Shape s) {
        int n = 1;
        for (int i = 1; i < s.rank(); i++) {
            n *= s.get(i);
        }
        return n;
    }

    /** The ids as ints, -1 for rows outside {@code [0, numSegments)}; fractions and NaN are errors. */
    private static int[] ids(Kind kind, Tensor segmentIds, int numSegments) {
        float[] v = OpSupport.data(segmentIds);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            float f = v[i];
            if (f != Math.rint(f)) {
                throw new IllegalArgumentException(kind.op + ": segment_ids must be whole numbers, got " + f
                        + " at index " + i);
            }
            out[i] = f >= 0 && f < numSegments ? (int) f : -1;
        }
        return out;
    }
}
