package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomCrop: Keras's crop for given corners, every corner drawn, a centre crop outside training. */
class RandomCropTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomCrop(4, 3).seed(1), Shape.of(4, 5, 2)).label("not taller: centred")
                        .wrongRank(Shape.of(2, 4, 5)),
                LayerCase.of(() -> new RandomCrop(3, 3).seed(2).dataFormat("channels_first"), Shape.of(2, 5, 4))
                        .label("random corner, channels first").wrongRank(Shape.of(2, 5, 4))
                        .skip(Check.GRADIENTS, "its generator moves on at every call (another corner); the centred "
                                + "case checks the gradient (a slice and a resize)"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void cropsAsKerasForGivenCorners() {
        ImageLayerChecks.assertClose(RandomCrop.crop(ImageLayerChecks.X, 1, 2, 3, 4, ImageLayerChecks.CL),
                ImageGolden.RANDOM_CROP, 0);
        ImageLayerChecks.assertClose(RandomCrop.crop(ImageLayerChecks.X, 0, 0, 6, 4, ImageLayerChecks.CL),
                ImageGolden.RANDOM_CROP_SMALL, 2e-6);
    }

    @Test
    void drawsEveryCornerInTrainingAndCentresOtherwise() {
        Tensor x = Ops.reshape(Tensor.arange(1 * 5 * 6), 1, 5, 6, 1);
        RandomCrop c = new RandomCrop(3, 4).seed(12);
        Set<Float> corners = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Tensor y = c.apply(x, true);
            assertThat(y.shape()).isEqualTo(Shape.of(1, 3, 4, 1));
            corners.add(y.toFloatArray()[0]);
        }
        // Corners (0..2) x (0..2): first values 0, 1, 2, 6, 7, 8, 12, 13, 14.
        assertThat(corners).containsExactlyInAnyOrder(0f, 1f, 2f, 6f, 7f, 8f, 12f, 13f, 14f);
        assertThat(c.apply(x, false).toFloatArray()).containsExactly(new CenterCrop(3, 4).apply(x).toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomCrop(3, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_crop").hasMessageContaining("width must be a positive integer, got 0");
        Strata.setRandomSeed(5);
        long s = new RandomCrop(3, 3).seed();
        Strata.setRandomSeed(5);
        assertThat(new RandomCrop(3, 3).seed()).isEqualTo(s).isBetween(1L, 1_000_000_000L);
        Strata.clearSession();
        RandomCrop c = new RandomCrop(3, 4).seed(11);
        ActivationLayerChecks.assertConfigIsKeras(c.getConfig(), ImageGolden.RANDOM_CROP_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(c, Tensor.ones(1, 5, 5, 1));
    }
}
