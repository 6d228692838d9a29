package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RandomColorJitter: Keras's components applied in turn for given draws, the draws taken in Keras's order from the
 * layer's generator, the names its components take, config key by key.
 */
class RandomColorJitterTest {
    static final Tensor X255 = Tensor.of(Augment12bGolden.X255, 2, 4, 5, 3);
    static final Tensor X01 = Tensor.of(Augment12bGolden.X01, 2, 4, 5, 3);
    static final double[] RANGE = {0, 255};

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomColorJitter().valueRange(0, 1).brightnessFactor(0.1)
                                .contrastFactor(0.2).saturationFactor(0.3).hueFactor(0.2), Shape.of(3, 4, 3))
                        .randomInTraining().inputs(batch -> RandomSaturationTest.colours(batch, Shape.of(3, 4, 3)))
                        .gradientTolerance(1e-3, 1e-2, 1e-3).wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomColorJitter().brightnessFactor(0.2).contrastFactor(0.3)
                                .dataFormat("channels_first").seed(3), Shape.of(2, 3, 4))
                        .label("brightness and contrast, channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    private static Tensor chain(Tensor x, double[] range, String format, float[] deltas, float[] contrasts,
            float[] adjustments, float[] shifts) {
        Tensor y = x;
        if (deltas != null) {
            y = RandomBrightness.adjust(y, deltas, range);
        }
        if (contrasts != null) {
            y = RandomContrast.adjust(y, contrasts, range, format);
        }
        if (adjustments != null) {
            y = RandomSaturation.transform(y, adjustments, range, format);
        }
        if (shifts != null) {
            y = RandomHue.transform(y, shifts, range, format);
        }
        return y;
    }

    @Test
    void transformsAsKerassComponentsForGivenDraws() {
        ImageLayerChecks.assertClose(chain(X255, RANGE, Augment12Checks.CL, new float[] {0.1f, -0.25f},
                new float[] {1.3f, 0.8f}, new float[] {0.6f, 1.7f}, new float[] {0.15f, -0.3f}),
                Augment12bGolden.JITTER, 2e-4);
        ImageLayerChecks.assertClose(chain(X01, new double[] {0, 1}, Augment12Checks.CL, null,
                new float[] {0.7f, 1.4f}, null, new float[] {-0.2f, 0.05f}), Augment12bGolden.JITTER_01, 1e-6);
    }

    @Test
    void drawsEachComponentInTurnFromItsOwnGenerator() {
        Tensor x = X255;
        RandomColorJitter j = new RandomColorJitter().brightnessFactor(0.3).contrastFactor(0.4)
                .saturationFactor(0.5).hueFactor(0.2).seed(7);
        assertThat(j.apply(x, false)).isSameAs(x);
        RandomGenerator gen = Images.generator(7);
        float[] d = Tensor.uniform(Shape.of(2), -0.3f, 0.3f, gen).toFloatArray();
        float[] c = Tensor.uniform(Shape.of(2), 1f, 1.4f, gen).toFloatArray();
        float[] s = Tensor.uniform(Shape.of(2), -0.5f, 0.5f, gen).toFloatArray();
        float[] a = {s[0] / ((1 - s[0]) + 1e-7f), s[1] / ((1 - s[1]) + 1e-7f)};
        float[] sign = Tensor.uniform(Shape.of(2), 0f, 1f, gen).toFloatArray();
        float[] h = Tensor.uniform(Shape.of(2), 0f, 0.2f, gen).toFloatArray();
        float[] shift = new float[2];
        for (int i = 0; i < 2; i++) {
            shift[i] = (sign[i] > 0.5f ? -1f : 1f) * h[i] * 0.5f;
        }
        Tensor expected = chain(x, RANGE, Augment12Checks.CL, d, c, a, shift);
        assertThat(j.apply(x, true).toFloatArray()).containsExactly(expected.toFloatArray());
        // the same seed draws the same again
        RandomColorJitter again = new RandomColorJitter().brightnessFactor(0.3).contrastFactor(0.4)
                .saturationFactor(0.5).hueFactor(0.2).seed(7);
        assertThat(again.apply(x, true).toFloatArray()).containsExactly(expected.toFloatArray());
        // no factor: the identity
        assertThat(new RandomColorJitter().apply(x, true).toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void channelsFirstJittersAsTheChannelsLastTranspose() {
        Tensor cf = Ops.transpose(X255, 0, 3, 1, 2);
        Tensor first = new RandomColorJitter().contrastFactor(0.4).saturationFactor(0.5).hueFactor(0.3)
                .dataFormat("channels_first").seed(5).apply(cf, true);
        Tensor last = new RandomColorJitter().contrastFactor(0.4).saturationFactor(0.5).hueFactor(0.3).seed(5)
                .apply(X255, true);
        ImageLayerChecks.assertClose(Ops.transpose(first, 0, 2, 3, 1), last.toFloatArray(), 1e-4);
    }

    @Test
    void takesItsComponentsNamesAsKeras() {
        new RandomColorJitter().brightnessFactor(0.1).hueFactor(0.1);
        assertThat(List.of(new RandomBrightness(0.1).name(), new RandomContrast(0.1).name(),
                new RandomHue(0.1).name())).containsExactly(Augment12bGolden.NAMES_AFTER);
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomColorJitter().brightnessFactor(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random_color_jitter")
                .hasMessageContaining("brightness_factor 1.5").hasMessageContaining("[-1, 1]");
        assertThatThrownBy(() -> new RandomColorJitter().hueFactor(0.2, 0.3, 0.4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hue_factor");
        assertThatThrownBy(() -> new RandomColorJitter().contrastFactor(-0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contrast_factor -0.5");
        assertThatThrownBy(() -> new RandomColorJitter().saturationFactor(0.5).valueRange(1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("random_color_jitter")
                .hasMessageContaining("value_range");
        assertThatThrownBy(() -> new RandomColorJitter().hueFactor(0.5).apply(Tensor.ones(2, 3, 3, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_color_jitter")
                .hasMessageContaining("3 channels").hasMessageContaining("(2, 3, 3, 1)");
        // brightness and contrast alone take any channel count, as in Keras
        assertThat(new RandomColorJitter().brightnessFactor(0.5).apply(Tensor.ones(2, 3, 3, 1)).shape())
                .isEqualTo(Shape.of(2, 3, 3, 1));
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomColorJitter().getConfig(), Augment12bGolden.JITTER_CONFIG);
        Strata.clearSession();
        RandomColorJitter j = new RandomColorJitter().valueRange(1, 0).brightnessFactor(0.1, 0.4)
                .contrastFactor(0.3).saturationFactor(0.6, -0.2).hueFactor(0.25).seed(11)
                .dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(j.getConfig(), Augment12bGolden.JITTER_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(j, Tensor.ones(1, 3, 2, 2));
    }
}
