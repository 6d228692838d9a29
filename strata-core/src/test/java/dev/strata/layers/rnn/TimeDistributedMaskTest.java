package dev.strata.layers.rnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.convolutional.ConvGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.layers.pooling.GlobalAveragePooling1D;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TimeDistributed with masks against Keras 3 ({@code tools/golden/seq13_masks.py}, {@link Seq13MasksGolden}): a
 * layer whose call reads masks gets each step's slice of the mask, the output keeps the input's mask (reduced with
 * "any" over the axes the inner layer consumed), outputs and gradients as Keras's; a Keras-saved hierarchical text
 * model loads and predicts Keras's values, and Strata's own saves for {@code check_saved.py}.
 */
class TimeDistributedMaskTest {
    static final Path DIR = Path.of("target", "keras-saved-seq13");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(13);
    }

    record Case(String name, Supplier<Layer> layer, boolean training) {
        float[] f(String key) {
            return (float[]) field(key);
        }

        int[] i(String key) {
            return (int[]) field(key);
        }

        Object field(String key) {
            try {
                return Seq13MasksGolden.class.getDeclaredField(name.toUpperCase() + "_" + key).get(null);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }

        Tensor x() {
            return Tensor.of(f("X"), i("X_SHAPE"));
        }

        Tensor mask() {
            return Tensor.of(f("MASK"), i("MASK_SHAPE"));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("td_lstm", () -> new TimeDistributed(new LSTM(3)), false),
                new Case("td_lstm_empty_sentence", () -> new TimeDistributed(new LSTM(3).returnSequences(true)),
                        false),
                new Case("td_gru_backwards", () -> new TimeDistributed(new GRU(2).goBackwards(true)), false),
                new Case("td_gap1d", () -> new TimeDistributed(new GlobalAveragePooling1D()), false),
                new Case("td_bidirectional", () -> new TimeDistributed(new Bidirectional(new SimpleRNN(2))), false),
                new Case("td_batchnorm_training", () -> new TimeDistributed(new BatchNormalization()), true),
                new Case("td_dense", () -> new TimeDistributed(new Dense(2, "tanh")), false))
                .map(Arguments::of);
    }

    private static Layer withKerasWeights(Case c) {
        Layer layer = c.layer().get();
        Tensor x = c.x();
        layer.apply(x.withMask(c.mask()));
        float[][] w = (float[][]) c.field("WEIGHTS");
        int[][] shapes = (int[][]) c.field("WEIGHT_SHAPES");
        assertThat(layer.weights()).hasSize(w.length);
        List<Tensor> weights = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            weights.add(Tensor.of(w[k], shapes[k]));
        }
        layer.setWeights(weights);
        return layer;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outputsAndGradientsMatchKeras(Case c) {
        Layer layer = withKerasWeights(c);
        Tensor x = c.x();
        Tensor mask = c.mask();
        Tensor y = layer.apply(x.withMask(mask), c.training());
        assertThat(y.shape().toArray()).containsExactly(c.i("Y_SHAPE"));
        LayerChecks.assertClose(y.toFloatArray(), c.f("Y"), 1e-5, 1e-5);

        List<Variable> weights = layer.trainableWeights();
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor out = layer.apply(x.withMask(mask), c.training());
            Tensor loss = Ops.sum(Ops.multiply(out, ConvGolden.outputWeights(out.shape())));
            List<Tensor> sources = new ArrayList<>();
            sources.add(x);
            sources.addAll(weights);
            List<Tensor> grads = tape.gradient(loss, sources);
            LayerChecks.assertClose(grads.get(0).toFloatArray(), c.f("DX"), 1e-5, 1e-5);
            float[][] dw = (float[][]) c.field("DWEIGHTS");
            assertThat(weights).hasSize(dw.length);
            for (int k = 0; k < dw.length; k++) {
                LayerChecks.assertClose(grads.get(k + 1).toFloatArray(), dw[k], 1e-5, 1e-5);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOutputKeepsTheInputsMaskReducedToTheAxesItHas(Case c) {
        Layer layer = withKerasWeights(c);
        Tensor mask = c.mask();
        Tensor y = layer.apply(c.x().withMask(mask), c.training());
        // Keras's mask, unchanged, where it fits the output (its axes are the output's first ones); else "any"
        // over the words, which the inner layer consumed
        boolean fits = true;
        for (int k = 0; k < mask.shape().rank(); k++) {
            fits &= mask.shape().get(k) == y.shape().get(k);
        }
        Tensor expected = fits ? mask : Ops.any(mask, -1);
        assertThat(y.mask()).isPresent();
        assertThat(y.mask().get().shape()).isEqualTo(expected.shape());
        assertThat(y.mask().get().toFloatArray()).containsExactly(expected.toFloatArray());
        // traced with the time axis unknown: the same mask shape, symbolically
        Strata.clearSession();
        Layer fresh = c.layer().get();
        Shape xs = c.x().shape();
        Tensor in = Input.of(xs.subShape(1, xs.rank()).withDim(0, Shape.UNKNOWN).toArray());
        Tensor m = Input.of(mask.shape().subShape(1, mask.shape().rank()).withDim(0, Shape.UNKNOWN).toArray());
        Tensor sy = fresh.apply(in.withMask(m));
        assertThat(sy.mask()).isPresent();
        assertThat(sy.mask().get().shape().rank()).isEqualTo(expected.shape().rank());
    }

    @Test
    void theMaskedGradientsAgreeWithFiniteDifferences() {
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 0}, 2, 2, 3);
        TimeDistributed lstm = new TimeDistributed(new LSTM(2).returnSequences(true));
        GradientCheck.of().tolerance(2e-2, 2e-3).verify(xs -> lstm.apply(xs.get(0).withMask(mask)),
                GradientCheck.random(3, Shape.of(2, 2, 3, 2), -1, 1));
        TimeDistributed gap = new TimeDistributed(new GlobalAveragePooling1D());
        GradientCheck.check(xs -> gap.apply(xs.get(0).withMask(mask)),
                GradientCheck.random(4, Shape.of(2, 2, 3, 2), -1, 1));
    }

    @Test
    void aLayerWhoseCallTakesNoMaskGetsNone() {
        // Dense's call takes no mask (as Keras's): the steps are computed unmasked, so masked steps are not zero
        TimeDistributed td = new TimeDistributed(new Dense(2));
        Tensor x = Tensor.uniform(Shape.of(2, 3, 4), -1f, 1f);
        Tensor masked = td.apply(x.withMask(Tensor.of(new float[] {1, 0, 1, 0, 0, 1}, 2, 3)));
        assertThat(masked.toFloatArray()).containsExactly(td.apply(x).toFloatArray());
    }

    @Test
    void masksThatDoNotFitAreErrorsNamingTheLayer() {
        Layer td = new TimeDistributed(new LSTM(2)).named("sentences");
        Tensor x = Tensor.uniform(Shape.of(2, 3, 4, 5), -1f, 1f);
        // Keras: "must be at least 2D (e.g., (batch_size, timesteps))"
        assertThatThrownBy(() -> td.apply(x.withMask(Tensor.ones(2))))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("sentences").hasMessageContaining("at least 2D (batch, time)")
                .hasMessageContaining("(2,)");
        // a (batch, time) mask gives the inner LSTM a (batch,) mask per step, which is not (batch, words)
        assertThatThrownBy(() -> td.apply(x.withMask(Tensor.ones(2, 3))))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("LSTM").hasMessageContaining("(batch, time)").hasMessageContaining("(2,)");
        // a mask of other steps cannot even be attached
        assertThatThrownBy(() -> td.apply(x.withMask(Tensor.ones(2, 4))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(2, 4)");
        // a batch of 1 broadcasts to the tensor, but not to TimeDistributed's steps (Keras: batch sizes must match)
        assertThatThrownBy(() -> td.apply(x.withMask(Tensor.ones(1, 3, 4))))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("sentences").hasMessageContaining("(batch, time) must be the input's, (2, 3)");
    }

    // ---- a Keras-saved model, and Strata's own -----------------------------------------------------------------

    private static Tensor[] modelInputs() {
        return new Tensor[] {Tensor.of(Seq13MasksGolden.MODEL_WORDS, Seq13MasksGolden.MODEL_WORDS_SHAPE),
                Tensor.of(Seq13MasksGolden.MODEL_IDS, Seq13MasksGolden.MODEL_IDS_SHAPE)};
    }

    private static Path kerasFile() {
        try {
            return Path.of(TimeDistributedMaskTest.class.getResource("/keras-golden/seq13_td_masks.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aKerasSavedHierarchicalTextModelLoadsAndPredictsKerassValues() {
        Model m = Saving.loadModel(kerasFile());
        Tensor[] in = modelInputs();
        Tensor y = m.predict(List.of(in[0], in[1])).getFirst();
        assertThat(y.shape().toArray()).containsExactly(Seq13MasksGolden.MODEL_Y_SHAPE);
        LayerChecks.assertClose(y.toFloatArray(), Seq13MasksGolden.MODEL_Y, 1e-5, 1e-6);
    }

    /** The Keras script's model, made in Strata with the same names. */
    static Model strataModel() {
        Tensor words = Input.integers("words", 3, 4);
        Tensor e = new Embedding(12, 5).maskZero(true).named("word_embedding").apply(words);
        Tensor s = new TimeDistributed(new LSTM(3)).named("sentence_encoder").apply(e);
        Tensor a = new LSTM(2).named("document_lstm").apply(s);
        Tensor ids = Input.integers("ids", 5);
        Tensor f = new Embedding(9, 4).maskZero(true).named("id_embedding").apply(ids);
        Tensor g = new TimeDistributed(new Dense(3, "tanh")).named("per_step").apply(f);
        Tensor b = new LSTM(2).named("sequence_lstm").apply(g);
        Tensor out = new Dense(1).named("out").apply(new Concatenate().named("concat").apply(List.of(a, b)).get(0));
        return Model.of(List.of(words, ids), List.of(out), "seq13_td_masks");
    }

    @Test
    void theSameModelMadeInStrataPredictsKerassValuesSavesAndLoadsBack() throws IOException {
        Model keras = Saving.loadModel(kerasFile());
        Model s = strataModel();
        s.setWeights(keras.getWeights());
        Tensor[] in = modelInputs();
        List<Tensor> xs = List.of(in[0], in[1]);
        LayerChecks.assertClose(s.predict(xs).getFirst().toFloatArray(), Seq13MasksGolden.MODEL_Y, 1e-5, 1e-6);
        assertThat(KerasArchive.read(kerasFile()).weights().listing()).isNotEmpty();

        s.compile(new Adam(0.01f), "mse");
        s.fit(xs, List.of(Tensor.of(new float[] {0.5f, -0.5f, 0.25f}, 3, 1)), new FitOptions().epochs(2).verbose(0));
        Files.createDirectories(DIR);
        Path file = DIR.resolve("seq13_td_masks.keras");
        s.save(file);
        // Keras's weight paths and shapes (the names differ: Keras names the wrapped layers lstm and dense when they
        // are made, Strata after TimeDistributed's field, layer; and Strata's file has the optimizer)
        assertThat(datasets(KerasArchive.read(file).weights().listing()))
                .isEqualTo(datasets(KerasArchive.read(kerasFile()).weights().listing()));
        Model back = Saving.loadModel(file);
        Tensor predicted = s.predict(xs).getFirst();
        assertThat(back.predict(xs).getFirst().toFloatArray()).containsExactly(predicted.toFloatArray());
        export("seq13_td_masks", file, s, List.of(KerasForms.nested(in[0]), KerasForms.nested(in[1])),
                List.of(KerasForms.nested(predicted)));
    }

    private static List<String> datasets(List<String> listing) {
        return listing.stream().filter(r -> !r.contains(" name=") && !r.startsWith("optimizer/")).toList();
    }

    /** What {@code check_saved.py} reads next to a saved file: its weights file, inputs, Strata's outputs, listing. */
    static void export(String name, Path file, Model model, List<Object> inputs, List<Object> outputs)
            throws IOException {
        Path weights = DIR.resolve(name + ".weights.h5");
        model.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", inputs);
        doc.put("outputs", outputs);
        doc.put("listing", KerasArchive.read(file).weights().listing());
        Files.writeString(DIR.resolve(name + ".json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
