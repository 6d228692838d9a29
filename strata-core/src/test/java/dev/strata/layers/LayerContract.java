package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The contract every built-in layer honours, in the spirit of Keras's {@code run_layer_test}: each {@link Check} runs
 * on one {@link LayerCase}, with fresh layers from the case's factory. {@code LayerContractTest} finds the layers and
 * their cases; the checks live here so that a failure reads as the rule that was broken.
 */
public final class LayerContract {
    /** The batch size of the data the checks call layers on. */
    static final int BATCH = 4;
    private static final long DROPOUT_SEED = 1234;

    /** What the contract checks. */
    public enum Check {
        /** {@code getConfig} → from-config → the same config, unbuilt and built (Keras's serialization test). */
        CONFIG,
        /**
         * Traced (symbolic, batch unknown) and eager output shapes agree; a symbolic call records one node for the
         * layer, straight on its inputs; built without data ({@code buildForSamples}), it has the weights a first call
         * on data gives.
         */
        SHAPES,
        /** Inside a Functional model, saved to {@code .keras} and loaded back, the predictions are identical. */
        SAVE_LOAD,
        /** Finite differences agree with the tape's gradients of the inputs and of the trainable weights. */
        GRADIENTS,
        /** An input of a rank the built layer refuses fails with a shape error naming the layer and both shapes. */
        WRONG_RANK,
        /**
         * Sequential (one input and output), Functional and a subclassed model's {@code call} predict the same with the
         * same weights, and each trains a step (Keras's {@code run_training_step}).
         */
        MODEL_STYLES
    }

    private LayerContract() {
    }

    // ---- discovery ---------------------------------------------------------------------------------------------

    /** The concrete public layer classes under {@code dev.strata.layers} and {@code dev.strata.applications}, by simple name. */
    static List<Class<? extends Layer>> builtInLayers() {
        List<Class<? extends Layer>> out = new ArrayList<>();
        // the layer library, and the layers keras.applications' model families define (ConvNeXt's LayerScale...)
        for (String root : List.of("dev.strata.layers", "dev.strata.applications")) {
            for (Class<?> c : dev.strata.internal.ClassIndex.classesUnder(root)) {
                int m = c.getModifiers();
                if (Layer.class.isAssignableFrom(c) && Modifier.isPublic(m) && !Modifier.isAbstract(m)) {
                    out.add(c.asSubclass(Layer.class));
                }
            }
        }
        out.sort(Comparator.comparing(Class::getSimpleName));
        return out;
    }

    /** The test class that must hold a layer's contract cases: {@code <package>.<Name>Test}. */
    static String testClassOf(Class<?> layer) {
        return layer.getPackageName() + "." + layer.getSimpleName() + "Test";
    }

    /**
     * The cases from the layer's own test class ({@code static List<LayerCase> contractCases()}).
     *
     * @throws AssertionError saying what to add, if there are none
     */
    static List<LayerCase> casesOf(Class<? extends Layer> layer) {
        String testClass = testClassOf(layer);
        String fix = layer.getSimpleName() + " has no contract cases: add `static List<LayerCase> contractCases()` to "
                + testClass;
        Method method;
        try {
            method = Class.forName(testClass).getDeclaredMethod("contractCases");
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new AssertionError(fix + " (" + e + ")");
        }
        if (!Modifier.isStatic(method.getModifiers()) || !List.class.isAssignableFrom(method.getReturnType())) {
            throw new AssertionError(fix + " (" + method + " is not a static method returning a List)");
        }
        method.setAccessible(true);
        List<?> cases;
        try {
            cases = (List<?>) method.invoke(null);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new AssertionError(testClass + ".contractCases() failed", e instanceof InvocationTargetException t
                    ? t.getCause() : e);
        }
        if (cases == null || cases.isEmpty()) {
            throw new AssertionError(fix + " (it returned no cases)");
        }
        List<LayerCase> out = new ArrayList<>();
        for (Object o : cases) {
            out.add((LayerCase) o);
        }
        return out;
    }

    // ---- the checks --------------------------------------------------------------------------------------------

    /** Runs one check of one case of {@code type}. */
    public static void run(Check check, Class<? extends Layer> type, LayerCase c) {
        Layer probe = c.newLayer();
        assertThat(probe.getClass()).as("the class of the layer made by a contract case of " + type.getSimpleName())
                .isEqualTo(type);
        switch (check) {
            case CONFIG -> configRoundTrip(type, c);
            case SHAPES -> shapesAgree(c);
            case SAVE_LOAD -> saveAndLoad(c);
            case GRADIENTS -> gradients(c);
            case WRONG_RANK -> wrongRank(c);
            case MODEL_STYLES -> modelStyles(c);
        }
    }

    static void configRoundTrip(Class<? extends Layer> type, LayerCase c) {
        Layer layer = c.newLayer();
        Map<String, Object> config = KerasConfig.getConfig(layer);
        Layer back = KerasConfig.fromConfig(type, config, c.newLoadOptions());
        assertThat(back).isExactlyInstanceOf(type);
        assertThat(KerasConfig.getConfig(back)).as("the config of " + layer.describe() + " after from-config")
                .isEqualTo(config);

        Layer built = c.newLayer();
        if (!built.isBuilt()) {
            built.apply(c.data(BATCH));
        }
        Map<String, Object> builtConfig = KerasConfig.getConfig(built);
        Layer rebuilt = KerasConfig.fromConfig(type, builtConfig, c.newLoadOptions());
        if (!rebuilt.isBuilt()) {
            rebuilt.apply(c.data(BATCH));
        }
        assertThat(KerasConfig.getConfig(rebuilt)).as("the config of built " + built.describe() + " after from-config "
                + "and the same build").isEqualTo(builtConfig);
    }

    static void shapesAgree(LayerCase c) {
        Layer layer = c.newLayer();
        List<Tensor> placeholders = placeholders(c.sampleShapes());
        Tensors traced = layer.apply(placeholders);
        Tensors eager = layer.apply(c.data(BATCH));
        assertThat(traced).as("outputs traced and eager").hasSameSizeAs(eager);
        for (int i = 0; i < traced.size(); i++) {
            Shape t = traced.get(i).shape();
            Shape e = eager.get(i).shape();
            assertThat(t.rank()).as(layer.describe() + " output " + i + ": traced " + t + ", eager " + e).isEqualTo(
                    e.rank());
            assertThat(t.get(0)).as(layer.describe() + " output " + i + ": the traced batch of " + t).isEqualTo(
                    Shape.UNKNOWN);
            assertThat(t.subShape(1, t.rank())).as(layer.describe() + " output " + i + ": traced " + t + ", eager "
                    + e + " (samples of known size have known output sizes)").isEqualTo(e.subShape(1, e.rank()));
            Node node = Graph.producer((SymbolicTensor) traced.get(i)).orElseThrow();
            assertThat(node.operation()).as("the node of traced output " + i).isSameAs(layer);
            assertThat(node.inputs()).as("the inputs of " + layer.describe() + "'s node").containsExactlyElementsOf(
                    placeholders);
        }
        // Built without data (buildForSamples) or by a first call on data: the same weights.
        Layer withoutData = c.newLayer();
        withoutData.buildForSamples(c.sampleShapes().toArray(new Shape[0]));
        Layer onData = c.newLayer();
        onData.apply(c.data(BATCH));
        assertThat(describeWeights(withoutData)).as(withoutData.describe() + "'s weights built by buildForSamples "
                + c.sampleShapes() + ", against a first call on data").isEqualTo(describeWeights(onData));
        assertThat(withoutData.buildInputShapes()).isEqualTo(onData.buildInputShapes());
        if (!c.tracedSampleShapes().isEmpty()) {
            Layer open = c.newLayer();
            Tensors openTraced = open.apply(placeholders(c.tracedSampleShapes()));
            Tensors openEager = open.apply(c.data(BATCH));
            for (int i = 0; i < openTraced.size(); i++) {
                Shape t = openTraced.get(i).shape();
                Shape e = openEager.get(i).shape();
                assertThat(t.get(0)).as("the traced batch of " + t).isEqualTo(Shape.UNKNOWN);
                assertThat(t.isCompatibleWith(e)).as(open.describe() + " output " + i + " traced on "
                        + c.tracedSampleShapes() + " is " + t + ", eager " + e).isTrue();
            }
        }
    }

    static void saveAndLoad(LayerCase c) {
        Layer layer = c.newLayer();
        List<Tensor> inputs = modelInputs(c.sampleShapes());
        Model model = Model.of(inputs, layer.apply(inputs));
        perturb(model.weights());
        List<Tensor> x = c.data(BATCH);
        Tensors before = model.predict(x, new PredictOptions());
        Path dir;
        try {
            dir = Files.createTempDirectory("layer-contract");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = dir.resolve("model.keras");
            model.save(file);
            Model back = Saving.loadModel(file, c.newLoadOptions());
            assertSame(back.predict(x, new PredictOptions()), before, "predictions after save and load");
        } finally {
            deleteAll(dir);
        }
    }

    static void gradients(LayerCase c) {
        Layer layer = c.newLayer();
        List<Tensor> x = c.data(BATCH);
        layer.apply(x);
        Function<List<Tensor>, Tensor> f = xs -> {
            if (c.randomInTrainingMode()) {
                Strata.setRandomSeed(DROPOUT_SEED); // the same draws at every evaluation
            }
            return flatOutputs(layer.apply(xs, true));
        };
        List<Integer> smooth = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (c.differentiable(i)) {
                smooth.add(i);
            }
        }
        List<Variable> weights = layer.trainableWeights();
        assertThat(!smooth.isEmpty() || !weights.isEmpty()).as(layer.describe() + " has neither differentiable "
                + "inputs nor trainable weights; skip GRADIENTS with the reason").isTrue();
        if (!smooth.isEmpty()) {
            Tensor[] free = new Tensor[smooth.size()];
            for (int k = 0; k < free.length; k++) {
                free[k] = x.get(smooth.get(k));
            }
            GradientCheck.of().eps(c.eps()).tolerance(c.rtol(), c.atol()).verify(xs -> {
                List<Tensor> all = new ArrayList<>(x);
                for (int k = 0; k < smooth.size(); k++) {
                    all.set(smooth.get(k), xs.get(k));
                }
                return f.apply(all);
            }, free);
        }
        if (!weights.isEmpty()) {
            LayerChecks.checkWeightGradients(() -> f.apply(x), weights, c.eps(), c.rtol(), c.atol());
        }
    }

    static void wrongRank(LayerCase c) {
        List<Shape> bad = c.wrongRankInputs();
        assertThat(bad).as("declare wrongRank(...) inputs, or skip(WRONG_RANK, why) for a layer that takes any rank")
                .isNotNull();
        Layer layer = c.newLayer();
        layer.apply(c.data(BATCH));
        List<Tensor> concrete = new ArrayList<>();
        List<Tensor> symbolic = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            concrete.add(Tensor.zeros(bad.get(i)));
            symbolic.add(Graph.input(bad.get(i).rank() == 0 ? bad.get(i) : bad.get(i).withDim(0, Shape.UNKNOWN),
                    "wrong_" + i));
        }
        for (List<Tensor> given : List.of(concrete, symbolic)) {
            var thrown = assertThatThrownBy(() -> layer.apply(given))
                    .as(layer.describe() + " called on " + shapes(given)).isInstanceOf(ShapeException.class)
                    .hasMessageContaining(layer.name());
            for (Tensor t : given) {
                thrown.hasMessageContaining(t.shape().toString()); // the shapes it received
            }
            if (given.size() == 1) {
                thrown.hasMessageContaining(layer.buildInputShapes().getFirst().toString()); // the one it expected
            }
        }
    }

    static void modelStyles(LayerCase c) {
        List<Tensor> x = c.data(BATCH);
        Layer functionalLayer = c.newLayer();
        List<Tensor> inputs = modelInputs(c.sampleShapes());
        Model functional = Model.of(inputs, functionalLayer.apply(inputs));
        perturb(functional.weights());
        Tensors expected = functional.predict(x, new PredictOptions());

        Layer wrappedLayer = c.newLayer();
        Model subclassed = new Wrapper(wrappedLayer);
        subclassed.buildForSamples(c.sampleShapes().toArray(new Shape[0]));
        wrappedLayer.setWeights(functionalLayer.getWeights());
        assertSame(subclassed.predict(x, new PredictOptions()), expected, "a subclassed model's predictions");
        assertThat(subclassed.layers()).as("the subclassed model's layers").containsExactly(wrappedLayer);

        List<Model> models = new ArrayList<>(List.of(functional, subclassed));
        if (c.sampleShapes().size() == 1 && expected.size() == 1) {
            Layer stackedLayer = c.newLayer();
            Sequential sequential = new Sequential(new InputLayer(c.sampleShapes().getFirst().toArray()), stackedLayer);
            stackedLayer.setWeights(functionalLayer.getWeights());
            assertSame(sequential.predict(x, new PredictOptions()), expected, "a Sequential model's predictions");
            models.add(sequential);
        }
        for (Model m : models) {
            List<Tensor> y = new ArrayList<>();
            for (Tensor e : expected) {
                y.add(Tensor.zeros(e.shape()));
            }
            m.compile("sgd", "mse");
            var history = m.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0));
            double loss = history.history().get("loss").getFirst();
            assertThat(Double.isFinite(loss)).as(m.name() + " trained a step with loss " + loss).isTrue();
        }
    }

    /** Keras's {@code run_training_step} model: a subclassed model whose {@code call} applies the layer. */
    static final class Wrapper extends Model {
        private final Layer layer;

        Wrapper(Layer layer) {
            this.layer = layer;
        }

        @Override
        protected Tensors call(Tensors inputs) {
            return layer.apply(inputs);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static List<Tensor> placeholders(List<Shape> sampleShapes) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < sampleShapes.size(); i++) {
            out.add(Graph.input(sampleShapes.get(i).prepend(Shape.UNKNOWN), "input_" + i));
        }
        return out;
    }

    private static List<Tensor> modelInputs(List<Shape> sampleShapes) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < sampleShapes.size(); i++) {
            out.add(Input.of("in_" + i, sampleShapes.get(i).toArray()));
        }
        return out;
    }

    /** Every weight set to values in [0.5, 1.5), so that a weight lost on the way changes the predictions. */
    private static void perturb(List<Variable> weights) {
        SplittableRandom r = new SplittableRandom(5);
        for (Variable v : weights) {
            float[] values = new float[v.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (0.5 + r.nextDouble());
            }
            v.assign(Tensor.of(values, v.shape()));
        }
    }

    private static Tensor flatOutputs(Tensors outputs) {
        if (outputs.size() == 1) {
            return outputs.getFirst();
        }
        List<Tensor> flat = new ArrayList<>();
        for (Tensor t : outputs) {
            flat.add(Ops.reshape(t, -1));
        }
        return Ops.concatenate(flat, 0);
    }

    private static void assertSame(Tensors actual, Tensors expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).shape()).as(what + ", output " + i).isEqualTo(expected.get(i).shape());
            assertThat(actual.get(i).toFloatArray()).as(what + ", output " + i)
                    .containsExactly(expected.get(i).toFloatArray());
        }
    }

    private static List<String> describeWeights(Layer layer) {
        return layer.weights().stream().map(v -> v.name() + " " + v.shape() + (v.trainable() ? "" : " frozen"))
                .toList();
    }

    private static List<Shape> shapes(List<Tensor> tensors) {
        return tensors.stream().map(Tensor::shape).toList();
    }

    private static void deleteAll(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
