package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.SavingRegistry;
import dev.strata.Strata;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Activation;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.core.Lambda;
import dev.strata.layers.merging.Add;
import dev.strata.layers.merging.Average;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.merging.Layers;
import dev.strata.layers.merging.Maximum;
import dev.strata.layers.merging.Minimum;
import dev.strata.layers.merging.Multiply;
import dev.strata.layers.merging.Subtract;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.Reshape;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.regularizers.L1;
import dev.strata.regularizers.L1L2;
import dev.strata.regularizers.L2;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strata -> JSON -> Strata for the three styles and every layer type: the reloaded model writes the same JSON
 * (so nothing was lost or changed), and, given the original's weights, computes the same outputs.
 */
class RoundTripTest {
    @BeforeEach
    void seed() {
        Strata.setRandomSeed(42);
    }

    /** Writes, reads back, and checks the reloaded model writes the same config. */
    static Model roundTrip(Model model, LoadOptions options) {
        String json = KerasConfig.modelToJson(model);
        Model back = KerasConfig.modelFromJson(json, options);
        assertThat(KerasConfig.modelToJson(back)).as("config after a round trip").isEqualTo(json);
        return back;
    }

    /** Gives {@code copy} the weights of {@code original} (layer by layer, by name) and compares predictions. */
    static void assertSameOutputs(Model original, Model copy, List<Tensor> inputs) {
        copyWeightsByName(original, copy);
        Tensors a = original.predict(inputs, new PredictOptions());
        Tensors b = copy.predict(inputs, new PredictOptions());
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).shape()).isEqualTo(a.get(i).shape());
            assertThat(b.get(i).toFloatArray()).as("output " + i).containsExactly(a.get(i).toFloatArray());
        }
    }

    static void copyWeightsByName(Model from, Model to) {
        for (Layer l : from.layers()) {
            Layer target = to.getLayer(l.name());
            if (l instanceof Model inner && target instanceof Model innerTarget) {
                copyWeightsByName(inner, innerTarget);
            } else {
                target.setWeights(l.getWeights());
            }
        }
    }

    static Tensor random(int... shape) {
        return Tensor.uniform(Shape.of(shape), -1f, 1f);
    }

    // ---- the three Wide & Deep styles -------------------------------------------------------------------------

    @Test
    void functionalWideAndDeep() {
        Model m = WideAndDeepStyles.functional();
        Model back = roundTrip(m, new LoadOptions());
        assertThat(Models.isFunctional(back)).isTrue();
        assertThat(back.compileOptions().get().lossWeights()).containsExactly(0.9, 0.1);
        // getConfig() is Keras's get_config(): the graph
        assertThat(m.getConfig()).isEqualTo(KerasConfig.modelToConfig(m).get("config"));
        assertThat(m.getConfig().keySet()).containsExactly("name", "trainable", "layers", "input_layers",
                "output_layers");
        assertSameOutputs(m, back, List.of(random(4, 5), random(4, 6)));
    }

    @Test
    void sequentialMlp() {
        Model m = WideAndDeepStyles.sequential();
        Model back = roundTrip(m, new LoadOptions());
        assertThat(back).isInstanceOf(Sequential.class);
        assertThat(m.getConfig()).isEqualTo(KerasConfig.modelToConfig(m).get("config"));
        assertThat(m.getConfig().keySet()).containsExactly("name", "trainable", "dtype", "layers",
                "build_input_shape");
        assertSameOutputs(m, back, List.of(random(4, 8)));
    }

    @Test
    void subclassedWideAndDeepReloadsAsItsClass() {
        Model m = WideAndDeepStyles.subclassed();
        Model back = roundTrip(m, new LoadOptions());
        assertThat(back).isInstanceOf(WideAndDeepModel.class);
        assertThat(((WideAndDeepModel) back).units()).isEqualTo(30);
        assertThat(back.isCompiled()).isTrue();
        assertSameOutputs(m, back, List.of(random(4, 5), random(4, 6)));
    }

    @Test
    void subclassedWideAndDeepWithoutItsClassLoadsAsItsGraph() {
        Model m = WideAndDeepStyles.subclassed();
        String json = KerasConfig.modelToJson(m);
        SavingRegistry.unregister(WideAndDeepModel.class); // as in a JVM without the class
        Model back = KerasConfig.modelFromJson(json);
        assertThat(Models.isFunctional(back)).isTrue();
        assertThat(back.layers()).extracting(Layer::name).containsExactly("input_layer_1", "hidden1", "input_layer",
                "hidden2", "main_output", "aux_output");
        assertSameOutputs(m, back, List.of(random(3, 5), random(3, 6)));
        assertThat(back.outputNames()).containsExactly("main_output", "aux_output");
    }

    @Test
    void subclassedNativeFormHoldsTheAutoConfig() {
        Model m = WideAndDeepStyles.subclassed();
        Map<String, Object> config = KerasConfig.modelToConfig(m, new ConfigOptions()
                .subclassedForm(ConfigOptions.SubclassedForm.NATIVE));
        assertThat(config.get("module")).isNull();
        assertThat(config.get("class_name")).isEqualTo("WideAndDeepModel");
        assertThat(config.get("registered_name")).isEqualTo("Custom>WideAndDeepModel");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) config.get("config");
        assertThat(inner).containsEntry("name", m.name()).containsEntry("trainable", true)
                .containsEntry("units", 30).containsEntry("activation", "relu").containsKey("dtype");
        assertThat(inner).doesNotContainKeys("hidden1", "main_output");
        assertThat(config.get("build_config")).isEqualTo(Map.of("input_shape", List.of(
                java.util.Arrays.asList(null, 5), java.util.Arrays.asList(null, 6))));
        Model back = KerasConfig.modelFromConfig(config, new LoadOptions());
        assertThat(back).isInstanceOf(WideAndDeepModel.class);
        assertSameOutputs(m, back, List.of(random(2, 5), random(2, 6)));
    }

    // ---- every layer type --------------------------------------------------------------------------------------

    @Test
    void everyLayerTypeInAFunctionalModel() {
        Tensor a = Input.of("a", 4, 3);
        Tensor b = Input.of("b", 12);
        Tensor x = new Dense(6, "tanh").useBias(false).kernelInitializer("he_uniform")
                .kernelRegularizer(new L2(0.01)).named("dense_reg").apply(a);
        x = new Activation("softplus").apply(x);
        x = new Dropout(0.25).noiseShape(-1, 1, 6).seed(3).apply(x);
        x = new LayerNormalization().axis(-2, -1).epsilon(1e-4).apply(x);
        x = new Flatten().apply(x);
        Tensor y = new BatchNormalization().momentum(0.9).epsilon(1e-2).center(false)
                .gammaInitializer(Initializers.constant(1.5f)).apply(b);
        Normalization adapted = new Normalization();
        adapted.adapt(random(20, 12));
        y = adapted.apply(y);
        y = new Normalization(new double[] {0.5}, new double[] {2.0}).invert(true).apply(y);
        Tensor merged = new Concatenate().apply(List.of(x, y)).getFirst();
        merged = new Dense(12).biasInitializer(Initializers.randomNormal(0f, 0.5f))
                .biasRegularizer(new L1L2(0.01, 0.02)).activityRegularizer(new L1(0.001)).apply(merged);
        Tensor sum = new Add().apply(List.of(merged, y)).getFirst();
        Tensor diff = new Subtract().apply(List.of(merged, y)).getFirst();
        Tensor prod = new Multiply().apply(List.of(sum, diff)).getFirst();
        Tensor avg = new Average().apply(List.of(sum, diff, prod)).getFirst();
        Tensor max = new Maximum().apply(List.of(sum, diff)).getFirst();
        Tensor min = new Minimum().apply(List.of(sum, diff)).getFirst();
        Tensor out = new Reshape(3, 4).apply(new Add().apply(List.of(avg, max, min)).getFirst());
        Tensor custom = new MyDense(2, "sigmoid").apply(out);
        Tensor lam = new Lambda(t -> Ops.multiply(t, 2f)).named("double_it").apply(custom);
        Model m = Model.of(List.of(a, b), List.of(out, lam), "all_layers");

        // The Lambda needs the caller's function and safeMode(false).
        Model back = roundTrip(m, new LoadOptions().safeMode(false).lambda("double_it", t -> Ops.multiply(t, 2f)));
        assertThat(back.layers()).extracting(l -> l.getClass().getSimpleName()).contains("Dense", "Activation",
                "Dropout", "LayerNormalization", "Flatten", "BatchNormalization", "Normalization", "Concatenate",
                "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Reshape", "MyDense", "Lambda");
        assertSameOutputs(m, back, List.of(random(5, 4, 3), random(5, 12)));
        assertThat(back.getLayer("dense_reg").losses()).hasSize(1);
    }

    @Test
    void everyLayerTypeInASequentialModel() {
        Sequential s = new Sequential(new InputLayer(2, 6), new Dense(4, "relu"), new Activation("elu"),
                new Dropout(0.1), new LayerNormalization(), new Flatten(), new BatchNormalization(),
                new Reshape(2, 4), new Normalization(), new Flatten(), new MyDense(3, "tanh"));
        Model back = roundTrip(s, new LoadOptions());
        assertSameOutputs(s, back, List.of(random(3, 2, 6)));
    }

    @Test
    void sequentialBuiltWithoutAnInputLayer() {
        Sequential s = new Sequential(new Dense(3), new Dense(1));
        s.buildForSamples(Shape.of(5));
        Map<String, Object> config = KerasConfig.modelToConfig(s);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) config.get("config");
        assertThat(inner.get("build_input_shape")).isEqualTo(java.util.Arrays.asList(null, 5));
        Model back = roundTrip(s, new LoadOptions());
        assertSameOutputs(s, back, List.of(random(2, 5)));
        Sequential unbuilt = new Sequential(new Dense(3), new Dense(1));
        Model back2 = roundTrip(unbuilt, new LoadOptions());
        assertThat(back2.isBuilt()).isFalse();
    }

    // ---- graphs: several inputs and outputs, shared layers, nested models, ops ----------------------------------

    @Test
    void sharedLayersAndNestedModels() {
        Tensor i = Input.of("i", 4);
        Model inner = Model.of(List.of(i), List.of(new Dense(4, "relu").named("inner_dense").apply(i)), "inner");
        Sequential seq = new Sequential().named("seq");
        seq.add(new InputLayer(4));
        seq.add(new Dense(4).named("seq_dense"));
        Tensor a = Input.of("a", 4);
        Tensor b = Input.of("b", 4);
        Dense shared = new Dense(4).named("shared");
        Tensor x = shared.apply(a);
        Tensor y = shared.apply(b);
        Tensor z = inner.apply(x);
        Tensor w = inner.apply(y);
        Tensor v = seq.apply(shared.apply(new Add().named("sum").apply(List.of(z, w)).getFirst()));
        Model m = Model.of(List.of(a, b), List.of(v, w), "outer");

        Map<String, Object> config = KerasConfig.modelToConfig(m);
        @SuppressWarnings("unchecked")
        Map<String, Object> graph = (Map<String, Object>) config.get("config");
        // Keras counts a nested Functional model's calls from 1 in output_layers (it has a node of its own).
        assertThat(graph.get("output_layers")).isEqualTo(List.of(List.of("seq", 0, 0), List.of("inner", 2, 0)));
        Model back = roundTrip(m, new LoadOptions());
        assertThat(back.getLayer("inner")).isInstanceOf(Model.class);
        assertThat(back.getLayer("seq")).isInstanceOf(Sequential.class);
        assertSameOutputs(m, back, List.of(random(3, 4), random(3, 4)));
    }

    @Test
    void subclassedModelNestedInAFunctionalModel() {
        WideAndDeepModel wd = new WideAndDeepModel(8, "relu");
        Tensor a = Input.of("wide", 5);
        Tensor b = Input.of("deep", 6);
        Tensors outs = wd.apply(List.of(a, b));
        Model m = Model.of(List.of(a, b), List.of(new Dense(1).named("head").apply(outs.get(0)), outs.get(1)),
                "with_subclass");
        Model back = roundTrip(m, new LoadOptions());
        assertThat(back.getLayer(wd.name())).isInstanceOf(WideAndDeepModel.class);
        assertSameOutputs(m, back, List.of(random(2, 5), random(2, 6)));
    }

    @Test
    void opsInAGraph() {
        Tensor a = Input.of("a", 3, 4);
        Tensor b = Input.of("b", 3, 4);
        List<Tensor> outs = new ArrayList<>();
        outs.add(Ops.add(Ops.multiply(a, 2f), 1f));
        outs.add(Ops.divide(Ops.subtract(a, b), Ops.add(Ops.square(b), 1f)));
        outs.add(Ops.relu(Ops.sigmoid(Ops.tanh(a))));
        outs.add(Ops.sqrt(Ops.log(Ops.add(Ops.exp(Ops.abs(a)), 1f))));
        outs.add(Ops.softmax(a, -1));
        outs.add(Ops.logSoftmax(b, 1));
        outs.add(Ops.concatenate(List.of(a, b), 1));
        outs.add(Ops.stack(List.of(a, b), 1));
        outs.add(Ops.reshape(a, -1, 12));
        outs.add(Ops.transpose(a, 0, 2, 1));
        outs.add(Ops.squeeze(Ops.expandDims(a, 1), 1));
        outs.add(Ops.sum(a, new int[] {1}, false));
        outs.add(Ops.mean(a, new int[] {1, 2}, true));
        outs.add(Ops.max(a, new int[] {2}, false));
        outs.add(Ops.min(b, new int[] {1}, true));
        outs.add(Ops.matmul(a, Ops.transpose(b, 0, 2, 1)));
        outs.add(Ops.clip(a, -0.5f, 0.5f));
        List<Tensor> parts = Ops.split(a, 2, 2);
        outs.add(parts.get(0));
        outs.add(parts.get(1));
        outs.add(Ops.where(Ops.greater(a, b), a, b));
        outs.add(Ops.leakyRelu(Ops.elu(Ops.gelu(a, false), 0.5f), 0.1f));
        outs.add(Ops.tile(a, 1, 2, 1));
        outs.add(Ops.repeat(a, 2, 1));
        outs.add(Ops.pad(a, new int[][] {{0, 0}, {1, 0}, {0, 2}}, 0.5f));
        outs.add(Ops.oneHot(Ops.argmax(a, -1), 4));
        outs.add(Ops.power(Ops.maximum(a, 0.1f), 2f));
        Model m = Model.of(List.of(a, b), outs, "ops");
        Model back = roundTrip(m, new LoadOptions());
        assertSameOutputs(m, back, List.of(random(2, 3, 4), random(2, 3, 4)));
    }

    @Test
    void opNamesDoNotCollideWithLayerNames() {
        Tensor a = Input.of("add", 2);
        Tensor out = Ops.add(Ops.add(a, 1f), new Dense(2).named("add_1").apply(a));
        Model m = Model.of(a, out);
        String json = KerasConfig.modelToJson(m);
        assertThat(json).contains("\"name\": \"add_2\"").contains("\"name\": \"add_3\"");
        roundTrip(m, new LoadOptions());
    }

    @Test
    void frozenModelsAndLayersStayFrozen() {
        Model m = WideAndDeepStyles.functional();
        m.getLayer("dense_1").setTrainable(false);
        Model back = roundTrip(m, new LoadOptions());
        assertThat(back.getLayer("dense_1").trainable()).isFalse();
        m.setTrainable(false);
        assertThat(roundTrip(m, new LoadOptions()).trainable()).isFalse();
    }

    @Test
    void modelsLayersFunctionalWrapsLayersWithLayers() {
        Tensor a = Input.of(3);
        Tensor out = Layers.concatenate(List.of(a, Layers.multiply(List.of(a, a))));
        roundTrip(Model.of(a, out), new LoadOptions());
    }
}
