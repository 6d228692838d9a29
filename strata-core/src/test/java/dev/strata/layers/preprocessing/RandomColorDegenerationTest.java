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

/** RandomColorDegeneration: Keras's transform for given factors (both formats), factors in Keras's range, seeded. */
class RandomColorDegenerationTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomColorDegeneration(0.8).valueRange(-10, 10), Shape.of(3, 4, 3))
                        .randomInTraining().wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomColorDegeneration(0.5).dataFormat("channels_first").seed(3),
                        Shape.of(3, 3, 2)).label("channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
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
        ImageLayerChecks.assertClose(RandomColorDegeneration.transform(Augment12Checks.X255,
                new float[] {0.6f, -0.7f}, new double[] {0, 255}, Augment12Checks.CL), Augment12Golden.DEGENERATE,
                1e-4);
        ImageLayerChecks.assertClose(RandomColorDegeneration.transform(Ops.transpose(Augment12Checks.X01, 0, 3, 1, 2),
                new float[] {-0.9f, 0.4f}, new double[] {0, 1}, Augment12Checks.CF), Augment12Golden.DEGENERATE_CF,
                1e-6);
    }

    @Test
    void drawsFactorsInKerassRange() {
        Tensor x = Augment12Checks.X255;
        RandomColorDegeneration d = new RandomColorDegeneration(0.4).seed(4);
        assertThat(d.apply(x, false)).isSameAs(x);
        float[] f = Tensor.uniform(Shape.of(2), -0.4f, 0.4f, Images.generator(4)).toFloatArray();
        assertThat(d.apply(x, true).toFloatArray()).containsExactly(
                RandomColorDegeneration.transform(x, f, new double[] {0, 255}, Augment12Checks.CL).toFloatArray());
        // factor 1: the gray image in every channel
        assertThat(new RandomColorDegeneration(new double[] {1, 1}).seed(1).apply(x, true).toFloatArray())
                .containsExactly(RandomColorDegeneration.transform(x, new float[] {1, 1}, new double[] {0, 255},
                        Augment12Checks.CL).toFloatArray());
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomColorDegeneration(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_color_degeneration").hasMessageContaining("in the range [-1, 1], got 1.5");
        assertThatThrownBy(() -> new RandomColorDegeneration(0.5).apply(Tensor.ones(2, 3, 3, 2), true))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_color_degeneration")
                .hasMessageContaining("3 channels").hasMessageContaining("(2, 3, 3, 2)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomColorDegeneration(0.3).getConfig(),
                Augment12Golden.DEGENERATION_CONFIG);
        Strata.clearSession();
        RandomColorDegeneration d = new RandomColorDegeneration(new double[] {0.6, -0.2}).valueRange(1, 0).seed(6);
        ActivationLayerChecks.assertConfigIsKeras(d.getConfig(), Augment12Golden.DEGENERATION_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(d, Tensor.ones(1, 3, 3, 3));
    }
}
