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

/** RandomGaussianBlur: Keras's transform for given draws (both formats), draws in Keras's order, seeded. */
class RandomGaussianBlurTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomGaussianBlur().valueRange(0, 1), Shape.of(4, 5, 2)).randomInTraining()
                        .inputs(batch -> RandomSaturationTest.colours(batch, Shape.of(4, 5, 2)))
                        .wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomGaussianBlur(new double[] {0.5, 1}).kernelSize(5, 3).sigma(0.3, 0.8)
                                .dataFormat("channels_first").seed(3), Shape.of(2, 4, 5))
                        .label("pair kernel, channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void transformsAsKerasForGivenDraws() {
        ImageLayerChecks.assertClose(RandomGaussianBlur.transform(RandomColorJitterTest.X255,
                new boolean[] {true, false}, new float[] {0.7f, 1.3f}, new int[] {3, 5}, new double[] {20, 230},
                Augment12Checks.CL), Augment12bGolden.BLUR, 1e-4);
        ImageLayerChecks.assertClose(RandomGaussianBlur.transform(
                Ops.transpose(RandomColorJitterTest.X01, 0, 3, 1, 2), new boolean[] {false, true},
                new float[] {0.5f, 0.9f}, new int[] {3, 3}, new double[] {0, 1}, Augment12Checks.CF),
                Augment12bGolden.BLUR_CF, 1e-6);
    }

    @Test
    void drawsProbabilitiesThenTwoSigmasForTheBatch() {
        Tensor x = RandomColorJitterTest.X255;
        RandomGaussianBlur g = new RandomGaussianBlur(new double[] {0.3, 0.9}).sigma(0.2, 0.7).kernelSize(5).seed(4);
        assertThat(g.apply(x, false)).isSameAs(x);
        RandomGenerator gen = Images.generator(4);
        float[] p = Tensor.uniform(Shape.of(2), 0.3f, 0.9f, gen).toFloatArray();
        float[] t = Tensor.uniform(Shape.of(2), 0f, 1f, gen).toFloatArray();
        float[] s = Tensor.uniform(Shape.of(2), 0.2f, 0.7f, gen).toFloatArray();
        Tensor expected = RandomGaussianBlur.transform(x, new boolean[] {t[0] < p[0], t[1] < p[1]},
                new float[] {s[0] + 1e-6f, s[1] + 1e-6f}, new int[] {5, 5}, new double[] {0, 255},
                Augment12Checks.CL);
        assertThat(g.apply(x, true).toFloatArray()).containsExactly(expected.toFloatArray());
        // factor 0 never blurs, but the output is still clipped to value_range, as in Keras
        Tensor clipped = new RandomGaussianBlur(0.0).valueRange(50, 200).apply(x, true);
        assertThat(clipped.toFloatArray()).containsExactly(Ops.clip(x, 50f, 200f).toFloatArray());
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomGaussianBlur(-0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_gaussian_blur").hasMessageContaining("[0, 1], got -0.5");
        assertThatThrownBy(() -> new RandomGaussianBlur().sigma(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_gaussian_blur").hasMessageContaining("sigma argument");
        assertThatThrownBy(() -> new RandomGaussianBlur().kernelSize(4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_gaussian_blur").hasMessageContaining("kernel_size must be an odd")
                .hasMessageContaining("got 4");
        assertThatThrownBy(() -> new RandomGaussianBlur().kernelSize(3, 5, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel_size");
        assertThatThrownBy(() -> new RandomGaussianBlur().apply(Tensor.ones(4, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_gaussian_blur")
                .hasMessageContaining("rank 4").hasMessageContaining("(4, 5, 3)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomGaussianBlur().getConfig(), Augment12bGolden.BLUR_CONFIG);
        Strata.clearSession();
        RandomGaussianBlur full = new RandomGaussianBlur(new double[] {0.8, 0.1}).kernelSize(5, 3).sigma(0.9, 0.2)
                .valueRange(1, 0).seed(6).dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(full.getConfig(), Augment12bGolden.BLUR_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(full, Tensor.ones(1, 3, 5, 5));
    }
}
