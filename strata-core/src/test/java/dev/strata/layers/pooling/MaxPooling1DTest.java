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

/** MaxPooling1D against Keras: values and gradients (ties included), config, shapes and errors. */
class MaxPooling1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(MaxPooling1D::new, Shape.of(6, 3))
                        .inputs(PoolingChecks.distinct(Shape.of(6, 3)))
                        .wrongRank(Shape.of(4, 6)),
                LayerCase.of(() -> new MaxPooling1D(3).strides(2).padding("same"), Shape.of(7, 2))
                        .label("3, strides 2, same")
                        .inputs(PoolingChecks.distinct(Shape.of(7, 2)))
                        .wrongRank(Shape.of(4, 6, 3, 1)),
                LayerCase.of(() -> new MaxPooling1D(2).strides(1).dataFormat("channels_first"), Shape.of(2, 5))
                        .label("channels_first, strides 1")
                        .inputs(PoolingChecks.distinct(Shape.of(2, 5)))
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("max1d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new MaxPooling1D(), "max1d_default");
        PoolingChecks.assertConfigIsKeras(new MaxPooling1D(3).strides(2).padding("same"), "max1d_same");
        PoolingChecks.assertConfigIsKeras(new MaxPooling1D(2).strides(1).dataFormat("channels_first"), "max1d_cf");
        assertThat(new MaxPooling1D(3).getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new MaxPooling1D().apply(Input.of(9, 4)).shape()).isEqualTo(Shape.of(-1, 4, 4));
        assertThat(new MaxPooling1D(3).strides(2).padding("same").apply(Input.of(-1, 4)).shape())
                .isEqualTo(Shape.of(-1, -1, 4));
        assertThat(new MaxPooling1D(2).dataFormat("channels_first").apply(Input.of(3, 9)).shape())
                .isEqualTo(Shape.of(-1, 3, 4));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new MaxPooling1D(1).apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'max_pooling1d' (MaxPooling1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("as data_format is channels_last")
                .hasMessageContaining("(2, 5");
        assertThatThrownBy(() -> new MaxPooling1D(4).apply(Tensor.ones(1, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 3, 2)");
        assertThatThrownBy(() -> new MaxPooling1D(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers");
        assertThatThrownBy(() -> new MaxPooling1D(2).strides(0)).hasMessageContaining("strides must hold positive");
    }
}
