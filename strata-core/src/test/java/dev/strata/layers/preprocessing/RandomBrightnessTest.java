package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomBrightness: Keras's shift for given deltas, deltas drawn in the factor's range of the value range. */
class RandomBrightnessTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomBrightness(0.1).valueRange(-10, 10), Shape.of(3, 4, 2))
                        .randomInTraining().wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new RandomBrightness(0.5).seed(3), Shape.of(3, 3, 1)).label("own seed")
                        .wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void shiftsAsKerasForGivenDeltas() {
        ImageLayerChecks.assertClose(RandomBrightness.adjust(ImageLayerChecks.X, new float[] {0.2f, -0.35f},
                new double[] {0, 1}), ImageGolden.BRIGHTNESS, 1e-6);
    }

    @Test
    void drawsDeltasInTheFactorsRange() {
        Tensor x = ImageLayerChecks.X;
        RandomBrightness b = new RandomBrightness(new double[] {0.3, -0.1}).valueRange(1, -1).seed(4);
        assertThat(b.apply(x, false)).isSameAs(x);
        float[] d = Tensor.uniform(Shape.of(2), -0.1f, 0.3f, Images.generator(4)).toFloatArray();
        assertThat(b.apply(x, true).toFloatArray()).containsExactly(
                RandomBrightness.adjust(x, d, new double[] {-1, 1}).toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomBrightness(-1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_brightness").hasMessageContaining("in the range [-1, 1], got -1.5");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomBrightness(0.2).getConfig(),
                ImageGolden.RANDOM_BRIGHTNESS_CONFIG);
        Strata.clearSession();
        RandomBrightness b = new RandomBrightness(new double[] {-0.1, 0.3}).valueRange(1, -1).seed(4);
        ActivationLayerChecks.assertConfigIsKeras(b.getConfig(), ImageGolden.RANDOM_BRIGHTNESS_PAIR_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(b, Tensor.ones(1, 3, 3, 1));
    }
}
