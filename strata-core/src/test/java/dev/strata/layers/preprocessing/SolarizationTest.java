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

/** Solarization: Keras's transform for given additions and thresholds, draws in Keras's ranges, seeded. */
class SolarizationTest {
    static List<LayerCase> contractCases() {
        return List.of(
                // threshold 0 (the default): every value inverted, smooth away from the clipping at 0 and 255
                LayerCase.of(() -> new Solarization().valueRange(-10, 10), Shape.of(3, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new Solarization(0.2, 0.5).seed(3), Shape.of(3, 3, 1)).label("own seed")
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
    void transformsAsKerasForGivenDraws() {
        ImageLayerChecks.assertClose(Solarization.transform(Augment12Checks.X01, new float[] {10, 40},
                new float[] {128, 90}, new double[] {0, 1}), Augment12Golden.SOLARIZE, 1e-6);
        ImageLayerChecks.assertClose(Solarization.transform(Augment12Checks.X255, new float[] {0, 0},
                new float[] {128, 90}, new double[] {0, 255}), Augment12Golden.SOLARIZE_255, 1e-4);
    }

    @Test
    void drawsAdditionsAndThresholdsInKerassRanges() {
        Tensor x = Augment12Checks.X01;
        Solarization s = new Solarization(new double[] {0.3, 0.1}, new double[] {0.2, 0.6}).valueRange(1, 0).seed(4);
        assertThat(s.apply(x, false)).isSameAs(x);
        var gen = Images.generator(4);
        // as Keras: only the upper bound is scaled by 255
        float[] a = Tensor.uniform(Shape.of(2), 0.1f, 0.3f * 255, gen).toFloatArray();
        float[] t = Tensor.uniform(Shape.of(2), 0.2f, 0.6f * 255, gen).toFloatArray();
        assertThat(s.apply(x, true).toFloatArray())
                .containsExactly(Solarization.transform(x, a, t, new double[] {0, 1}).toFloatArray());
        // the defaults invert every value
        Tensor y = new Solarization().seed(1).apply(Augment12Checks.X255, true);
        float[] v = Augment12Checks.X255.toFloatArray();
        float[] w = y.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertThat(w[i]).isEqualTo(255f - v[i]);
        }
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new Solarization(1.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("solarization").hasMessageContaining("addition_factor")
                .hasMessageContaining("in the range [0, 1], got 1.5");
        assertThatThrownBy(() -> new Solarization(new double[] {0.1}, new double[] {-0.2, 0.5}))
                .hasMessageContaining("threshold_factor").hasMessageContaining("[-0.2, 0.5]");
        assertThatThrownBy(() -> new Solarization().valueRange(1, 1)).hasMessageContaining("value_range");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new Solarization().getConfig(),
                Augment12Golden.SOLARIZATION_CONFIG);
        Strata.clearSession();
        Solarization s = new Solarization(new double[] {0.3, 0.1}, new double[] {0.6}).valueRange(1, 0).seed(7);
        ActivationLayerChecks.assertConfigIsKeras(s.getConfig(), Augment12Golden.SOLARIZATION_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(s, Tensor.ones(1, 3, 3, 1));
    }
}
