package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every loss against Keras 3: default and non-default options, each reduction with sample weights, rank alignment,
 * probabilities of exactly 0 and 1, logits of ±100, label smoothing and ignored classes. The expected values come
 * from running Keras 3.15.1 (JAX backend, float32) with {@code tools/golden/losses_metrics.py} (see
 * {@link LossGolden}).
 */
class LossGoldenTest {
    /** Float32 ulps allowed between Strata and Keras. */
    private static final int MAX_ULPS = 2;

    static List<LossGolden.Case> cases() {
        return LossGolden.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesKeras(LossGolden.Case c) {
        Loss loss = c.loss().get();
        Tensor yTrue = Tensor.of(c.yTrue(), Shape.of(c.yTrueShape()));
        Tensor yPred = Tensor.of(c.yPred(), Shape.of(c.yPredShape()));
        Tensor w = c.weight() == null ? null : Tensor.of(c.weight(), Shape.of(c.weightShape()));
        Tensor out = loss.apply(yTrue, yPred, w);
        assertThat(out.shape()).as("shape").isEqualTo(Shape.of(c.expectedShape()));
        float[] got = out.toFloatArray();
        for (int i = 0; i < got.length; i++) {
            float e = c.expected()[i];
            assertThat(Float.isFinite(got[i])).as("finite at %d: %s", i, got[i]).isTrue();
            // float32 in Keras's order of operations: all but one value currently match bit for bit
            assertThat(Math.abs(got[i] - e)).as("element %d: %s vs Keras %s", i, got[i], e)
                    .isLessThanOrEqualTo(MAX_ULPS * Math.ulp(e));
        }
    }
}
