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

/** RandomGrayscale: Keras's transform for given choices, choices drawn with Keras's probability, seeded. */
class RandomGrayscaleTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomGrayscale(0.5), Shape.of(3, 4, 3)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomGrayscale(0.7).dataFormat("channels_first").seed(3), Shape.of(3, 2, 4))
                        .label("channels_first, own seed").wrongRank(Shape.of(2, 3, 4))
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
        ImageLayerChecks.assertClose(RandomGrayscale.transform(Augment12Checks.X255, new boolean[] {true, false},
                Augment12Checks.CL), Augment12Golden.GRAYSCALE, 1e-4);
        ImageLayerChecks.assertClose(RandomGrayscale.transform(Augment12Checks.XF, new boolean[] {false, true},
                Augment12Checks.CF), Augment12Golden.GRAYSCALE_CF, 1e-4);
    }

    @Test
    void drawsOneChoicePerImageFromItsSeed() {
        Tensor x = Augment12Checks.X255;
        RandomGrayscale g = new RandomGrayscale(0.5).seed(4);
        assertThat(g.apply(x, false)).isSameAs(x);
        float[] u = Tensor.uniform(Shape.of(2), 0f, 1f, Images.generator(4)).toFloatArray();
        boolean[] expected = {u[0] < 0.5f, u[1] < 0.5f};
        assertThat(g.apply(x, true).toFloatArray())
                .containsExactly(RandomGrayscale.transform(x, expected, Augment12Checks.CL).toFloatArray());
        // the same seed, the same draws
        assertThat(new RandomGrayscale(0.5).seed(9).apply(x, true).toFloatArray())
                .containsExactly(new RandomGrayscale(0.5).seed(9).apply(x, true).toFloatArray());
    }

    @Test
    void turnsAboutFactorOfTheImagesGray() {
        Tensor x = Tensor.uniform(Shape.of(400, 2, 2, 3), 0f, 255f, Images.generator(1));
        float[] none = new RandomGrayscale(0.0).seed(1).apply(x, true).toFloatArray();
        assertThat(none).containsExactly(x.toFloatArray());
        float[] all = new RandomGrayscale(1.0).seed(1).apply(x, true).toFloatArray();
        assertThat(all).containsExactly(RandomGrayscale.transform(x, allTrue(400), "channels_last").toFloatArray());
        float[] some = new RandomGrayscale(0.3).seed(2).apply(x, true).toFloatArray();
        int gray = 0;
        for (int i = 0; i < 400; i++) {
            if (!Augment12Checks.sameImage(some, x.toFloatArray(), i, 12)) {
                gray++;
            }
        }
        assertThat(gray).isBetween(90, 150); // 120 expected; 3 standard deviations are 27
    }

    private static boolean[] allTrue(int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, true);
        return b;
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomGrayscale(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_grayscale").hasMessageContaining("between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new RandomGrayscale().apply(Tensor.ones(2, 4, 4, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_grayscale")
                .hasMessageContaining("3 channels (or 1)").hasMessageContaining("(2, 4, 4, 4)")
                .hasMessageContaining("channels_last");
        Tensor gray = Ops.multiply(Tensor.ones(2, 3, 3, 1), 7f);
        assertThat(new RandomGrayscale(1.0).apply(gray, true).toFloatArray()).containsExactly(gray.toFloatArray());
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomGrayscale().getConfig(), Augment12Golden.GRAYSCALE_CONFIG);
        Strata.clearSession();
        RandomGrayscale g = new RandomGrayscale(1.0).dataFormat("channels_first").seed(3);
        ActivationLayerChecks.assertConfigIsKeras(g.getConfig(), Augment12Golden.GRAYSCALE_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(g, Tensor.ones(1, 3, 2, 2));
    }
}
