package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.normalization.UnitNormalization;
import dev.strata.losses.BinaryFocalCrossentropy;
import dev.strata.losses.CTC;
import dev.strata.losses.CategoricalFocalCrossentropy;
import dev.strata.losses.CategoricalGeneralizedCrossEntropy;
import dev.strata.losses.Circle;
import dev.strata.losses.CosineSimilarity;
import dev.strata.losses.Dice;
import dev.strata.losses.Loss;
import dev.strata.losses.Reduction;
import dev.strata.losses.Tversky;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.KerasConfigGolden;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models compiled with the losses and metrics issue 14 adds, saved both ways. Keras's files
 * ({@code keras-golden/losses14/}, from {@code tools/golden/losses14.py keras_files}) load compiled with the same loss
 * config, predict Keras's outputs, and one {@code train_on_batch} gives Keras's predictions after the step (so the
 * loss's gradient agrees inside training). Strata's files go to {@code target/keras-saved-losses14/} for
 * {@code tools/keras-interop/check_saved.py}, which loads them in Python Keras, compiles them from their compile
 * config and repeats one training step on proper targets; here they are checked to reload in Strata.
 */
class Losses14InteropTest {
    static final Path DIR = Path.of("target", "keras-saved-losses14");
    private static final double RTOL = 1e-5;

    @SuppressWarnings("unchecked")
    @Test
    void kerasFilesCompiledWithTheNewLossesLoadAndTrainAsInKeras(@TempDir Path tmp) throws IOException {
        Map<String, Object> expected = (Map<String, Object>) resource("expected.json").get("models");
        assertThat(expected).hasSize(7);
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Map<String, Object> doc = (Map<String, Object>) e.getValue();
            Path file = tmp.resolve(e.getKey() + ".keras");
            try (InputStream in = Losses14InteropTest.class.getResourceAsStream("/keras-golden/losses14/"
                    + e.getKey() + ".keras")) {
                Files.copy(in, file);
            }
            Model model = Saving.loadModel(file);
            // the loss (and metrics) Keras compiled with, as Strata writes them back
            assertThat(KerasConfigGolden.canonical(model.getCompileConfig().get("loss"))).as(e.getKey())
                    .isEqualTo(KerasConfigGolden.canonical(doc.get("loss")));
            assertThat(KerasConfigGolden.canonical(model.getCompileConfig().get("metrics"))).as(e.getKey())
                    .isEqualTo(KerasConfigGolden.canonical(withStrataAdditions(doc.get("metrics"))));
            Tensor x = tensor(doc.get("x"));
            assertClose(model.predict(List.of(x), new PredictOptions()).get(0), tensor(doc.get("outputs")),
                    e.getKey() + " predict");
            model.trainOnBatch(List.of(x), List.of(tensor(doc.get("y"))));
            assertClose(model.predict(List.of(x), new PredictOptions()).get(0), tensor(doc.get("outputs_after")),
                    e.getKey() + " after one train_on_batch");
        }
    }

    @Test
    void exportModelsCompiledWithTheNewLossesForPythonKeras() throws IOException {
        Files.createDirectories(DIR);
        Strata.setRandomSeed(41);
        Tensor x = Tensor.uniform(Shape.of(16, 4), -1f, 1f);
        Tensor binary = Ops.greater(Tensor.uniform(Shape.of(16, 3), -1f, 1f), 0f);
        Tensor oneHot = Ops.oneHot(Ops.argmax(Tensor.uniform(Shape.of(16, 3), -1f, 1f), -1), 3);
        Tensor labels = Ops.argmax(Tensor.uniform(Shape.of(16, 3), -1f, 1f), -1);
        Tensor counts = Ops.floor(Tensor.uniform(Shape.of(16, 3), 0f, 3f));
        export("bfce", dense(3, "sigmoid"), new BinaryFocalCrossentropy(true, 0.4, 1.5, false, 0.1, -1,
                Reduction.SUM_OVER_BATCH_SIZE), x, binary, "hinge", "squared_hinge");
        export("cfce_alpha", dense(3, "softmax"), new CategoricalFocalCrossentropy(new double[] {0.2, 0.3, 0.5}, 2.0,
                false, 0.0, -1, Reduction.SUM_OVER_BATCH_SIZE, "cf"), x, oneHot, "categorical_hinge", "kl_divergence");
        export("kld", dense(3, "softmax"), "kld", x, oneHot, "poisson", "cosine_similarity");
        export("hinge", dense(3, null), "hinge", x, binary);
        export("poisson", dense(3, "sigmoid"), "poisson", x, counts);
        export("gce", dense(3, "softmax"), new CategoricalGeneralizedCrossEntropy(0.7), x, labels);
        export("dice", dense(3, "sigmoid"), new Dice(new int[] {1}, Reduction.SUM_OVER_BATCH_SIZE, "dice"), x,
                binary);
        export("tversky", dense(3, "sigmoid"), new Tversky(0.3, 0.7), x, binary);
        export("cosine", dense(3, null), new CosineSimilarity(-1, Reduction.SUM, "cos"), x, oneHot);
        Model circle = new Sequential(new InputLayer(4), new Dense(5), new UnitNormalization());
        export("circle", circle, new Circle(16.0, 0.4, true), x, Tensor.of(new float[] {0, 1, 0, 2, 1, 1, 2, 0, 0, 1,
            2, 2, 1, 0, 1, 2}, 16));
        Model ctc = new Sequential(new InputLayer(6, 3), new Dense(4));
        Tensor ctcLabels = Tensor.of(new float[] {1, 2, 0, 3, 3, 0, 2, 0, 0, 1, 3, 2, 2, 1, 0, 3, 0, 0, 1, 1, 0, 2, 3,
            1}, 8, 3);
        export("ctc", ctc, new CTC(), Tensor.uniform(Shape.of(8, 6, 3), -1f, 1f), ctcLabels);
        assertThat(Files.list(DIR).filter(f -> f.toString().endsWith(".keras")).count()).isEqualTo(11);
    }

    private static Model dense(int units, String activation) {
        return new Sequential(new InputLayer(4), new Dense(units, activation));
    }

    private static void export(String name, Model model, Object loss, Tensor x, Tensor y, String... metrics)
            throws IOException {
        CompileOptions options = new CompileOptions().metrics(metrics);
        if (loss instanceof Loss l) {
            options.losses(l);
        } else {
            options.losses((String) loss);
        }
        model.compile(new Adam(0.01f), options);
        model.fit(x, y, new FitOptions().epochs(1).batchSize(8).shuffle(false).verbose(0));
        List<Tensor> inputs = List.of(x);
        SavedFilesExportTest.export(DIR, name, model, inputs, 1, false);
        // one training step of the reloaded model on proper targets (export's own step draws targets in [-1, 1])
        Model back = Saving.loadModel(DIR.resolve(name + ".keras"));
        back.trainOnBatch(inputs, List.of(y));
        Path json = DIR.resolve(name + ".json");
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = new LinkedHashMap<>((Map<String, Object>) KerasConfig.parseJson(
                Files.readString(json, StandardCharsets.UTF_8)));
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("x", List.of(KerasForms.nested(x)));
        step.put("y", List.of(KerasForms.nested(y)));
        step.put("outputs_after", List.of(KerasForms.nested(back.predict(inputs, new PredictOptions()).get(0))));
        doc.put("train_on_batch", step);
        Files.writeString(json, KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(String name) throws IOException {
        try (InputStream in = Losses14InteropTest.class.getResourceAsStream("/keras-golden/losses14/" + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return (Map<String, Object>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * Keras's serialized metrics as Strata writes them back: CosineSimilarity with its {@code axis}, which Keras 3.15
     * leaves out of the config (see {@link dev.strata.metrics.CosineSimilarity#getConfig()}), and no list for none.
     */
    @SuppressWarnings("unchecked")
    private static Object withStrataAdditions(Object metrics) {
        if (metrics instanceof List<?> l && l.isEmpty()) {
            return null; // compile(metrics=[]): Strata keeps no empty list and writes None, as for no metrics
        }
        if (metrics instanceof List<?> l) {
            return l.stream().map(Losses14InteropTest::withStrataAdditions).toList();
        }
        if (metrics instanceof Map<?, ?> m && "CosineSimilarity".equals(m.get("class_name"))) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) m);
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) m.get("config"));
            config.putIfAbsent("axis", -1);
            out.put("config", config);
            return out;
        }
        return metrics;
    }

    /** A nested list of numbers as a tensor. */
    private static Tensor tensor(Object nested) {
        List<Integer> shape = new ArrayList<>();
        Object level = nested;
        while (level instanceof List<?> l) {
            shape.add(l.size());
            level = l.isEmpty() ? null : l.getFirst();
        }
        List<Float> values = new ArrayList<>();
        flatten(nested, values);
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        return Tensor.of(v, Shape.of(shape.stream().mapToInt(Integer::intValue).toArray()));
    }

    private static void flatten(Object nested, List<Float> out) {
        if (nested instanceof List<?> l) {
            l.forEach(x -> flatten(x, out));
        } else {
            out.add(((Number) nested).floatValue());
        }
    }

    private static void assertClose(Tensor got, Tensor expected, String what) {
        assertThat(got.shape()).as(what).isEqualTo(expected.shape());
        float[] g = got.toFloatArray();
        float[] e = expected.toFloatArray();
        for (int i = 0; i < g.length; i++) {
            assertThat((double) g[i]).as("%s at %d", what, i).isCloseTo(e[i], within(1e-6 + RTOL * Math.abs(e[i])));
        }
    }
}
