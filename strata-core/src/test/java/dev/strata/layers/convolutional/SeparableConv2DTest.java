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

/** SeparableConv2D against Keras. */
class SeparableConv2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SeparableConv2D(4, 3), Shape.of(5, 5, 2)).wrongRank(Shape.of(2, 5, 2)),
                LayerCase.of(() -> new SeparableConv2D(3, 2).depthMultiplier(2).dataFormat("channels_first")
                        .padding("same").strides(2), Shape.of(2, 5, 4)).label("channels_first, multiplier 2")
                        .wrongRank(Shape.of(2, 2, 5)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        SeparableConv2D c = ConvLayerChecks.matchesKeras(SeparableConv2D.class, "separable_conv2d_s2");
        assertThat(c.depthwiseKernel().shape()).isEqualTo(Shape.of(3, 3, 3, 1));
        assertThat(c.pointwiseKernel().shape()).isEqualTo(Shape.of(1, 1, 3, 5));
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("separable_conv2d_s2").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new SeparableConv2D(2, 3));
        ConvLayerChecks.wrongChannelsAreNamed(new SeparableConv2D(2, 3), Tensor.zeros(1, 5, 5, 2),
                Tensor.zeros(1, 5, 5, 3), "channels_last");
        assertThatThrownBy(() -> new SeparableConv2D(2, 3).apply(Tensor.zeros(1, 2, 2, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("larger than the input");
    }
}
