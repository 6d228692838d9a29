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
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomZoom: Keras's zoom for given factors, zooms drawn in 1 + the factor's range. */
class RandomZoomTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomZoom(0.3), Shape.of(5, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 5, 4)),
                LayerCase.of(() -> new RandomZoom(new double[] {-0.2, 0.1}, new double[] {0.3}).fillMode("wrap")
                        .dataFormat("channels_first"), Shape.of(2, 4, 4)).label("pairs, wrap, channels first")
                        .randomInTraining().wrongRank(Shape.of(2, 4, 4)),
                LayerCase.of(() -> new RandomZoom(0.2).seed(1), Shape.of(3, 3, 1)).label("own seed")
                        .wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded cases check "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void zoomsAsKerasForGivenFactors() {
        Tensor x = ImageLayerChecks.X;
        ImageLayerChecks.assertClose(RandomZoom.zoom(x, new float[] {1.2f, 0.8f}, new float[] {0.75f, 1.3f},
                "bilinear", "reflect", 0f, ImageLayerChecks.CL), ImageGolden.ZOOM, 1e-5);
        ImageLayerChecks.assertClose(RandomZoom.zoom(x, new float[] {1.2f, 0.8f}, new float[] {1.2f, 0.8f},
                "bilinear", "constant", 0f, ImageLayerChecks.CL), ImageGolden.ZOOM_CONSTANT, 1e-5);
    }

    @Test
    void drawsZoomsInTheFactorsRangeInTrainingOnly() {
        Tensor x = ImageLayerChecks.X;
        RandomZoom z = new RandomZoom(new double[] {-0.3, 0.2}, new double[] {0.1, 0.4}).seed(2);
        assertThat(z.apply(x, false)).isSameAs(x);
        RandomGenerator g = Images.generator(2);
        float[] hz = Tensor.uniform(Shape.of(2), 0.7f, 1.2f, g).toFloatArray();
        float[] wz = Tensor.uniform(Shape.of(2), 1.1f, 1.4f, g).toFloatArray();
        assertThat(z.apply(x, true).toFloatArray()).containsExactly(
                RandomZoom.zoom(x, hz, wz, "bilinear", "reflect", 0f, ImageLayerChecks.CL).toFloatArray());
        // Without a width factor the width takes the height's zoom.
        RandomZoom same = new RandomZoom(0.25).seed(6);
        float[] both = Tensor.uniform(Shape.of(2), 0.75f, 1.25f, Images.generator(6)).toFloatArray();
        assertThat(same.apply(x, true).toFloatArray()).containsExactly(
                RandomZoom.zoom(x, both, both, "bilinear", "reflect", 0f, ImageLayerChecks.CL).toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomZoom(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_zoom").hasMessageContaining("height_factor")
                .hasMessageContaining("(-1.0, 1.0]");
        assertThatThrownBy(() -> new RandomZoom(0.1, 1.5)).hasMessageContaining("width_factor");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomZoom(0.2).getConfig(), ImageGolden.RANDOM_ZOOM_CONFIG);
        Strata.clearSession();
        RandomZoom z = new RandomZoom(new double[] {-0.3, 0.2}, new double[] {0.1, 0.4}).fillMode("wrap").seed(5);
        ActivationLayerChecks.assertConfigIsKeras(z.getConfig(), ImageGolden.RANDOM_ZOOM_PAIR_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(z, Tensor.ones(1, 3, 3, 1));
    }
}
