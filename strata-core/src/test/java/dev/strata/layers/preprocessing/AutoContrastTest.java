package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AutoContrast: Keras's values in training and inference, both data formats, constant slices kept. */
class AutoContrastTest {
    static List<LayerCase> contractCases() {
        return List.of(
                // values 0.05 apart: a finite-difference step (0.01) never changes which value is a minimum or maximum
                LayerCase.of(() -> new AutoContrast().valueRange(-10, 10), Shape.of(3, 4, 2))
                        .inputs(batch -> GradientCheck.distinct(12, 0.05, Shape.of(batch, 3, 4, 2)))
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new AutoContrast().dataFormat("channels_first"), Shape.of(2, 3, 4))
                        .inputs(batch -> GradientCheck.distinct(13, 0.05, Shape.of(batch, 2, 3, 4)))
                        .label("channels_first").wrongRank(Shape.of(2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void stretchesAsKerasInInferenceAndTraining() {
        Tensor xc = Tensor.of(Augment12Golden.XC, 2, 4, 5, 3);
        AutoContrast a = new AutoContrast();
        ImageLayerChecks.assertClose(a.apply(xc), Augment12Golden.AUTO_CONTRAST, 1e-4);
        ImageLayerChecks.assertClose(a.apply(xc, true), Augment12Golden.AUTO_CONTRAST, 1e-4);
        Tensor x = Ops.add(Ops.multiply(Augment12Checks.X01, 0.5f), 0.2f);
        ImageLayerChecks.assertClose(new AutoContrast().valueRange(1, 0).apply(x), Augment12Golden.AUTO_CONTRAST_01,
                1e-6);
        ImageLayerChecks.assertClose(new AutoContrast().dataFormat("channels_first").apply(Augment12Checks.XF),
                Augment12Golden.AUTO_CONTRAST_CF, 1e-4);
    }

    @Test
    void keepsAConstantChannelAsItIs() {
        Tensor xc = Tensor.of(Augment12Golden.XC, 2, 4, 5, 3);
        float[] y = new AutoContrast().apply(xc).toFloatArray();
        for (int i = 60 + 2; i < 120; i += 3) {
            assertThat(y[i]).isEqualTo(77.5f);
        }
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new AutoContrast().valueRange(0, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auto_contrast")
                .hasMessageContaining("value_range");
        assertThatThrownBy(() -> new AutoContrast().dataFormat("nhwc")).hasMessageContaining("data_format");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new AutoContrast().getConfig(),
                Augment12Golden.AUTO_CONTRAST_CONFIG);
        Strata.clearSession();
        AutoContrast a = new AutoContrast().valueRange(1, 0).dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(a.getConfig(), Augment12Golden.AUTO_CONTRAST_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(a, Tensor.uniform(Shape.of(1, 3, 2, 2), 0f, 1f,
                Images.generator(3)));
    }
}
