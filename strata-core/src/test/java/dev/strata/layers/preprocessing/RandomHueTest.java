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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomHue: Keras's transform for given shifts (both formats), signs and factors drawn as Keras's, seeded. */
class RandomHueTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomHue(0.5).valueRange(0, 1), Shape.of(3, 4, 3)).randomInTraining()
                        .inputs(batch -> RandomSaturationTest.colours(batch, Shape.of(3, 4, 3)))
                        .gradientTolerance(1e-3, 1e-2, 1e-3).wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomHue(0.5).dataFormat("channels_first").seed(3), Shape.of(3, 3, 2))
                        .label("channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void transformsAsKerasForGivenShifts() {
        ImageLayerChecks.assertClose(RandomHue.transform(Augment12Checks.X255, new float[] {0.2f, -0.35f},
                new double[] {0, 255}, Augment12Checks.CL), Augment12Golden.HUE, 2e-4);
        ImageLayerChecks.assertClose(RandomHue.transform(Ops.transpose(Augment12Checks.X01, 0, 3, 1, 2),
                new float[] {-0.1f, 0.45f}, new double[] {0, 1}, Augment12Checks.CF), Augment12Golden.HUE_CF, 1e-6);
    }

    @Test
    void drawsASignAndAFactorPerImage() {
        Tensor x = Augment12Checks.X255;
        RandomHue h = new RandomHue(new double[] {0.2, 0.6}).seed(4);
        assertThat(h.apply(x, false)).isSameAs(x);
        var gen = Images.generator(4);
        float[] sign = Tensor.uniform(Shape.of(2), 0f, 1f, gen).toFloatArray();
        float[] f = Tensor.uniform(Shape.of(2), 0.2f, 0.6f, gen).toFloatArray();
        float[] shift = new float[2];
        for (int i = 0; i < 2; i++) {
            shift[i] = (sign[i] > 0.5f ? -1f : 1f) * f[i] * 0.5f;
        }
        assertThat(h.apply(x, true).toFloatArray()).containsExactly(
                RandomHue.transform(x, shift, new double[] {0, 255}, Augment12Checks.CL).toFloatArray());
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomHue(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_hue").hasMessageContaining("in the range [0, 1], got 1.5");
        assertThatThrownBy(() -> new RandomHue(0.5).apply(Tensor.ones(2, 3, 3, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_hue")
                .hasMessageContaining("3 channels").hasMessageContaining("(2, 3, 3, 4)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomHue(0.3).getConfig(), Augment12Golden.HUE_CONFIG);
        Strata.clearSession();
        RandomHue h = new RandomHue(new double[] {0.6, 0.2}).valueRange(1, 0).seed(9);
        ActivationLayerChecks.assertConfigIsKeras(h.getConfig(), Augment12Golden.HUE_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(h, Tensor.ones(1, 2, 2, 3));
    }
}
