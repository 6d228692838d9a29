package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomFlip: Keras's flips for given draws, half the images flipped, identity in predict; a call on its own augments, as Keras. */
class RandomFlipTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(RandomFlip::new, Shape.of(3, 4, 2)).randomInTraining().wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new RandomFlip("vertical").dataFormat("channels_first"), Shape.of(2, 3, 3))
                        .label("vertical, channels first").randomInTraining().wrongRank(Shape.of(2, 3)),
                LayerCase.of(() -> new RandomFlip("horizontal").seed(4), Shape.of(3, 3, 1)).label("own seed")
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
    void flipsAsKerasForGivenDraws() {
        boolean[] first = {true, false};
        for (String mode : RandomFlip.MODES) {
            ImageLayerChecks.assertClose(RandomFlip.flip(ImageLayerChecks.X, first, mode, ImageLayerChecks.CL),
                    switch (mode) {
                        case "horizontal" -> ImageGolden.FLIP_HORIZONTAL;
                        case "vertical" -> ImageGolden.FLIP_VERTICAL;
                        default -> ImageGolden.FLIP_HORIZONTAL_AND_VERTICAL;
                    }, 0);
        }
    }

    @Test
    void flipsHalfTheImagesInTrainingOnly() {
        Tensor x = Tensor.uniform(Shape.of(2000, 2, 3, 1), 0f, 1f);
        RandomFlip f = new RandomFlip("horizontal");
        assertThat(f.apply(x, false)).isSameAs(x);
        float[] y = f.apply(x, true).toFloatArray();
        float[] xv = x.toFloatArray();
        int flipped = 0;
        for (int i = 0; i < 2000; i++) {
            float[] a = Arrays.copyOfRange(xv, i * 6, i * 6 + 6);
            float[] b = Arrays.copyOfRange(y, i * 6, i * 6 + 6);
            float[] mirrored = {a[2], a[1], a[0], a[5], a[4], a[3]};
            if (Arrays.equals(b, mirrored)) {
                flipped++;
            } else {
                assertThat(b).containsExactly(a);
            }
        }
        // 2000 draws: the standard error of the proportion is 0.011.
        assertThat(flipped / 2000.0).isBetween(0.45, 0.55);
        float[] s1 = new RandomFlip().seed(3).apply(x, true).toFloatArray();
        assertThat(new RandomFlip().seed(3).apply(x, true).toFloatArray()).containsExactly(s1);
    }

    /**
     * Keras's augmentation layers default to {@code training=True} in {@code call}: called on their own (or inside a
     * model called on its own) they augment; predict and evaluate run them as identity.
     */
    @Test
    void aCallOnItsOwnAugmentsAsKerasAndPredictDoesNot() {
        Tensor x = Tensor.uniform(Shape.of(64, 2, 3, 1), 0f, 1f);
        assertThat(new RandomFlip().seed(5).apply(x).toFloatArray())
                .containsExactly(new RandomFlip().seed(5).apply(x, true).toFloatArray())
                .isNotEqualTo(x.toFloatArray());
        dev.strata.models.Sequential model = new dev.strata.models.Sequential();
        model.add(new dev.strata.layers.core.InputLayer(2, 3, 1));
        model.add(new RandomFlip().seed(5));
        assertThat(model.apply(x).toFloatArray()).as("the model called on its own: the layer's default")
                .isNotEqualTo(x.toFloatArray());
        assertThat(model.predict(x).toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(model.apply(x, false).toFloatArray()).containsExactly(x.toFloatArray());
        dev.strata.layers.regularization.Dropout dropout = new dev.strata.layers.regularization.Dropout(0.5);
        assertThat(dropout.apply(x)).as("Dropout's call defaults to training=False, as Keras's").isSameAs(x);
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomFlip("diagonal")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_flip").hasMessageContaining("unknown mode 'diagonal'");
        assertThatThrownBy(() -> new RandomFlip().apply(Tensor.zeros(3, 4, 2), true))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(3, 4, 2)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomFlip().getConfig(), ImageGolden.RANDOM_FLIP_CONFIG);
        Strata.clearSession();
        RandomFlip f = new RandomFlip("horizontal").seed(7);
        ActivationLayerChecks.assertConfigIsKeras(f.getConfig(), ImageGolden.RANDOM_FLIP_SEED_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(f, Tensor.ones(1, 3, 3, 1));
    }
}
