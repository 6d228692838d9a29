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

/** MaxPooling3D against Keras: values and gradients (ties included), config, shapes and errors. */
class MaxPooling3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(MaxPooling3D::new, Shape.of(4, 4, 3, 2))
                        .inputs(PoolingChecks.distinct(Shape.of(4, 4, 3, 2)))
                        .wrongRank(Shape.of(4, 4, 4, 2)),
                LayerCase.of(() -> new MaxPooling3D(2, 3, 2).strides(1, 2, 2).padding("same"), Shape.of(3, 5, 4, 2))
                        .label("2x3x2, strides 1x2x2, same")
                        .inputs(PoolingChecks.distinct(Shape.of(3, 5, 4, 2)))
                        .wrongRank(Shape.of(4, 4, 3, 2, 1, 1)),
                LayerCase.of(() -> new MaxPooling3D(2).strides(1).dataFormat("channels_first"), Shape.of(2, 3, 3, 3))
                        .label("channels_first, strides 1")
                        .inputs(PoolingChecks.distinct(Shape.of(2, 3, 3, 3)))
                        .wrongRank(Shape.of(4, 2, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("max3d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new MaxPooling3D(), "max3d_default");
        PoolingChecks.assertConfigIsKeras(new MaxPooling3D(2, 3, 2).strides(1, 2, 2).padding("same"), "max3d_same");
        PoolingChecks.assertConfigIsKeras(new MaxPooling3D(2).strides(1).dataFormat("channels_first"), "max3d_cf");
        assertThat(new MaxPooling3D(3).getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new MaxPooling3D().apply(Input.of(8, 9, 4, 2)).shape()).isEqualTo(Shape.of(-1, 4, 4, 2, 2));
        assertThat(new MaxPooling3D(3).strides(2).padding("same").apply(Input.of(5, -1, 4, 2)).shape())
                .isEqualTo(Shape.of(-1, 3, -1, 2, 2));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new MaxPooling3D(1).apply(Tensor.ones(2, 5, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'max_pooling3d' (MaxPooling3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 5, 3");
        assertThatThrownBy(() -> new MaxPooling3D(2, 2, 5).apply(Tensor.ones(1, 4, 4, 4, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 4, 4, 4, 1)");
        assertThatThrownBy(() -> new MaxPooling3D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers");
        assertThatThrownBy(() -> new MaxPooling3D(2).strides(0)).hasMessageContaining("strides must hold positive");
    }
}
