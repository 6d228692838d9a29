package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv2DTranspose against Keras. */
class Conv2DTransposeTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv2DTranspose(3, 3).strides(2).padding("same"), Shape.of(3, 4, 2))
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new Conv2DTranspose(2, 2, 3).strides(2).outputPadding(1).activation("tanh"),
                        Shape.of(3, 3, 2)).label("output_padding").wrongRank(Shape.of(2, 3, 3, 2, 1)),
                LayerCase.of(() -> new Conv2DTranspose(2, 3).dataFormat("channels_first").dilationRate(2),
                        Shape.of(2, 3, 4)).label("channels_first, dilated").wrongRank(Shape.of(2, 2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv2DTranspose same = ConvLayerChecks.matchesKeras(Conv2DTranspose.class, "conv2d_transpose_same_outpad");
        assertThat(same.outputPadding()).containsExactly(1, 1);
        assertThat(same.kernel().shape()).isEqualTo(Shape.of(3, 3, 4, 2));
        ConvLayerChecks.finiteDifferences(same, ConvGolden.layer("conv2d_transpose_same_outpad").x());
        ConvLayerChecks.matchesKeras(Conv2DTranspose.class, "conv2d_transpose_valid_channels_first");
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new Conv2DTranspose(2, 3));
        assertThat(new Conv2DTranspose(4, 3).strides(2).padding("same").apply(Input.of(5, 6, 3)).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 10, 12, 4));
        ConvLayerChecks.wrongChannelsAreNamed(new Conv2DTranspose(2, 3).dataFormat("channels_first"),
                Tensor.zeros(1, 2, 4, 4), Tensor.zeros(1, 3, 4, 4), "channels_first");
        assertThatThrownBy(() -> new Conv2DTranspose(2, 3).strides(2).outputPadding(2))
                .hasMessageContaining("output_padding must be strictly less than strides");
        assertThatThrownBy(() -> new Conv2DTranspose(2, 3).outputPadding(-1))
                .hasMessageContaining("output_padding must hold non-negative");
        assertThatThrownBy(() -> new Conv2DTranspose(2, 3).apply(Tensor.zeros(2, 4, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank 4").hasMessageContaining("(2, 4, 4)");
    }
}
