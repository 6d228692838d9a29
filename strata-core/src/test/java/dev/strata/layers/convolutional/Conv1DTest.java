package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv1D against Keras, causal padding included. */
class Conv1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv1D(3, 3), Shape.of(7, 2)).wrongRank(Shape.of(2, 7)),
                LayerCase.of(() -> new Conv1D(2, 3).padding("causal").dilationRate(2), Shape.of(6, 3))
                        .label("causal, dilated").wrongRank(Shape.of(2, 6, 3, 1)),
                LayerCase.of(() -> new Conv1D(2, 2).dataFormat("channels_first").strides(2), Shape.of(3, 7))
                        .label("channels_first").wrongRank(Shape.of(2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv1D causal = ConvLayerChecks.matchesKeras(Conv1D.class, "conv1d_causal_dilated");
        assertThat(causal.padding()).isEqualTo("causal");
        ConvLayerChecks.finiteDifferences(causal, ConvGolden.layer("conv1d_causal_dilated").x());
        ConvLayerChecks.matchesKeras(Conv1D.class, "conv1d_s2");
    }

    @Test
    void causalOutputsSeeNoFuture() {
        Conv1D c = new Conv1D(1, 3).padding("causal");
        Tensor x = Tensor.zeros(1, 6, 1);
        Tensor y0 = c.apply(x);
        float[] later = new float[6];
        later[4] = 1f; // a change at step 4 leaves steps 0..3 alone
        Tensor y1 = c.apply(Tensor.of(later, 1, 6, 1));
        assertThat(y1.shape()).isEqualTo(Shape.of(1, 6, 1));
        for (int t = 0; t < 4; t++) {
            assertThat(y1.toFloatArray()[t]).isEqualTo(y0.toFloatArray()[t]);
        }
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new Conv1D(2, 3));
        ConvLayerChecks.wrongChannelsAreNamed(new Conv1D(2, 3), Tensor.zeros(2, 5, 3), Tensor.zeros(2, 5, 2),
                "channels_last");
        assertThatThrownBy(() -> new Conv1D(2, 4).apply(Tensor.zeros(2, 3, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("larger than the input");
        assertThatThrownBy(() -> new Conv1D(2, 3).strides(-1)).hasMessageContaining("strides must hold positive");
    }
}
