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
 * GlobalMaxPooling3D against Keras: values and gradients (ties shared equally as JAX's max does), config, shapes and
 * errors.
 */
class GlobalMaxPooling3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalMaxPooling3D::new, Shape.of(2, 3, 4, 3))
                        .inputs(PoolingChecks.distinct(Shape.of(2, 3, 4, 3)))
                        .wrongRank(Shape.of(4, 2, 3, 4)),
                LayerCase.of(() -> new GlobalMaxPooling3D().dataFormat("channels_first").keepdims(true), Shape.of(3,
                        2, 3, 4))
                        .label("channels_first, keepdims")
                        .inputs(PoolingChecks.distinct(Shape.of(3, 2, 3, 4)))
                        .wrongRank(Shape.of(4, 2, 3, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gmax3d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling3D().keepdims(true), "gmax3d");
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling3D().dataFormat("channels_first"), "gmax3d_cf");
        assertThat(new GlobalMaxPooling3D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalMaxPooling3D().apply(Input.of(2, 3, 4, 8)).shape()).isEqualTo(Shape.of(-1, 8));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalMaxPooling3D().apply(Tensor.ones(2, 5, 3, 2)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_max_pooling3d' (GlobalMaxPooling3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5, 3, 2)");
        assertThatThrownBy(() -> new GlobalMaxPooling3D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
