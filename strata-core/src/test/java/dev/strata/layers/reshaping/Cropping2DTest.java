package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.pooling.PoolingChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cropping2D against Keras: values, gradients, config, shapes and errors. */
class Cropping2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Cropping2D(new int[][] {{1, 0}, {2, 1}}), Shape.of(4, 5, 2))
                        .tracedWith(Shape.of(-1, -1, 2))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new Cropping2D(1).dataFormat("channels_first"), Shape.of(2, 4, 5))
                        .label("channels_first, 1")
                        .tracedWith(Shape.of(2, 4, -1))
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("crop2d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new Cropping2D(new int[][] {{1, 0}, {2, 1}}), "crop2d");
        PoolingChecks.assertConfigIsKeras(new Cropping2D(1).dataFormat("channels_first"), "crop2d_int_cf");
        PoolingChecks.assertConfigIsKeras(new Cropping2D(1, 2), "crop2d_sym");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new Cropping2D().apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(Cropping2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new Cropping2D(2).apply(Input.of(4, -1, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("must be smaller than the spatial sizes")
                        .hasMessageContaining("(None, 4, None, 3)");
        assertThat(new Cropping2D().getConfig().get("cropping")).isEqualTo(List.of(List.of(0, 0), List.of(0, 0)));
    }
}
