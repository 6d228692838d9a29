package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.SavingRegistry;
import dev.strata.graph.Graph;
import dev.strata.graph.Operation;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.merging.Layers;
import dev.strata.optimizers.SGD;
import dev.strata.internal.io.KerasArchive;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names in a model's summary, plot and saved file do not depend on how many batches ran (issue 10, defect h): a
 * layer a model makes in {@code call} ({@code Layers.concatenate}) is named by that call, alike in the trace and in
 * every later call, and a traced model's inputs are named as Keras names a Functional model's.
 */
class CallNamesTest {
    @TempDir
    Path dir;

    /** Wide & Deep with {@code keras.layers.concatenate} in {@code call}: a new Concatenate layer every call. */
    static final class Joined extends Model {
        private final Dense hidden = new Dense(4, "relu");
        private final Dense head = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h = hidden.apply(inputs.get(1));
            return Tensors.of(head.apply(Layers.concatenate(List.of(inputs.get(0), h))));
        }
    }

    /** Records the name of the layer it makes in every call. */
    static final class Recording extends Model {
        final transient List<String> made = new ArrayList<>();
        private final Dense head = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Concatenate c = new Concatenate();
            made.add(c.name());
            return Tensors.of(head.apply(c.apply(List.of(inputs.get(0), inputs.get(1))).getFirst()));
        }
    }

    /** Own layers named like the ones made in call and like the inputs: those pass over these names. */
    static final class Crowded extends Model {
        private final Dense concatenate = new Dense(4);
        private final Dense inputLayer = new Dense(4);
        private final Dense head = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor a = concatenate.apply(inputs.get(0));
            Tensor b = inputLayer.apply(inputs.get(1));
            return Tensors.of(head.apply(Layers.concatenate(List.of(a, b))));
        }
    }

    /** A traced model inside a traced model, both concatenating in call. */
    static final class Outer extends Model {
        private final Joined inner = new Joined();
        private final Dense head = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor a = inner.apply(List.of(inputs.get(0), inputs.get(1))).getFirst();
            return Tensors.of(head.apply(Layers.concatenate(List.of(a, inputs.get(0)))));
        }
    }

    @BeforeEach
    void freshSession() {
        Strata.clearSession();
        Strata.setRandomSeed(3);
        SavingRegistry.register(Joined.class);
        SavingRegistry.register(Crowded.class);
        SavingRegistry.register(Outer.class);
    }

    private static final List<Tensor> X = List.of(Tensor.normal(Shape.of(64, 3), 0, 1),
            Tensor.normal(Shape.of(64, 2), 0, 1));
    private static final List<Tensor> Y = List.of(Tensor.normal(Shape.of(64, 1), 0, 1));

    private static <M extends Model> M compiled(M m) {
        m.named("model");
        m.compile(new SGD().name("sgd"), "mse");
        return m;
    }

    /** Trains for 4 epochs of 16 batches, then evaluates (2 batches) and predicts (8): 74 calls of the model. */
    private static void train(Model m) {
        m.fit(X, Y, new FitOptions().epochs(4).batchSize(4).verbose(0));
        m.evaluate(X, Y);
        m.predict(X, new PredictOptions().batchSize(8));
    }

    /** What a user sees of the model's names: the summary, the layers, the trace's operations, the saved config. */
    private static List<String> views(Model m) {
        StringBuilder summary = new StringBuilder();
        m.summary(100, summary::append);
        List<String> traced = new ArrayList<>();
        for (Operation op : m.trace().operationsInKerasOrder()) {
            traced.add(op.name());
        }
        // Training adds the optimizer's variables to the counts, and nothing else.
        String table = summary.toString().replaceAll("(?m)^ (Total|Optimizer) params: .*\n", "");
        return List.of(table, m.layers().stream().map(Layer::name).toList().toString(),
                traced.toString(), m.inputNames().toString(), KerasConfig.modelToJson(m));
    }

    @Test
    void namesAfterTrainingAreTheNamesAfterNoBatches() {
        Joined m = compiled(new Joined());
        m.buildForSamples(Shape.of(3), Shape.of(2));
        List<String> untrained = views(m);
        assertThat(untrained.get(2)).isEqualTo("[input_layer_1, input_layer, hidden, concatenate, head]");
        train(m);
        assertThat(views(m)).isEqualTo(untrained);
        // A model built (or loaded) after all that training is named as the first one was.
        Joined fresh = compiled(new Joined());
        fresh.buildForSamples(Shape.of(3), Shape.of(2));
        assertThat(views(fresh)).isEqualTo(untrained);
        m.save(dir.resolve("joined.keras"));
        Model back = Saving.loadModel(dir.resolve("joined.keras"));
        assertThat(views(back)).isEqualTo(untrained);
        String config = KerasArchive.read(dir.resolve("joined.keras")).configJson();
        assertThat(config).contains("\"name\": \"concatenate\"").doesNotContain("concatenate_");
    }

    @Test
    void aLayerMadeInCallIsNamedAlikeOnEveryCallAndLeavesTheSessionCountersAlone() {
        Recording m = new Recording();
        m.compile(new SGD(), "mse");
        train(m);
        assertThat(m.made).hasSize(1 + 4 * 16 + 2 + 8).containsOnly("concatenate");
        m.apply(X); // a plain call outside fit and predict
        m.apply(X, true);
        assertThat(m.made.getLast()).isEqualTo("concatenate");
        assertThat(new Concatenate().name()).isEqualTo("concatenate");
    }

    @Test
    void namesMadeInCallPassOverTheModelsOwnLayers() {
        Crowded m = compiled(new Crowded());
        m.buildForSamples(Shape.of(3), Shape.of(2));
        assertThat(m.inputNames()).containsExactly("input_layer_1", "input_layer_2");
        List<String> untrained = views(m);
        assertThat(untrained.get(2)).isEqualTo(
                "[input_layer_1, input_layer_2, concatenate, input_layer, concatenate_1, head]");
        train(m);
        assertThat(views(m)).isEqualTo(untrained);
        m.save(dir.resolve("crowded.keras"));
        assertThat(views(Saving.loadModel(dir.resolve("crowded.keras")))).isEqualTo(untrained);
    }

    @Test
    void tracedInputsAreNamedAsKerasNamesAFunctionalModelsInputsWhateverCameBefore() {
        for (int i = 0; i < 3; i++) {
            Input.of(5); // input_layer, input_layer_1, ... in the session
            new Joined().buildForSamples(Shape.of(3), Shape.of(2));
        }
        Joined m = new Joined();
        m.buildForSamples(Shape.of(3), Shape.of(2));
        assertThat(m.inputNames()).containsExactly("input_layer", "input_layer_1");
        Map<?, ?> config = (Map<?, ?>) KerasConfig.modelToConfig(m).get("config");
        assertThat(config.get("input_layers")).isEqualTo(List.of(List.of("input_layer", 0, 0),
                List.of("input_layer_1", 0, 0)));
        // ...and the session's counter did not move: Keras's next unnamed Input is still input_layer_3.
        assertThat(Graph.producer(Input.of(5)).orElseThrow().operation().name())
                .isEqualTo("input_layer_3");
    }

    @Test
    void nestedTracedModelsNeverShareANameAndReloadAlike() {
        Outer m = compiled(new Outer());
        m.buildForSamples(Shape.of(3), Shape.of(2));
        List<String> untrained = views(m);
        assertThat(untrained.get(2)).isEqualTo("[input_layer, input_layer_1, inner, concatenate_1, head]");
        Model inner = (Model) m.getLayer("inner");
        List<String> innerNames = new ArrayList<>();
        for (Operation op : inner.trace().operationsInKerasOrder()) {
            innerNames.add(op.name());
        }
        assertThat(innerNames).containsExactly("input_layer_1", "input_layer", "hidden", "concatenate", "head");
        assertUniqueNamesPerGraph(KerasConfig.modelToConfig(m));
        train(m);
        assertThat(views(m)).isEqualTo(untrained);
        Outer fresh = compiled(new Outer());
        fresh.buildForSamples(Shape.of(3), Shape.of(2));
        assertThat(views(fresh)).isEqualTo(untrained);
        // Without the classes, the saved graphs load as Functional models, which need unique names per graph.
        m.save(dir.resolve("outer.keras"));
        SavingRegistry.unregister(Outer.class);
        SavingRegistry.unregister(Joined.class);
        Model graph = Saving.loadModel(dir.resolve("outer.keras"));
        assertThat(Models.isFunctional(graph)).isTrue();
        assertThat(graph.layers()).extracting(Layer::name)
                .containsExactly("input_layer", "input_layer_1", "inner", "concatenate_1", "head");
        assertThat(((Model) graph.getLayer("inner")).layers()).extracting(Layer::name)
                .containsExactly("input_layer_1", "input_layer", "hidden", "concatenate", "head");
        assertThat(graph.predict(X, new PredictOptions()).get(0).toFloatArray())
                .containsExactly(m.predict(X, new PredictOptions()).get(0).toFloatArray());
    }

    /** In every Functional config of the tree, each layer name appears once. */
    private static void assertUniqueNamesPerGraph(Object config) {
        if (config instanceof Map<?, ?> map) {
            if (map.get("layers") instanceof List<?> layers && map.containsKey("input_layers")) {
                Set<Object> names = new HashSet<>();
                for (Object l : layers) {
                    assertThat(names.add(((Map<?, ?>) l).get("name"))).as("name %s", ((Map<?, ?>) l).get("name"))
                            .isTrue();
                }
            }
            map.values().forEach(CallNamesTest::assertUniqueNamesPerGraph);
        } else if (config instanceof List<?> list) {
            list.forEach(CallNamesTest::assertUniqueNamesPerGraph);
        }
    }
}
