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
 * GlobalAveragePooling1D against Keras: values and gradients (keepdims and channels_first), config, shapes and
 * errors.
 */
class GlobalAveragePooling1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalAveragePooling1D::new, Shape.of(6, 3))
                        .wrongRank(Shape.of(4, 6)),
                LayerCase.of(() -> new GlobalAveragePooling1D().dataFormat("channels_first").keepdims(true),
                        Shape.of(3, 6))
                        .label("channels_first, keepdims")
                        .wrongRank(Shape.of(4, 6)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gavg1d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling1D(), "gavg1d");
        PoolingChecks.assertConfigIsKeras(new GlobalAveragePooling1D().dataFormat("channels_first").keepdims(true),
                "gavg1d_cf_keep");
        assertThat(new GlobalAveragePooling1D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalAveragePooling1D().apply(Input.of(-1, 8)).shape()).isEqualTo(Shape.of(-1, 8));
        assertThat(new GlobalAveragePooling1D().keepdims(true).apply(Input.of(5, 8)).shape()).isEqualTo(Shape.of(-1,
                1, 8));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalAveragePooling1D().apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_average_pooling1d' (GlobalAveragePooling1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new GlobalAveragePooling1D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
