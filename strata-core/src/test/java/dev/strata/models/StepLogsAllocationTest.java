package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The logs a training step returns cost their map and nothing more: the loop asks for the model's metrics at every
 * step, and a model that neither overrides {@code metrics()} nor holds Metric fields answers with the compiled list
 * made once, not a new list (nor two) per step. Measured in bytes the thread allocates (exact, not timed), against
 * making the same log map by hand.
 */
class StepLogsAllocationTest {
    private static Object sink;

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void theLogsOfAStepAllocateOnlyTheirMap() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        Strata.clearSession();
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile("sgd", new CompileOptions().loss("mse").metrics("mae", "mse"));
        m.trainOnBatch(List.of(Tensor.ones(4, 2)), List.of(Tensor.ones(4, 1)));
        Map<String, Double> logs = m.getMetricsResult();
        assertThat(logs.keySet()).containsExactly("loss", "mae", "mse");
        String[] names = logs.keySet().toArray(new String[0]);
        double[] values = logs.values().stream().mapToDouble(Double::doubleValue).toArray();
        int n = 20_000;
        long viaModel = 0;
        long byHand = 0;
        for (int round = 0; round < 3; round++) { // the last round counts, once both paths are compiled
            long start = allocated();
            for (int i = 0; i < n; i++) {
                sink = m.getMetricsResult();
            }
            viaModel = allocated() - start;
            start = allocated();
            for (int i = 0; i < n; i++) {
                Map<String, Double> same = LinkedHashMap.newLinkedHashMap(names.length);
                for (int k = 0; k < names.length; k++) {
                    same.put(names[k], values[k] + i); // a new Double per entry, as the metrics' results are
                }
                sink = same;
            }
            byHand = allocated() - start;
        }
        assertThat(viaModel / n).as("bytes per getMetricsResult, against %d for the map alone", byHand / n)
                .isLessThanOrEqualTo(byHand / n + 16);
        assertThat(m.getMetricsResult()).isEqualTo(logs);
    }
}
