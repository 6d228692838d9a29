package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The legacy Keras HDF5 layouts and the Keras 2.13-2.15 backslash group names, on the real fixture files. */
class LegacyH5Test {

    private static List<String> weightNames(LegacyH5.LayerWeights l) {
        return l.weights().stream().map(LegacyH5.Weight::name).toList();
    }

    @Test
    void keras2FullModel() {
        LegacyH5 f = LegacyH5.read(Fixtures.file("k2.1_dl4j_simple_rnn_model.h5"));
        assertThat(f.kind()).isEqualTo(LegacyH5.Kind.FULL_MODEL);
        assertThat(f.kerasVersion()).isEqualTo("2.1.3");
        assertThat(f.backend()).isEqualTo("tensorflow");
        assertThat(f.modelConfig()).hasSize(1341).startsWith("{\"class_name\": \"Sequential\"");
        assertThat(f.trainingConfig()).hasSize(229);
        assertThat(f.layers()).extracting(LegacyH5.LayerWeights::layerName).containsExactly("simple_rnn_1", "dense_1");
        LegacyH5.LayerWeights rnn = f.layer("simple_rnn_1");
        assertThat(weightNames(rnn)).containsExactly("simple_rnn_1/kernel:0", "simple_rnn_1/recurrent_kernel:0",
                "simple_rnn_1/bias:0");
        assertThat(rnn.weights()).extracting(LegacyH5.Weight::shortName).containsExactly("kernel", "recurrent_kernel", "bias");
        assertThat(rnn.weights().get(1).value().shape()).containsExactly(50, 50);
        assertThat(rnn.weights().get(1).value().path()).isEqualTo("/model_weights/simple_rnn_1/simple_rnn_1/recurrent_kernel:0");
        assertThat(f.optimizerWeights()).hasSize(5);
        assertThat(f.optimizerWeights().get(0).name()).isEqualTo("training/RMSprop/Variable:0");
    }

    @Test
    void keras2FunctionalWithWeightlessLayers() {
        LegacyH5 f = LegacyH5.read(Fixtures.file("k2.13_haimeds_functional_concat.h5"));
        assertThat(f.layers()).extracting(LegacyH5.LayerWeights::layerName)
                .containsExactly("input_1", "dense", "dense_1", "concatenate", "dense_2", "concatenate_1", "dense_3");
        assertThat(f.layer("concatenate").weights()).isEmpty(); // weight_names = [] (an empty float64 array)
        assertThat(f.layer("dense_2").weights().get(0).value().shape()).containsExactly(24, 8);
        assertThat(f.optimizerWeights().get(0).name()).isEqualTo("iteration:0");
        assertThat(f.optimizerWeights().get(0).value().dataType()).isEqualTo(H5DataType.INT64);
    }

    @Test
    void keras2WeightsOnly() {
        LegacyH5 f = LegacyH5.read(Fixtures.file("k2.1_dl4j_simple_rnn_weights.h5"));
        assertThat(f.kind()).isEqualTo(LegacyH5.Kind.WEIGHTS_ONLY);
        assertThat(f.modelConfig()).isNull();
        assertThat(f.layers()).extracting(LegacyH5.LayerWeights::layerName).containsExactly("simple_rnn_1", "dense_1");
        assertThat(weightNames(f.layer("dense_1"))).containsExactly("dense_1/kernel:0", "dense_1/bias:0");
        assertThat(f.layer("dense_1").weights().get(0).value().path()).isEqualTo("/dense_1/dense_1/kernel:0");
        assertThat(f.optimizerWeights()).isEmpty();
    }

    @Test
    void keras3LegacyFormatHasNestedWeightNamesWithoutSuffix() {
        LegacyH5 f = LegacyH5.read(Fixtures.file("book_sequential_mlp_legacy.h5"));
        assertThat(f.kerasVersion()).isEqualTo("3.15.1");
        assertThat(f.backend()).isEqualTo("jax");
        assertThat(weightNames(f.layer("dense_2"))).containsExactly("sequential/dense_2/kernel", "sequential/dense_2/bias");
        assertThat(f.layer("dense_2").weights()).extracting(LegacyH5.Weight::shortName).containsExactly("kernel", "bias");
        assertThat(f.layer("dense_2").weights().get(0).value().shape()).containsExactly(8, 30);
    }

    @Test
    void legacyModelSavedUnderKerasNameIsSniffed() {
        String name = "k2.10_koustav_autoencoder_HDF5_named_dot_keras.keras";
        assertThat(FileFormat.sniff(Fixtures.bytes(name))).isEqualTo(FileFormat.HDF5);
        assertThatThrownBy(() -> KerasArchive.read(Fixtures.file(name)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("this is an HDF5 file, not a .keras zip archive");
        LegacyH5 f = LegacyH5.read(Fixtures.file(name));
        assertThat(f.kerasVersion()).isEqualTo("2.10.0");
        assertThat(f.layers()).hasSize(4);
        assertThat(f.layer("dense").weights().get(0).value().shape()).containsExactly(37, 64);
    }

    @Test
    void keras3FilesAreNotLegacy() {
        WeightsFile w = Fixtures.weights("k3_vladmurnik_sequential_mlp.weights.h5");
        assertThat(LegacyH5.isLegacy(w)).isFalse();
        assertThatThrownBy(() -> LegacyH5.from(w)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("not a legacy Keras HDF5 file");
    }

    @Test
    void missingListedWeightIsNamed() {
        WeightsFile w = WeightsFile.read(Fixtures.file("k2.1_dl4j_simple_rnn_weights.h5"));
        w.root().group("dense_1/dense_1").remove("bias:0");
        assertThatThrownBy(() -> LegacyH5.from(w)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("k2.1_dl4j_simple_rnn_weights.h5 at /dense_1/dense_1/bias:0")
                .hasMessageContaining("dataset missing for weight 'dense_1/bias:0'");
        w.root().remove("simple_rnn_1");
        assertThatThrownBy(() -> LegacyH5.from(w)).hasMessageContaining("at /simple_rnn_1: group missing for layer");
    }

    @Test
    void fullModelWithoutWeightsGroupFails() {
        WeightsFile w = new WeightsFile();
        w.root().attribute("model_config", "{}");
        assertThatThrownBy(() -> LegacyH5.from(WeightsFile.read(w.toBytes(), "m.h5")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("Cannot read m.h5 at /model_weights: group missing (the file has model_config, so it is "
                        + "a legacy full model, which keeps its weights there)");
    }

    @Test
    void chunkedLayerNamesAttributesAreJoined() {
        WeightsFile w = new WeightsFile();
        w.root().attributes().put("layer_names0", List.of("a"));
        w.root().attributes().put("layer_names1", List.of("b"));
        w.root().groupOrCreate("a").attributes().put("weight_names", List.of("a/kernel:0"));
        w.root().group("a").groupOrCreate("a").putFloats("kernel:0", new int[] {1}, new float[] {2});
        w.root().groupOrCreate("b").attributes().put("weight_names", List.of());
        LegacyH5 f = LegacyH5.from(WeightsFile.read(w.toBytes(), "chunked.h5"));
        assertThat(f.layers()).extracting(LegacyH5.LayerWeights::layerName).containsExactly("a", "b");
        assertThat(f.layer("a").weights().get(0).value().toFloatArray()).containsExactly(2f);
    }

    @Test
    void backslashGroupNamesSplitIntoKeras3Paths() {
        KerasArchive a = KerasArchive.read(Fixtures.file("k2.15_homl3e_subclassed_wide_deep_backslash.keras"));
        assertThat(a.kerasVersion()).isEqualTo("2.15.0");
        WeightsFile raw = a.weights();
        assertThat(raw.root().children().keySet()).contains("layers\\dense", "metrics\\mean", "main_output");
        assertThat(raw.root().dataset("layers/dense/vars/0")).isNull();
        WeightsFile split = raw.withBackslashGroupsSplit();
        assertThat(split.root().dataset("layers/dense/vars/0").shape()).containsExactly(6, 30);
        assertThat(split.root().dataset("layers/dense_2/vars/1").shape()).containsExactly(1);
        assertThat(split.root().dataset("metrics/root_mean_squared_error_1/vars/0").isScalar()).isTrue();
        assertThat(split.root().dataset("norm_layer_deep/vars/2").dataType()).isEqualTo(H5DataType.INT64);
        assertThat(split.root().group("layers").children().keySet()).containsExactlyInAnyOrder("dense", "dense_1", "dense_2");
        assertThat(split.root().dataset("layers/dense/vars/0").toFloatArray())
                .isEqualTo(raw.root().dataset("layers\\dense/vars/0").toFloatArray());
        long datasets = countDatasets(split);
        assertThat(datasets).isEqualTo(countDatasets(raw)).isEqualTo(41);

        WeightsFile custom = KerasArchive.read(Fixtures.file("k2.15_homl3e_custom_layer_sequential.keras"))
                .weights().withBackslashGroupsSplit();
        assertThat(custom.root().dataset("layers/my_dense_1/vars/0").shape()).containsExactly(30, 1);
    }

    @Test
    void backslashSplitCollisionIsReported() {
        WeightsFile w = new WeightsFile();
        w.root().groupOrCreate("a\\b").putScalar("x", 1f);
        w.root().groupsOrCreate("a/b").putScalar("x", 2f);
        WeightsFile read = WeightsFile.read(w.toBytes(), "collide.h5");
        assertThatThrownBy(read::withBackslashGroupsSplit).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("collide.h5")
                .hasMessageContaining("makes /a/b/x appear twice");
    }

    private static long countDatasets(WeightsFile f) {
        long[] n = {0};
        f.root().walk(x -> n[0] += x instanceof H5Dataset ? 1 : 0);
        return n[0];
    }
}
