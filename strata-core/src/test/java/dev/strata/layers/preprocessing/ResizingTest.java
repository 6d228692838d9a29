package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resizing: keras.ops.image.resize as a layer (the op's numerics are checked in ImageOpsTest). */
class ResizingTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Resizing(3, 4), Shape.of(5, 6, 2)).wrongRank(Shape.of(2, 5, 6))
                        .tracedWith(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 2)),
                LayerCase.of(() -> new Resizing(7, 3).interpolation("nearest"), Shape.of(4, 4, 1)).label("nearest")
                        .wrongRank(Shape.of(2, 4, 4, 1, 1)),
                LayerCase.of(() -> new Resizing(4, 4).interpolation("bicubic").padToAspectRatio(true).fillValue(0.5)
                        .dataFormat("channels_first"), Shape.of(2, 3, 5)).label("bicubic, pad, channels first")
                        .wrongRank(Shape.of(2, 3, 5)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void resizesInTrainingAndInferenceAsKeras() {
        Resizing r = new Resizing(4, 8).interpolation("bicubic").cropToAspectRatio(true);
        ImageLayerChecks.assertClose(r.apply(ImageLayerChecks.X), ImageGolden.RESIZING_BICUBIC_CROP, 2e-6);
        assertThat(r.apply(ImageLayerChecks.X, true).toFloatArray())
                .containsExactly(r.apply(ImageLayerChecks.X).toFloatArray());
        assertThat(new Resizing(8, 9).apply(ImageLayerChecks.X).toFloatArray())
                .containsExactly(Ops.resize(ImageLayerChecks.X, 8, 9).toFloatArray());
    }

    @Test
    void badArgumentsAndShapes() {
        assertThatThrownBy(() -> new Resizing(0, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resizing").hasMessageContaining("height must be a positive integer, got 0");
        assertThatThrownBy(() -> new Resizing(3, -2)).hasMessageContaining("width must be a positive integer, got -2");
        assertThatThrownBy(() -> new Resizing(3, 3).interpolation("area"))
                .hasMessageContaining("unknown interpolation 'area'");
        assertThatThrownBy(() -> new Resizing(3, 3).cropToAspectRatio(true).padToAspectRatio(true))
                .hasMessageContaining("only one of crop_to_aspect_ratio and pad_to_aspect_ratio");
        assertThatThrownBy(() -> new Resizing(3, 3).fillMode("reflect")).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> new Resizing(3, 3).dataFormat("nchw")).hasMessageContaining("data_format");
        Resizing r = new Resizing(3, 3).dataFormat("channels_first");
        assertThatThrownBy(() -> r.apply(Tensor.zeros(2, 5, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("resizing").hasMessageContaining("(2, 5, 5)")
                .hasMessageContaining("(batch, channels, height, width)").hasMessageContaining("channels_first");
    }

    @Test
    void configIsKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new Resizing(4, 5).getConfig(), ImageGolden.RESIZING_CONFIG);
        Strata.clearSession();
        Resizing r = new Resizing(6, 7).interpolation("nearest").padToAspectRatio(true).fillValue(0.5)
                .antialias(true).dataFormat("channels_first");
        ActivationLayerChecks.assertConfigIsKeras(r.getConfig(), ImageGolden.RESIZING_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(r, Tensor.ones(1, 2, 4, 5));
    }
}
