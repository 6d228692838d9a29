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
 * GlobalAveragePooling2D against Keras: values and gradients (keepdims and channels_first), config, shapes and
 * errors.
 */
class GlobalAveragePooling2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalAveragePooling2D::new, Shape.of(3, 4, 5))
                        .wrongRank(Shape.of(4, 3, 4)),
                LayerCase.of(() -> new GlobalAveragePooling2D().dataFormat("channels_first").keepdims(true),
                        Shape.of(5, 3, 4))
                        .label("channels_first, keepdims")
                        .wrongRank(Shape.of(4, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gavg2d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling2D(), "gavg2d");
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling2D().keepdims(true), "gavg2d_keep");
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling2D().dataFormat("channels_first"), "gavg2d_cf");
        assertThat(new GlobalAveragePooling2D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalAveragePooling2D().apply(Input.of(7, 7, 8)).shape()).isEqualTo(Shape.of(-1, 8));
        assertThat(new GlobalAveragePooling2D().keepdims(true).apply(Input.of(-1, 7, 8)).shape())
                .isEqualTo(Shape.of(-1, 1, 1, 8));
        assertThat(new GlobalAveragePooling2D().dataFormat("channels_first").apply(Input.of(8, -1, 7)).shape())
                .isEqualTo(Shape.of(-1, 8));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalAveragePooling2D().apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_average_pooling2d' (GlobalAveragePooling2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new GlobalAveragePooling2D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
