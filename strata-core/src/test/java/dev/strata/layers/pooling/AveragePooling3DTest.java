package dev.strata.layers.pooling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AveragePooling3D against Keras: values and gradients (same padding counting only the covered elements), config,
 * shapes and errors.
 */
class AveragePooling3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new AveragePooling3D(2), Shape.of(4, 4, 3, 2))
                        .wrongRank(Shape.of(4, 4, 4, 2)),
                LayerCase.of(() -> new AveragePooling3D(2, 3, 2).strides(1, 2, 2).padding("same"), Shape.of(3, 5, 4,
                        2)).label("2x3x2, strides 1x2x2, same")
                        .wrongRank(Shape.of(4, 4, 3, 2, 1, 1)),
                LayerCase.of(() -> new AveragePooling3D(2).strides(1).padding("same").dataFormat("channels_first"),
                        Shape.of(2, 3, 3, 3)).label("channels_first, strides 1, same")
                        .wrongRank(Shape.of(4, 2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("avg3d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new AveragePooling3D(2), "avg3d_valid");
        PoolingChecks.assertConfigIsKeras(new AveragePooling3D(2, 3, 2).strides(1, 2, 2).padding("same"), "avg3d_same");
        PoolingChecks.assertConfigIsKeras(new AveragePooling3D(2).strides(1).padding("same")
                .dataFormat("channels_first"), "avg3d_cf");
        assertThat(new AveragePooling3D(3).getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new AveragePooling3D(2).apply(Input.of(8, 9, 4, 2)).shape()).isEqualTo(Shape.of(-1, 4, 4, 2, 2));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new AveragePooling3D(1).apply(Tensor.ones(2, 5, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'average_pooling3d' (AveragePooling3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 5, 3");
        assertThatThrownBy(() -> new AveragePooling3D(2, 2, 5).apply(Tensor.ones(1, 4, 4, 4, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 4, 4, 4, 1)");
        assertThatThrownBy(() -> new AveragePooling3D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers");
        assertThatThrownBy(() -> new AveragePooling3D(2).strides(0)).hasMessageContaining("strides must hold positive");
    }
}
