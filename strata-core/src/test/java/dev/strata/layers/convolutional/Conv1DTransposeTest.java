package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv1DTranspose against Keras. */
class Conv1DTransposeTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv1DTranspose(3, 3).strides(2).padding("same"), Shape.of(4, 2))
                        .wrongRank(Shape.of(2, 4)),
                LayerCase.of(() -> new Conv1DTranspose(2, 2).dataFormat("channels_first"), Shape.of(3, 4))
                        .label("channels_first").wrongRank(Shape.of(2, 3, 4, 1)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv1DTranspose c = ConvLayerChecks.matchesKeras(Conv1DTranspose.class, "conv1d_transpose_same_s2");
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("conv1d_transpose_same_s2").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new Conv1DTranspose(2, 3));
        // Keras's sizes: (in - 1) * stride + max(kernel, stride) for "valid", in * stride for "same"
        assertThat(new Conv1DTranspose(2, 2).strides(3).apply(Tensor.zeros(1, 4, 1)).shape())
                .isEqualTo(Shape.of(1, 12, 2));
        assertThat(new Conv1DTranspose(2, 3).strides(2).padding("same").apply(Tensor.zeros(1, 4, 1)).shape())
                .isEqualTo(Shape.of(1, 8, 2));
        ConvLayerChecks.wrongChannelsAreNamed(new Conv1DTranspose(2, 3), Tensor.zeros(1, 4, 2),
                Tensor.zeros(1, 4, 3), "channels_last");
    }
}
