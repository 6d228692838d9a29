package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The losses issue 14 adds against Keras 3: default and other arguments, each reduction with sample weights,
 * predictions carrying a mask, rank alignment, and the gradient with respect to the predictions (Keras's through
 * {@code jax.grad}). Expected values come from Keras 3.15.1 (JAX backend, float32) with
 * {@code tools/golden/losses14.py losses} (see {@link Loss14Golden}).
 */
class Loss14GoldenTest {
    /**
     * Float32 ulps allowed for values: Keras's order of operations is followed, but {@code power} (the focal factors,
     * the generalized crossentropy), {@code log} and the other transcendental kernels may differ from XLA's in the
     * last bits, and a sum or mean adds a few such differences.
     */
    private static final int MAX_ULPS = 8;
    /**
     * The focal crossentropies from logits: a last-bit difference in the sigmoid or softmax near 1 is amplified by
     * {@code log(1 - p)} and {@code (1 - p)^gamma} (a relative error of ulp/(1 - p)), so a relative tolerance.
     */
    private static final double FOCAL_LOGITS_RTOL = 5e-6;
    /** CTC sums in double where Keras's JAX recursion sums in float32: a relative tolerance instead. */
    private static final double CTC_RTOL = 2e-6;
    /** Gradients: an absolute plus relative tolerance (float32 chains of different but equivalent order). */
    private static final double GRAD_ATOL = 2e-6;
    private static final double GRAD_RTOL = 2e-5;
    /**
     * A label sequence no alignment fits: Keras's float32 recursion then works with log-alphas near -1e5, whose
     * float32 spacing (0.0078) limits the accuracy of its own gradient to a few percent; Strata's runs in double and
     * agrees to 7 digits with central differences of a float64 port of Keras's recursion.
     */
    private static final double CTC_NO_ALIGNMENT_GRAD_RTOL = 3e-2;

    static List<Loss14Golden.Case> cases() {
        return Loss14Golden.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAndGradientsMatchKeras(Loss14Golden.Case c) {
        Loss loss = c.loss().get();
        Tensor yTrue = Tensor.of(c.yTrue(), Shape.of(c.yTrueShape()));
        Tensor yPred = Tensor.of(c.yPred(), Shape.of(c.yPredShape()));
        Tensor w = c.weight() == null ? null : Tensor.of(c.weight(), Shape.of(c.weightShape()));
        Tensor mask = c.mask() == null ? null : Tensor.of(c.mask(), Shape.of(c.maskShape()));
        Tensor out;
        Tensor grad;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(yPred);
            Tensor p = mask == null ? yPred : yPred.withMask(mask);
            out = loss.apply(yTrue, p, w);
            grad = tape.gradient(Ops.sum(out), List.of(yPred)).getFirst();
        }
        assertThat(out.shape()).as("shape").isEqualTo(Shape.of(c.expectedShape()));
        float[] got = out.toFloatArray();
        boolean ctc = loss instanceof CTC;
        boolean focalLogits = c.id().contains("fce_logits");
        for (int i = 0; i < got.length; i++) {
            float e = c.expected()[i];
            double tol = ctc ? CTC_RTOL * Math.abs(e)
                    : focalLogits ? FOCAL_LOGITS_RTOL * Math.abs(e) : MAX_ULPS * Math.ulp(e);
            assertThat((double) Math.abs(got[i] - e)).as("element %d: %s vs Keras %s", i, got[i], e)
                    .isLessThanOrEqualTo(tol);
        }
        float[] expected = c.gradient();
        if (expected == null) {
            return; // Keras's gradient is not finite (a zero vector's norm, p^q at p = 0), or inputs sit on a kink
        }
        float[] g = grad.toFloatArray();
        assertThat(g).hasSameSizeAs(expected);
        double rtol = c.id().equals("ctc_no_alignment") ? CTC_NO_ALIGNMENT_GRAD_RTOL : GRAD_RTOL;
        for (int i = 0; i < g.length; i++) {
            assertThat((double) Math.abs(g[i] - expected[i])).as("gradient %d: %s vs Keras %s", i, g[i], expected[i])
                    .isLessThanOrEqualTo(GRAD_ATOL + rtol * Math.abs(expected[i]));
        }
    }
}
