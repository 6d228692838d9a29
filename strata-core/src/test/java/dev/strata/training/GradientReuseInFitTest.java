package dev.strata.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * fit writes a step's gradients into the arrays of the step before only when Strata's own optimizer applied them;
 * an optimizer of the user's may keep what it was given.
 */
class GradientReuseInFitTest {

    /** Plain SGD that keeps every gradient array it is given, with a copy of its values at the time. */
    static final class KeepingSgd extends Optimizer {
        final List<float[]> kept = new ArrayList<>();
        final List<float[]> copies = new ArrayList<>();

        KeepingSgd() {
            super(0.01f);
        }

        @Override
        protected void buildSlots(List<Variable> trainableVariables) {
        }

        @Override
        protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
            kept.add(gradient);
            copies.add(gradient.clone());
            for (int i = from; i < to; i++) {
                value[i] -= lr * gradient[i];
            }
        }
    }

    private static Model model() {
        Strata.setRandomSeed(7);
        return new Sequential(new InputLayer(3), new Dense(4, "relu"), new Dense(2, "relu"), new Dense(1));
    }

    private static Tensor x() {
        float[] v = new float[64 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 0.37);
        }
        return Tensor.of(v, 64, 3);
    }

    private static Tensor y() {
        float[] v = new float[64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.cos(i * 0.11);
        }
        return Tensor.of(v, 64, 1);
    }

    @Test
    void aUsersOptimizerKeepsGradientsThatNeverChange() {
        Model m = model();
        KeepingSgd opt = new KeepingSgd();
        m.compile(opt, "mse");
        m.fit(List.of(x()), List.of(y()), new FitOptions().epochs(3).batchSize(8).verbose(0));
        assertThat(opt.kept).hasSize(3 * 8 * 6);
        for (int i = 0; i < opt.kept.size(); i++) {
            assertThat(opt.kept.get(i)).as("gradient %d", i).containsExactly(opt.copies.get(i));
        }
    }

    @Test
    void builtInAndKeepingOptimizersTrainTheSameWeights() {
        Model reused = model();
        reused.compile(new SGD(0.01f), "mse");
        reused.fit(List.of(x()), List.of(y()), new FitOptions().epochs(3).batchSize(8).verbose(0).shuffle(false));
        Model fresh = model();
        fresh.compile(new KeepingSgd(), "mse");
        fresh.fit(List.of(x()), List.of(y()), new FitOptions().epochs(3).batchSize(8).verbose(0).shuffle(false));
        List<Variable> a = reused.trainableWeights();
        List<Variable> b = fresh.trainableWeights();
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).toFloatArray()).containsExactly(b.get(i).toFloatArray());
        }
    }
}
