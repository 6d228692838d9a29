package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.training.FitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SwapEMAWeights: the moving averages are in the model during evaluation and, with swapOnEpoch, between epochs. */
class SwapEMAWeightsTest {
    private static final Tensor X = Tensor.of(new float[] {0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f}, Shape.of(4, 2));
    private static final Tensor Y = Tensor.of(new float[] {1f, 0f, 2f, -1f}, Shape.of(4, 1));

    private static Model model(Optimizer opt) {
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.setWeights(List.of(Tensor.of(new float[] {0.5f, -0.25f}, Shape.of(2, 1)),
                Tensor.of(new float[] {0.1f}, Shape.of(1))));
        m.compile(opt, "mse");
        return m;
    }

    private static List<float[]> values(List<Variable> vs) {
        List<float[]> out = new ArrayList<>();
        for (Variable v : vs) {
            out.add(v.toFloatArray());
        }
        return out;
    }

    /** The optimizer's averages, in build order (after iteration and learning_rate). */
    private static List<float[]> averages(Optimizer opt, int n) {
        return values(opt.variables().subList(2, 2 + n));
    }

    @Test
    void evaluationSeesTheAveragesAndTrainingTheWeights() {
        Optimizer opt = new SGD(0.1f).useEma(true).emaMomentum(0.5f);
        Model m = model(opt);
        List<List<float[]>> seenInTest = new ArrayList<>();
        List<List<float[]>> averagesAtTest = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onTestBegin(Map<String, Double> logs) {
                seenInTest.add(values(model().trainableWeights()));
                averagesAtTest.add(averages(optimizer(), 2));
            }

            private Optimizer optimizer() {
                return model().optimizer().orElseThrow();
            }
        };
        List<List<float[]>> weightsAtEpochEnd = new ArrayList<>();
        List<List<float[]>> averagesAtEpochEnd = new ArrayList<>();
        Callback atEnd = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                weightsAtEpochEnd.add(values(model().trainableWeights()));
                averagesAtEpochEnd.add(averages(opt, 2));
            }
        };
        m.fit(X, Y, new FitOptions().batchSize(2).epochs(2).shuffle(false).verbose(0).validationData(X, Y)
                .callbacks(new SwapEMAWeights(), probe, atEnd));
        // during validation the model holds what the optimizer held as averages before the swap (now the weights)
        for (int e = 0; e < 2; e++) {
            for (int i = 0; i < 2; i++) {
                assertThat(seenInTest.get(e).get(i)).isEqualTo(averagesAtEpochEnd.get(e).get(i));
                assertThat(averagesAtTest.get(e).get(i)).isEqualTo(weightsAtEpochEnd.get(e).get(i));
            }
        }
        // after fit, finalize_variable_values put the averages into the model
        List<float[]> last = values(m.trainableWeights());
        for (int i = 0; i < 2; i++) {
            assertThat(last.get(i)).isEqualTo(averagesAtEpochEnd.get(1).get(i));
        }
    }

    @Test
    void swapOnEpochKeepsTheAveragesInTheModelBetweenEpochs() {
        Optimizer opt = new SGD(0.1f).useEma(true).emaMomentum(0.5f);
        Model m = model(opt);
        List<List<float[]>> atBegin = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                atBegin.add(values(model().trainableWeights()));
            }
        };
        m.fit(X, Y, new FitOptions().batchSize(2).epochs(2).shuffle(false).verbose(0)
                .callbacks(new SwapEMAWeights(true), probe));
        // after the swap at the last epoch's end the model holds the averages, and fit's finalize keeps them there
        List<float[]> last = values(m.trainableWeights());
        for (int i = 0; i < 2; i++) {
            assertThat(last.get(i)).isEqualTo(atBegin.get(1).get(i));
        }
    }

    @Test
    void withoutEmaItSaysWhatToSet() {
        Model m = model(new SGD(0.1f));
        assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().batchSize(2).epochs(1).verbose(0).validationData(X, Y)
                .callbacks(new SwapEMAWeights()))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use_ema=True");
    }
}
