package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.data.Batch;
import dev.strata.data.Dataset;
import dev.strata.layers.core.Dense;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A batch's sample weights for a model of several outputs, as Keras reads them: one set weighs every output's loss
 * and weighted metrics, one set per output weighs each its own, and any other count is an error.
 */
class SampleWeightsPerOutputTest {
    private static final Tensor X = Tensor.of(new float[] {1, 2, 3, -1, 0, 2, 0.5f, -2, 1, 3, 1, -1}, 4, 3);
    private static final Tensor Y1 = Tensor.of(new float[] {1, 0, -1, 2}, 4, 1);
    private static final Tensor Y2 = Tensor.of(new float[] {0, 1, 1, -2}, 4, 1);
    private static final Tensor W = Tensor.of(new float[] {1, 0.5f, 2, 0}, 4);

    private static Model model() {
        Strata.setRandomSeed(3);
        Tensor in = Input.of(3);
        Model m = Model.of(List.of(in), List.of(new Dense(1).named("a").apply(in), new Dense(1).named("b").apply(in)));
        m.compile(new dev.strata.optimizers.SGD(0.01f), new CompileOptions().loss("mse").weightedMetrics("mae", "mae"));
        return m;
    }

    private static Map<String, Double> evaluate(Model m, List<Tensor> weights) {
        return m.evaluate(Dataset.fromTensorSlices(new Batch(List.of(X), List.of(Y1, Y2), weights)).batch(4),
                new EvaluateOptions().verbose(0));
    }

    @Test
    void oneSetOfSampleWeightsWeighsEveryOutput() {
        Model m = model();
        Map<String, Double> once = evaluate(m, List.of(W));
        Map<String, Double> each = evaluate(m, List.of(W, W));
        assertThat(once.keySet()).containsExactlyElementsOf(each.keySet());
        each.forEach((k, v) -> assertThat(once.get(k)).as(k).isCloseTo(v, within(1e-7)));
        // and it does weigh them: unweighted, the loss differs
        assertThat(once.get("loss")).isNotCloseTo(evaluate(m, null).get("loss"), within(1e-3));
    }

    @Test
    void anotherCountOfSampleWeightSetsIsAnError() {
        assertThatThrownBy(() -> evaluate(model(), List.of(W, W, W)))
                .hasStackTraceContaining("the batch gives 3 sets of sample weights for 2 outputs");
    }
}
