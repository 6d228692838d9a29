package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomPosterization: Keras's transform for given shifts, bits drawn as Keras's randint, seeded. */
class RandomPosterizationTest {
    static List<LayerCase> contractCases() {
        String constant = "piecewise constant in the images (Keras casts them to uint8): no gradient to check";
        return List.of(
                LayerCase.of(() -> new RandomPosterization(4).valueRange(-1, 1), Shape.of(3, 4, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 4)).skip(Check.GRADIENTS, constant),
                LayerCase.of(() -> new RandomPosterization(2, 6).seed(3), Shape.of(3, 3, 1)).label("own seed")
                        .wrongRank(Shape.of(2, 3, 3)).skip(Check.GRADIENTS, constant));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void transformsAsKerasForGivenShifts() {
        ImageLayerChecks.assertClose(RandomPosterization.transform(Augment12Checks.X01, new int[] {4, 6},
                new double[] {0, 1}, Augment12Checks.CL), Augment12Golden.POSTERIZE, 1e-7);
        ImageLayerChecks.assertClose(RandomPosterization.transform(Augment12Checks.X255, new int[] {5, 1},
                new double[] {0, 255}, Augment12Checks.CL), Augment12Golden.POSTERIZE_255, 0);
    }

    @Test
    void drawsBitsInKerassHalfOpenRange() {
        Tensor x = Tensor.uniform(Shape.of(300, 1, 1, 1), 0f, 255f, Images.generator(1));
        RandomPosterization p = new RandomPosterization(2, 5).seed(4);
        assertThat(p.apply(x, false)).isSameAs(x);
        float[] y = p.apply(x, true).toFloatArray();
        float[] v = x.toFloatArray();
        Set<Integer> bits = new HashSet<>();
        for (int i = 0; i < v.length; i++) {
            // the bits kept are those of the output's lowest set position, or more when the value's low bits are 0
            int kept = -1;
            for (int b = 2; b <= 5; b++) {
                int s = 8 - b;
                if ((((int) v[i]) >> s << s) == (int) y[i]) {
                    kept = b;
                    break;
                }
            }
            assertThat(kept).as("image " + i + ": " + v[i] + " -> " + y[i]).isBetween(2, 4);
            bits.add(kept);
        }
        assertThat(bits).contains(2, 3, 4); // randint(2, 5): 5 never drawn
        // one number f draws in [1, f); equal bounds keep that many bits
        float[] one = new RandomPosterization(3, 3).seed(2).apply(x, true).toFloatArray();
        assertThat(one).containsExactly(RandomPosterization.transform(x, fill(300, 5), new double[] {0, 255},
                "channels_last").toFloatArray());
        assertThat(new RandomPosterization(6).seed(5).apply(x, true).toFloatArray())
                .containsExactly(new RandomPosterization(6).seed(5).apply(x, true).toFloatArray());
    }

    private static int[] fill(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new RandomPosterization(9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_posterization").hasMessageContaining("in the range [1, 8], got 9");
        assertThatThrownBy(() -> new RandomPosterization(0)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new RandomPosterization(0, 10)).hasMessageContaining("[1, 8]");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomPosterization(4).getConfig(),
                Augment12Golden.POSTERIZATION_CONFIG);
        Strata.clearSession();
        RandomPosterization p = new RandomPosterization(6, 2).valueRange(1, 0).seed(2).dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(p.getConfig(), Augment12Golden.POSTERIZATION_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(p, Tensor.ones(1, 1, 3, 3));
    }
}
