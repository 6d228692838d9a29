package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv3D against Keras. */
class Conv3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv3D(2, 2), Shape.of(3, 4, 3, 2)).wrongRank(Shape.of(2, 3, 4, 3)),
                LayerCase.of(() -> new Conv3D(2, 2, 3, 2).dataFormat("channels_first").padding("same").strides(1, 2, 1),
                        Shape.of(2, 3, 4, 3)).label("channels_first, same").wrongRank(Shape.of(2, 2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv3D c = ConvLayerChecks.matchesKeras(Conv3D.class, "conv3d_same");
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("conv3d_same").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new Conv3D(2, 3));
        ConvLayerChecks.wrongChannelsAreNamed(new Conv3D(2, 2), Tensor.zeros(1, 3, 3, 3, 2),
                Tensor.zeros(1, 3, 3, 3, 1), "channels_last");
        assertThatThrownBy(() -> new Conv3D(2, 3).apply(Tensor.zeros(1, 3, 2, 3, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("larger than the input");
        assertThatThrownBy(() -> new Conv3D(2, 3, 3)).hasMessageContaining("kernel_size must be one integer or 3");
    }
}
