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

/** RandomInvert: Keras's transform for given choices, choices drawn as Keras draws them, seeded. */
class RandomInvertTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomInvert(0.8).valueRange(0, 1), Shape.of(3, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new RandomInvert().seed(3), Shape.of(3, 3, 1)).label("own seed")
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
    void transformsAsKerasForGivenChoices() {
        ImageLayerChecks.assertClose(RandomInvert.transform(Augment12Checks.X01, new boolean[] {false, true},
                new double[] {0, 1}), Augment12Golden.INVERT, 1e-7);
    }

    @Test
    void drawsAProbabilityAndAThresholdPerImage() {
        Tensor x = Augment12Checks.X255;
        RandomInvert r = new RandomInvert(new double[] {0.9, 0.2}).seed(4);
        assertThat(r.apply(x, false)).isSameAs(x);
        var gen = Images.generator(4);
        float[] p = Tensor.uniform(Shape.of(2), 0.2f, 0.9f, gen).toFloatArray();
        float[] t = Tensor.uniform(Shape.of(2), 0f, 1f, gen).toFloatArray();
        boolean[] expected = {t[0] < p[0], t[1] < p[1]};
        assertThat(r.apply(x, true).toFloatArray())
                .containsExactly(RandomInvert.transform(x, expected, new double[] {0, 255}).toFloatArray());
    }

    @Test
    void invertsAboutHalfTheImagesWithTheDefaultFactor() {
        // probabilities uniform in [0, 1], then a uniform threshold: each image inverted with probability 1/2
        Tensor x = Tensor.uniform(Shape.of(400, 2, 2, 1), 0f, 255f, Images.generator(1));
        float[] y = new RandomInvert().seed(7).apply(x, true).toFloatArray();
        float[] v = x.toFloatArray();
        int inverted = 0;
        for (int i = 0; i < 400; i++) {
            boolean same = Augment12Checks.sameImage(y, v, i, 4);
            if (!same) {
                inverted++;
                for (int j = i * 4; j < i * 4 + 4; j++) {
                    assertThat(y[j]).isEqualTo(255f - v[j]);
                }
            }
        }
        assertThat(inverted).isBetween(170, 230); // 200 expected; 3 standard deviations are 30
        float[] none = new RandomInvert(0.0).seed(2).apply(x, true).toFloatArray();
        assertThat(none).containsExactly(v);
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomInvert(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_invert").hasMessageContaining("in the range [0, 1], got 1.5");
        assertThatThrownBy(() -> new RandomInvert(new double[] {1.2, 1.5})).hasMessageContaining("[1.2, 1.5]");
        assertThatThrownBy(() -> new RandomInvert(new double[] {0.1, 0.2, 0.3})).hasMessageContaining("factor");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomInvert().getConfig(), Augment12Golden.INVERT_CONFIG);
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomInvert(0.3).getConfig(),
                Augment12Golden.INVERT_NUMBER_CONFIG);
        Strata.clearSession();
        RandomInvert r = new RandomInvert(new double[] {0.7, 0.2}).valueRange(1, 0).seed(5);
        ActivationLayerChecks.assertConfigIsKeras(r.getConfig(), Augment12Golden.INVERT_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(r, Tensor.ones(1, 3, 3, 1));
    }
}
