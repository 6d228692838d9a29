package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SeparableConv1D against Keras. */
class SeparableConv1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SeparableConv1D(4, 3).depthMultiplier(2).padding("same"), Shape.of(6, 3))
                        .wrongRank(Shape.of(2, 6)),
                LayerCase.of(() -> new SeparableConv1D(2, 2).dataFormat("channels_first").strides(2),
                        Shape.of(3, 7)).label("channels_first").wrongRank(Shape.of(2, 3, 7, 1)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        SeparableConv1D c = ConvLayerChecks.matchesKeras(SeparableConv1D.class, "separable_conv1d_same");
        assertThat(c.weights()).extracting(Variable::name)
                .containsExactly("depthwise_kernel", "pointwise_kernel", "bias");
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("separable_conv1d_same").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new SeparableConv1D(2, 3));
        ConvLayerChecks.wrongChannelsAreNamed(new SeparableConv1D(2, 3), Tensor.zeros(1, 5, 2),
                Tensor.zeros(1, 5, 1), "channels_last");
    }
}
