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

/** DepthwiseConv2D against Keras. */
class DepthwiseConv2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new DepthwiseConv2D(3), Shape.of(5, 4, 3)).wrongRank(Shape.of(2, 5, 3)),
                LayerCase.of(() -> new DepthwiseConv2D(2, 3).depthMultiplier(3).strides(2).padding("same"),
                        Shape.of(5, 6, 2)).label("multiplier 3, strided").wrongRank(Shape.of(2, 5, 6, 2, 1)),
                LayerCase.of(() -> new DepthwiseConv2D(3).dataFormat("channels_first").dilationRate(2),
                        Shape.of(2, 6, 5)).label("channels_first, dilated").wrongRank(Shape.of(2, 2, 6)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        DepthwiseConv2D c = ConvLayerChecks.matchesKeras(DepthwiseConv2D.class, "depthwise_conv2d_same_s2");
        assertThat(c.kernel().shape()).isEqualTo(Shape.of(3, 3, 4, 1));
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new DepthwiseConv2D(3));
        ConvLayerChecks.wrongChannelsAreNamed(new DepthwiseConv2D(3).dataFormat("channels_first"),
                Tensor.zeros(1, 2, 5, 5), Tensor.zeros(1, 3, 5, 5), "channels_first");
        assertThatThrownBy(() -> new DepthwiseConv2D(3).apply(Tensor.zeros(1, 2, 5, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("larger than the input");
    }
}
