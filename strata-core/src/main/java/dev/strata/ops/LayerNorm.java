package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.internal.kernels.ReduceOp;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Layer normalization over axes, as {@code keras.ops.layer_normalization} on JAX: the mean and variance over the
 * axes ({@link Moments}, kept dimensions), then {@link BatchNorm#normalize}'s {@code x·inv + (-mean·inv + beta)}
 * with {@code inv = rsqrt(variance + epsilon)·gamma}. gamma and beta have the shape of x's normalized dimensions
 * (as a vector when one axis is normalized); epsilon None is Keras's {@code backend.epsilon()}, 1e-7. The
 * LayerNormalization layer computes the same. Keras's deprecated {@code rms_scaling} is not supported (use
 * {@code rms_normalization}).
 */
final class LayerNorm {
    /** Keras's {@code backend.epsilon()}, what an epsilon of None means. */
    static final float BACKEND_EPSILON = 1e-7f;

    /** {@code keras.ops.layer_normalization(x, gamma=None, beta=None, axis=-1, epsilon=None)}. */
    static final OpSpec SPEC = OpSpec.op("layer_normalization").nn("LayerNorm").variadic(3)
            .config("axis", Type.INT_OR_INTS, -1).config("epsilon", Type.OPTIONAL_FLOAT)
            .fixed("rms_scaling", false, "Keras deprecated it (it scales by the variance); use rms_normalization")
            .rebuild((in, args) -> apply(in.get(0), BatchNorm.at(in, 1), BatchNorm.at(in, 2),
                    axes(args.value("axis")), args.optionalNumber("epsilon")));

    private LayerNorm() {
    }

    /** An {@link Type#INT_OR_INTS} value as axes. */
    static int[] axes(Object axis) {
        return axis instanceof Integer i ? new int[] {i} : ((int[]) axis).clone();
    }

    /** How an axis argument is recorded: a lone axis as Keras's int, several as a list. */
    static Object axisArg(int[] axes) {
        return axes.length == 1 ? (Object) axes[0] : axes.clone();
    }

    static Tensor apply(Tensor x, Tensor gamma, Tensor beta, int[] axes, Float epsilon) {
        Shape s = x.shape();
        int[] ax = Reductions.axes("layerNormalization", s, axes);
        if (ax.length == 0) {
            throw new ShapeException("layerNormalization: axis must name at least one axis of x, of shape " + s);
        }
        int[] b = new int[s.rank()];
        java.util.Arrays.fill(b, 1);
        for (int a : ax) {
            b[a] = s.get(a);
        }
        Shape normalized = Shape.of(java.util.Arrays.stream(ax).map(s::get).toArray());
        check("gamma", gamma, normalized, s);
        check("beta", beta, normalized, s);
        boolean symbolic = x.isSymbolic() || (gamma != null && gamma.isSymbolic())
                || (beta != null && beta.isSymbolic());
        if (symbolic) {
            Tensor[] in = gamma == null && beta == null ? new Tensor[] {x}
                    : new Tensor[] {x, gamma != null ? gamma : Tensor.ones(normalized),
                        beta != null ? beta : Tensor.zeros(normalized)};
            return OpSupport.record(SPEC.args(axisArg(axes), epsilon), s,
                    t -> apply(t.get(0), BatchNorm.at(t, 1), BatchNorm.at(t, 2), axes, epsilon), in);
        }
        float eps = epsilon == null ? BACKEND_EPSILON : epsilon;
        if (!Tape.isRecording()) {
            Tensor fused = fused(x, gamma, beta, ax, b, eps);
            if (fused != null) {
                return fused;
            }
        }
        Tensor mean = Mean.apply(x, ax, true);
        Tensor variance = Variance.apply(x, ax, true);
        boolean last = ax.length == 1 && ax[0] == s.rank() - 1;
        return BatchNorm.normalize(x, mean, variance, eps, broadcast(gamma, b, s, last),
                broadcast(beta, b, s, last));
    }

    /** Rows per thread below which the fused pass stays on one thread. */
    private static final int SPLIT_ELEMENTS = 1 << 14;

    /**
     * The inference pass: normalized axes that are x's trailing block, so each sample is one contiguous row, and
     * gamma/beta absent or one value per row element. One pass per row (its mean, variance, and the normalized
     * row), rows shared among threads, instead of the ~6 whole-tensor passes of the ops. The same operations in
     * the same order as the ops, so the same bits: each row's sums are the same {@code reduce} calls as
     * {@link Reductions#reduce}'s, and the rsqrt of all rows' {@code variance + epsilon} is one {@code unary}
     * call as {@link Rsqrt} makes (its vector and scalar forms differ in the last bit, and which one a row gets
     * depends on its position in that call). Null when the shapes do not fit.
     */
    private static Tensor fused(Tensor x, Tensor gamma, Tensor beta, int[] ax, int[] b, float eps) {
        Shape s = x.shape();
        int rank = s.rank();
        if (ax[ax.length - 1] != rank - 1 || ax[0] != rank - ax.length) {
            return null;
        }
        int n = 1;
        for (int a : ax) {
            n *= s.get(a);
        }
        int size = (int) s.size();
        if (n == 0 || size == 0 || !fits(gamma, n, b) || !fits(beta, n, b)) {
            return null;
        }
        int rows = size / n;
        int len = n;
        float[] in = OpSupport.data(x);
        float[] g = gamma == null ? null : OpSupport.data(gamma);
        float[] bt = beta == null ? null : OpSupport.data(beta);
        float scale = 1f / n; // Mean's multiplier
        float[] mean = new float[rows];
        float[] inv = new float[rows];
        Kernels k = KernelProvider.get();
        int minRows = Math.max(1, SPLIT_ELEMENTS / n);
        Parallelism.forRange(rows, minRows, (r0, r1) -> {
            float[] sq = new float[len];
            for (int r = r0; r < r1; r++) {
                int off = r * len;
                float m = k.reduce(ReduceOp.SUM, in, off, len) * scale;
                for (int j = 0; j < len; j++) {
                    float c = in[off + j] - m;
                    sq[j] = c * c;
                }
                mean[r] = m;
                inv[r] = k.reduce(ReduceOp.SUM, sq, 0, len) * scale + eps;
            }
        });
        k.unary(UnaryOp.RSQRT, inv, 0, inv, 0, rows);
        float[] out = OpSupport.newArray(size);
        Parallelism.forRange(rows, minRows, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                row(in, r * len, len, mean[r], inv[r], g, bt, out);
            }
        });
        return OpSupport.wrap(out, s);
    }

    /** One row: {@code x·i + (-mean·i + beta)} with {@code i = rsqrt·gamma}, as BatchNorm.normalize's ops. */
    private static void row(float[] in, int off, int n, float mean, float rsqrt, float[] gamma, float[] beta,
                            float[] out) {
        float negMean = -mean;
        // plain loops (C2 vectorizes them; no fused multiply-add, so the bits are the ops')
        if (gamma != null && beta != null) {
            for (int j = 0; j < n; j++) {
                float i = rsqrt * gamma[j];
                out[off + j] = in[off + j] * i + (negMean * i + beta[j]);
            }
            return;
        }
        for (int j = 0; j < n; j++) {
            float i = gamma == null ? rsqrt : rsqrt * gamma[j];
            float res = beta == null ? negMean * i : negMean * i + beta[j];
            out[off + j] = in[off + j] * i + res;
        }
    }

    /** Absent, or one value per element of a row (the normalized shape, or that shape with x's leading ones). */
    private static boolean fits(Tensor p, int n, int[] b) {
        if (p == null) {
            return true;
        }
        if (p.isSymbolic() || p.shape().size() != n) {
            return false;
        }
        return p.rank() != b.length || p.shape().equals(Shape.of(b));
    }

    /** Keras's {@code _broadcast}: a parameter not of x's rank is reshaped, unless only the last axis is normalized. */
    private static Tensor broadcast(Tensor v, int[] b, Shape x, boolean last) {
        return v == null || v.rank() == x.rank() || last ? v : Reshape.apply(v, b);
    }

    private static void check(String what, Tensor t, Shape normalized, Shape x) {
        if (t != null && t.rank() != x.rank() && !t.shape().isCompatibleWith(normalized)) {
            throw new ShapeException("layerNormalization: " + what + " must have the shape of x's normalized "
                    + "dimensions " + normalized + " (x of shape " + x + "), got shape " + t.shape());
        }
    }
}
