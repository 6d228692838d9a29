package dev.strata.usercode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimizers written outside {@code dev.strata.optimizers}, against the protected extension API only: they build
 * slots, take steps with weight decay from the base, show their config, train a model, and (for AdamW) compute
 * exactly what the built-in does.
 */
class CustomOptimizerTest {
    @Test
    void aUserOptimizerTakesItsStepsWithTheBasesWeightDecay() {
        Variable w = new Variable(Tensor.of(new float[] {1, -2}), "w", true);
        Variable b = new Variable(Tensor.of(new float[] {0.5f}), "b", true);
        WarmupMomentumSGD opt = new WarmupMomentumSGD(0.1f, 0.9f).warmupSteps(2);
        opt.weightDecay(0.5f).excludeFromWeightDecay("b");
        float[] g = {0.4f, -0.2f};
        float[] expected = {1, -2};
        float[] v = {0, 0};
        float bias = 0.5f;
        float vBias = 0;
        for (int step = 1; step <= 3; step++) {
            opt.apply(List.of(Tensor.of(g), Tensor.of(new float[] {1f})), List.of(w, b));
            float rate = 0.1f * Math.min(1f, step / 2f);
            for (int i = 0; i < 2; i++) {
                expected[i] -= expected[i] * 0.5f * 0.1f; // decoupled weight decay, before the update
                v[i] = 0.9f * v[i] + g[i];
                expected[i] -= rate * v[i];
            }
            vBias = 0.9f * vBias + 1f; // excluded from weight decay
            bias -= rate * vBias;
            assertThat(w.toFloatArray()).as("step %d", step).containsExactly(expected);
            assertThat(b.toFloatArray()).as("step %d", step).containsExactly(bias);
        }
        assertThat(opt.iterations()).isEqualTo(3);
        assertThat(opt.variables()).extracting(Variable::name)
                .containsExactly("iteration", "learning_rate", "w_velocity", "b_velocity");
        assertThat(opt.variables().get(2).toFloatArray()).containsExactly(v);
        assertThatThrownBy(() -> opt.warmupSteps(5)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("warmup_steps can only be set before the first apply");
    }

    @Test
    void aUserOptimizerHasKerasStyleNameAndConfig() {
        Optimizer opt = new WarmupMomentumSGD(0.05f, 0.8f).warmupSteps(10);
        assertThat(opt.name()).matches("warmup_momentum_sgd(_\\d+)?");
        Map<String, Object> c = opt.getConfig();
        assertThat(c.keySet()).startsWith("name", "learning_rate", "weight_decay", "clipnorm")
                .endsWith("gradient_accumulation_steps", "momentum", "warmup_steps");
        assertThat(c).containsEntry("momentum", 0.8).containsEntry("warmup_steps", 10)
                .containsEntry("weight_decay", null);
        assertThat(opt.toString()).startsWith("WarmupMomentumSGD(name=warmup_momentum_sgd")
                .contains("momentum=0.8, warmup_steps=10, iterations=0");
    }

    @Test
    void aUserOptimizerTrainsAModel() {
        Strata.setRandomSeed(5);
        Tensor x = Tensor.normal(Shape.of(128, 3), 0, 1);
        Tensor y = Tensor.of(new float[128], 128, 1);
        float[] xs = x.toFloatArray();
        float[] ys = y.toFloatArray();
        for (int i = 0; i < 128; i++) {
            ys[i] = 2 * xs[3 * i] - xs[3 * i + 1] + 0.5f * xs[3 * i + 2] + 1;
        }
        Tensor target = Tensor.of(ys, 128, 1);
        Model model = new Sequential(new InputLayer(3), new Dense(1));
        model.compile(new WarmupMomentumSGD(0.02f, 0.9f).warmupSteps(8).clipnorm(10f), "mse");
        History h = model.fit(x, target, new FitOptions().epochs(20).batchSize(16).verbose(0));
        List<Double> loss = h.get("loss");
        assertThat(loss.getLast()).isLessThan(0.01 * loss.getFirst());
    }

    @Test
    void adamWWrittenOutsideTheLibraryIsTheBuiltInToTheBit() {
        Variable a = new Variable(Tensor.of(new float[] {1, -2, 3, -4}, 2, 2), "kernel", true);
        Variable b = new Variable(Tensor.of(new float[] {1, -2, 3, -4}, 2, 2), "kernel", true);
        Optimizer builtIn = new AdamW(0.01f, 0.1f).amsgrad(true);
        Optimizer user = new UserAdamW(0.01f, 0.1f).amsgrad(true);
        for (int step = 0; step < 6; step++) {
            Tensor g = Tensor.of(new float[] {0.5f - step, 0.25f * step, -1f, step % 2}, 2, 2);
            builtIn.apply(List.of(g), List.of(a));
            user.apply(List.of(g), List.of(b));
            assertThat(b.toFloatArray()).as("step %d", step + 1).containsExactly(a.toFloatArray());
        }
        List<Variable> s1 = builtIn.variables();
        List<Variable> s2 = user.variables();
        assertThat(s2).extracting(Variable::name).containsExactlyElementsOf(s1.stream().map(Variable::name).toList());
        for (int i = 0; i < s1.size(); i++) {
            assertThat(s2.get(i).toFloatArray()).containsExactly(s1.get(i).toFloatArray());
        }
        Map<String, Object> c1 = new java.util.LinkedHashMap<>(builtIn.getConfig());
        Map<String, Object> c2 = new java.util.LinkedHashMap<>(user.getConfig());
        c1.remove("name");
        c2.remove("name");
        assertThat(c2).containsExactlyEntriesOf(c1);
    }
}
