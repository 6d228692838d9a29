package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Metrics against Keras 3 over several updates with and without sample weights (rank alignment, weights of rank
 * 0, 1 and 2, rank-3 values): the result after each update must match. Expected values come from running Keras
 * 3.15.1 (JAX backend) with {@code tools/golden/losses_metrics.py metrics} (see {@link MetricGolden}). Keras keeps
 * its sums in float32 and Strata in double, hence the relative tolerance.
 */
class MetricGoldenTest {
    private static final double RTOL = 1e-6;

    static List<MetricGolden.Case> cases() {
        return MetricGolden.CASES;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resultsAfterEachUpdateMatchKeras(MetricGolden.Case c) {
        Metric m = c.metric().get();
        int step = 0;
        for (MetricGolden.Update u : c.updates()) {
            Tensor w = u.weight() == null ? null : Tensor.of(u.weight(), Shape.of(u.weightShape()));
            m.update(Tensor.of(u.yTrue(), Shape.of(u.yTrueShape())), Tensor.of(u.yPred(), Shape.of(u.yPredShape())), w);
            assertThat(m.result()).as("%s after update %d", c.id(), step++)
                    .isCloseTo(u.result(), within(1e-7 + RTOL * Math.abs(u.result())));
        }
        m.reset();
        assertThat(m.result()).isZero();
        MetricGolden.Update first = c.updates().getFirst();
        Tensor w = first.weight() == null ? null : Tensor.of(first.weight(), Shape.of(first.weightShape()));
        m.update(Tensor.of(first.yTrue(), Shape.of(first.yTrueShape())),
                Tensor.of(first.yPred(), Shape.of(first.yPredShape())), w);
        assertThat(m.result()).as("after reset")
                .isCloseTo(first.result(), within(1e-7 + RTOL * Math.abs(first.result())));
    }

    @Test
    void meanOfValuesMatchesKeras() {
        for (List<MetricGolden.MeanUpdate> updates : MetricGolden.MEAN_CASES) {
            Mean m = new Mean();
            for (MetricGolden.MeanUpdate u : updates) {
                Tensor w = u.weight() == null ? null : Tensor.of(u.weight(), Shape.of(u.weightShape()));
                m.updateState(Tensor.of(u.values(), Shape.of(u.valuesShape())), w);
                assertThat(m.result()).isCloseTo(u.result(), within(1e-7 + RTOL * Math.abs(u.result())));
            }
        }
    }
}
