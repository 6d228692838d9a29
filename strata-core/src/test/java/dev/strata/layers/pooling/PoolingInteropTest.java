package dev.strata.layers.pooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.reshaping.Cropping1D;
import dev.strata.layers.reshaping.Cropping2D;
import dev.strata.layers.reshaping.Cropping3D;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.layers.reshaping.Permute;
import dev.strata.layers.reshaping.RepeatVector;
import dev.strata.layers.reshaping.UpSampling1D;
import dev.strata.layers.reshaping.UpSampling2D;
import dev.strata.layers.reshaping.UpSampling3D;
import dev.strata.layers.reshaping.ZeroPadding1D;
import dev.strata.layers.reshaping.ZeroPadding2D;
import dev.strata.layers.reshaping.ZeroPadding3D;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pooling and reshaping layers between Strata and Python Keras: Strata loads the {@code .keras} file Keras saved
 * ({@code keras-golden/pooling_layers.keras}, made by {@code tools/golden/make_pooling_keras.py}) and predicts
 * Keras's values; the same model built in Strata writes Keras's config key by key; and Strata's saved file
 * reloads with the same predictions (left in {@code target/keras-saved-pooling/} with its inputs and outputs, for
 * {@code tools/keras-interop/check_saved.py} in Python).
 */
class PoolingInteropTest {
    private static final Path FILE = resource("/keras-golden/pooling_layers.keras");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Path resource(String name) {
        try {
            return Path.of(PoolingInteropTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = PoolingInteropTest.class.getResourceAsStream(
                "/keras-golden/pooling_layers_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    private static List<Tensor> inputs() {
        return ((List<?>) golden().get("inputs")).stream().map(PoolingInteropTest::tensor).toList();
    }

    private static void assertPredictsKeras(Model m) {
        Tensors predicted = m.predict(inputs(), new PredictOptions());
        List<?> expected = (List<?>) golden().get("outputs");
        assertThat(predicted.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Tensor e = tensor(expected.get(i));
            assertThat(predicted.get(i).shape()).isEqualTo(e.shape());
            LayerChecks.assertClose(predicted.get(i).toFloatArray(), e.toFloatArray(), 1e-4, 1e-5);
        }
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = Saving.loadModel(FILE);
        assertThat(m.getLayer("up2d_bilinear")).isInstanceOf(UpSampling2D.class);
        assertThat(((UpSampling2D) m.getLayer("up2d_bilinear")).interpolation()).isEqualTo("bilinear");
        assertThat(((AveragePooling2D) m.getLayer("avg2d_cf")).dataFormat()).isEqualTo("channels_first");
        assertThat(((MaxPooling2D) m.getLayer("max2d_same")).poolSize()).containsExactly(3, 2);
        assertPredictsKeras(m);
    }

    /** The Keras script's model, built in Strata with the same names. */
    static Model strataModel() {
        Tensor img = Input.of("img", 8, 8, 3);
        Tensor h = new Dense(4, "relu").named("proj").apply(img);
        h = new ZeroPadding2D(1).named("zpad2d").apply(h);
        h = new MaxPooling2D(2).named("max2d").apply(h);
        h = new AveragePooling2D(3).strides(1).padding("same").named("avg2d").apply(h);
        h = new UpSampling2D(2).interpolation("bilinear").named("up2d_bilinear").apply(h);
        h = new Cropping2D(new int[][] {{1, 0}, {0, 1}}).named("crop2d").apply(h);
        h = new MaxPooling2D(3, 2).strides(2, 2).padding("same").named("max2d_same").apply(h);
        h = new UpSampling2D(1, 2).named("up2d_nearest").apply(h);
        Tensor cf = new Permute(3, 1, 2).named("to_cf").apply(h);
        cf = new AveragePooling2D(2).dataFormat("channels_first").named("avg2d_cf").apply(cf);
        Tensor g1 = new GlobalMaxPooling2D().dataFormat("channels_first").named("gmax2d_cf").apply(cf);
        Tensor g2 = new GlobalAveragePooling2D().named("gavg2d").apply(h);

        Tensor seq = Input.of("seq", 6, 3);
        Tensor s = new UpSampling1D(2).named("up1d").apply(seq);
        s = new MaxPooling1D(3).strides(2).padding("same").named("max1d").apply(s);
        s = new ZeroPadding1D(1, 2).named("zpad1d").apply(s);
        s = new Cropping1D(2, 1).named("crop1d").apply(s);
        s = new AveragePooling1D(2).named("avg1d").apply(s);
        Tensor g3 = new GlobalMaxPooling1D().named("gmax1d").apply(s);
        Tensor g4 = new GlobalAveragePooling1D().dataFormat("channels_first").named("gavg1d_cf").apply(s);

        Tensor vol = Input.of("vol", 4, 4, 4, 2);
        Tensor v = new MaxPooling3D(2).named("max3d").apply(vol);
        v = new UpSampling3D(1, 2, 2).named("up3d").apply(v);
        v = new ZeroPadding3D(1).named("zpad3d").apply(v);
        v = new Cropping3D(new int[][] {{1, 1}, {1, 1}, {0, 2}}).named("crop3d").apply(v);
        v = new AveragePooling3D(2).strides(1).padding("same").named("avg3d").apply(v);
        Tensor g5 = new GlobalAveragePooling3D().named("gavg3d").apply(v);
        Tensor g6 = new Flatten().named("flat").apply(new GlobalMaxPooling3D().keepdims(true).named("gmax3d").apply(v));

        Tensor features = new Concatenate().named("features").apply(List.of(g1, g2, g3, g4, g5, g6)).getFirst();
        Tensor out = new Dense(3).named("out").apply(features);
        Tensor repeated = new RepeatVector(2).named("repeated").apply(new Dense(2).named("small").apply(features));
        return Model.of(List.of(img, seq, vol), List.of(out, repeated), "pooling_interop");
    }

    @Test
    void theSameModelBuiltInStrataWritesKerassConfigAndPredictsTheSame() {
        Model keras = Saving.loadModel(FILE);
        Model strata = strataModel();
        strata.setWeights(keras.getWeights());
        assertPredictsKeras(strata);
        Object written = withoutIgnoredKeys(KerasConfig.parseJson(KerasConfig.modelToJson(strata)));
        Object expected = withoutIgnoredKeys(KerasConfig.parseJson(KerasArchive.read(FILE).configJson()));
        assertThat(((Map<?, ?>) written).get("config")).isEqualTo(((Map<?, ?>) expected).get("config"));
        assertThat(KerasConfig.toJson(((Map<?, ?>) written).get("config")))
                .isEqualTo(KerasConfig.toJson(((Map<?, ?>) expected).get("config")));
    }

    /**
     * Drops what Strata does not write: {@code shared_object_id} (a Python object id) and a call's {@code "mask": null}
     * keyword (Keras records Concatenate's mask argument; Strata has no masks).
     */
    private static Object withoutIgnoredKeys(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, value) -> {
                boolean noMask = "mask".equals(k) && value == null;
                if (!"shared_object_id".equals(k) && !noMask) {
                    out.put(k, withoutIgnoredKeys(value));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(withoutIgnoredKeys(o));
            }
            return out;
        }
        return v;
    }

    @Test
    void strataSavedFileReloadsWithTheSamePredictions() throws IOException {
        Path dir = Path.of("target", "keras-saved-pooling");
        Files.createDirectories(dir);
        Model strata = strataModel();
        strata.setWeights(Saving.loadModel(FILE).getWeights());
        Path file = dir.resolve("pooling_layers_strata.keras");
        strata.save(file);
        Tensors before = strata.predict(inputs(), new PredictOptions());
        Tensors after = Saving.loadModel(file).predict(inputs(), new PredictOptions());
        List<Object> outputs = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).toFloatArray()).containsExactly(before.get(i).toFloatArray());
            outputs.add(KerasForms.nested(before.get(i)));
        }
        List<Object> ins = new ArrayList<>();
        for (Tensor t : inputs()) {
            ins.add(KerasForms.nested(t));
        }
        Path weights = dir.resolve("pooling_layers_strata.weights.h5");
        strata.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", ins);
        doc.put("outputs", outputs);
        doc.put("listing", dev.strata.internal.io.KerasArchive.read(file).weights().listing());
        Files.writeString(dir.resolve("pooling_layers_strata.json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
