package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GaussianNoise: x + N(0, stddev²) in training, identity otherwise. */
class GaussianNoiseTest {
    private static final String ANY_RANK = "elementwise: it takes any rank, as Keras's";

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new GaussianNoise(0.5), Shape.of(3, 4)).randomInTraining()
                        .skip(Check.WRONG_RANK, ANY_RANK),
                LayerCase.of(() -> new GaussianNoise(0.1).seed(5), Shape.of(4)).label("own seed")
                        .skip(Check.WRONG_RANK, ANY_RANK)
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient (the identity: the noise does not depend on x)"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void addsNoiseOfTheGivenDeviationInTrainingOnly() {
        Tensor x = Tensor.uniform(Shape.of(200, 500), -1f, 1f);
        GaussianNoise noise = new GaussianNoise(0.3);
        assertThat(noise.apply(x)).isSameAs(x);
        float[] y = noise.apply(x, true).toFloatArray();
        float[] xv = x.toFloatArray();
        float[] d = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            d[i] = y[i] - xv[i];
        }
        // 100 000 draws: the standard error of the mean is 0.3 / 316 ~ 0.001, of the deviation ~ 0.0007.
        assertThat(RandomLayerChecks.mean(d)).isCloseTo(0, Offset.offset(0.005));
        assertThat(RandomLayerChecks.std(d)).isCloseTo(0.3, Offset.offset(0.004));
        assertThat(new GaussianNoise(0).apply(x, true)).isSameAs(x);
    }

    @Test
    void seededLayersRepeatAndUnseededOnesFollowTheGlobalSeed() {
        Tensor x = Tensor.zeros(4, 8);
        float[] a = new GaussianNoise(0.5).seed(3).apply(x, true).toFloatArray();
        assertThat(new GaussianNoise(0.5).seed(3).apply(x, true).toFloatArray()).containsExactly(a);
        GaussianNoise g = new GaussianNoise(0.5);
        Strata.setRandomSeed(7);
        float[] b = g.apply(x, true).toFloatArray();
        Strata.setRandomSeed(7);
        assertThat(g.apply(x, true).toFloatArray()).containsExactly(b);
    }

    @Test
    void badStddevAndConfig() {
        assertThatThrownBy(() -> new GaussianNoise(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GaussianNoise: invalid value for argument stddev: expected a float value "
                        + "between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new GaussianNoise(Double.NaN)).hasMessageContaining("got NaN");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new GaussianNoise(0.1).getConfig(), RegularizationGolden.GNOISE_CONFIG);
        GaussianNoise seeded = new GaussianNoise(0.5).seed(3);
        ActivationLayerChecks.assertConfigIsKeras(seeded.getConfig(), RegularizationGolden.GNOISE_SEED_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(seeded, Tensor.ones(2, 3));
    }
}
