package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mean-of-a-function metrics issue 14 adds (hinge, squared and categorical hinge, KL divergence, Poisson, cosine
 * similarity) against Keras 3 over several updates, with weights of rank 1 and 2 and masked predictions. Expected
 * values come from Keras 3.15.1 (JAX backend) with {@code tools/golden/losses14.py metrics} (see
 * {@link MetricWrapper14Golden}). Keras keeps its sums in float32 and Strata in double, hence the relative tolerance.
 */
class MetricWrapper14GoldenTest {
    private static final double RTOL = 1e-6;

    static List<MetricWrapper14Golden.Case> cases() {
        return MetricWrapper14Golden.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsAfterEachUpdateMatchKeras(MetricWrapper14Golden.Case c) {
        Metric m = c.metric().get();
        int step = 0;
        for (MetricWrapper14Golden.Update u : c.updates()) {
            Tensor w = u.weight() == null ? null : Tensor.of(u.weight(), Shape.of(u.weightShape()));
            Tensor p = Tensor.of(u.yPred(), Shape.of(u.yPredShape()));
            if (u.mask() != null) {
                p = p.withMask(Tensor.of(u.mask(), Shape.of(u.maskShape())));
            }
            m.update(Tensor.of(u.yTrue(), Shape.of(u.yTrueShape())), p, w);
            assertThat(m.result()).as("%s after update %d", c.id(), step++)
                    .isCloseTo(u.result(), within(1e-7 + RTOL * Math.abs(u.result())));
        }
        m.reset();
        assertThat(m.result()).isZero();
    }
}
