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

/** RandomContrast: Keras's adjustment for given factors, factors drawn in Keras's range. */
class RandomContrastTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomContrast(0.5).valueRange(-10, 10), Shape.of(3, 4, 2))
                        .randomInTraining().wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new RandomContrast(0.5).seed(3), Shape.of(3, 3, 1)).label("own seed")
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
    void adjustsAsKerasForGivenFactors() {
        ImageLayerChecks.assertClose(RandomContrast.adjust(ImageLayerChecks.X, new float[] {0.6f, 1.3f},
                new double[] {0, 1}, ImageLayerChecks.CL), ImageGolden.CONTRAST, 1e-6);
    }

    @Test
    void drawsFactorsInKerassRange() {
        Tensor x = ImageLayerChecks.X;
        RandomContrast c = new RandomContrast(0.2).valueRange(0, 1).seed(4);
        assertThat(c.apply(x, false)).isSameAs(x);
        // Keras 3 reads one number f as (0, f): factors in [1, 1 + f].
        float[] f = Tensor.uniform(Shape.of(2), 1f, 1.2f, Images.generator(4)).toFloatArray();
        assertThat(c.apply(x, true).toFloatArray()).containsExactly(
                RandomContrast.adjust(x, f, new double[] {0, 1}, ImageLayerChecks.CL).toFloatArray());
        float[] g = Tensor.uniform(Shape.of(2), 0.9f, 1.4f, Images.generator(5)).toFloatArray();
        assertThat(new RandomContrast(new double[] {0.4, 0.1}).seed(5).apply(x, true).toFloatArray())
                .containsExactly(RandomContrast.adjust(x, g, new double[] {0, 255}, ImageLayerChecks.CL)
                        .toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomContrast(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_contrast").hasMessageContaining("in the range [0, 1], got 1.5");
        assertThatThrownBy(() -> new RandomContrast(-0.1)).hasMessageContaining("got -0.1");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomContrast(0.2).getConfig(),
                ImageGolden.RANDOM_CONTRAST_CONFIG);
        Strata.clearSession();
        RandomContrast c = new RandomContrast(new double[] {0.1, 0.4}).valueRange(0, 1).seed(2);
        ActivationLayerChecks.assertConfigIsKeras(c.getConfig(), ImageGolden.RANDOM_CONTRAST_PAIR_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(c, Tensor.ones(1, 3, 3, 1));
    }
}
