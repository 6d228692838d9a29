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
 * GlobalAveragePooling3D against Keras: values and gradients (keepdims and channels_first), config, shapes and
 * errors.
 */
class GlobalAveragePooling3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalAveragePooling3D::new, Shape.of(2, 3, 4, 3))
                        .wrongRank(Shape.of(4, 2, 3, 4)),
                LayerCase.of(() -> new GlobalAveragePooling3D().dataFormat("channels_first").keepdims(true),
                        Shape.of(3, 2, 3, 4))
                        .label("channels_first, keepdims")
                        .wrongRank(Shape.of(4, 2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gavg3d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling3D(), "gavg3d");
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling3D().dataFormat("channels_first").keepdims(true),
                "gavg3d_cf");
        assertThat(new GlobalAveragePooling3D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalAveragePooling3D().apply(Input.of(2, 3, 4, 8)).shape()).isEqualTo(Shape.of(-1, 8));
        assertThat(new GlobalAveragePooling3D().dataFormat("channels_first").keepdims(true).apply(Input.of(8, 2, -1,
                4)).shape()).isEqualTo(Shape.of(-1, 8, 1, 1, 1));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalAveragePooling3D().apply(Tensor.ones(2, 5, 3, 2)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_average_pooling3d' (GlobalAveragePooling3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 3, 2)");
        assertThatThrownBy(() -> new GlobalAveragePooling3D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
