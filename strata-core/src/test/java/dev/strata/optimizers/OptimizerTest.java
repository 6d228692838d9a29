package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.internal.Names;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optimizer API: defaults and config as Keras's get_config(), state variables, validation, errors. */
class OptimizerTest {
    private final Variable kernel = new Variable(Tensor.of(new float[] {1, -2, 3, -4, 5, -6}, 2, 3), "kernel", true);
    private final Variable bias = new Variable(Tensor.of(new float[] {0.5f, 0, -1}), "bias", true);
    private final List<Variable> both = List.of(kernel, bias);
    private final Tensor gKernel = Tensor.full(Shape.of(2, 3), 0.5f);
    private final Tensor gBias = Tensor.of(new float[] {0.1f, -0.2f, 0.3f});

    // ---- large variables are updated on several threads, with the single-threaded result ------------------

    @Test
    void largeVariablesGetTheSameUpdateOnAnyThreadCount() {
        int threads = dev.strata.Strata.numThreads();
        try {
            for (java.util.function.Supplier<Optimizer> make : List.<java.util.function.Supplier<Optimizer>>of(
                    () -> new Adam(1e-2f), () -> new Adam(1e-2f).amsgrad(true), () -> new SGD(0.1f, 0.9f, true),
                    () -> new SGD(0.1f), () -> new RMSprop(1e-2f).momentum(0.5f).centered(true),
                    () -> new AdamW(1e-2f, 0.1f), () -> new SGD(0.1f).weightDecay(0.3f))) {
                float[] one = train(make.get(), 1);
                float[] two = train(make.get(), 2);
                float[] three = train(make.get(), 3);
                assertThat(two).as(make.get().toString()).isEqualTo(one);
                assertThat(three).as(make.get().toString()).isEqualTo(one);
                assertThat(one).as("the weights moved").isNotEqualTo(start(70_001));
            }
        } finally {
            dev.strata.Strata.setNumThreads(threads);
        }
    }

    /** Three steps on one variable of 70,001 elements (above the split size, not a multiple of anything). */
    private static float[] train(Optimizer opt, int threads) {
        dev.strata.Strata.setNumThreads(threads);
        int n = 70_001;
        Variable w = new Variable(Tensor.of(start(n), n), "w", true);
        for (int step = 0; step < 3; step++) {
            float[] g = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) Math.sin(i * 0.37 + step) * (1 + i % 7);
            }
            opt.apply(List.of(Tensor.of(g, n)), List.of(w));
        }
        return w.toFloatArray();
    }

    private static float[] start(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.cos(i * 0.11);
        }
        return v;
    }

    // ---- defaults and config (values printed by Keras 3.15.1's get_config()) -----------------------------

    /** The keys and values Keras 3.15.1 gives for every optimizer, with the learning rate and name filled in. */
    private static Map<String, Object> common(String name, double learningRate) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("learning_rate", learningRate);
        c.put("weight_decay", null);
        c.put("clipnorm", null);
        c.put("global_clipnorm", null);
        c.put("clipvalue", null);
        c.put("use_ema", false);
        c.put("ema_momentum", 0.99);
        c.put("ema_overwrite_frequency", null);
        c.put("loss_scale_factor", null);
        c.put("gradient_accumulation_steps", null);
        return c;
    }

    @Test
    void sgdDefaultsAndConfigMatchKeras() {
        SGD opt = new SGD().name("sgd");
        // Keras: {'name': 'sgd', 'learning_rate': 0.009999999776482582, ..., 'momentum': 0.0, 'nesterov': False}
        Map<String, Object> expected = common("sgd", 0.009999999776482582);
        expected.put("momentum", 0.0);
        expected.put("nesterov", false);
        assertThat(opt.getConfig()).containsExactlyEntriesOf(expected);
        assertThat(opt.learningRate()).isEqualTo(0.01f);
        assertThat(opt.iterations()).isZero();
    }

    @Test
    void adamDefaultsAndConfigMatchKeras() {
        Adam opt = new Adam().name("adam");
        Map<String, Object> expected = common("adam", 0.0010000000474974513);
        expected.put("beta_1", 0.9);
        expected.put("beta_2", 0.999);
        expected.put("epsilon", 1e-7);
        expected.put("amsgrad", false);
        assertThat(opt.getConfig()).containsExactlyEntriesOf(expected);
    }

    @Test
    void rmspropDefaultsAndConfigMatchKeras() {
        RMSprop opt = new RMSprop().name("rm_sprop");
        Map<String, Object> expected = common("rm_sprop", 0.0010000000474974513);
        expected.put("rho", 0.9);
        expected.put("momentum", 0.0);
        expected.put("epsilon", 1e-7);
        expected.put("centered", false);
        assertThat(opt.getConfig()).containsExactlyEntriesOf(expected);
    }

    @Test
    void configShowsOptionsAsTheDecimalsTheUserWrote() {
        // Keras: Adam(clipnorm=1.0).get_config()['clipnorm'] == 1.0; hyperparameters stay Python floats (0.8,
        // not 0.800000011920929), while the learning rate is read back from its float32 variable.
        Map<String, Object> c = new RMSprop(0.1f).rho(0.8f).momentum(0.5f).epsilon(1e-3f).centered(true)
                .clipvalue(0.3f).getConfig();
        assertThat(c).containsEntry("learning_rate", 0.10000000149011612).containsEntry("rho", 0.8)
                .containsEntry("momentum", 0.5).containsEntry("epsilon", 1e-3).containsEntry("centered", true)
                .containsEntry("clipvalue", 0.3).containsEntry("clipnorm", null);
        assertThat(new Adam().clipnorm(1f).getConfig()).containsEntry("clipnorm", 1.0);
        assertThat(new SGD().globalClipnorm(2.5f).getConfig()).containsEntry("global_clipnorm", 2.5);
        assertThat(new SGD(0.1f, 0.9f, true).getConfig()).containsEntry("momentum", 0.9).containsEntry("nesterov", true);
        assertThat(new Adam(0.01f).amsgrad(true).getConfig()).containsEntry("amsgrad", true);
    }

    @Test
    void changingAConfigChangesNothingInTheOptimizer() {
        // getConfig gives a new map each time (so that a subclass can add its keys to super.getConfig())
        Adam opt = new Adam().name("a");
        Map<String, Object> c = opt.getConfig();
        c.put("name", "x");
        c.put("beta_1", 0.5);
        assertThat(opt.name()).isEqualTo("a");
        assertThat(opt.getConfig()).containsEntry("name", "a").containsEntry("beta_1", 0.9);
    }

    @Test
    void defaultNamesAreSnakeCasedAndUniqueLikeKeras() {
        assertThat(Names.toSnakeCase("RMSprop")).isEqualTo("rm_sprop"); // Keras's own quirk
        assertThat(Names.toSnakeCase("SGD")).isEqualTo("sgd");
        assertThat(Names.toSnakeCase("Adam")).isEqualTo("adam");
        assertThat(Names.toSnakeCase("LossScaleOptimizer")).isEqualTo("loss_scale_optimizer");
        assertThat(Names.autoName("NamingProbe")).isEqualTo("naming_probe");
        assertThat(Names.autoName("NamingProbe")).isEqualTo("naming_probe_1");
        assertThat(Names.autoName("NamingProbe")).isEqualTo("naming_probe_2");
        String first = new Adam().name();
        String second = new Adam().name();
        assertThat(first).matches("adam(_\\d+)?");
        assertThat(second).matches("adam_\\d+").isNotEqualTo(first);
        assertThat(new RMSprop().name()).startsWith("rm_sprop");
        assertThat(new SGD().name()).startsWith("sgd");
    }

    @Test
    void toStringShowsClassSettingsAndStep() {
        Adam opt = new Adam(0.01f).name("my_adam").clipnorm(1f);
        assertThat(opt.toString()).isEqualTo("Adam(name=my_adam, learning_rate=0.01, clipnorm=1.0, beta_1=0.9, "
                + "beta_2=0.999, epsilon=1.0E-7, amsgrad=false, iterations=0)");
        opt.apply(List.of(gKernel), List.of(kernel));
        assertThat(opt.toString()).endsWith("iterations=1)");
        assertThat(new SGD().name("s").toString())
                .isEqualTo("SGD(name=s, learning_rate=0.01, momentum=0.0, nesterov=false, iterations=0)");
    }

    @Test
    void optimizersGetByKerasNames() {
        assertThat(Optimizers.get("sgd")).isInstanceOf(SGD.class);
        assertThat(Optimizers.get("SGD")).isInstanceOf(SGD.class);
        assertThat(Optimizers.get("adam")).isInstanceOf(Adam.class);
        assertThat(Optimizers.get("Adam")).isInstanceOf(Adam.class);
        assertThat(Optimizers.get("rmsprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("RMSprop")).isInstanceOf(RMSprop.class);
        assertThat(Optimizers.get("adamw")).isInstanceOf(AdamW.class);
        assertThat(Optimizers.get("AdamW").getConfig()).containsEntry("weight_decay", 0.004);
        Optimizer adam = Optimizers.get("ADAM");
        assertThat(adam.learningRate()).isEqualTo(0.001f);
        assertThat(adam.getConfig()).containsEntry("beta_2", 0.999).containsEntry("amsgrad", false);
        assertThat(Optimizers.get("sgd").getConfig()).containsEntry("momentum", 0.0);
        assertThat(Optimizers.get("sgd")).isNotSameAs(Optimizers.get("sgd"));
    }

    @Test
    void optimizersGetRejectsUnknownNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> Optimizers.get("adagradient")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'adagradient'")
                .hasMessageContaining("adafactor, adagrad, adam, adamax, adamw, ftrl");
        assertThatThrownBy(() -> Optimizers.get(null)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- variables() -------------------------------------------------------------------------------------

    @Test
    void beforeTheFirstApplyOnlyIterationAndLearningRateExist() {
        Adam opt = new Adam();
        assertThat(opt.built()).isFalse();
        List<Variable> vars = opt.variables();
        assertThat(vars).extracting(Variable::name).containsExactly("iteration", "learning_rate");
        assertThat(vars).extracting(Variable::shape).containsOnly(Shape.scalar());
        assertThat(vars).noneMatch(Variable::trainable);
        assertThat(vars.get(0).item()).isZero();
        assertThat(vars.get(1).item()).isEqualTo(0.001f);
    }

    @Test
    void adamVariablesInKerasOrder() {
        // Keras 3.15.1: iteration, learning_rate, kernel_momentum, kernel_velocity, bias_momentum,
        // bias_velocity, then (amsgrad) kernel_velocity_hat, bias_velocity_hat.
        Adam opt = new Adam().amsgrad(true);
        opt.apply(List.of(gKernel, gBias), both);
        List<Variable> vars = opt.variables();
        assertThat(vars).extracting(Variable::name).containsExactly("iteration", "learning_rate",
                "kernel_momentum", "kernel_velocity", "bias_momentum", "bias_velocity",
                "kernel_velocity_hat", "bias_velocity_hat");
        assertThat(vars).extracting(Variable::shape).containsExactly(Shape.scalar(), Shape.scalar(),
                Shape.of(2, 3), Shape.of(2, 3), Shape.of(3), Shape.of(3), Shape.of(2, 3), Shape.of(3));
        assertThat(vars).noneMatch(Variable::trainable);
        assertThat(vars.get(0).item()).isEqualTo(1f);
        assertThat(new Adam().variables()).hasSize(2);
    }

    @Test
    void sgdVariablesInKerasOrder() {
        SGD plain = new SGD();
        plain.apply(List.of(gKernel, gBias), both);
        assertThat(plain.variables()).extracting(Variable::name).containsExactly("iteration", "learning_rate");
        SGD momentum = new SGD(0.01f, 0.9f, false);
        momentum.apply(List.of(gKernel, gBias), both);
        assertThat(momentum.variables()).extracting(Variable::name)
                .containsExactly("iteration", "learning_rate", "kernel_momentum", "bias_momentum");
    }

    @Test
    void rmspropVariablesInKerasOrder() {
        RMSprop plain = new RMSprop();
        plain.apply(List.of(gKernel, gBias), both);
        assertThat(plain.variables()).extracting(Variable::name)
                .containsExactly("iteration", "learning_rate", "kernel_velocity", "bias_velocity");
        RMSprop withMomentum = new RMSprop().momentum(0.5f);
        withMomentum.apply(List.of(gKernel, gBias), both);
        assertThat(withMomentum.variables()).extracting(Variable::name).containsExactly("iteration",
                "learning_rate", "kernel_velocity", "bias_velocity", "kernel_momentum", "bias_momentum");
        RMSprop centered = new RMSprop().centered(true);
        centered.apply(List.of(gKernel, gBias), both);
        assertThat(centered.variables()).extracting(Variable::name).containsExactly("iteration",
                "learning_rate", "kernel_velocity", "bias_velocity", "kernel_average_gradient",
                "bias_average_gradient");
    }

    @Test
    void variablesListIsASnapshotButTheVariablesAreLive() {
        Adam opt = new Adam();
        List<Variable> before = opt.variables();
        assertThatThrownBy(() -> before.add(kernel)).isInstanceOf(UnsupportedOperationException.class);
        opt.apply(List.of(gKernel, gBias), both);
        assertThat(before).hasSize(2);
        assertThat(opt.variables()).hasSize(6);
        Variable momentum = opt.variables().get(2);
        assertThat(momentum.toFloatArray()).containsOnly(0.05f); // m = 0.1 * g after one step
    }

    // ---- apply semantics ---------------------------------------------------------------------------------

    @Test
    void nullGradientsAreSkippedButSlotsAreBuiltForEveryVariable() {
        float[] biasBefore = bias.toFloatArray();
        Adam opt = new Adam();
        opt.apply(Arrays.asList(gKernel, null), both);
        assertThat(bias.toFloatArray()).containsExactly(biasBefore);
        assertThat(kernel.get(0, 0)).isCloseTo(0.999f, within(1e-6f));
        assertThat(opt.variables()).hasSize(6);
        assertThat(opt.variables().get(4).toFloatArray()).containsOnly(0f); // bias_momentum untouched
        assertThat(opt.iterations()).isEqualTo(1);
    }

    @Test
    void allNullGradientsAreAnError() {
        Adam opt = new Adam();
        assertThatThrownBy(() -> opt.apply(Arrays.asList(null, null), both))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no gradients provided for any variable").hasMessageContaining("kernel");
        assertThat(opt.iterations()).isZero();
        assertThat(opt.built()).isFalse();
    }

    @Test
    void emptyListsDoNothing() {
        SGD opt = new SGD();
        opt.apply(List.of(), List.of());
        assertThat(opt.iterations()).isZero();
        assertThat(opt.built()).isFalse();
    }

    @Test
    void laterCallsMayPassASubsetInAnyOrder() {
        SGD opt = new SGD(1f);
        opt.apply(List.of(gKernel, gBias), both);
        opt.apply(List.of(gBias), List.of(bias));
        assertThat(bias.toFloatArray()).containsExactly(new float[] {0.3f, 0.4f, -1.6f}, within(1e-6f));
        opt.apply(List.of(gBias, gKernel), List.of(bias, kernel));
        assertThat(kernel.get(0, 0)).isCloseTo(0f, within(1e-6f));
        assertThat(opt.iterations()).isEqualTo(3);
    }

    @Test
    void applyWithoutVariablesUsesTheBuildList() {
        SGD opt = new SGD(1f);
        assertThatThrownBy(() -> opt.apply(List.of(gKernel, gBias))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build");
        opt.build(both);
        assertThat(opt.built()).isTrue();
        assertThat(opt.iterations()).isZero();
        opt.apply(Arrays.asList(null, gBias));
        assertThat(bias.toFloatArray()).containsExactly(new float[] {0.4f, 0.2f, -1.3f}, within(1e-6f));
        assertThatThrownBy(() -> opt.apply(List.of(gBias))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 gradients for 2 variables");
    }

    @Test
    void clippingNeverWritesIntoTheCallersGradient() {
        Variable w = new Variable(Tensor.of(new float[] {1, 2}), "w", true);
        Variable g = new Variable(Tensor.of(new float[] {3, 4}), "g", false); // norm 5
        new SGD(1f).clipnorm(1f).apply(List.of(g), List.of(w));
        assertThat(g.toFloatArray()).containsExactly(3f, 4f);
        assertThat(w.toFloatArray()).containsExactly(new float[] {0.4f, 1.2f}, within(1e-6f));
    }

    @Test
    void allZeroGradientUnderClipnormStaysZero() {
        Variable w = new Variable(Tensor.of(new float[] {1, 2}), "w", true);
        new SGD(1f).clipnorm(1f).apply(List.of(Tensor.zeros(2)), List.of(w));
        assertThat(w.toFloatArray()).containsExactly(1f, 2f);
    }

    @Test
    void updatesAreNotRecordedOnATape() {
        Adam opt = new Adam();
        try (GradientTape tape = GradientTape.record()) {
            opt.apply(List.of(gKernel, gBias), both);
            assertThat(tape.watchedVariables()).isEmpty();
        }
    }

    @Test
    void learningRateCanChangeBetweenSteps() {
        SGD opt = new SGD(1f);
        Variable w = new Variable(Tensor.of(new float[] {1}), "w", true);
        opt.apply(List.of(Tensor.of(new float[] {0.5f})), List.of(w));
        opt.setLearningRate(0.1f);
        assertThat(opt.learningRate()).isEqualTo(0.1f);
        assertThat(opt.variables().get(1).item()).isEqualTo(0.1f);
        assertThat(opt.getConfig()).containsEntry("learning_rate", (double) 0.1f);
        opt.apply(List.of(Tensor.of(new float[] {0.5f})), List.of(w));
        assertThat(w.item()).isCloseTo(0.45f, within(1e-7f));
        // Assigning the variable (as restoring a checkpoint does) is the same as setLearningRate.
        opt.variables().get(1).assign(Tensor.scalar(2f));
        assertThat(opt.learningRate()).isEqualTo(2f);
        assertThatThrownBy(() -> opt.setLearningRate(Float.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning_rate");
    }

    @Test
    void restoredIterationDrivesAdamsBiasCorrection() {
        Variable w = new Variable(Tensor.of(new float[] {1}), "w", true);
        Adam opt = new Adam(0.1f);
        opt.build(List.of(w));
        opt.variables().get(0).assign(Tensor.scalar(10f)); // as if restored after 10 steps
        assertThat(opt.iterations()).isEqualTo(10);
        float g = 0.5f;
        opt.apply(List.of(Tensor.of(new float[] {g})), List.of(w));
        assertThat(opt.iterations()).isEqualTo(11);
        int t = 11;
        double alpha = 0.1 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
        double m = 0.1 * g;
        double v = 0.001 * g * g;
        assertThat((double) w.item()).isCloseTo(1 - m * alpha / (Math.sqrt(v) + 1e-7), within(1e-6));
    }

    @Test
    void iterationsStayExactBeyondFloatPrecision() {
        Variable w = new Variable(Tensor.of(new float[] {1}), "w", true);
        SGD opt = new SGD();
        opt.build(List.of(w));
        opt.variables().get(0).assign(Tensor.scalar(16_777_216f)); // 2^24: the last exactly representable run
        for (int i = 0; i < 3; i++) {
            opt.apply(List.of(Tensor.of(new float[] {0f})), List.of(w));
        }
        assertThat(opt.iterations()).isEqualTo(16_777_219L);
        assertThat(opt.variables().get(0).item()).isEqualTo((float) 16_777_219L);
    }

    // ---- bad input ---------------------------------------------------------------------------------------

    @Test
    void sizeMismatchIsAnError() {
        Adam opt = new Adam();
        assertThatThrownBy(() -> opt.apply(List.of(gKernel), both)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 gradients for 2 variables");
    }

    @Test
    void shapeMismatchNamesTheVariable() {
        Adam opt = new Adam().name("adam_x");
        assertThatThrownBy(() -> opt.apply(List.of(gKernel, Tensor.zeros(2, 3)), both))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Adam 'adam_x'")
                .hasMessageContaining("variable 'bias'")
                .hasMessageContaining("(2, 3)")
                .hasMessageContaining("(3,)");
        // Nothing was built or updated by the failed call.
        assertThat(opt.built()).isFalse();
        assertThat(kernel.get(0, 0)).isEqualTo(1f);
    }

    @Test
    void symbolicGradientIsAnError() {
        Adam opt = new Adam();
        Tensor symbolic = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        Variable v = new Variable(Tensor.zeros(2, 3), "v", true);
        assertThatThrownBy(() -> opt.apply(List.of(symbolic), List.of(v)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symbolic")
                .hasMessageContaining("'v'");
    }

    @Test
    void unknownVariableAfterBuildIsAnError() {
        SGD opt = new SGD();
        opt.apply(List.of(gKernel), List.of(kernel));
        assertThatThrownBy(() -> opt.apply(List.of(gBias), List.of(bias)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown variable 'bias'")
                .hasMessageContaining("[kernel]");
        assertThat(opt.iterations()).isEqualTo(1);
    }

    @Test
    void nullOrDuplicateVariablesAreErrors() {
        assertThatThrownBy(() -> new SGD().apply(List.of(gKernel, gKernel), List.of(kernel, kernel)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'kernel' appears twice");
        assertThatThrownBy(() -> new SGD().apply(Arrays.asList(gKernel, gBias), Arrays.asList(kernel, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variable 1 is null");
    }

    @Test
    void sgdMomentumMustBeInZeroOne() {
        for (float bad : new float[] {-0.1f, 1.5f, Float.NaN}) {
            assertThatThrownBy(() -> new SGD(0.1f, bad, false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("momentum must be a float between [0, 1]");
        }
        assertThat(new SGD(0.1f, 1f, false).getConfig()).containsEntry("momentum", 1.0);
    }

    @Test
    void otherHyperparametersAreValidated() {
        assertThatThrownBy(() -> new Adam(0.1f, 1f, 0.999f, 1e-7f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta_1");
        assertThatThrownBy(() -> new Adam(0.1f, 0.9f, -0.5f, 1e-7f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta_2");
        assertThatThrownBy(() -> new Adam(0.1f, 0.9f, 0.999f, -1f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new RMSprop().rho(1.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rho");
        assertThatThrownBy(() -> new RMSprop().momentum(-1f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum");
        assertThatThrownBy(() -> new RMSprop().epsilon(Float.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon");
        assertThatThrownBy(() -> new SGD(Float.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("learning_rate");
    }

    @Test
    void onlyOneClippingOptionLikeKeras() {
        assertThatThrownBy(() -> new Adam().clipnorm(1f).globalClipnorm(1f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one of clipnorm, clipvalue and global_clipnorm");
        assertThatThrownBy(() -> new Adam().globalClipnorm(1f).clipnorm(1f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("global_clipnorm=1.0 is set");
        assertThatThrownBy(() -> new Adam().clipvalue(1f).clipnorm(1f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Adam().clipnorm(1f).clipvalue(1f)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Adam().clipnorm(1f).clipnorm(2f).getConfig()).containsEntry("clipnorm", 2.0);
        for (float bad : new float[] {0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new SGD().clipnorm(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("clipnorm must be positive");
        }
    }

    @Test
    void optionsAreFrozenAfterTheFirstApply() {
        Adam adam = new Adam();
        adam.apply(List.of(gKernel), List.of(kernel));
        assertThatThrownBy(() -> adam.clipnorm(1f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("clipnorm can only be set before the first apply");
        assertThatThrownBy(() -> adam.globalClipnorm(1f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> adam.clipvalue(1f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> adam.amsgrad(true)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> adam.name("other")).isInstanceOf(IllegalStateException.class);
        RMSprop rms = new RMSprop();
        rms.build(List.of(kernel));
        assertThatThrownBy(() -> rms.rho(0.5f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rms.momentum(0.5f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rms.epsilon(0.5f)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rms.centered(true)).isInstanceOf(IllegalStateException.class);
    }

    // ---- weight decay and AdamW ----------------------------------------------------------------------------

    @Test
    void weightDecayShrinksEachWeightByWeightDecayTimesTheCurrentLearningRate() {
        Variable w = new Variable(Tensor.of(new float[] {1, -2}), "w", true);
        SGD opt = new SGD(0.1f).weightDecay(0.5f);
        Tensor zero = Tensor.zeros(Shape.of(2));
        opt.apply(List.of(zero), List.of(w));
        assertThat(w.toFloatArray()).containsExactly(1f - 1f * 0.5f * 0.1f, -2f - -2f * 0.5f * 0.1f);
        opt.setLearningRate(0.2f);
        opt.apply(List.of(zero), List.of(w));
        assertThat(w.toFloatArray()).containsExactly(0.95f - 0.95f * 0.5f * 0.2f, -1.9f - -1.9f * 0.5f * 0.2f);
    }

    @Test
    void withoutWeightDecayNothingIsDecayedAndTheConfigSaysNone() {
        Variable w = new Variable(Tensor.of(new float[] {1, -2}), "w", true);
        new SGD(0.1f).apply(List.of(Tensor.zeros(Shape.of(2))), List.of(w));
        assertThat(w.toFloatArray()).containsExactly(1f, -2f);
        assertThat(new Adam().getConfig()).containsEntry("weight_decay", null);
        assertThat(new Adam().excludeFromWeightDecay("bias").getConfig()).containsEntry("weight_decay", null);
    }

    @Test
    void excludedVariablesAreNotDecayedAndEachCallReplacesTheLastLikeKeras() {
        Tensor zeros = Tensor.zeros(Shape.of(2, 3));
        Tensor zeroBias = Tensor.zeros(Shape.of(3));
        float[] k0 = kernel.toFloatArray();
        float[] b0 = bias.toFloatArray();
        // the second call forgets "kernel": as in Keras, exclude_from_weight_decay replaces both lists
        SGD opt = new SGD(0.1f).weightDecay(0.5f).excludeFromWeightDecay("kernel").excludeFromWeightDecay("bia");
        opt.apply(List.of(zeros, zeroBias), both);
        assertThat(kernel.toFloatArray()).isNotEqualTo(k0);
        assertThat(bias.toFloatArray()).containsExactly(b0);

        Variable k = new Variable(Tensor.of(k0, 2, 3), "kernel", true);
        Variable b = new Variable(Tensor.of(b0, 3), "bias", true);
        SGD byVariable = new SGD(0.1f).weightDecay(0.5f).excludeFromWeightDecay(List.of(k), null);
        byVariable.apply(List.of(zeros, zeroBias), List.of(k, b));
        assertThat(k.toFloatArray()).containsExactly(k0);
        assertThat(b.toFloatArray()).isNotEqualTo(b0);
        // exclusions are not hyperparameters Keras saves
        assertThat(byVariable.getConfig()).doesNotContainKey("exclude_from_weight_decay");
    }

    @Test
    void weightDecayOptionsAreValidatedAndFrozenAfterTheFirstApply() {
        assertThatThrownBy(() -> new SGD().weightDecay(Float.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight_decay must be finite");
        assertThatThrownBy(() -> new SGD().excludeFromWeightDecay("bias", "(")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("regular expressions")
                .hasMessageContaining("'bias|('");
        assertThatThrownBy(() -> new SGD().excludeFromWeightDecay("bias", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a name is null");
        Adam adam = new AdamW();
        adam.apply(List.of(gKernel), List.of(kernel));
        assertThatThrownBy(() -> adam.weightDecay(0.1f)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("weight_decay can only be set before the first apply");
        assertThatThrownBy(() -> adam.excludeFromWeightDecay("bias")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exclude_from_weight_decay can only be set before the first apply");
    }

    @Test
    void adamWIsAdamWithKerasDefaultWeightDecay() {
        AdamW opt = new AdamW();
        assertThat(opt).isInstanceOf(Adam.class);
        assertThat(opt.name()).matches("adam_w(_\\d+)?"); // Keras's auto_name("AdamW")
        assertThat(opt.learningRate()).isEqualTo(0.001f);
        assertThat(opt.getConfig()).containsEntry("weight_decay", 0.004).containsEntry("beta_1", 0.9)
                .containsEntry("beta_2", 0.999).containsEntry("epsilon", 1e-7).containsEntry("amsgrad", false);
        assertThat(new AdamW(0.01f, 0.1f).name("w").toString()).isEqualTo("AdamW(name=w, learning_rate=0.01, "
                + "weight_decay=0.1, beta_1=0.9, beta_2=0.999, epsilon=1.0E-7, amsgrad=false, iterations=0)");
        // the fluent setters keep the type, so AdamW's own setters chain after the base's
        AdamW chained = new AdamW().clipnorm(1f).weightDecay(0.01f).excludeFromWeightDecay("bias").amsgrad(true)
                .name("chained");
        assertThat(chained.getConfig()).containsEntry("clipnorm", 1.0).containsEntry("weight_decay", 0.01)
                .containsEntry("amsgrad", true);
        Adam adam = new Adam(1e-3f).clipnorm(1f).weightDecay(0.1f).excludeFromWeightDecay(List.of(), List.of("b"));
        assertThat(adam.getConfig()).containsEntry("weight_decay", 0.1);
        assertThatThrownBy(() -> new AdamW(0.01f, 0.1f, 1f, 0.9f, 1e-7f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AdamW 'adam_w").hasMessageContaining("beta_1 must be in [0, 1)");
    }

    @Test
    void adamWTakesAdamsStepAfterDecayingTheWeights() {
        Variable a = new Variable(Tensor.of(new float[] {1, -2, 3}), "a", true);
        Variable b = new Variable(Tensor.of(new float[] {1, -2, 3}), "b", true);
        Tensor g = Tensor.of(new float[] {0.5f, -0.25f, 1f});
        AdamW adamW = new AdamW(0.01f, 0.2f);
        Adam adam = new Adam(0.01f);
        adamW.apply(List.of(g), List.of(a));
        float[] decayed = {1 - 1 * 0.2f * 0.01f, -2 - -2 * 0.2f * 0.01f, 3 - 3 * 0.2f * 0.01f};
        b.assign(Tensor.of(decayed));
        adam.apply(List.of(g), List.of(b));
        assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
        assertThat(adamW.variables()).extracting(Variable::name).containsExactly("iteration", "learning_rate",
                "a_momentum", "a_velocity");
    }

    @Test
    void slotsCanOnlyBeAddedWhileBuilding() {
        class SlotOutsideBuild extends Optimizer {
            SlotOutsideBuild() {
                super(0.1f);
            }

            @Override
            protected void buildSlots(List<Variable> trainableVariables) {
            }

            @Override
            protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
                addSlot(kernel, "late");
            }
        }
        assertThatThrownBy(() -> new SlotOutsideBuild().apply(List.of(gKernel), List.of(kernel)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SlotOutsideBuild 'slot_outside_build").hasMessageContaining("addSlot('late')")
                .hasMessageContaining("buildSlots");
    }
}
