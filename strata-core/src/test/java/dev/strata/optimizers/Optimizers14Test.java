package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.KerasConfigGolden;
import dev.strata.training.FitOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The optimizers of issue 14 beyond their golden steps ({@link Optimizers14GoldenTest}): Keras's serialized forms
 * ({@code keras-golden/optimizer_configs14.json}, from {@code tools/golden/optimizers14.py configs}) load as
 * optimizers that take Keras's steps; names resolve by discovery, in {@code compile} too; out-of-range arguments fail
 * naming the optimizer and the argument; and the base's whole-variable hook ({@link Optimizer#updateVariable}) and
 * per-variable weight decay ({@link Optimizer#weightDecayRate}) work for any optimizer.
 */
class Optimizers14Test {
    private static final Map<String, Object> GOLDEN = KerasConfigGolden.load("optimizer_configs14.json");

    private static List<Variable> variables() {
        List<Variable> vars = new ArrayList<>();
        for (int i = 0; i < Optimizers14Golden.W0.length; i++) {
            vars.add(new Variable(Tensor.of(Optimizers14Golden.W0[i], Shape.of(Optimizers14Golden.SHAPES[i])),
                    Optimizers14Golden.NAMES[i], true));
        }
        return vars;
    }

    private static List<Tensor> grads(int step) {
        List<Tensor> g = new ArrayList<>();
        for (int i = 0; i < Optimizers14Golden.W0.length; i++) {
            g.add(Tensor.of(Optimizers14Golden.GRADS[step][i], Shape.of(Optimizers14Golden.SHAPES[i])));
        }
        return g;
    }

    @Test
    @SuppressWarnings("unchecked")
    void kerasConfigsGiveKerasSteps() {
        Map<String, Object> forms = (Map<String, Object>) GOLDEN.get("optimizers");
        Map<String, Object> steps = (Map<String, Object>) GOLDEN.get("steps");
        int checked = 0;
        for (String name : forms.keySet()) {
            List<Object> serialized = (List<Object>) forms.get(name);
            List<Object> expected = (List<Object>) steps.get(name);
            for (int f = 0; f < serialized.size(); f++) {
                Optimizer opt = Optimizers.deserialize(serialized.get(f), ConfigContext.DEFAULT);
                assertThat(opt.getClass().getSimpleName()).isEqualTo(name);
                assertThat(Optimizers.serialize(opt)).isEqualTo(serialized.get(f)); // and back: Keras's dict
                List<Variable> vars = variables();
                for (int step = 0; step < 3; step++) {
                    opt.apply(grads(step), vars);
                    List<Object> weights = (List<Object>) ((List<Object>) expected.get(f)).get(step);
                    for (int i = 0; i < vars.size(); i++) {
                        List<Object> w = (List<Object>) weights.get(i);
                        float[] e = new float[w.size()];
                        for (int k = 0; k < e.length; k++) {
                            e[k] = ((Number) w.get(k)).floatValue();
                        }
                        Optimizers14GoldenTest.assertMatches(vars.get(i).toFloatArray(), e,
                                name + " form " + f + ", step " + (step + 1) + ", " + vars.get(i).name());
                    }
                }
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9 + 10); // Keras's defaults of nine classes, ten forms with other arguments
    }

    @Test
    void namesResolveByDiscoveryAndInCompile() {
        Map<String, Class<?>> byName = new LinkedHashMap<>();
        byName.put("adagrad", Adagrad.class);
        byName.put("adadelta", Adadelta.class);
        byName.put("adamax", Adamax.class);
        byName.put("nadam", Nadam.class);
        byName.put("ftrl", Ftrl.class);
        byName.put("lion", Lion.class);
        byName.put("lamb", Lamb.class);
        byName.put("muon", Muon.class);
        byName.put("adafactor", Adafactor.class);
        Tensor x = Tensor.normal(Shape.of(16, 3), 0, 1);
        Tensor y = Tensor.normal(Shape.of(16, 2), 0, 1);
        for (Map.Entry<String, Class<?>> e : byName.entrySet()) {
            assertThat(Optimizers.get(e.getKey())).isExactlyInstanceOf(e.getValue());
            assertThat(Optimizers.get(e.getValue().getSimpleName())).isExactlyInstanceOf(e.getValue());
            Sequential model = new Sequential(new InputLayer(3), new Dense(4, "relu"), new Dense(2));
            model.compile(e.getKey(), "mse");
            model.fit(x, y, new FitOptions().epochs(1).batchSize(8).verbose(0));
            Optimizer opt = model.optimizer().orElseThrow();
            assertThat(opt).isExactlyInstanceOf(e.getValue());
            assertThat(opt.iterations()).isEqualTo(2);
        }
    }

    private static void rejects(ThrowingCallable call, String... parts) {
        var assertion = assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class);
        for (String part : parts) {
            assertion.hasMessageContaining(part);
        }
    }

    @Test
    void outOfRangeArgumentsNameTheOptimizerAndTheArgument() {
        rejects(() -> new Adagrad().initialAccumulatorValue(-0.1f), "Adagrad '", "initial_accumulator_value must be "
                + ">= 0 and finite, got -0.1");
        rejects(() -> new Adagrad().epsilon(Float.NaN), "Adagrad '", "epsilon must be >= 0");
        rejects(() -> new Adadelta().rho(1.5f), "Adadelta '", "rho must be in [0, 1], got 1.5");
        rejects(() -> new Adamax().beta1(1f), "Adamax '", "beta_1 must be in [0, 1), got 1.0");
        rejects(() -> new Adamax().beta2(-0.5f), "Adamax '", "beta_2 must be in [0, 1], got -0.5");
        rejects(() -> new Nadam().beta2(1f), "Nadam '", "beta_2 must be in [0, 1), got 1.0");
        rejects(() -> new Nadam().epsilon(-1e-7f), "Nadam '", "epsilon must be >= 0 and finite, got -1.0E-7");
        rejects(() -> new Ftrl().learningRatePower(0.5f), "Ftrl '", "learning_rate_power must be <= 0 and finite, "
                + "got 0.5");
        rejects(() -> new Ftrl().initialAccumulatorValue(-1f), "Ftrl '", "initial_accumulator_value must be >= 0");
        rejects(() -> new Ftrl().l1RegularizationStrength(-0.1f), "Ftrl '", "l1_regularization_strength must be >= 0");
        rejects(() -> new Ftrl().l2RegularizationStrength(-0.1f), "Ftrl '", "l2_regularization_strength must be >= 0");
        rejects(() -> new Ftrl().l2ShrinkageRegularizationStrength(-0.1f), "Ftrl '",
                "l2_shrinkage_regularization_strength must be >= 0");
        rejects(() -> new Ftrl().beta(Float.POSITIVE_INFINITY), "Ftrl '", "beta must be finite");
        rejects(() -> new Lion().beta1(0f), "Lion '", "beta_1 must be in (0, 1], got 0.0");
        rejects(() -> new Lion().beta2(1.01f), "Lion '", "beta_2 must be in [0, 1], got 1.01");
        rejects(() -> new Lamb().beta1(-0.1f), "Lamb '", "beta_1 must be in [0, 1), got -0.1");
        rejects(() -> new Lamb().epsilon(Float.POSITIVE_INFINITY), "Lamb '", "epsilon must be >= 0 and finite");
        rejects(() -> new Muon().momentum(1.5f), "Muon '", "momentum must be in [0, 1], got 1.5");
        rejects(() -> new Muon().nsSteps(-1), "Muon '", "ns_steps must be >= 0, got -1");
        rejects(() -> new Muon().adamBeta1(1f), "Muon '", "adam_beta_1 must be in [0, 1), got 1.0");
        rejects(() -> new Muon().adamLrRatio(-1f), "Muon '", "adam_lr_ratio must be >= 0");
        rejects(() -> new Muon().rmsRate(-0.2f), "Muon '", "rms_rate must be >= 0");
        rejects(() -> new Muon().excludeLayers("dense["), "Muon '", "exclude_layers entry 'dense[' is not a valid "
                + "regular expression");
        rejects(() -> new Muon().newtonSchulz(Float.NaN, 1f, 1f), "muon_a must be finite");
        rejects(() -> new Adafactor().beta2Decay(Float.NaN), "Adafactor '", "beta_2_decay must be finite");
        rejects(() -> new Adafactor().epsilon1(-1e-30f), "Adafactor '", "epsilon_1 must be >= 0 and finite");
        rejects(() -> new Adafactor().epsilon2(Float.POSITIVE_INFINITY), "Adafactor '", "epsilon_2 must be >= 0 and "
                + "finite");
        rejects(() -> new Adafactor().clipThreshold(0f), "Adafactor '", "clip_threshold must be > 0 and finite, got "
                + "0.0");
        rejects(() -> new Adafactor().clipThreshold(-1f), "Adafactor '", "clip_threshold must be > 0");
        // the same checks when a config is read, naming the class and the key
        assertThatThrownBy(() -> Optimizers.deserialize(Map.of("class_name", "Ftrl", "config",
                Map.of("l1_regularization_strength", -1)), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Ftrl)")
                .hasMessageContaining("l1_regularization_strength must be >= 0 and finite, got -1.0");
        assertThatThrownBy(() -> Optimizers.deserialize(Map.of("class_name", "Lion", "config",
                Map.of("beta_1", 0)), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Lion)")
                .hasMessageContaining("beta_1 must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> Optimizers.deserialize(Map.of("class_name", "Muon", "config",
                Map.of("exclude_layers", "dense")), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Muon)")
                .hasMessageContaining("'exclude_layers' must be a list of strings");
        assertThatThrownBy(() -> Optimizers.deserialize(Map.of("class_name", "Nadam", "config",
                Map.of("beta_3", 0.5)), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Nadam)")
                .hasMessageContaining("unknown key [beta_3]");
        assertThatThrownBy(() -> Optimizers.deserialize(Map.of("class_name", "Adafactor", "config",
                Map.of("clip_threshold", 0)), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adafactor)")
                .hasMessageContaining("clip_threshold must be > 0 and finite, got 0.0");
        Adafactor factored = new Adafactor();
        factored.build(variables());
        assertThatThrownBy(() -> factored.relativeStep(false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("relative_step can only be set before the first apply");
        // options that shape the slots are fixed once built
        Nadam built = new Nadam();
        built.build(variables());
        assertThatThrownBy(() -> built.beta1(0.5f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("beta_1 can only be set before the first apply");
    }

    @Test
    void adafactorFactorsTheLastTwoAxesAndKeepsScalarPlaceholders() {
        List<Variable> vars = new ArrayList<>(variables());
        vars.add(new Variable(Tensor.zeros(Shape.of(2, 3, 4)), "cube", true));
        Adafactor opt = new Adafactor();
        opt.build(vars);
        // Keras's order: per variable r, c (named like the variable), then its velocity
        assertThat(opt.variables()).extracting(Variable::name).containsExactly("iteration", "learning_rate",
                "kernel", "kernel", "kernel_velocity", "bias", "bias", "bias_velocity", "wide", "wide",
                "wide_velocity", "embeddings", "embeddings", "embeddings_velocity", "cube", "cube", "cube_velocity");
        assertThat(opt.variables()).extracting(Variable::shape).containsExactly(Shape.of(), Shape.of(),
                Shape.of(3), Shape.of(2), Shape.of(3, 2), Shape.of(), Shape.of(), Shape.of(3), Shape.of(2),
                Shape.of(4), Shape.of(2, 4), Shape.of(4), Shape.of(2), Shape.of(4, 2), Shape.of(2, 3), Shape.of(2, 4),
                Shape.of(2, 3, 4));
    }

    @Test
    void adafactorCapsItsStepAtOneOverTheSquareRootOfTheStep() {
        // rho = min(lr, 1/sqrt(t)): any learning rate >= 1 takes the same four steps, relative_step or not
        List<Variable> a = variables();
        List<Variable> b = variables();
        List<Variable> c = variables();
        Adafactor big = new Adafactor(5f);
        Adafactor one = new Adafactor(1f);
        Adafactor absolute = new Adafactor(3f).relativeStep(false);
        for (int step = 0; step < 4; step++) {
            big.apply(grads(step), a);
            one.apply(grads(step), b);
            absolute.apply(grads(step), c);
        }
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).toFloatArray()).containsExactly(b.get(i).toFloatArray());
            assertThat(c.get(i).toFloatArray()).containsExactly(b.get(i).toFloatArray());
        }
        // and a smaller rate is not capped: the first step moves less
        List<Variable> d = variables();
        new Adafactor(0.5f).apply(grads(0), d);
        List<Variable> e = variables();
        new Adafactor(1f).apply(grads(0), e);
        float[] w0 = Optimizers14Golden.W0[0];
        assertThat(Math.abs(d.get(0).toFloatArray()[0] - w0[0]))
                .isLessThan(Math.abs(e.get(0).toFloatArray()[0] - w0[0]));
    }

    @Test
    void nadamKeepsItsRunningProductAfterTheSlots() {
        Nadam opt = new Nadam();
        List<Variable> vars = variables();
        opt.apply(grads(0), vars);
        opt.apply(grads(1), vars);
        List<Variable> state = opt.variables();
        Variable product = state.getLast();
        assertThat(product.name()).isEqualTo("variable");
        assertThat(product.shape()).isEqualTo(Shape.of());
        float mu1 = 0.9f * (1f - 0.5f * (float) Math.pow(0.96f, 1));
        float mu2 = 0.9f * (1f - 0.5f * (float) Math.pow(0.96f, 2));
        assertThat(product.item()).isCloseTo(mu1 * mu2, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(state).hasSize(2 + 2 * vars.size() + 1);
    }

    @Test
    void wholeVariableRulesSeeWholeLargeVariables() {
        // 80,000 elements: an element-wise rule is split over threads there; Lamb's and Muon's are not
        int n = 80_000;
        for (Supplier<Optimizer> make : List.<Supplier<Optimizer>>of(Lamb::new, () -> new Muon(0.01f))) {
            Variable w = new Variable(Tensor.normal(Shape.of(n), 0, 1), "w", true);
            Tensor g = Tensor.normal(Shape.of(n), 0, 1);
            float[] before = w.toFloatArray();
            Optimizer opt = make.get();
            opt.apply(List.of(g), List.of(w));
            float[] after = w.toFloatArray();
            int changed = 0;
            for (int i = 0; i < n; i++) {
                changed += after[i] != before[i] ? 1 : 0;
            }
            assertThat(changed).as(opt.toString()).isGreaterThan(n - 10);
        }
    }

    /** A user's rule that reads the whole variable: the update is {@code -lr * g / ||g||}. */
    static final class NormalizedSgd extends Optimizer {
        final List<Integer> lengths = new ArrayList<>();

        NormalizedSgd(float learningRate) {
            super(learningRate);
        }

        @Override
        protected void buildSlots(List<Variable> trainableVariables) {
        }

        @Override
        protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
            throw new AssertionError("not called when updateVariable is overridden");
        }

        @Override
        protected void updateVariable(int index, float[] gradient, float[] value, float lr) {
            lengths.add(value.length);
            double sum = 0;
            for (float g : gradient) {
                sum += g * g;
            }
            float norm = (float) Math.sqrt(sum);
            for (int i = 0; i < value.length; i++) {
                value[i] -= lr * gradient[i] / norm;
            }
        }
    }

    @Test
    void aUsersOptimizerCanUpdateWholeVariablesAfterWeightDecay() {
        NormalizedSgd opt = new NormalizedSgd(0.5f);
        opt.weightDecay(0.1f).excludeFromWeightDecay("bias");
        Variable kernel = new Variable(Tensor.of(new float[] {3, 4}, Shape.of(2)), "kernel", true);
        Variable bias = new Variable(Tensor.of(new float[] {1, 1}, Shape.of(2)), "bias", true);
        Variable big = new Variable(Tensor.ones(Shape.of(70_000)), "big", true);
        opt.apply(List.of(Tensor.of(new float[] {0, 2}, Shape.of(2)), Tensor.of(new float[] {3, 4}, Shape.of(2)),
                Tensor.ones(Shape.of(70_000))), List.of(kernel, bias, big));
        assertThat(opt.lengths).containsExactly(2, 2, 70_000); // once per variable, whole
        // kernel decayed first (w - w * 0.1 * 0.5), then w - 0.5 * g / ||g||
        assertThat(kernel.toFloatArray()).containsExactly(3f - 3f * 0.1f * 0.5f, 4f - 4f * 0.1f * 0.5f - 0.5f);
        assertThat(bias.toFloatArray()).containsExactly(1f - 0.5f * 0.6f, 1f - 0.5f * 0.8f);
    }
}
