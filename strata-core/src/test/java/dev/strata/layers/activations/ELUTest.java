package dev.strata.layers.activations;

import static dev.strata.layers.activations.ActivationLayerGolden.X;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
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

/** ELU: Keras's values for several alphas, its automatic config (alpha after the name), gradients, models. */
class ELUTest {
    /** The layer contract cases (see {@code LayerContractTest}). */
    static List<LayerCase> contractCases() {
        return List.of(LayerCase.of(() -> new ELU(0.5), Shape.of(3)).label("alpha 0.5")
                .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(6, Shape.of(batch, 3), 1, 0.1)))
                .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's ELU"));
    }


    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static float[] on(ELU layer) {
        return layer.apply(Tensor.of(X)).toFloatArray();
    }

    @Test
    void matchesKeras() {
        LayerChecks.assertClose(on(new ELU()), ActivationLayerGolden.ELU_DEFAULT, 2e-6, 1e-7);
        LayerChecks.assertClose(on(new ELU(0.5)), ActivationLayerGolden.ELU_ALPHA_0_5, 2e-6, 1e-7);
        LayerChecks.assertClose(on(new ELU(2)), ActivationLayerGolden.ELU_ALPHA_2, 2e-6, 1e-7);
        LayerChecks.assertClose(on(new ELU(-0.5)), ActivationLayerGolden.ELU_ALPHA_NEG, 2e-6, 1e-7);
    }

    @Test
    void keepsShapeAndHasNoWeights() {
        ELU layer = new ELU();
        assertThat(layer.apply(Tensor.of(X, 6, 4)).shape()).isEqualTo(Shape.of(6, 4));
        assertThat(layer.countParams()).isZero();
        assertThat(layer.getBuildConfig()).isNull();
        ActivationLayerChecks.assertSymbolicShapeIsEager(() -> new ELU(0.5), Tensor.ones(3, 2, 2));
    }

    @Test
    void gradientsOfInputsMatchFiniteDifferences() {
        Tensor x = GradientCheck.randomAwayFromZero(7, Shape.of(3, 8), 4, 0.05);
        for (double alpha : new double[] {1, 0.5, 2, -0.5}) {
            ELU layer = new ELU(alpha);
            GradientCheck.check(xs -> layer.apply(xs.get(0)), x);
        }
    }

    @Test
    void configIsKerasAndRoundTrips() {
        // Keras's ELU has no get_config: its automatic config puts alpha right after the name
        ActivationLayerChecks.assertConfigIsKeras(new ELU().getConfig(), ActivationLayerGolden.ELU_CONFIG);
        ELU half = new ELU(0.5);
        ActivationLayerChecks.assertConfigIsKeras(half.getConfig(), ActivationLayerGolden.ELU_ALPHA_CONFIG);
        assertThat(ActivationLayerChecks.assertConfigRoundTrip(half, Tensor.of(X, 4, 6)).alpha()).isEqualTo(0.5);
        Map<String, Object> noAlpha = new LinkedHashMap<>();
        noAlpha.put("name", "e");
        assertThat(KerasConfig.fromConfig(ELU.class, noAlpha, new LoadOptions()).alpha()).isEqualTo(1.0);
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(() -> new ELU(0.7), Tensor.of(X, 2, 12), dir);
    }

    @Test
    void badArgumentsFail() {
        // Keras takes any alpha; only NaN and infinities, which make no function, are refused
        assertThatThrownBy(() -> new ELU(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 'elu' (ELU): alpha of an ELU layer must be a finite number. "
                        + "Received: alpha=NaN");
        assertThatThrownBy(() -> new ELU(Double.POSITIVE_INFINITY)).hasMessageContaining("alpha=Infinity");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("alpha", java.util.List.of(1.0));
        assertThatThrownBy(() -> KerasConfig.fromConfig(ELU.class, bad, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'alpha' must be a number");
    }
}
