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

/** RandomRotation: Keras's rotation for given angles, angles drawn in the factor's range. */
class RandomRotationTest {
    private static final float[] ANGLES = {17.5f, -42f};

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomRotation(0.2), Shape.of(5, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 5, 4)),
                LayerCase.of(() -> new RandomRotation(new double[] {-0.1, 0.3}).fillMode("constant")
                        .interpolation("nearest").dataFormat("channels_first"), Shape.of(2, 4, 4))
                        .label("constant, nearest, channels first").randomInTraining().wrongRank(Shape.of(2, 4, 4)),
                LayerCase.of(() -> new RandomRotation(0.1).seed(3), Shape.of(3, 3, 1)).label("own seed")
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
    void rotatesAsKerasForGivenAngles() {
        ImageLayerChecks.assertClose(Tensor.of(RandomRotation.matrices(ANGLES, 5, 6), 2, 8),
                ImageGolden.ROTATION_MATRIX, 1e-6);
        for (String mode : Images.FILL_MODES) {
            ImageLayerChecks.assertClose(RandomRotation.rotate(ImageLayerChecks.X, ANGLES, "bilinear", mode, 0.5f,
                    ImageLayerChecks.CL), switch (mode) {
                        case "reflect" -> ImageGolden.ROTATION_REFLECT;
                        case "constant" -> ImageGolden.ROTATION_CONSTANT;
                        case "wrap" -> ImageGolden.ROTATION_WRAP;
                        default -> ImageGolden.ROTATION_NEAREST;
                    }, 1e-5);
        }
        ImageLayerChecks.assertClose(RandomRotation.rotate(ImageLayerChecks.X, ANGLES, "nearest", "reflect", 0f,
                ImageLayerChecks.CL), ImageGolden.ROTATION_NEAREST_INTERP, 1e-6);
    }

    @Test
    void drawsAnglesInTheFactorsRangeInTrainingOnly() {
        Tensor x = ImageLayerChecks.X;
        RandomRotation r = new RandomRotation(new double[] {0.05, 0.2}).seed(9);
        assertThat(r.apply(x, false)).isSameAs(x);
        RandomGenerator g = Images.generator(9);
        float[] angles = Tensor.uniform(Shape.of(2), 18f, 72f, g).toFloatArray();
        assertThat(r.apply(x, true).toFloatArray()).containsExactly(
                RandomRotation.rotate(x, angles, "bilinear", "reflect", 0f, ImageLayerChecks.CL).toFloatArray());
        // A factor pair of equal ends rotates by exactly that angle.
        assertThat(new RandomRotation(new double[] {0.25, 0.25}).apply(x, true).toFloatArray()).containsExactly(
                RandomRotation.rotate(x, new float[] {90f, 90f}, "bilinear", "reflect", 0f, ImageLayerChecks.CL)
                        .toFloatArray());
        assertThat(new RandomRotation(0.3).factor()).containsExactly(-0.3, 0.3);
        assertThat(new RandomRotation(-0.3).factor()).containsExactly(-0.3, 0.3);
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomRotation(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_rotation").hasMessageContaining("in the range [-1, 1], got 1.5");
        assertThatThrownBy(() -> new RandomRotation(new double[] {1.2, 2})).hasMessageContaining("got [1.2, 2]");
        assertThatThrownBy(() -> new RandomRotation(0.1).fillMode("mirror")).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> new RandomRotation(0.1).interpolation("bicubic"))
                .hasMessageContaining("interpolation");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomRotation(0.1).getConfig(),
                ImageGolden.RANDOM_ROTATION_CONFIG);
        Strata.clearSession();
        RandomRotation r = new RandomRotation(new double[] {-0.2, 0.3}).fillMode("constant").interpolation("nearest")
                .seed(3).fillValue(1.0);
        ActivationLayerChecks.assertConfigIsKeras(r.getConfig(), ImageGolden.RANDOM_ROTATION_PAIR_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(r, Tensor.ones(1, 3, 3, 1));
    }
}
