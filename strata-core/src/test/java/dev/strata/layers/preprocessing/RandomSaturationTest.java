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
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomSaturation: Keras's transform for given adjustments (both formats), draws as Keras's, seeded. */
class RandomSaturationTest {
    /** RGB values in (0, 1), all 0.005 apart: a finite-difference step of 0.001 crosses no tie between channels. */
    static List<Tensor> colours(int batch, Shape sample) {
        return List.of(Ops.add(GradientCheck.distinct(21, 0.005, sample.prepend(batch)).getFirst(), 0.5f));
    }

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomSaturation(0.5), Shape.of(3, 4, 3)).randomInTraining()
                        .inputs(batch -> colours(batch, Shape.of(3, 4, 3))).gradientTolerance(1e-3, 1e-2, 1e-3)
                        .wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomSaturation(0.5).dataFormat("channels_first").seed(3),
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
    void transformsAsKerasForGivenAdjustments() {
        ImageLayerChecks.assertClose(RandomSaturation.transform(Augment12Checks.X01, new float[] {0.5f, 1.8f},
                new double[] {0, 255}, Augment12Checks.CL), Augment12Golden.SATURATE, 1e-6);
        ImageLayerChecks.assertClose(RandomSaturation.transform(Ops.transpose(Augment12Checks.X01, 0, 3, 1, 2),
                new float[] {2.5f, 0.3f}, new double[] {0, 1}, Augment12Checks.CF), Augment12Golden.SATURATE_CF,
                1e-6);
    }

    @Test
    void drawsFactorsInKerassRangeAndAdjustsAsKeras() {
        Tensor x = Augment12Checks.X01;
        RandomSaturation s = new RandomSaturation(new double[] {0.1, 0.6}).seed(4);
        assertThat(s.apply(x, false)).isSameAs(x);
        float[] f = Tensor.uniform(Shape.of(2), 0.1f, 0.6f, Images.generator(4)).toFloatArray();
        float[] a = {f[0] / ((1 - f[0]) + 1e-7f), f[1] / ((1 - f[1]) + 1e-7f)};
        assertThat(s.apply(x, true).toFloatArray()).containsExactly(
                RandomSaturation.transform(x, a, new double[] {0, 255}, Augment12Checks.CL).toFloatArray());
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomSaturation(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_saturation").hasMessageContaining("in the range [-1, 1], got 1.5");
        assertThatThrownBy(() -> new RandomSaturation(0.5).apply(Tensor.ones(2, 3, 3, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_saturation")
                .hasMessageContaining("3 channels").hasMessageContaining("(2, 3, 3, 1)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomSaturation(0.3).getConfig(),
                Augment12Golden.SATURATION_CONFIG);
        Strata.clearSession();
        RandomSaturation s = new RandomSaturation(new double[] {0.6, -0.2}).valueRange(1, 0).seed(8)
                .dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(s.getConfig(), Augment12Golden.SATURATION_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(s, Tensor.ones(1, 3, 2, 2));
    }
}
