package dev.strata.layers.convolutional;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Conv3DTranspose against Keras. */
class Conv3DTransposeTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Conv3DTranspose(2, 2).strides(2), Shape.of(2, 2, 3, 2))
                        .wrongRank(Shape.of(2, 2, 2, 3)),
                LayerCase.of(() -> new Conv3DTranspose(2, 3).padding("same").dataFormat("channels_first"),
                        Shape.of(2, 2, 3, 2)).label("channels_first, same").wrongRank(Shape.of(2, 2, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        Conv3DTranspose c = ConvLayerChecks.matchesKeras(Conv3DTranspose.class, "conv3d_transpose_s2");
        ConvLayerChecks.finiteDifferences(c, ConvGolden.layer("conv3d_transpose_s2").x());
    }

    @Test
    void defaultsAndBadInputs() {
        ConvLayerChecks.defaultConfigMatchesKeras(new Conv3DTranspose(2, 3));
        assertThat(new Conv3DTranspose(1, 2).strides(2).apply(Tensor.zeros(1, 2, 3, 1, 1)).shape())
                .isEqualTo(Shape.of(1, 4, 6, 2, 1));
        ConvLayerChecks.wrongChannelsAreNamed(new Conv3DTranspose(2, 2), Tensor.zeros(1, 2, 2, 2, 2),
                Tensor.zeros(1, 2, 2, 2, 3), "channels_last");
    }
}
