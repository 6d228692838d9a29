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
 * GlobalMaxPooling2D against Keras: values and gradients (ties shared equally as JAX's max does), config, shapes and
 * errors.
 */
class GlobalMaxPooling2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalMaxPooling2D::new, Shape.of(3, 4, 5))
                        .inputs(PoolingChecks.distinct(Shape.of(3, 4, 5)))
                        .wrongRank(Shape.of(4, 3, 4)),
                LayerCase.of(() -> new GlobalMaxPooling2D().dataFormat("channels_first").keepdims(true), Shape.of(5,
                        3, 4))
                        .label("channels_first, keepdims")
                        .inputs(PoolingChecks.distinct(Shape.of(5, 3, 4)))
                        .wrongRank(Shape.of(4, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gmax2d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling2D(), "gmax2d");
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling2D().dataFormat("channels_first").keepdims(true),
                "gmax2d_keep_cf");
        assertThat(new GlobalMaxPooling2D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalMaxPooling2D().apply(Input.of(7, 7, 8)).shape()).isEqualTo(Shape.of(-1, 8));
        assertThat(new GlobalMaxPooling2D().keepdims(true).apply(Input.of(-1, 7, 8)).shape()).isEqualTo(Shape.of(-1,
                1, 1, 8));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalMaxPooling2D().apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_max_pooling2d' (GlobalMaxPooling2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new GlobalMaxPooling2D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
