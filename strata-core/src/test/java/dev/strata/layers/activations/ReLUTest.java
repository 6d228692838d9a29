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
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReLU: Keras's max_value / negative_slope / threshold arithmetic, config, gradients and use in models. */
class ReLUTest {
    /** The layer contract cases (see {@code LayerContractTest}): inputs kept away from the kinks at 0 and 6. */
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(ReLU::new, Shape.of(2, 3)).label("plain")
                        .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(3, Shape.of(batch, 2, 3), 1, 0.1)))
                        .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's ReLU"),
                LayerCase.of(() -> new ReLU(6).negativeSlope(0.1), Shape.of(4)).label("max_value and slope")
                        .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(4, Shape.of(batch, 4), 3, 0.1)))
                        .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's ReLU"));
    }


    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static float[] on(ReLU layer, float[] x) {
        return layer.apply(Tensor.of(x)).toFloatArray();
    }

    @Test
    void matchesKerasForEveryCombinationOfArguments() {
        // Keras's arithmetic step for step, so equal to the bit, at the edges of threshold and max value too
        assertThat(on(new ReLU(), X)).containsExactly(ActivationLayerGolden.RELU_DEFAULT);
        assertThat(on(new ReLU(6), X)).containsExactly(ActivationLayerGolden.RELU_MAX6);
        assertThat(on(new ReLU(2), X)).containsExactly(ActivationLayerGolden.RELU_MAX2);
        assertThat(on(new ReLU(0), X)).containsExactly(ActivationLayerGolden.RELU_MAX0);
        assertThat(on(new ReLU().negativeSlope(0.1), X)).containsExactly(ActivationLayerGolden.RELU_SLOPE);
        assertThat(on(new ReLU().threshold(0.5), X)).containsExactly(ActivationLayerGolden.RELU_THRESHOLD);
        assertThat(on(new ReLU().negativeSlope(0.1).threshold(0.5), X))
                .containsExactly(ActivationLayerGolden.RELU_SLOPE_THRESHOLD);
        assertThat(on(new ReLU(2).negativeSlope(0.1).threshold(0.5), X))
                .containsExactly(ActivationLayerGolden.RELU_MAX2_SLOPE_THRESHOLD);
        assertThat(on(new ReLU(6).negativeSlope(0.2), X)).containsExactly(ActivationLayerGolden.RELU_MAX6_SLOPE);
        assertThat(on(new ReLU(6).threshold(0.5), X)).containsExactly(ActivationLayerGolden.RELU_MAX6_THRESHOLD);
        // a max value below the threshold: Keras clips what passes the threshold
        assertThat(on(new ReLU(1).negativeSlope(0.3).threshold(2), X))
                .containsExactly(ActivationLayerGolden.RELU_MAX1_SLOPE_THRESHOLD2);
    }

    @Test
    void keepsShapeAndHasNoWeights() {
        Tensor x = Tensor.of(X, 4, 6);
        ReLU relu = new ReLU(2).negativeSlope(0.1).threshold(0.5);
        Tensor y = relu.apply(x);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 6));
        assertThat(y.toFloatArray()).containsExactly(ActivationLayerGolden.RELU_MAX2_SLOPE_THRESHOLD);
        assertThat(relu.countParams()).isZero();
        assertThat(relu.getBuildConfig()).as("Keras builds it at construction").isNull();
        ActivationLayerChecks.assertSymbolicShapeIsEager(() -> new ReLU(6).threshold(1), Tensor.ones(2, 3, 4));
    }

    @Test
    void gradientsOfInputsMatchFiniteDifferences() {
        Tensor x = GradientCheck.random(5, Shape.of(4, 10), -3, 8);
        List<Supplier<ReLU>> variants = List.of(ReLU::new, () -> new ReLU().negativeSlope(0.1),
                () -> new ReLU(2).negativeSlope(0.1).threshold(0.5), () -> new ReLU(6).negativeSlope(0.2),
                () -> new ReLU().threshold(0.5), () -> new ReLU(1).negativeSlope(0.3).threshold(2));
        for (Supplier<ReLU> make : variants) {
            ReLU relu = make.get();
            Tensor away = ActivationLayerChecks.awayFrom(x, 0f, 0.5f, 1f, 2f, 6f);
            GradientCheck.check(xs -> relu.apply(xs.get(0)), away);
        }
    }

    @Test
    void configIsKerasAndRoundTrips() {
        ActivationLayerChecks.assertConfigIsKeras(new ReLU().getConfig(), ActivationLayerGolden.RELU_CONFIG);
        ReLU all = new ReLU(6).negativeSlope(0.1).threshold(0.5);
        ActivationLayerChecks.assertConfigIsKeras(all.getConfig(), ActivationLayerGolden.RELU_ALL_CONFIG);
        Tensor x = Tensor.of(X, 2, 12);
        ReLU back = ActivationLayerChecks.assertConfigRoundTrip(all, x);
        assertThat(back.maxValue()).isEqualTo(6.0);
        assertThat(back.negativeSlope()).isEqualTo(0.1);
        assertThat(back.threshold()).isEqualTo(0.5);
        assertThat(ActivationLayerChecks.assertConfigRoundTrip(new ReLU(), x).maxValue()).isNull();
        // Keras's config (with ints where Keras accepts them) reads too
        Map<String, Object> keras = new LinkedHashMap<>();
        keras.put("name", "r");
        keras.put("max_value", 6);
        keras.put("negative_slope", 0);
        keras.put("threshold", 1);
        ReLU fromKeras = KerasConfig.fromConfig(ReLU.class, keras, new LoadOptions());
        assertThat(fromKeras.name()).isEqualTo("r");
        assertThat(fromKeras.maxValue()).isEqualTo(6.0);
        assertThat(fromKeras.threshold()).isEqualTo(1.0);
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(() -> new ReLU(2).negativeSlope(0.1).threshold(0.5),
                Tensor.of(X, 4, 3, 2), dir);
    }

    @Test
    void badArgumentsFailAsInKeras() {
        assertThatThrownBy(() -> new ReLU(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 're_lu' (ReLU): max_value of a ReLU layer cannot be a negative value")
                .hasMessageContaining("Received: max_value=-1.0");
        assertThatThrownBy(() -> new ReLU().negativeSlope(-0.1))
                .hasMessageContaining("negative_slope of a ReLU layer cannot be a negative value")
                .hasMessageContaining("Received: negative_slope=-0.1");
        assertThatThrownBy(() -> new ReLU().threshold(-2))
                .hasMessageContaining("threshold of a ReLU layer cannot be a negative value")
                .hasMessageContaining("Received: threshold=-2.0");
        assertThatThrownBy(() -> new ReLU(Double.NaN)).hasMessageContaining("max_value=NaN");
        ReLU used = new ReLU();
        used.apply(Tensor.ones(1, 2));
        assertThatThrownBy(() -> used.threshold(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("threshold: the layer is already built");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("max_value", -6.0);
        assertThatThrownBy(() -> KerasConfig.fromConfig(ReLU.class, bad, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("ReLU.fromConfig failed")
                .hasMessageContaining("max_value of a ReLU layer cannot be a negative value");
        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("max_valu", 6.0);
        assertThatThrownBy(() -> KerasConfig.fromConfig(ReLU.class, unknown, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("unknown key [max_valu]");
    }
}
