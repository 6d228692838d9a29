package dev.strata.applications.convnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ConvNeXt's StochasticDepth: a whole sample kept (scaled by 1 / keep) or dropped, in training only. */
class StochasticDepthTest {
    private static final String ANY_RANK = "it takes any rank with a batch axis, as Keras's";

    static List<LayerCase> contractCases() {
        return List.of(LayerCase.of(() -> new StochasticDepth(0.3), Shape.of(2, 3)).randomInTraining()
                .skip(Check.WRONG_RANK, ANY_RANK));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void inTrainingEachSampleIsKeptScaledOrDroppedWholeAsKerasDoes() {
        // Keras's own draws (ConvNeXtGolden.SD_Y) have each sample all x / 0.5 or all zero; so do Strata's.
        for (float[] y : List.of(ConvNeXtGolden.SD_Y,
                new StochasticDepth(0.5).apply(Tensor.of(ConvNeXtGolden.SD_X, 6, 2, 3), true).toFloatArray())) {
            for (int s = 0; s < 6; s++) {
                boolean kept = y[s * 6] != 0;
                for (int i = s * 6; i < s * 6 + 6; i++) {
                    assertThat(y[i]).isEqualTo(kept ? ConvNeXtGolden.SD_X[i] / 0.5f : 0f);
                }
            }
        }
        Tensor x = Tensor.ones(4000, 3);
        float[] y = new StochasticDepth(0.25).apply(x, true).toFloatArray();
        int kept = 0;
        for (int s = 0; s < 4000; s++) {
            assertThat(y[3 * s]).isIn(0f, 1f / 0.75f);
            assertThat(y[3 * s + 1]).isEqualTo(y[3 * s]);
            kept += y[3 * s] != 0 ? 1 : 0;
        }
        assertThat(kept).as("about 3000 of 4000 kept (standard deviation 27)").isBetween(2880, 3120);
    }

    @Test
    void outsideTrainingItIsTheIdentity() {
        Tensor x = Tensor.normal(Shape.of(3, 4), 0, 1);
        assertThat(new StochasticDepth(0.4).apply(x)).isSameAs(x);
        assertThat(new StochasticDepth(0).apply(x, true)).isSameAs(x);
    }

    @Test
    void theGradientIsTheMaskOverKeep() {
        StochasticDepth sd = new StochasticDepth(0.5);
        Tensor x = Tensor.full(Shape.of(8, 2), 3f);
        Strata.setRandomSeed(9);
        float[] y = sd.apply(x, true).toFloatArray();
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Strata.setRandomSeed(9);
            float[] g = tape.gradient(Ops.sum(sd.apply(x, true)), x).toFloatArray();
            for (int i = 0; i < g.length; i++) {
                assertThat(g[i]).isEqualTo(y[i] / 3f);
            }
        }
    }

    @Test
    void configKerassModuleAndBadRate() {
        ActivationLayerChecks.assertConfigIsKeras(new StochasticDepth(0.1).getConfig(), ConvNeXtGolden.SD_CONFIG);
        Map<String, Object> serialized = KerasObjects.serialize(new StochasticDepth(0.2));
        assertThat(serialized.get("module")).isEqualTo("keras.src.applications.convnext");
        assertThat(serialized.get("registered_name")).isEqualTo("StochasticDepth");
        Layer back = KerasObjects.deserialize(serialized, Layer.class, ConfigContext.DEFAULT, "layer");
        assertThat(((StochasticDepth) back).dropPathRate()).isEqualTo(0.2);
        assertThatThrownBy(() -> new StochasticDepth(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("StochasticDepth: drop_path_rate must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new StochasticDepth(-0.1)).hasMessageContaining("got -0.1");
    }
}
