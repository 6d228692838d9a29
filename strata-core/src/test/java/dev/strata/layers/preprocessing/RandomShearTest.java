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
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RandomShear: Keras's transform for given shears (both formats), draws in Keras's order, seeded. */
class RandomShearTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RandomShear(0.3, 0.2), Shape.of(4, 5, 2)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 3)),
                LayerCase.of(() -> new RandomShear().yFactor(0.1, 0.4).fillMode("constant").dataFormat(
                                "channels_first").seed(3), Shape.of(2, 4, 5))
                        .label("y only, constant, channels_first, own seed").wrongRank(Shape.of(2, 3, 3))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call; the unseeded case checks "
                                + "the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void transformsAsKerasForGivenShears() {
        ImageLayerChecks.assertClose(RandomShear.shear(RandomColorJitterTest.X255, new float[] {0.3f, -0.45f},
                new float[] {-0.2f, 0.1f}, "bilinear", "reflect", 0f, Augment12Checks.CL), Augment12bGolden.SHEAR,
                1e-3);
        ImageLayerChecks.assertClose(RandomShear.shear(Ops.transpose(RandomColorJitterTest.X255, 0, 3, 1, 2),
                new float[] {-0.4f, 0.2f}, new float[] {0.35f, -0.3f}, "nearest", "constant", 7f,
                Augment12Checks.CF), Augment12bGolden.SHEAR_CF, 0);
    }

    @Test
    void drawsASignThenYThenXPerImage() {
        Tensor x = RandomColorJitterTest.X255;
        RandomShear s = new RandomShear().xFactor(0.2, 0.6).yFactor(0.3).seed(4);
        assertThat(s.apply(x, false)).isSameAs(x);
        RandomGenerator gen = Images.generator(4);
        float[] sign = Tensor.uniform(Shape.of(2), 0f, 1f, gen).toFloatArray();
        float[] sy = Tensor.uniform(Shape.of(2), -0.3f, 0.3f, gen).toFloatArray();
        float[] sx = Tensor.uniform(Shape.of(2), 0.2f, 0.6f, gen).toFloatArray();
        for (int i = 0; i < 2; i++) {
            float k = sign[i] > 0.5f ? -1f : 1f;
            sx[i] *= k;
            sy[i] *= k;
        }
        assertThat(s.apply(x, true).toFloatArray()).containsExactly(RandomShear.shear(x, sx, sy, "bilinear",
                "reflect", 0f, Augment12Checks.CL).toFloatArray());
        // Keras's defaults shear nothing
        assertThat(new RandomShear().apply(x, true).toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void badArgumentsInputsAndConfig() {
        assertThatThrownBy(() -> new RandomShear(1.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random_shear").hasMessageContaining("x_factor")
                .hasMessageContaining("[0, 1.0], got 1.5");
        assertThatThrownBy(() -> new RandomShear().yFactor(-0.2, 0.3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("y_factor").hasMessageContaining("[-0.2, 0.3]");
        assertThatThrownBy(() -> new RandomShear().fillMode("mirror")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> new RandomShear(0.2, 0.2).apply(Tensor.ones(4, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("random_shear")
                .hasMessageContaining("rank 4").hasMessageContaining("(4, 5, 3)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomShear().getConfig(), Augment12bGolden.SHEAR_CONFIG);
        Strata.clearSession();
        RandomShear full = new RandomShear().xFactor(0.6, 0.2).yFactor(0.3).fillMode("constant")
                .interpolation("nearest").fillValue(2.5).seed(8).dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(full.getConfig(), Augment12bGolden.SHEAR_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(full, Tensor.ones(1, 3, 4, 4));
        // Keras writes a number factor as [-f, f] and its own from_config refuses that; Strata reads it
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new RandomShear(0.3, 0.2).getConfig(),
                Augment12bGolden.SHEAR_NUMBER_CONFIG);
        assertThat(RandomShear.fromConfig(dev.strata.config.Config.of(new java.util.HashMap<>(Map.of("x_factor",
                List.of(-0.3, 0.3), "y_factor", List.of(-0.2, 0.2))), "test")).getConfig().get("x_factor"))
                .isEqualTo(List.of(-0.3, 0.3));
    }
}
