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

/** RandomSharpness: Keras's transform for given factors (both formats), factors in Keras's range, seeded. */
class RandomSharpnessTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomSharpness(0.8).valueRange(-10, 10), Shape.of(3, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new RandomSharpness(new double[] {0.2, 0.9}).dataFormat("channels_first").seed(3),
                        Shape.of(2, 3, 3)).label("channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void transformsAsKerasForGivenFactors() {
        ImageLayerChecks.assertClose(RandomSharpness.transform(Augment12Checks.X255, new float[] {0.1f, 0.9f},
                new double[] {0, 255}, Augment12Checks.CL), Augment12Golden.SHARPNESS, 1e-4);
        ImageLayerChecks.assertClose(RandomSharpness.transform(Augment12Checks.XF, new float[] {0.8f, 0.3f},
                new double[] {0, 200}, Augment12Checks.CF), Augment12Golden.SHARPNESS_CF, 1e-4);
    }

    @Test
    void drawsFactorsInKerassRange() {
        Tensor x = Augment12Checks.X255;
        RandomSharpness s = new RandomSharpness(0.4).seed(4);
        assertThat(s.apply(x, false)).isSameAs(x);
        float[] f = Tensor.uniform(Shape.of(2), 0f, 0.4f, Images.generator(4)).toFloatArray();
        assertThat(s.apply(x, true).toFloatArray()).containsExactly(
                RandomSharpness.transform(x, f, new double[] {0, 255}, Augment12Checks.CL).toFloatArray());
        // factor 0.5 (s = 1) leaves the images as they are
        assertThat(new RandomSharpness(new double[] {0.5, 0.5}).seed(1).apply(x, true).toFloatArray())
                .containsExactly(x.toFloatArray());
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomSharpness(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_sharpness").hasMessageContaining("in the range [0, 1], got 1.5");
        assertThatThrownBy(() -> new RandomSharpness(new double[] {-0.5, -0.1})).hasMessageContaining("[-0.5, -0.1]");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomSharpness(0.3).getConfig(),
                Augment12Golden.SHARPNESS_CONFIG);
        Strata.clearSession();
        RandomSharpness s = new RandomSharpness(new double[] {0.6, 0.2}).valueRange(1, 0).seed(4)
                .dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(s.getConfig(), Augment12Golden.SHARPNESS_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(s, Tensor.ones(1, 2, 3, 3));
    }
}
