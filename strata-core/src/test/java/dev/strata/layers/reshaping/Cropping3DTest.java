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

/** Cropping3D against Keras: values, gradients, config, shapes and errors. */
class Cropping3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Cropping3D::new, Shape.of(3, 4, 5, 2))
                        .tracedWith(Shape.of(-1, 4, -1, 2))
                        .wrongRank(Shape.of(4, 3, 2)),
                LayerCase.of(() -> new Cropping3D(new int[][] {{0, 1}, {1, 0}, {2, 1}}).dataFormat("channels_first"),
                        Shape.of(2, 3, 4, 5)).label("channels_first, pairs")
                        .wrongRank(Shape.of(4, 2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("crop3d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new Cropping3D(), "crop3d");
        PoolingChecks.assertConfigIsKeras(new Cropping3D(new int[][] {{0, 1}, {1, 0}, {2, 1}})
                .dataFormat("channels_first"), "crop3d_cf");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new Cropping3D().apply(Tensor.ones(2, 5, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(Cropping3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("(2, 5, 3, 2)");
        assertThatThrownBy(() -> new Cropping3D(1).apply(Tensor.ones(1, 3, 2, 5, 1))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("must be smaller than the spatial sizes");
    }
}
