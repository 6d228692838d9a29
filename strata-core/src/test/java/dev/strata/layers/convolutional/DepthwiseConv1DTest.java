package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DepthwiseConv1D against Keras. */
class DepthwiseConv1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new DepthwiseConv1D(3).depthMultiplier(2), Shape.of(7, 3))
                        .wrongRank(Shape.of(2, 7)),
                LayerCase.of(() -> new DepthwiseConv1D(2).dataFormat("channels_first").padding("same").strides(2),
                        Shape.of(2, 6)).label("channels_first").wrongRank(Shape.of(2, 2, 6, 1)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        DepthwiseConv1D c = ConvLayerChecks.matchesKeras(DepthwiseConv1D.class, "depthwise_conv1d_m2");
        assertThat(c.kernel().shape()).isEqualTo(Shape.of(3, 3, 2));
        assertThat(c.bias().shape()).isEqualTo(Shape.of(6));
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("depthwise_conv1d_m2").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new DepthwiseConv1D(3));
        ConvLayerChecks.wrongChannelsAreNamed(new DepthwiseConv1D(3), Tensor.zeros(1, 5, 2), Tensor.zeros(1, 5, 4),
                "channels_last");
        assertThatThrownBy(() -> new DepthwiseConv1D(3).depthMultiplier(0))
                .hasMessageContaining("depth_multiplier must be a positive integer");
    }
}
