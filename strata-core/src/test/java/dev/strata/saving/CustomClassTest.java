package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasSerializable;
import dev.strata.config.SavingRegistry;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.config.AutoConfig;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.losses.Loss;
import dev.strata.losses.Reduction;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.optimizers.SGD;
import dev.strata.regularizers.L2;
import dev.strata.regularizers.Regularizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom layers, models and losses without a hand-written config: the auto-config (simple fields by snake_case
 * name) written, and the object made again by the constructor whose parameter names match, by the one whose
 * parameter types match the fields in order (classes compiled without {@code -parameters}), or by a static
 * {@code fromConfig}; otherwise an error that says what to add.
 */
class CustomClassTest {
    /** A layer with a field of every simple type the auto-config records, and some it must leave out. */
    public static class Configurable extends Layer {
        public enum Mode { FAST, SLOW }

        private final int units;
        private final double rate;
        private final float scale;
        private final boolean flag;
        private final String label;
        private final Mode mode;
        private final List<Integer> sizes;
        private final Map<String, Double> factors;
        private final int[] dims;
        private final Shape shape;
        private final Activation activation;
        private final Initializer init;
        private final Regularizer reg;
        private transient int calls;      // state: left out
        private static int instances;     // static: left out
        private final Dense inner;        // a sublayer: left out
        private final List<Dense> blocks = new java.util.ArrayList<>(); // sublayers, even while empty: left out

        public Configurable(int units, double rate, float scale, boolean flag, String label, Mode mode,
                            List<Integer> sizes, Map<String, Double> factors, int[] dims, Shape shape,
                            Activation activation, Initializer init, Regularizer reg) {
            this.units = units;
            this.rate = rate;
            this.scale = scale;
            this.flag = flag;
            this.label = label;
            this.mode = mode;
            this.sizes = sizes;
            this.factors = factors;
            this.dims = dims;
            this.shape = shape;
            this.activation = activation;
            this.init = init;
            this.reg = reg;
            this.inner = new Dense(units);
            instances++;
        }

        @Override
        protected Tensor call(Tensor x) {
            calls++;
            return activation.apply(inner.apply(x));
        }
    }

    /** A layer with its own config and a static fromConfig, whose constructor takes something else. */
    public static class Scaled extends Layer {
        private final transient double alpha;

        Scaled(double alphaTimesTen, boolean unused) {
            this.alpha = alphaTimesTen / 10;
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
            c.put("alpha", alpha);
            return c;
        }

        public static Scaled fromConfig(Map<String, Object> config) {
            return new Scaled(((Number) config.get("alpha")).doubleValue() * 10, false);
        }

        @Override
        protected Tensor call(Tensor x) {
            return Ops.multiply(x, (float) alpha);
        }
    }

    /** A field that is not a constructor argument, and not marked transient. */
    public static class Mismatched extends Layer {
        private final int units;
        private int counter;

        public Mismatched(int units) {
            this.units = units;
        }

        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    /** Needs an instance of the test class to be made. */
    public class Inner extends Layer {
        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    @KerasSerializable(packageName = "MyLib", name = "Renamed")
    public static class Annotated extends Layer {
        @Override
        protected Tensor call(Tensor x) {
            return x;
        }
    }

    /** A custom loss with an argument. */
    public static class ScaledMse extends Loss {
        private final double factor;

        public ScaledMse(double factor) {
            super("scaled_mse", Reduction.SUM_OVER_BATCH_SIZE);
            this.factor = factor;
        }

        @Override
        protected Tensor call(Tensor yTrue, Tensor yPred) {
            return Ops.multiply(Ops.mean(Ops.square(Ops.subtract(yTrue, yPred)), -1), (float) factor);
        }
    }

    private static Configurable configurable() {
        return new Configurable(3, 0.25, 0.1f, true, "hello", Configurable.Mode.SLOW, List.of(1, 2, 3),
                Map.of("a", 1.5), new int[] {4, 5}, Shape.of(Shape.UNKNOWN, 2), Activations.get("tanh"),
                Initializers.heNormal(), new L2(0.5));
    }

    @Test
    void autoConfigRecordsSimpleFieldsBySnakeCaseName() {
        Map<String, Object> config = configurable().getConfig();
        assertThat(config.keySet()).containsExactly("name", "trainable", "dtype", "units", "rate", "scale", "flag",
                "label", "mode", "sizes", "factors", "dims", "shape", "activation", "init", "reg");
        assertThat(config).containsEntry("units", 3).containsEntry("rate", 0.25).containsEntry("scale", 0.1)
                .containsEntry("flag", true).containsEntry("label", "hello").containsEntry("mode", "SLOW")
                .containsEntry("sizes", List.of(1, 2, 3)).containsEntry("factors", Map.of("a", 1.5))
                .containsEntry("dims", List.of(4, 5)).containsEntry("shape", Arrays.asList(null, 2))
                .containsEntry("activation", "tanh")
                .containsEntry("init", Initializers.serialize(Initializers.heNormal()))
                .containsEntry("reg", dev.strata.regularizers.Regularizers.serialize(new L2(0.5)));
        assertThat(AutoConfig.of(new Dense(3))).isEmpty(); // Strata's own classes write their configs by hand
    }

    @Test
    void constructorMatchedByParameterNames() {
        Configurable c = configurable();
        Configurable back = KerasConfig.fromConfig(Configurable.class, c.getConfig(), new LoadOptions());
        assertThat(back.getConfig()).isEqualTo(c.getConfig());
        assertThat(back.name()).isEqualTo(c.name());
        assertThat(back.mode).isEqualTo(Configurable.Mode.SLOW);
        assertThat(back.dims).containsExactly(4, 5);
    }

    @Test
    void customLayerInsideASavedModel() {
        Sequential s = new Sequential(new InputLayer(2), configurable());
        Model back = RoundTripTest.roundTrip(s, new LoadOptions());
        assertThat(back.getLayer(0)).isInstanceOf(Configurable.class);
        RoundTripTest.assertSameOutputs(s, back, List.of(Tensor.uniform(Shape.of(4, 2), -1f, 1f)));
    }

    @Test
    void staticFromConfigWins() {
        Scaled s = new Scaled(25, true);
        Map<String, Object> config = s.getConfig();
        assertThat(config).containsEntry("alpha", 2.5);
        Scaled back = KerasConfig.fromConfig(Scaled.class, config, new LoadOptions());
        assertThat(back.alpha).isEqualTo(2.5);
        assertThat(back.name()).isEqualTo(s.name());
    }

    @Test
    void noMatchingConstructorSaysWhatToAdd() {
        Mismatched m = new Mismatched(3);
        assertThat(m.getConfig()).containsEntry("counter", 0);
        assertThatThrownBy(() -> KerasConfig.fromConfig(Mismatched.class, m.getConfig(), new LoadOptions()))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("no constructor of " + Mismatched.class.getName())
                .hasMessageContaining("[units, counter]")
                .hasMessageContaining("Mismatched(int units)")
                .hasMessageContaining("transient")
                .hasMessageContaining("public static Mismatched fromConfig(Map<String, Object> config)");
    }

    @Test
    void innerClassesCannotBeMade() {
        Inner inner = new Inner();
        assertThatThrownBy(() -> KerasConfig.fromConfig(Inner.class, inner.getConfig(), new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("declare it static");
    }

    @Test
    void registeredNameFromTheAnnotation() {
        Sequential s = new Sequential(new InputLayer(2), new Annotated());
        Map<String, Object> config = KerasConfig.modelToConfig(s);
        assertThat(KerasConfig.toJson(config)).contains("\"registered_name\": \"MyLib>Renamed\"");
        assertThat(SavingRegistry.lookup("MyLib>Renamed")).contains(Annotated.class);
        // A second name reads files that name the class so; saving keeps writing the first.
        assertThat(SavingRegistry.register(Annotated.class, "Other")).isEqualTo("Other>Renamed");
        assertThat(SavingRegistry.lookup("Other>Renamed")).contains(Annotated.class);
        assertThat(SavingRegistry.registeredName(Annotated.class)).contains("MyLib>Renamed");
        SavingRegistry.unregister(Annotated.class);
        assertThat(SavingRegistry.lookup("Other>Renamed")).isEmpty();
    }

    @Test
    void customLossInTheCompileConfig() {
        Sequential s = new Sequential(new InputLayer(2), new Dense(1));
        s.compile(new SGD(0.1f), new CompileOptions().loss(new ScaledMse(2.0)));
        Map<String, Object> compile = KerasConfig.compileConfig(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> loss = (Map<String, Object>) compile.get("loss");
        assertThat(loss.get("module")).isNull();
        assertThat(loss.get("registered_name")).isEqualTo("Custom>ScaledMse");
        assertThat(loss.get("config")).isEqualTo(Map.of("name", "scaled_mse", "reduction", "sum_over_batch_size",
                "factor", 2.0));
        Model back = KerasConfig.modelFromJson(KerasConfig.modelToJson(s));
        Object l = back.compileOptions().get().losses().getFirst();
        assertThat(l).isInstanceOf(ScaledMse.class);
        assertThat(((ScaledMse) l).factor).isEqualTo(2.0);
    }

    // ---- classes compiled without -parameters ------------------------------------------------------------------

    private static final String NO_NAMES = """
            package gen;
            public class NoNames extends dev.strata.layers.Layer {
                private final int units;
                private final String act;
                public NoNames(int units, String act) { this.units = units; this.act = act; }
                public int units() { return units; }
                @Override protected dev.strata.tensor.Tensor call(dev.strata.tensor.Tensor x) { return x; }
            }
            """;
    private static final String SWAPPED = """
            package gen;
            public class Swapped extends dev.strata.layers.Layer {
                private final int units;
                private final String act;
                public Swapped(String act, int units) { this.units = units; this.act = act; }
                @Override protected dev.strata.tensor.Tensor call(dev.strata.tensor.Tensor x) { return x; }
            }
            """;

    @Test
    void withoutParameterNamesTheConstructorMatchingTheFieldTypesInOrder() throws Exception {
        try (URLClassLoader loader = compileWithoutParameterNames(Map.of("NoNames", NO_NAMES, "Swapped", SWAPPED))) {
            @SuppressWarnings("unchecked")
            Class<? extends Layer> noNames = (Class<? extends Layer>) loader.loadClass("gen.NoNames");
            Layer l = noNames.getConstructor(int.class, String.class).newInstance(7, "relu");
            assertThat(l.getConfig()).containsEntry("units", 7).containsEntry("act", "relu");
            Layer back = KerasConfig.fromConfig(noNames, l.getConfig(), new LoadOptions());
            assertThat(noNames.getMethod("units").invoke(back)).isEqualTo(7);

            @SuppressWarnings("unchecked")
            Class<? extends Layer> swapped = (Class<? extends Layer>) loader.loadClass("gen.Swapped");
            Layer s = swapped.getConstructor(String.class, int.class).newInstance("relu", 7);
            assertThatThrownBy(() -> KerasConfig.fromConfig(swapped, s.getConfig(), new LoadOptions()))
                    .isInstanceOf(KerasConfigException.class)
                    .hasMessageContaining("parameter names were not compiled in")
                    .hasMessageContaining("(int units, String act)")
                    .hasMessageContaining("'-parameters'")
                    .hasMessageContaining("fromConfig(Map<String, Object> config)");
        }
    }

    /** Compiles sources with the JDK's compiler, without -parameters (reflection keeps java.compiler optional). */
    private static URLClassLoader compileWithoutParameterNames(Map<String, String> sources) throws Exception {
        Path dir = Files.createTempDirectory("strata-noparams");
        Path src = Files.createDirectories(dir.resolve("gen"));
        List<String> args = new java.util.ArrayList<>(List.of("-d", dir.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey() + ".java");
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        Object compiler = Class.forName("javax.tools.ToolProvider").getMethod("getSystemJavaCompiler").invoke(null);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = (int) Class.forName("javax.tools.Tool")
                .getMethod("run", InputStream.class, OutputStream.class, OutputStream.class, String[].class)
                .invoke(compiler, null, err, err, args.toArray(new String[0]));
        if (status != 0) {
            throw new IOException("compilation failed: " + err);
        }
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CustomClassTest.class.getClassLoader());
    }
}
