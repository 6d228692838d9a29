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

/** RandomTranslation: Keras's shift for given amounts, shifts drawn in the factors' range times the size. */
class RandomTranslationTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomTranslation(0.2, 0.3), Shape.of(5, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 5, 4)),
                LayerCase.of(() -> new RandomTranslation(new double[] {-0.2, 0.1}, new double[] {0.3})
                        .fillMode("nearest").interpolation("nearest").dataFormat("channels_first"), Shape.of(2, 4, 4))
                        .label("pairs, nearest, channels first").randomInTraining().wrongRank(Shape.of(2, 4, 4)),
                LayerCase.of(() -> new RandomTranslation(0.2, 0.2).seed(1), Shape.of(3, 3, 1)).label("own seed")
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
    void shiftsAsKerasForGivenAmounts() {
        Tensor x = ImageLayerChecks.X;
        float[] dx = {1.7f, -2.2f};
        float[] dy = {-0.9f, 1.3f};
        ImageLayerChecks.assertClose(RandomTranslation.translate(x, dx, dy, "bilinear", "reflect", 0f,
                ImageLayerChecks.CL), ImageGolden.TRANSLATION, 1e-5);
        ImageLayerChecks.assertClose(RandomTranslation.translate(x, dx, dy, "nearest", "wrap", 0f,
                ImageLayerChecks.CL), ImageGolden.TRANSLATION_WRAP_NEAREST, 1e-6);
    }

    @Test
    void drawsShiftsInTheFactorsRangeInTrainingOnly() {
        Tensor x = ImageLayerChecks.X;
        RandomTranslation t = new RandomTranslation(new double[] {0.2, -0.4}, new double[] {0.5}).seed(8);
        assertThat(t.apply(x, false)).isSameAs(x);
        RandomGenerator g = Images.generator(8);
        float[] dy = Tensor.uniform(Shape.of(2), -0.4f, 0.2f, g).toFloatArray();
        float[] dx = Tensor.uniform(Shape.of(2), -0.5f, 0.5f, g).toFloatArray();
        for (int i = 0; i < 2; i++) {
            dy[i] *= 5;
            dx[i] *= 6;
        }
        assertThat(t.apply(x, true).toFloatArray()).containsExactly(
                RandomTranslation.translate(x, dx, dy, "bilinear", "reflect", 0f, ImageLayerChecks.CL)
                        .toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomTranslation(1.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_translation").hasMessageContaining("height_factor")
                .hasMessageContaining("[-1.0, 1.0]");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomTranslation(0.1, 0.2).getConfig(),
                ImageGolden.RANDOM_TRANSLATION_CONFIG);
        RandomTranslation seeded = new RandomTranslation(0.1, 0.2).seed(4);
        RandomTranslation back = dev.strata.saving.KerasConfig.fromConfig(RandomTranslation.class,
                seeded.getConfig(), new dev.strata.saving.LoadOptions());
        assertThat(back.getConfig()).isEqualTo(seeded.getConfig());
        Tensor x = Tensor.uniform(Shape.of(2, 5, 5, 1), 0f, 1f);
        assertThat(back.apply(x, true).toFloatArray()).as("the same seed: the same draws")
                .containsExactly(seeded.apply(x, true).toFloatArray());
    }
}
