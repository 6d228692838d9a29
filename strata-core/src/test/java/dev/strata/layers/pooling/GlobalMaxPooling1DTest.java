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
 * GlobalMaxPooling1D against Keras: values and gradients (ties shared equally as JAX's max does), config, shapes and
 * errors.
 */
class GlobalMaxPooling1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(GlobalMaxPooling1D::new, Shape.of(6, 3))
                        .inputs(PoolingChecks.distinct(Shape.of(6, 3)))
                        .wrongRank(Shape.of(4, 6)),
                LayerCase.of(() -> new GlobalMaxPooling1D().dataFormat("channels_first").keepdims(true), Shape.of(3, 6))
                        .label("channels_first, keepdims")
                        .inputs(PoolingChecks.distinct(Shape.of(3, 6)))
                        .wrongRank(Shape.of(4, 6)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("gmax1d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling1D(), "gmax1d");
        PoolingChecks.assertConfigIsKeras(new GlobalMaxPooling1D().dataFormat("channels_first"), "gmax1d_cf");
        assertThat(new GlobalMaxPooling1D().getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapes() {
        assertThat(new GlobalMaxPooling1D().apply(Input.of(-1, 8)).shape()).isEqualTo(Shape.of(-1, 8));
        assertThat(new GlobalMaxPooling1D().dataFormat("channels_first").apply(Input.of(5, 8)).shape())
                .isEqualTo(Shape.of(-1, 5));
    }

    @Test
    void aWrongRankNamesTheLayerTheShapeAndTheDataFormat() {
        assertThatThrownBy(() -> new GlobalMaxPooling1D().apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class)
                        .hasMessageContaining("Layer 'global_max_pooling1d' (GlobalMaxPooling1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new GlobalMaxPooling1D().dataFormat("channels_middle"))
                .hasMessageContaining("data_format");
    }
}
