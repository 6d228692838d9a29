package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CenterCrop: the centre box, or smart_resize for smaller images, as Keras. */
class CenterCropTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new CenterCrop(3, 2), Shape.of(5, 6, 2)).wrongRank(Shape.of(2, 5, 6)),
                LayerCase.of(() -> new CenterCrop(6, 4), Shape.of(4, 5, 1)).label("smaller: smart_resize")
                        .wrongRank(Shape.of(2, 4, 5)),
                LayerCase.of(() -> new CenterCrop(2, 2).dataFormat("channels_first"), Shape.of(3, 4, 5))
                        .label("channels first").wrongRank(Shape.of(2, 4, 5)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void cropsAsKeras() {
        ImageLayerChecks.assertClose(new CenterCrop(3, 4).apply(ImageLayerChecks.X), ImageGolden.CENTER_CROP, 0);
        CenterCrop small = new CenterCrop(7, 4);
        ImageLayerChecks.assertClose(small.apply(ImageLayerChecks.X), ImageGolden.CENTER_CROP_SMALL, 2e-6);
        assertThat(small.apply(ImageLayerChecks.X, true).shape()).isEqualTo(Shape.of(2, 7, 4, 2));
    }

    @Test
    void badArgumentsAndShapes() {
        assertThatThrownBy(() -> new CenterCrop(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("center_crop").hasMessageContaining("height must be a positive integer, got 0");
        CenterCrop c = new CenterCrop(2, 2);
        c.apply(Tensor.zeros(1, 4, 4, 3));
        assertThatThrownBy(() -> c.apply(Tensor.zeros(4, 4, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("center_crop").hasMessageContaining("(4, 4, 3)")
                .hasMessageContaining("built for shape (None, 4, 4, 3)").hasMessageContaining("channels_last");
    }

    @Test
    void configIsKeras() {
        CenterCrop c = new CenterCrop(3, 4);
        ActivationLayerChecks.assertConfigIsKeras(c.getConfig(), ImageGolden.CENTER_CROP_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(c, Tensor.ones(1, 5, 5, 2));
    }
}
