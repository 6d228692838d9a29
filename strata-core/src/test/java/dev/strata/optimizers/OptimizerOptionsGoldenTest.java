package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.optimizers.schedules.CosineDecay;
import dev.strata.optimizers.schedules.ExponentialDecay;
import dev.strata.optimizers.schedules.InverseTimeDecay;
import dev.strata.optimizers.schedules.PiecewiseConstantDecay;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras's base optimizer options against Keras 3 ({@link OptimizerOptionsGolden}, from
 * {@code tools/golden/schedules.py}): optimizers driven by schedules, {@code use_ema} (with
 * {@code ema_overwrite_frequency}), {@code gradient_accumulation_steps} (a missing gradient included),
 * {@code loss_scale_factor} and {@code LossScaleOptimizer} (infinite and NaN steps skipped, the scale halved and
 * doubled): the weights after every {@code apply}, the optimizer's variables at the end (Keras's names, order and
 * values), {@code iterations}, the learning rate, and the weights after {@code finalize_variable_values}.
 */
class OptimizerOptionsGoldenTest {
    private static final int MAX_ULPS = 1;

    private static final Map<String, Supplier<Optimizer>> MADE = new LinkedHashMap<>();

    static {
        MADE.put("sgd_exp", () -> new SGD(0.1f, 0.9f, false).learningRate(new ExponentialDecay(0.1f, 2, 0.5f)));
        MADE.put("adam_cosine_warmup",
                () -> new Adam().learningRate(new CosineDecay(0f, 4, 0f, "CosineDecay", 0.05f, 2)));
        MADE.put("rms_piecewise", () -> new RMSprop().learningRate(
                new PiecewiseConstantDecay(new long[] {1, 3}, new float[] {0.1f, 0.05f, 0.01f})));
        MADE.put("sgd_ema", () -> new SGD(0.1f, 0.5f, false).useEma(true).emaMomentum(0.9f));
        MADE.put("adam_ema_overwrite", () -> new Adam(0.05f).useEma(true).emaMomentum(0.8f).emaOverwriteFrequency(3));
        MADE.put("adam_accumulate", () -> new Adam(0.05f).gradientAccumulationSteps(3));
        MADE.put("sgd_accumulate_schedule_ema", () -> new SGD(0.1f, 0.9f, false)
                .learningRate(new InverseTimeDecay(0.1f, 1, 0.5f)).gradientAccumulationSteps(2).useEma(true)
                .emaOverwriteFrequency(2));
        MADE.put("sgd_loss_scale_factor", () -> new SGD(0.1f).lossScaleFactor(128f));
        MADE.put("adamw_clip_accumulate",
                () -> new AdamW(0.01f).weightDecay(0.1f).clipvalue(0.3f).gradientAccumulationSteps(2));
        MADE.put("lso_sgd", () -> new LossScaleOptimizer(new SGD(0.1f, 0.9f, false), 8f, 2));
        MADE.put("lso_adam_ema_schedule", () -> new LossScaleOptimizer(
                new Adam().learningRate(new ExponentialDecay(0.01f, 2, 0.9f)).useEma(true)));
    }

    static Stream<OptimizerOptionsGolden.Run> runs() {
        assertThat(MADE.keySet()).containsExactlyElementsOf(
                OptimizerOptionsGolden.RUNS.stream().map(OptimizerOptionsGolden.Run::id).toList());
        return OptimizerOptionsGolden.RUNS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void weightsStateAndFinalValuesMatchKeras(OptimizerOptionsGolden.Run run) {
        Optimizer opt = MADE.get(run.id()).get();
        List<Variable> vars = List.of(
                new Variable(Tensor.of(OptimizerOptionsGolden.W0[0].clone(), Shape.of(2, 2)), "kernel", true),
                new Variable(Tensor.of(OptimizerOptionsGolden.W0[1].clone(), Shape.of(3)), "bias", true));
        float[][][] grads = run.id().startsWith("lso") ? OptimizerOptionsGolden.LSO_GRADS
                : OptimizerOptionsGolden.GRADS;
        for (int step = 0; step < run.steps(); step++) {
            float[][] g = grads[step % grads.length];
            List<Tensor> gl = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                boolean dropped = false;
                for (int[] d : run.dropped()) {
                    dropped |= d[0] == step && d[1] == i;
                }
                gl.add(dropped ? null : Tensor.of(g[i].clone(), vars.get(i).shape()));
            }
            opt.apply(gl, vars);
            assertClose(concat(vars), run.weights()[step], run.id() + " step " + (step + 1));
        }
        List<Variable> state = opt.variables();
        assertThat(state.stream().map(Variable::name).toList()).as(run.id()).containsExactly(run.stateNames());
        for (int i = 0; i < state.size(); i++) {
            assertClose(state.get(i).toFloatArray(), run.state()[i], run.id() + " " + state.get(i).name());
        }
        assertThat(opt.iterations()).as(run.id()).isEqualTo(run.iterations());
        assertClose(new float[] {opt.learningRate()}, new float[] {run.learningRate()}, run.id() + " learning rate");
        opt.finalizeVariableValues(vars);
        assertClose(concat(vars), run.finalized(), run.id() + " finalized");
    }

    /**
     * {@code fit} scales the loss it differentiates by {@code loss_scale_factor} (the logged loss stays unscaled) and
     * ends with {@code finalize_variable_values}, which puts the moving averages into the model.
     */
    @org.junit.jupiter.api.Test
    void fitScalesTheLossAndFinalizesTheMovingAverageAsKeras() {
        dev.strata.models.Model model = new dev.strata.models.Sequential(new dev.strata.layers.core.InputLayer(2),
                new dev.strata.layers.core.Dense(1));
        model.setWeights(List.of(Tensor.of(new float[] {0.5f, -0.25f}, Shape.of(2, 1)),
                Tensor.of(new float[] {0.1f}, Shape.of(1))));
        Optimizer opt = new SGD(0.1f, 0.5f, false).lossScaleFactor(4f).useEma(true).emaMomentum(0.5f);
        model.compile(opt, "mse");
        dev.strata.training.History h = model.fit(Tensor.of(OptimizerOptionsGolden.FIT_X, Shape.of(6, 2)),
                Tensor.of(OptimizerOptionsGolden.FIT_Y, Shape.of(6, 1)),
                new dev.strata.training.FitOptions().batchSize(2).epochs(2).shuffle(false).verbose(0));
        // Keras's fit runs one compiled XLA step (its gradients and fused updates round a little differently from
        // the eager ops the other goldens follow): agreement to 1e-6, relative
        List<Double> losses = h.history().get("loss");
        float[] got = {losses.get(0).floatValue(), losses.get(1).floatValue()};
        assertRelative(got, OptimizerOptionsGolden.FIT_LOSSES, "fit losses");
        assertRelative(concat(model.trainableWeights()), OptimizerOptionsGolden.FIT_WEIGHTS, "weights after fit");
        List<Variable> state = opt.variables();
        assertThat(state).hasSize(OptimizerOptionsGolden.FIT_OPTIMIZER_VARIABLES.length);
        for (int i = 0; i < state.size(); i++) {
            assertRelative(state.get(i).toFloatArray(), OptimizerOptionsGolden.FIT_OPTIMIZER_VARIABLES[i],
                    "fit optimizer " + state.get(i).name());
        }
        // without the finalize (or without the scaling) the weights would be the last step's, far from these
        assertThat(opt.iterations()).isEqualTo(6);
    }

    private static void assertRelative(float[] actual, float[] expected, String what) {
        assertThat(actual.length).as(what).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).as("%s [%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    @org.junit.jupiter.api.Test
    void optionsOutOfRangeAreClearErrors() {
        assertThatThrownBy(() -> new Adam().emaMomentum(1.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Adam").hasMessageContaining("`ema_momentum` must be in the range [0, 1]");
        assertThatThrownBy(() -> new Adam().emaOverwriteFrequency(0)).hasMessageContaining("ema_overwrite_frequency");
        assertThatThrownBy(() -> new SGD().gradientAccumulationSteps(1))
                .hasMessageContaining("`gradient_accumulation_steps` must be an integer >= 2. Received: "
                        + "gradient_accumulation_steps=1");
        assertThatThrownBy(() -> new SGD().lossScaleFactor(0f)).hasMessageContaining("loss_scale_factor");
        assertThatThrownBy(() -> new SGD().lossScaleFactor(Float.NaN)).hasMessageContaining("loss_scale_factor");
        Optimizer scheduled = new SGD().learningRate(new ExponentialDecay(0.1f, 10, 0.5f));
        assertThatThrownBy(() -> scheduled.setLearningRate(0.5f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LearningRateSchedule").hasMessageContaining("not settable");
        Variable w = new Variable(Tensor.of(new float[] {1f}, Shape.of(1)), "w", true);
        Optimizer built = new SGD();
        built.apply(List.of(Tensor.of(new float[] {1f}, Shape.of(1))), List.of(w));
        assertThatThrownBy(() -> built.useEma(true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use_ema can only be set before the first apply");
        assertThatThrownBy(() -> new SGD().swapEmaWeights(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("use_ema=True");
        Optimizer ema = new SGD().useEma(true);
        ema.apply(List.of(Tensor.of(new float[] {1f}, Shape.of(1))), List.of(w));
        assertThatThrownBy(() -> ema.finalizeVariableValues(List.of(w, w)))
                .hasMessageContaining("the length of model variables (2)");
        assertThatThrownBy(() -> new LossScaleOptimizer(new SGD()).clipnorm(1f))
                .hasMessage("LossScaleOptimizer does not support `clipnorm`. Instead, set `clipnorm` on the "
                        + "`inner_optimizer`.");
        assertThatThrownBy(() -> new LossScaleOptimizer(new SGD(), 0f, 10)).hasMessageContaining("initial_scale");
        assertThatThrownBy(() -> new LossScaleOptimizer(new SGD(), 2f, 0))
                .hasMessageContaining("dynamic_growth_steps");
        assertThatThrownBy(() -> new LossScaleOptimizer(null)).hasMessageContaining("inner_optimizer");
    }

    private static float[] concat(List<Variable> vars) {
        List<Float> all = new ArrayList<>();
        for (Variable v : vars) {
            for (float f : v.toFloatArray()) {
                all.add(f);
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual.length).as(what).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            float a = actual[i];
            float e = expected[i];
            if (Float.isNaN(e)) {
                assertThat(a).as(what).isNaN();
                continue;
            }
            float tol = MAX_ULPS * Math.ulp(Math.max(Math.abs(e), Float.MIN_NORMAL));
            assertThat(Math.abs(a - e)).as("%s [%d]: %s vs Keras %s", what, i, a, e).isLessThanOrEqualTo(tol);
        }
    }
}
