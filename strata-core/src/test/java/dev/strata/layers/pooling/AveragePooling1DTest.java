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
 * AveragePooling1D against Keras: values and gradients (same padding counting only the covered elements), config,
 * shapes and errors.
 */
class AveragePooling1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new AveragePooling1D(2), Shape.of(6, 3))
                        .wrongRank(Shape.of(4, 6)),
                LayerCase.of(() -> new AveragePooling1D(4).strides(3).padding("same"), Shape.of(8, 2))
                        .label("4, strides 3, same")
                        .wrongRank(Shape.of(4, 6, 3, 1)),
                LayerCase.of(() -> new AveragePooling1D(2).strides(1).dataFormat("channels_first"), Shape.of(2, 5))
                        .label("channels_first, strides 1")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("avg1d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new AveragePooling1D(3).strides(2), "avg1d_valid");
        PoolingChecks.assertConfigIsKeras(new AveragePooling1D(4).strides(3).padding("same"), "avg1d_same");
        PoolingChecks.assertConfigIsKeras(new AveragePooling1D(2).dataFormat("channels_first"), "avg1d_cf");
        assertThat(new AveragePooling1D(3).getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new AveragePooling1D(2).apply(Input.of(9, 4)).shape()).isEqualTo(Shape.of(-1, 4, 4));
        assertThat(new AveragePooling1D(3).strides(2).padding("same").apply(Input.of(-1, 4)).shape())
                .isEqualTo(Shape.of(-1, -1, 4));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new AveragePooling1D(1).apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'average_pooling1d' (AveragePooling1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5");
        assertThatThrownBy(() -> new AveragePooling1D(4).apply(Tensor.ones(1, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 3, 2)");
        assertThatThrownBy(() -> new AveragePooling1D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers");
        assertThatThrownBy(() -> new AveragePooling1D(2).strides(0)).hasMessageContaining("strides must hold positive");
    }
}
