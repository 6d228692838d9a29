package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.constraints.MaxNorm;
import dev.strata.constraints.NonNeg;
import dev.strata.constraints.UnitNorm;
import dev.strata.internal.config.KerasForms;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.normalization.GroupNormalization;
import dev.strata.layers.normalization.UnitNormalization;
import dev.strata.layers.regularization.ActivityRegularization;
import dev.strata.layers.regularization.AlphaDropout;
import dev.strata.layers.regularization.GaussianDropout;
import dev.strata.layers.regularization.GaussianNoise;
import dev.strata.layers.regularization.SpatialDropout1D;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
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
 * The constraints and the regularization and normalization layers between Strata and Python Keras. Strata loads the
 * {@code .keras} file Keras saved ({@code keras-golden/regularization_layers.keras}, made by
 * {@code tools/golden/regularization.py --interop}: a Dense with MaxNorm and NonNeg constraints, GroupNormalization
 * with a UnitNorm gamma, UnitNormalization, and the five random and activity layers) and predicts Keras's values; the
 * same model made in Strata writes Keras's config.json key by key and Keras's weights layout; and Strata saves it to
 * {@code target/keras-saved-regularization/} for {@code tools/keras-interop/check_saved.py}.
 */
class RegularizationLayersInteropTest {
    static final Path DIR = Path.of("target", "keras-saved-regularization");

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(29);
    }

    private static Path kerasFile() {
        try {
            return Path.of(RegularizationLayersInteropTest.class.getResource(
                    "/keras-golden/regularization_layers.keras").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<?, ?> golden() {
        try (InputStream in = RegularizationLayersInteropTest.class.getResourceAsStream(
                "/keras-golden/regularization_layers_golden.json")) {
            return (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Tensor tensor(Object nested) {
        return Config.of(Map.of("v", nested), "golden").tensor("v");
    }

    @Test
    void loadsKerassFileAndPredictsKerassValues() {
        Model m = Saving.loadModel(kerasFile());
        Dense dense = (Dense) m.getLayer("dense");
        assertThat(dense.kernelConstraint()).isInstanceOf(MaxNorm.class);
        assertThat(((MaxNorm) dense.kernelConstraint()).maxValue()).isEqualTo(1.5);
        assertThat(dense.kernel().constraint()).isSameAs(dense.kernelConstraint());
        assertThat(dense.biasConstraint()).isInstanceOf(NonNeg.class);
        GroupNormalization gn = (GroupNormalization) m.getLayer("group_normalization");
        assertThat(gn.groups()).isEqualTo(3);
        assertThat(gn.gamma().constraint()).isInstanceOf(UnitNorm.class);
        assertThat(m.layers().stream().map(Object::getClass).toList()).contains(UnitNormalization.class,
                SpatialDropout1D.class, GaussianNoise.class, GaussianDropout.class, AlphaDropout.class,
                ActivityRegularization.class);

        Map<?, ?> g = golden();
        List<Tensor> x = ((List<?>) g.get("inputs")).stream().map(RegularizationLayersInteropTest::tensor).toList();
        Tensors predicted = m.predict(x, new PredictOptions());
        Tensor expected = tensor(((List<?>) g.get("outputs")).getFirst());
        assertThat(predicted.get(0).shape()).isEqualTo(expected.shape());
        LayerChecks.assertClose(predicted.get(0).toFloatArray(), expected.toFloatArray(), 1e-4, 1e-4);
    }

    /** The Keras script's model, made in Strata with the same (automatic) names. */
    static Sequential strataModel() {
        Sequential s = new Sequential().named("regularization_layers");
        for (dev.strata.layers.Layer layer : List.of(new InputLayer(5, 6),
                new Dense(6).kernelConstraint(new MaxNorm(1.5, 0)).biasConstraint("non_neg"),
                new GroupNormalization(3).gammaConstraint(new UnitNorm()),
                new UnitNormalization(),
                new SpatialDropout1D(0.2),
                new GaussianNoise(0.1),
                new GaussianDropout(0.2),
                new AlphaDropout(0.1),
                new ActivityRegularization(0.01, 0),
                new Dense(2))) {
            s.add(layer);
        }
        return s;
    }

    @Test
    void strataWritesKerassConfigAndWeightsLayout() throws IOException {
        Strata.clearSession();
        Sequential s = strataModel();
        s.compile(new Adam(0.01f), "mse");
        KerasArchive keras = KerasArchive.read(kerasFile());
        Object kerasConfig = KerasConfig.parseJson(keras.configJson());
        Object strataConfig = KerasConfig.parseJson(KerasConfig.modelToJson(s));
        List<String> differences = new ArrayList<>();
        KerasConfigComparisonTest.compare("", strataConfig, kerasConfig, differences);
        assertThat(differences).isEmpty();

        Files.createDirectories(DIR);
        Path file = DIR.resolve("regularization_layers.keras");
        s.fit(Tensor.normal(Shape.of(32, 5, 6), 0, 1), Tensor.uniform(Shape.of(32, 5, 2), 0f, 1f),
                new FitOptions().epochs(2).verbose(0));
        s.save(file);
        // Keras's weights file after its fit (variables and optimizer slots) and Strata's after its own: one listing.
        assertThat(KerasArchive.read(file).weights().listing()).isEqualTo(keras.weights().listing());
        Model back = Saving.loadModel(file);
        Tensor probe = Tensor.normal(Shape.of(4, 5, 6), 0, 1);
        assertThat(back.predict(probe).toFloatArray()).containsExactly(s.predict(probe).toFloatArray());
        // The constraint held through training: each kernel column's norm is at most 1.5, the bias non-negative.
        Dense dense = (Dense) s.getLayer("dense");
        for (float b : dense.bias().toFloatArray()) {
            assertThat(b).isGreaterThanOrEqualTo(0f);
        }
        export(s, file, probe);
    }

    /** What {@code check_saved.py} reads: the files, inputs and Strata's outputs (no training step: noise layers). */
    private static void export(Model model, Path file, Tensor probe) throws IOException {
        Path weights = DIR.resolve("regularization_layers.weights.h5");
        model.saveWeights(weights);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", file.getFileName().toString());
        doc.put("weights_file", weights.getFileName().toString());
        doc.put("inputs", List.of(KerasForms.nested(probe)));
        doc.put("outputs", List.of(KerasForms.nested(model.predict(probe))));
        doc.put("listing", KerasArchive.read(file).weights().listing());
        Files.writeString(DIR.resolve("regularization_layers.json"), KerasConfig.toJson(doc), StandardCharsets.UTF_8);
    }
}
