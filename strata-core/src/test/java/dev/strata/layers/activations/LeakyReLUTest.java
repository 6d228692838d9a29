package dev.strata.layers.activations;

import static dev.strata.layers.activations.ActivationLayerGolden.X;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LeakyReLU: Keras 3's default slope 0.3, Keras 2's alpha in configs, gradients and use in models. */
class LeakyReLUTest {
    /** The layer contract cases (see {@code LayerContractTest}): inputs kept away from the kink at 0. */
    static List<LayerCase> contractCases() {
        return List.of(LayerCase.of(() -> new LeakyReLU(0.2), Shape.of(3)).label("slope 0.2")
                .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(5, Shape.of(batch, 3), 1, 0.1)))
                .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's LeakyReLU"));
    }


    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void matchesKeras() {
        Tensor x = Tensor.of(X);
        assertThat(new LeakyReLU().apply(x).toFloatArray()).containsExactly(ActivationLayerGolden.LEAKY_RELU_DEFAULT);
        assertThat(new LeakyReLU(0).apply(x).toFloatArray()).containsExactly(ActivationLayerGolden.LEAKY_RELU_SLOPE_0);
        assertThat(new LeakyReLU(1.5).apply(x).toFloatArray())
                .containsExactly(ActivationLayerGolden.LEAKY_RELU_SLOPE_1_5);
        assertThat(new LeakyReLU().negativeSlope()).as("Keras 3's default, not the function's 0.2").isEqualTo(0.3);
    }

    @Test
    void keepsShapeAndHasNoWeights() {
        LeakyReLU layer = new LeakyReLU();
        assertThat(layer.apply(Tensor.of(X, 2, 3, 4)).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(layer.countParams()).isZero();
        assertThat(layer.getBuildConfig()).isNull();
        ActivationLayerChecks.assertSymbolicShapeIsEager(LeakyReLU::new, Tensor.ones(2, 5));
    }

    @Test
    void gradientsOfInputsMatchFiniteDifferences() {
        Tensor x = GradientCheck.randomAwayFromZero(6, Shape.of(3, 8), 4, 0.05);
        for (double slope : new double[] {0.3, 0.0, 1.5}) {
            LeakyReLU layer = new LeakyReLU(slope);
            GradientCheck.check(xs -> layer.apply(xs.get(0)), x);
        }
    }

    @Test
    void configIsKerasAndRoundTrips() {
        ActivationLayerChecks.assertConfigIsKeras(new LeakyReLU().getConfig(), ActivationLayerGolden.LEAKY_RELU_CONFIG);
        LeakyReLU slope = new LeakyReLU(0.1);
        ActivationLayerChecks.assertConfigIsKeras(slope.getConfig(), ActivationLayerGolden.LEAKY_RELU_SLOPE_CONFIG);
        assertThat(ActivationLayerChecks.assertConfigRoundTrip(slope, Tensor.of(X, 3, 8)).negativeSlope())
                .isEqualTo(0.1);
    }

    @Test
    void readsKeras2sAlpha() {
        Map<String, Object> keras2 = new LinkedHashMap<>();
        keras2.put("name", "leaky_re_lu_2");
        keras2.put("trainable", true);
        keras2.put("alpha", 0.25);
        LeakyReLU layer = KerasConfig.fromConfig(LeakyReLU.class, keras2, new LoadOptions());
        assertThat(layer.negativeSlope()).isEqualTo(0.25);
        // saved again in Keras 3's form, as Keras 3 saves LeakyReLU(alpha=0.25)
        ActivationLayerChecks.assertConfigIsKeras(layer.getConfig(), ActivationLayerGolden.LEAKY_RELU_ALPHA_CONFIG);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("negative_slope", 0.1);
        both.put("alpha", 0.25);
        assertThat(KerasConfig.fromConfig(LeakyReLU.class, both, new LoadOptions()).negativeSlope())
                .as("Keras pops alpha over negative_slope").isEqualTo(0.25);
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(() -> new LeakyReLU(0.2), Tensor.of(X, 4, 6), dir);
    }

    @Test
    void badArgumentsFailAsInKeras() {
        assertThatThrownBy(() -> new LeakyReLU(-0.3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 'leaky_re_lu' (LeakyReLU): the negative_slope value of a Leaky ReLU "
                        + "layer cannot be negative").hasMessageContaining("Received: negative_slope=-0.3");
        assertThatThrownBy(() -> new LeakyReLU(Double.NaN)).hasMessageContaining("negative_slope=NaN");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("negative_slope", "steep");
        assertThatThrownBy(() -> KerasConfig.fromConfig(LeakyReLU.class, bad, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'negative_slope' must be a number, got \"steep\"");
    }
}
