package dev.strata.ops;

import static dev.strata.ops.OpsTesting.U;
import static dev.strata.ops.OpsTesting.input;
import static dev.strata.ops.OpsTesting.innerGradient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.pooling.PoolingChecks;
import dev.strata.layers.pooling.PoolingGolden;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * max_pool and average_pool: values and gradients against Keras/JAX (the pooling layers' golden cases, called as
 * ops), finite differences including second derivatives, symbolic shapes, NaN, threading, and errors.
 */
class PoolOpsTest {

    /** The op a pooling case's layer calls, with the arguments of its Keras config. */
    private static Function<Tensor, Tensor> op(PoolingGolden.Case c) {
        Config cfg = Config.of(PoolingChecks.kerasConfig(c), c.name());
        int[] pool = cfg.ints("pool_size");
        int[] strides = cfg.ints("strides");
        String padding = cfg.string("padding", null);
        String format = cfg.string("data_format", null);
        boolean max = c.className().startsWith("Max");
        return x -> max ? Ops.maxPool(x, pool, strides, padding, format)
                : Ops.averagePool(x, pool, strides, padding, format);
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        int checked = 0;
        for (String prefix : List.of("max", "avg")) {
            for (PoolingGolden.Case c : PoolingChecks.cases(prefix)) {
                try {
                    PoolingChecks.assertMatchesKeras(c, op(c));
                } catch (AssertionError e) {
                    throw new AssertionError(c.name() + ": " + e.getMessage(), e);
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void tiesSendTheGradientToTheFirstMaximumAsJaxDoes() {
        // The example of the tie rule: one 2x2 window of equal values, another with two maxima.
        Tensor x = Tensor.of(new float[] {1, 1, 0, 2, 1, 1, 2, 2}, 1, 2, 4, 1);
        Tensor g = OpsTesting.gradientOfSum(t -> Ops.maxPool(t, new int[] {2}, null, "valid", null), x);
        assertThat(g.toFloatArray()).containsExactly(1, 0, 0, 1, 0, 0, 0, 0);
        // Overlapping windows add up at a shared maximum.
        Tensor row = Tensor.of(new float[] {0, 5, 1, 0}, 1, 4, 1);
        Tensor g1 = OpsTesting.gradientOfSum(t -> Ops.maxPool(t, new int[] {2}, new int[] {1}, "valid", null), row);
        assertThat(g1.toFloatArray()).containsExactly(0, 2, 1, 0);
    }

    @Test
    void finiteDifferencesAgreeIncludingSecondDerivatives() {
        Tensor x = OpsTesting.distinct(3, Shape.of(2, 5, 4, 3));
        for (String padding : List.of("valid", "same")) {
            Function<Tensor, Tensor> max = t -> Ops.maxPool(t, new int[] {3, 2}, new int[] {2, 1}, padding, null);
            Function<Tensor, Tensor> avg = t -> Ops.averagePool(t, new int[] {3}, new int[] {2}, padding,
                    "channels_first");
            GradientCheck.check(xs -> max.apply(xs.get(0)), x);
            GradientCheck.check(xs -> avg.apply(xs.get(0)), x);
            // The backward rules are recorded too: the gradient of a gradient through a squared pooling.
            GradientCheck.check(xs -> innerGradient(t -> Ops.square(max.apply(t)), xs.get(0)), x);
            GradientCheck.check(xs -> innerGradient(t -> Ops.square(avg.apply(t)), xs.get(0)), x);
        }
    }

    @Test
    void symbolicShapesFollowKerassRuleAndReplay() {
        assertThat(Ops.maxPool(input(U, 28, 28, 32), new int[] {2}, null, null, null).shape())
                .isEqualTo(Shape.of(U, 14, 14, 32));
        assertThat(Ops.averagePool(input(U, 7, U, 3), new int[] {3, 2}, new int[] {2}, "same", null).shape())
                .isEqualTo(Shape.of(U, 4, U, 3));
        assertThat(Ops.maxPool(input(U, 3, 9, 8, 5), new int[] {2, 3, 2}, new int[] {1, 2, 2}, "valid",
                "channels_first").shape()).isEqualTo(Shape.of(U, 3, 8, 3, 2));
        assertThat(Ops.averagePool(input(U, 10, 4), new int[] {4}, new int[] {3}, "SAME", null).shape())
                .isEqualTo(Shape.of(U, 4, 4));
    }

    @Test
    void nanPropagatesAndEmptyBatchesWork() {
        Tensor x = Tensor.of(new float[] {1, Float.NaN, 3, 4}, 1, 4, 1);
        assertThat(Ops.maxPool(x, new int[] {2}, null, null, null).toFloatArray()).containsExactly(Float.NaN, 4f);
        assertThat(Ops.averagePool(x, new int[] {2}, null, null, null).toFloatArray())
                .containsExactly(Float.NaN, 3.5f);
        assertThat(Ops.maxPool(Tensor.zeros(0, 4, 4, 2), new int[] {2}, null, null, null).shape())
                .isEqualTo(Shape.of(0, 2, 2, 2));
    }

    @Test
    void splittingOverThreadsGivesTheSameBits() {
        Tensor x = GradientCheck.random(7, Shape.of(64, 18, 18, 16), -1, 1);
        Function<Tensor, Tensor> max = t -> Ops.maxPool(t, new int[] {3}, new int[] {2}, "same", null);
        Function<Tensor, Tensor> avg = t -> Ops.averagePool(t, new int[] {3}, new int[] {2}, "same", null);
        int threads = Strata.numThreads();
        try {
            Strata.setNumThreads(1);
            float[] m1 = max.apply(x).toFloatArray();
            float[] a1 = avg.apply(x).toFloatArray();
            float[] g1 = OpsTesting.gradientOfSum(max, x).toFloatArray();
            Strata.setNumThreads(4);
            assertThat(max.apply(x).toFloatArray()).containsExactly(m1);
            assertThat(avg.apply(x).toFloatArray()).containsExactly(a1);
            assertThat(OpsTesting.gradientOfSum(max, x).toFloatArray()).containsExactly(g1);
        } finally {
            Strata.setNumThreads(threads);
        }
    }

    @Test
    void argumentsAndShapesAreChecked() {
        Tensor x = Tensor.ones(2, 5, 5, 3);
        assertThatThrownBy(() -> Ops.maxPool(Tensor.ones(2, 3), new int[] {2}, null, null, null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("max_pool: inputs must have rank 3, 4 or 5")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.averagePool(x, new int[] {6}, null, "valid", null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("average_pool: the pooling window does not "
                        + "fit the input").hasMessageContaining("(2, 5, 5, 3)").hasMessageContaining("[6, 6]");
        assertThat(Ops.averagePool(x, new int[] {6}, null, "same", null).shape()).isEqualTo(Shape.of(2, 1, 1, 3));
        assertThatThrownBy(() -> Ops.maxPool(x, new int[] {0}, null, null, null))
                .hasMessageContaining("pool_size must be positive");
        assertThatThrownBy(() -> Ops.maxPool(x, new int[] {2}, new int[] {2, -1}, null, null))
                .hasMessageContaining("strides must be positive");
        assertThatThrownBy(() -> Ops.maxPool(x, new int[] {2, 2, 2}, null, null, null))
                .hasMessageContaining("pool_size must have 1 or 2 entries");
        assertThatThrownBy(() -> Ops.maxPool(x, new int[] {2}, null, "causal", null))
                .hasMessageContaining("padding must be \"valid\" or \"same\"");
        assertThatThrownBy(() -> Ops.maxPool(x, new int[] {2}, null, null, "nchw"))
                .hasMessageContaining("data_format must be");
    }

    @Test
    void averageWithSamePaddingCountsOnlyCoveredElements() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1);
        // Windows of 3 with stride 2 over 4 steps: padding 1 after; the last window covers 3 and 4 only.
        assertThat(Ops.averagePool(x, new int[] {3}, new int[] {2}, "same", null).toFloatArray())
                .containsExactly(2f, 3.5f);
        LayerChecks.assertClose(Ops.averagePool(x, new int[] {2}, new int[] {1}, "same", null).toFloatArray(),
                new float[] {1.5f, 2.5f, 3.5f, 4f}, 0, 0);
    }

    /** Keras's serialized Functional model of {@code ops.max_pool(x, 2)} and {@code ops.average_pool(x, (2, 2),
     * strides=1, padding="same")} (strides None, a pool_size list), as Keras 3.15.1 writes it. */
    private static final String KERAS_OPS_MODEL =
            "{\"module\": \"keras.src.models.functional\", \"class_name\": \"Functional\", \"config\": {\"name\": \""
            + "pools\", \"trainable\": true, \"layers\": [{\"module\": \"keras.layers\", \"class_name\": \"InputLayer"
            + "\", \"config\": {\"batch_shape\": [null, 4, 4, 2], \"dtype\": \"float32\", \"sparse\": false, \"ragged"
            + "\": false, \"name\": \"x\", \"optional\": false}, \"registered_name\": null, \"name\": \"x\", \"inbound_"
            + "nodes\": []}, {\"module\": \"keras.src.ops.nn\", \"class_name\": \"MaxPool\", \"config\": {\"name\": \"m"
            + "ax_pool\", \"pool_size\": 2, \"strides\": null, \"padding\": \"valid\", \"data_format\": \"channels_la"
            + "st\"}, \"registered_name\": \"MaxPool\", \"name\": \"max_pool\", \"inbound_nodes\": [{\"args\": [{\"clas"
            + "s_name\": \"__keras_tensor__\", \"config\": {\"shape\": [null, 4, 4, 2], \"dtype\": \"float32\", \"ker"
            + "as_history\": [\"x\", 0, 0]}}], \"kwargs\": {}}]}, {\"module\": \"keras.src.ops.nn\", \"class_name\":"
            + " \"AveragePool\", \"config\": {\"name\": \"average_pool\", \"pool_size\": [2, 2], \"strides\": 1, \"pad"
            + "ding\": \"same\", \"data_format\": \"channels_last\"}, \"registered_name\": \"AveragePool\", \"name\": "
            + "\"average_pool\", \"inbound_nodes\": [{\"args\": [{\"class_name\": \"__keras_tensor__\", \"config\": {"
            + "\"shape\": [null, 4, 4, 2], \"dtype\": \"float32\", \"keras_history\": [\"x\", 0, 0]}}], \"kwargs\": {"
            + "}}]}], \"input_layers\": [\"x\", 0, 0], \"output_layers\": [[\"max_pool\", 0, 0], [\"average_pool\","
            + " 0, 0]]}, \"registered_name\": \"Functional\", \"build_config\": {\"input_shape\": null}, \"compile"
            + "_config\": {}}";

    @Test
    void readsKerassOpEntries() {
        dev.strata.models.Model m = dev.strata.saving.KerasConfig.modelFromJson(KERAS_OPS_MODEL);
        Tensor x = GradientCheck.random(5, Shape.of(2, 4, 4, 2), -1, 1);
        List<Tensor> out = m.predict(List.of(x), new dev.strata.training.PredictOptions()).stream().toList();
        assertThat(out.get(0).toFloatArray()).containsExactly(Ops.maxPool(x, new int[] {2}, null, null, null)
                .toFloatArray());
        assertThat(out.get(1).toFloatArray()).containsExactly(Ops.averagePool(x, new int[] {2, 2}, new int[] {1},
                "same", null).toFloatArray());
    }
}
