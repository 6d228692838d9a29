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
 * AveragePooling2D against Keras: values and gradients (same padding counting only the covered elements), config,
 * shapes and errors.
 */
class AveragePooling2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new AveragePooling2D(2), Shape.of(4, 6, 3))
                        .wrongRank(Shape.of(4, 6, 3)),
                LayerCase.of(() -> new AveragePooling2D(3, 2).strides(2, 1).padding("same"), Shape.of(5, 4, 2))
                        .label("3x2, strides 2x1, same")
                        .wrongRank(Shape.of(4, 5, 4, 2, 1)),
                LayerCase.of(() -> new AveragePooling2D(3).strides(1).padding("same").dataFormat("channels_first"),
                        Shape.of(2, 4, 3)).label("channels_first, 3, strides 1, same")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("avg2d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new AveragePooling2D(2), "avg2d_valid");
        PoolingChecks.assertConfigIsKeras(new AveragePooling2D(3, 2).strides(2, 1).padding("same"), "avg2d_same");
        PoolingChecks.assertConfigIsKeras(new AveragePooling2D(3).strides(1).padding("same"), "avg2d_same_s1");
        PoolingChecks.assertConfigIsKeras(new AveragePooling2D(2).strides(1).padding("same")
                .dataFormat("channels_first"), "avg2d_cf");
        assertThat(new AveragePooling2D(3).getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new AveragePooling2D(2).apply(Input.of(28, 28, 32)).shape()).isEqualTo(Shape.of(-1, 14, 14, 32));
        assertThat(new AveragePooling2D(3).strides(2).padding("same").apply(Input.of(7, -1, 4)).shape())
                .isEqualTo(Shape.of(-1, 4, -1, 4));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new AveragePooling2D(1).apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'average_pooling2d' (AveragePooling2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 3");
        assertThatThrownBy(() -> new AveragePooling2D(3).apply(Tensor.ones(1, 2, 5, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 2, 5, 1)");
        assertThatThrownBy(() -> new AveragePooling2D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers");
        assertThatThrownBy(() -> new AveragePooling2D(2).strides(0)).hasMessageContaining("strides must hold positive");
    }
}
