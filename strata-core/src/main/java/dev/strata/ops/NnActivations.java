package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * The activations of {@code keras.ops.nn} that are compositions of other ops (one Keras class each, one
 * {@code SPEC} each): given symbolic x each records one node under its Keras class; given a concrete x each
 * computes the formula of JAX's backend ({@code jax.nn} or Keras's own {@code jnp.where} form) with Strata's ops,
 * whose gradients compose to JAX's. {@link dev.strata.activations.Activations} calls these, so the formulas live
 * here once.
 */
final class NnActivations {
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);

    /** {@code keras.ops.celu(x, alpha=1.0)}. */
    static final OpSpec CELU = OpSpec.op("celu").nn("Celu").config("alpha", Type.FLOAT, 1f)
            .rebuild((in, args) -> celu(in.get(0), args.number("alpha")));
    /** {@code keras.ops.glu(x, axis=-1)}. */
    static final OpSpec GLU = OpSpec.op("glu").nn("Glu").config("axis", Type.INT, -1)
            .rebuild((in, args) -> glu(in.get(0), args.integer("axis")));
    /** {@code keras.ops.hard_shrink(x, threshold=0.5)}. */
    static final OpSpec HARD_SHRINK = OpSpec.op("hard_shrink").nn("HardShrink").config("threshold", Type.FLOAT, 0.5f)
            .rebuild((in, args) -> hardShrink(in.get(0), args.number("threshold")));
    /** {@code keras.ops.hard_silu(x)} (also {@code hard_swish}). */
    static final OpSpec HARD_SILU = OpSpec.op("hard_silu").nn("HardSilu")
            .rebuild((in, args) -> hardSilu(in.get(0)));
    /** {@code keras.ops.hard_tanh(x)}. */
    static final OpSpec HARD_TANH = OpSpec.op("hard_tanh").nn("HardTanh")
            .rebuild((in, args) -> hardTanh(in.get(0)));
    /** {@code keras.ops.log_sigmoid(x)}. */
    static final OpSpec LOG_SIGMOID = OpSpec.op("log_sigmoid").nn("LogSigmoid")
            .rebuild((in, args) -> logSigmoid(in.get(0)));
    /** {@code keras.ops.soft_shrink(x, threshold=0.5)}. */
    static final OpSpec SOFT_SHRINK = OpSpec.op("soft_shrink").nn("SoftShrink").config("threshold", Type.FLOAT, 0.5f)
            .rebuild((in, args) -> softShrink(in.get(0), args.number("threshold")));
    /** {@code keras.ops.sparse_plus(x)}. */
    static final OpSpec SPARSE_PLUS = OpSpec.op("sparse_plus").nn("SparsePlus")
            .rebuild((in, args) -> sparsePlus(in.get(0)));
    /** {@code keras.ops.sparse_sigmoid(x)}. */
    static final OpSpec SPARSE_SIGMOID = OpSpec.op("sparse_sigmoid").nn("SparseSigmoid")
            .rebuild((in, args) -> sparseSigmoid(in.get(0)));
    /** {@code keras.ops.sparsemax(x, axis=-1)}. */
    static final OpSpec SPARSEMAX = OpSpec.op("sparsemax").nn("Sparsemax").config("axis", Type.INT, -1)
            .rebuild((in, args) -> sparsemax(in.get(0), args.integer("axis")));
    /** {@code keras.ops.squareplus(x, b=4)}. */
    static final OpSpec SQUAREPLUS = OpSpec.op("squareplus").nn("Squareplus").config("b", Type.FLOAT, 4f)
            .rebuild((in, args) -> squareplus(in.get(0), args.number("b")));
    /** {@code keras.ops.tanh_shrink(x)}. */
    static final OpSpec TANH_SHRINK = OpSpec.op("tanh_shrink").nn("TanhShrink")
            .rebuild((in, args) -> tanhShrink(in.get(0)));
    /** {@code keras.ops.threshold(x, threshold, default_value)}. */
    static final OpSpec THRESHOLD = OpSpec.op("threshold").nn("Threshold").config("threshold", Type.FLOAT)
            .config("default_value", Type.FLOAT)
            .rebuild((in, args) -> threshold(in.get(0), args.number("threshold"), args.number("default_value")));

    private NnActivations() {
    }

    /** One node when x is symbolic (same shape), else {@code f(x)}. */
    private static Tensor unary(OpSpec.Args args, Tensor x, UnaryOperator<Tensor> f) {
        if (x.isSymbolic()) {
            return OpSupport.record(args, x.shape(), in -> f.apply(in.get(0)), x);
        }
        return f.apply(x);
    }

    /** {@code max(x, 0) + alpha·expm1(min(x, 0) / alpha)}, the expm1 as {@code elu} of a non-positive value. */
    static Tensor celu(Tensor x, float alpha) {
        return unary(CELU.args(alpha), x, v -> Add.apply(Relu.apply(v),
                Multiply.apply(Elu.apply(Divide.apply(Minimum.apply(v, ZERO), Tensor.scalar(alpha)), 1f),
                        Tensor.scalar(alpha))));
    }

    /** {@code a·sigmoid(b)} for the two halves a, b of x along axis (whose size must be even). */
    static Tensor glu(Tensor x, int axis) {
        Shape s = x.shape();
        int ax = Reductions.axes("glu", s, new int[] {axis})[0];
        int n = s.get(ax);
        if (n != Shape.UNKNOWN && n % 2 != 0) {
            throw new ShapeException("glu: axis " + axis + " of x must have an even size (it is split in two "
                    + "halves), got shape " + s);
        }
        if (x.isSymbolic()) {
            return OpSupport.record(GLU.args(axis), n == Shape.UNKNOWN ? s : s.withDim(ax, n / 2),
                    in -> glu(in.get(0), axis), x);
        }
        int[] start = new int[s.rank()];
        int[] size = s.toArray();
        size[ax] = n / 2;
        Tensor a = Slice.apply(x, start, size);
        start[ax] = n / 2;
        Tensor b = Slice.apply(x, start.clone(), size);
        return Multiply.apply(a, Sigmoid.apply(b));
    }

    /** x where {@code |x| > threshold}, else 0. */
    static Tensor hardShrink(Tensor x, float threshold) {
        return unary(HARD_SHRINK.args(threshold), x,
                v -> Where.apply(Comparison.greater(Abs.apply(v), Tensor.scalar(threshold)), v, ZERO));
    }

    /** {@code x·hard_sigmoid(x)}. */
    static Tensor hardSilu(Tensor x) {
        return unary(HARD_SILU.args(), x, v -> Multiply.apply(v, HardSigmoid.apply(v)));
    }

    /** 1 above 1, -1 below -1, else x (JAX's {@code where} form: the gradient at ±1 is 1). */
    static Tensor hardTanh(Tensor x) {
        return unary(HARD_TANH.args(), x, v -> Where.apply(Comparison.greater(v, ONE), ONE,
                Where.apply(Comparison.less(v, Tensor.scalar(-1f)), Tensor.scalar(-1f), v)));
    }

    /** {@code -softplus(-x)}. */
    static Tensor logSigmoid(Tensor x) {
        return unary(LOG_SIGMOID.args(), x, v -> Negative.apply(Softplus.apply(Negative.apply(v))));
    }

    /** {@code x - threshold} above threshold, {@code x + threshold} below -threshold, else 0. */
    static Tensor softShrink(Tensor x, float threshold) {
        Tensor t = Tensor.scalar(threshold);
        return unary(SOFT_SHRINK.args(threshold), x, v -> Where.apply(Comparison.greater(v, t), Subtract.apply(v, t),
                Where.apply(Comparison.less(v, Tensor.scalar(-threshold)), Add.apply(v, t), ZERO)));
    }

    /** 0 for {@code x <= -1}, x for {@code x >= 1}, else {@code (x + 1)²/4}. */
    static Tensor sparsePlus(Tensor x) {
        return unary(SPARSE_PLUS.args(), x, v -> Where.apply(Comparison.lessEqual(v, Tensor.scalar(-1f)), ZERO,
                Where.apply(Comparison.greaterEqual(v, ONE), v,
                        Divide.apply(Square.apply(Add.apply(v, ONE)), Tensor.scalar(4f)))));
    }

    /**
     * {@code clip(x + 1, 0, 2)·0.5}. Its own gradient rule, JAX's: 0.5 inside {@code (-1, 1)}, 0 outside, and 0.25
     * at ±1, where jnp.clip's maximum and minimum split a tie (Strata's clip passes it whole).
     */
    static Tensor sparseSigmoid(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(SPARSE_SIGMOID.args(), x.shape(), in -> sparseSigmoid(in.get(0)), x);
        }
        Tensor y = Pointwise.map(x, v -> Math.min(Math.max(v + 1f, 0f), 2f) * 0.5f);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(g,
                Pointwise.map(x, v -> v > -1f && v < 1f ? 0.5f : v == -1f || v == 1f ? 0.25f : 0f))});
        return y;
    }

    /**
     * Sparsemax along axis (Martins and Astudillo, 2016), as Keras's JAX backend: sort descending, the support
     * {@code 1 + k·z_(k) > Σ_{j<=k} z_(j)}, {@code tau = (Σ_support z - 1) / |support|}, {@code max(x - tau, 0)}.
     */
    static Tensor sparsemax(Tensor x, int axis) {
        Shape s = x.shape();
        int ax = Reductions.axes("sparsemax", s, new int[] {axis})[0];
        if (x.isSymbolic()) {
            return OpSupport.record(SPARSEMAX.args(axis), s, in -> sparsemax(in.get(0), axis), x);
        }
        int n = s.get(ax);
        Tensor sorted = Negative.apply(Sort.apply(Negative.apply(x), ax));
        Tensor cumsum = Cumsum.apply(sorted, ax);
        float[] r = new float[n];
        for (int i = 0; i < n; i++) {
            r[i] = i + 1;
        }
        int[] rShape = new int[s.rank()];
        java.util.Arrays.fill(rShape, 1);
        rShape[ax] = n;
        Tensor rank = Tensor.of(r, rShape);
        Tensor support = Comparison.greater(Subtract.apply(sorted, Divide.apply(Subtract.apply(cumsum, ONE), rank)),
                ZERO);
        int[] axes = {ax};
        Tensor k = Sum.apply(support, axes, true);
        Tensor safe = Where.apply(support, cumsum, ZERO);
        Tensor tau = Divide.apply(Subtract.apply(Sum.apply(safe, axes, true), ONE), k);
        // max(d, 0) as (d + |d|)/2 in halves: the same values, and JAX's gradient, which splits a tie (d = 0, an
        // entry on the support's edge) in half where Strata's maximum gives it whole to one side
        Tensor d = Subtract.apply(x, tau);
        Tensor half = Tensor.scalar(0.5f);
        return Add.apply(Multiply.apply(d, half), Multiply.apply(Abs.apply(d), half));
    }

    /** {@code (x + √(x² + b)) / 2}. */
    static Tensor squareplus(Tensor x, float b) {
        return unary(SQUAREPLUS.args(b), x, v -> Divide.apply(Add.apply(v, Sqrt.apply(Add.apply(Square.apply(v),
                Tensor.scalar(b)))), Tensor.scalar(2f)));
    }

    /** {@code x - tanh(x)}. */
    static Tensor tanhShrink(Tensor x) {
        return unary(TANH_SHRINK.args(), x, v -> Subtract.apply(v, Tanh.apply(v)));
    }

    /** x where {@code x > threshold}, else {@code defaultValue}. */
    static Tensor threshold(Tensor x, float threshold, float defaultValue) {
        return unary(THRESHOLD.args(threshold, defaultValue), x,
                v -> Where.apply(Comparison.greater(v, Tensor.scalar(threshold)), v, Tensor.scalar(defaultValue)));
    }
}
