package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.KerasConfigException;
import dev.strata.config.SavingRegistry;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.regularization.Dropout;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.SGD;
import dev.strata.regularizers.L2;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every config.json of the shared Keras fixtures ({@code /work/shared/fixtures/keras}, copied to the test resources;
 * the legacy {@code .h5} files' {@code model_config} too): the ones whose layers Strata has load as models with the
 * right architecture and compile settings, the recurrent ones included.
 */
class FixtureConfigTest {
    private static final int U = Shape.UNKNOWN;

    @BeforeEach
    @AfterEach
    void forgetTestClasses() { // other tests register them when they save models using them
        SavingRegistry.unregister(WideAndDeepModel.class);
        SavingRegistry.unregister(MyDense.class);
    }

    static String fixture(String name) {
        try (InputStream in = FixtureConfigTest.class.getResourceAsStream("fixtures/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> names(List<Layer> layers) {
        List<String> out = new ArrayList<>();
        for (Layer l : layers) {
            out.add(l.name());
        }
        return out;
    }

    @Test
    void bookFunctionalWideAndDeep() {
        Model m = KerasConfig.modelFromJson(fixture("book_functional_wide_deep.config.json"));
        assertThat(Models.isFunctional(m)).isTrue();
        assertThat(m.name()).isEqualTo("functional");
        assertThat(names(m.layers())).containsExactly("deep_input", "dense_1", "wide_input", "dense", "concatenate",
                "main_output", "aux_output");
        assertThat(m.inputNames()).containsExactly("wide_input", "deep_input");
        assertThat(m.outputNames()).containsExactly("main_output", "aux_output");
        assertThat(m.getLayer("concatenate")).isInstanceOf(Concatenate.class);
        assertThat(((Dense) m.getLayer("dense_1")).units()).isEqualTo(30);
        assertThat(((Dense) m.getLayer("dense_1")).activation().name()).isEqualTo("relu");
        assertThat(((Dense) m.getLayer("main_output")).kernel().shape()).isEqualTo(Shape.of(35, 1));
        assertThat(m.countParams()).isEqualTo(6 * 30 + 30 + 30 * 30 + 30 + 35 + 1 + 30 + 1);
        // compile_config: SGD(1e-3), mse for both outputs, loss weights 0.9 / 0.1
        assertThat(m.optimizer()).get().isInstanceOf(SGD.class);
        assertThat(m.optimizer().get().learningRate()).isEqualTo(1e-3f);
        assertThat(m.compileOptions().get().losses()).containsExactly("mse", "mse");
        assertThat(m.compileOptions().get().lossWeights()).containsExactly(0.9, 0.1);
        Tensor wide = Tensor.ones(4, 5);
        Tensor deep = Tensor.ones(4, 6);
        assertThat(m.predict(List.of(wide, deep), new dev.strata.training.PredictOptions())).hasSize(2);
    }

    @Test
    void lamtiFunctionalWideAndDeepKeras312() {
        Model m = KerasConfig.modelFromJson(fixture("k3_lamti_functional_wide_deep_2in_2out.config.json"));
        assertThat(names(m.layers())).containsExactly("deep_input", "dense_17", "wide_input", "dense_18",
                "concatenate_1", "main_output", "aux_output");
        assertThat(m.optimizer().get().learningRate()).isEqualTo(0.01f);
        assertThat(m.optimizer().get().name()).isEqualTo("SGD");
    }

    @Test
    void bookSequentialMlp() {
        Model m = KerasConfig.modelFromJson(fixture("book_sequential_mlp.config.json"));
        assertThat(m).isInstanceOf(Sequential.class);
        assertThat(names(m.layers())).containsExactly("dense_2", "dense_3");
        assertThat(((Sequential) m).inputLayer()).get().extracting(l -> l.batchShape()).isEqualTo(Shape.of(U, 8));
        assertThat(m.isBuilt()).isTrue();
        assertThat(m.countParams()).isEqualTo(8 * 30 + 30 + 31);
        assertThat(m.compileOptions().get().losses()).containsExactly("mse");
        assertThat(m.predict(Tensor.ones(3, 8)).shape()).isEqualTo(Shape.of(3, 1));
    }

    @Test
    void saheartSequentialWithRegularizerBatchNormAndDropout() {
        String json = fixture("k3_saheart_sequential_bn.config.json");
        // Its compile config has Keras's AUC metric: it compiles with it, without a warning...
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Model compiled = KerasConfig.modelFromJson(json, new LoadOptions().warnings(warnings::add));
        assertThat(warnings).isEmpty();
        assertThat(compiled.isCompiled()).isTrue();
        assertThat(compiled.compileOptions().get().metrics()).singleElement()
                .isInstanceOfSatisfying(dev.strata.metrics.AUC.class, a -> {
                    assertThat(a.name()).isEqualTo("auc");
                    assertThat(a.numThresholds()).isEqualTo(200);
                });
        // ... and without compiling, the architecture loads alone.
        Model m = KerasConfig.modelFromJson(json, new LoadOptions().compile(false));
        assertThat(m.isCompiled()).isFalse();
        assertThat(m.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly("Dense",
                "BatchNormalization", "Dropout", "Dense", "Dense");
        Dense first = (Dense) m.getLayer(0);
        assertThat(first.getConfig().get("kernel_regularizer")).isEqualTo(
                dev.strata.regularizers.Regularizers.serialize(new L2(0.0001)));
        assertThat(((Dropout) m.getLayer(2)).rate()).isEqualTo(0.3);
        assertThat(((BatchNormalization) m.getLayer(1)).movingMean().shape()).isEqualTo(Shape.of(64));
        assertThat(m.predict(Tensor.ones(4, 11)).shape()).isEqualTo(Shape.of(4, 1));
    }

    @Test
    void yashladiaAutoencoder() {
        Model m = KerasConfig.modelFromJson(fixture("k3_yashladia28_autoencoder_sequential.config.json"));
        assertThat(m.layers()).hasSize(4);
        assertThat(m.optimizer()).get().isInstanceOf(Adam.class);
        assertThat(m.predict(Tensor.ones(2, 6)).shape()).isEqualTo(Shape.of(2, 6));
    }

    @Test
    void seedSubclassedModelLoadsAsTheRegisteredClass() {
        String json = fixture("seed_subclassed_wide_deep.config.json");
        assertThatThrownBy(() -> KerasConfig.modelFromJson(json)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("WideAndDeepModel").hasMessageContaining("Custom>WideAndDeepModel")
                .hasMessageContaining("SavingRegistry.register");
        SavingRegistry.register(WideAndDeepModel.class);
        Model m = KerasConfig.modelFromJson(json);
        assertThat(m).isInstanceOf(WideAndDeepModel.class);
        WideAndDeepModel w = (WideAndDeepModel) m;
        assertThat(w.units()).isEqualTo(30);
        assertThat(w.activation()).isEqualTo("relu");
        assertThat(w.name()).isEqualTo("wide_and_deep_model");
        // build_config [[32, 5], [32, 6]] built it (batch dimension dropped), tracing it
        assertThat(w.isBuilt()).isTrue();
        assertThat(w.trace().inputs()).extracting(Tensor::shape).containsExactly(Shape.of(U, 5), Shape.of(U, 6));
        assertThat(names(w.layers())).containsExactly("hidden1", "hidden2", "main_output", "aux_output");
        assertThat(w.optimizer().get().learningRate()).isEqualTo(0.01f);
        assertThat(w.compileOptions().get().lossWeights()).containsExactly(0.9, 0.1);
    }

    @Test
    void haiderareebSubclassedModelWithARegisteredNameWithoutPackage() {
        String json = fixture("k3_haiderareeb_subclassed_wide_deep.config.json");
        Model m = KerasConfig.modelFromJson(json, new LoadOptions()
                .customObject("WideAndDeepModel", HomlWideAndDeepModel.class));
        assertThat(m).isInstanceOf(HomlWideAndDeepModel.class);
        assertThat(m.name()).isEqualTo("my_cool_model");
        assertThat(m.countParams()).isEqualTo(5 * 2 + 1 + 6 * 2 + 1 + 6 * 30 + 30 + 30 * 30 + 30 + 35 + 1 + 31);
        // metrics ["RootMeanSquaredError", "RootMeanSquaredError"]: one per output in Keras 3, kept in Keras's form
        assertThat(m.compileOptions().get().metrics()).containsExactly("RootMeanSquaredError",
                "RootMeanSquaredError");
    }

    @Test
    void keras215SubclassedModelWithArgumentsAndStringDtype() {
        SavingRegistry.register("WideAndDeepModel", WideAndDeepModel.class);
        Model m = KerasConfig.modelFromJson(fixture("k2.15_homl3e_subclassed_wide_deep_backslash.config.json"));
        assertThat(m).isInstanceOf(WideAndDeepModel.class);
        assertThat(((WideAndDeepModel) m).units()).isEqualTo(30);
        assertThat(m.optimizer().get().name()).isEqualTo("Adam");
        // Keras 2: one loss and a metric for both outputs
        assertThat(m.compileOptions().get().losses()).containsExactly("mse");
        assertThat(m.compileOptions().get().metrics()).containsExactly("RootMeanSquaredError");
    }

    @Test
    void keras215CustomLayerSequential() {
        String json = fixture("k2.15_homl3e_custom_layer_sequential.config.json");
        SavingRegistry.register("MyDense", MyDense.class);
        // "optimizer": "nadam": the model loads compiled with Nadam's defaults, as Keras's get("nadam") gives
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Model m = KerasConfig.modelFromJson(json, new LoadOptions().warnings(warnings::add));
        assertThat(m.isCompiled()).isTrue();
        assertThat(m.optimizer().orElseThrow()).isExactlyInstanceOf(dev.strata.optimizers.Nadam.class);
        assertThat(warnings).isEmpty();
        assertThat(m.layers()).hasSize(2).allSatisfy(l -> assertThat(l).isInstanceOf(MyDense.class));
        assertThat(((MyDense) m.getLayer(0)).units()).isEqualTo(30);
        assertThat(((MyDense) m.getLayer(1)).activation().name()).isEqualTo("linear");
        assertThat(names(m.layers())).containsExactly("my_dense", "my_dense_1");
        assertThat(m.predict(Tensor.ones(2, 8)).shape()).isEqualTo(Shape.of(2, 1));
    }

    @Test
    void legacyHdf5ModelConfigs() {
        // Keras 3 writing the legacy format: no "module" keys
        Model seq = KerasConfig.modelFromJson(fixture("book_sequential_mlp_legacy.model_config.json"));
        assertThat(seq.countParams()).isEqualTo(8 * 30 + 30 + 31);
        // Keras 2.10: string dtypes, initializers without modules, "batch_input_shape"
        Model ae = KerasConfig.modelFromJson(fixture("k2.10_koustav_autoencoder_HDF5_named_dot_keras.model_config.json"));
        assertThat(ae.predict(Tensor.ones(2, 37)).shape()).isEqualTo(Shape.of(2, 37));
        // Keras 2.13 Functional: list-form inbound nodes, frozen layers, seeded initializers
        Model f = KerasConfig.modelFromJson(fixture("k2.13_haimeds_functional_concat.model_config.json"));
        assertThat(f.trainable()).isFalse();
        assertThat(f.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly("InputLayer", "Dense",
                "Dense", "Concatenate", "Dense", "Concatenate", "Dense");
        assertThat(f.predict(Tensor.ones(2, 30)).shape()).isEqualTo(Shape.of(2, 1));
    }

    /** The recurrent fixtures' configs: Keras 3's LSTM and Keras 2.1's SimpleRNN (with its Keras 2 keys). */
    @Test
    void recurrentFixtureConfigsLoad() {
        Model lstm = KerasConfig.modelFromJson(fixture("k3_water_sequential_lstm.config.json"),
                new LoadOptions().compile(false));
        assertThat(lstm.layers()).extracting(l -> l.getClass().getSimpleName()).contains("LSTM");
        Model rnn = KerasConfig.modelFromJson(fixture("k2.1_dl4j_simple_rnn_model.model_config.json"),
                new LoadOptions().compile(false));
        assertThat(rnn.layers()).extracting(l -> l.getClass().getSimpleName()).containsExactly("SimpleRNN", "Dense");
        assertThat(rnn.predict(Tensor.ones(2, 1, 1)).shape()).isEqualTo(Shape.of(2, 1));
    }

    /** A compile config whose optimizer Strata lacks: the model still loads, uncompiled, with a warning (defect d). */
    @Test
    void anUnknownOptimizerLeavesTheModelUncompiledWithAWarning() {
        String json = fixture("k3_saheart_sequential_bn.config.json").replace("\"class_name\": \"Adam\"",
                "\"class_name\": \"Adagradient\"");
        java.util.List<String> warnings = new java.util.ArrayList<>();
        Model m = KerasConfig.modelFromJson(json, new LoadOptions().warnings(warnings::add));
        assertThat(m.isCompiled()).isFalse();
        assertThat(warnings).singleElement().asString().contains("loaded uncompiled").contains("Adagradient")
                .contains("compile it yourself");
        assertThat(m.predict(Tensor.ones(2, 11)).shape().get(0)).isEqualTo(2);
    }
}
