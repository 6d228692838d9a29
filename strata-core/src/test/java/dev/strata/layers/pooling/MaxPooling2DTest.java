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

/** MaxPooling2D against Keras: values, gradients (ties included), config, shapes and errors. */
class MaxPooling2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(MaxPooling2D::new, Shape.of(4, 6, 3)).inputs(PoolingChecks.distinct(Shape.of(4, 6, 3)))
                        .wrongRank(Shape.of(4, 6, 3)),
                LayerCase.of(() -> new MaxPooling2D(3, 2).strides(2, 1).padding("same"), Shape.of(5, 4, 2))
                        .label("3x2, strides 2x1, same").inputs(PoolingChecks.distinct(Shape.of(5, 4, 2)))
                        .wrongRank(Shape.of(4, 5, 4, 2, 1)),
                LayerCase.of(() -> new MaxPooling2D(2).strides(1).dataFormat("channels_first"), Shape.of(2, 4, 3))
                        .label("channels_first, strides 1").inputs(PoolingChecks.distinct(Shape.of(2, 4, 3)))
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("max2d_");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new MaxPooling2D(), "max2d_default");
        PoolingChecks.assertConfigIsKeras(new MaxPooling2D(3, 2).strides(2, 1).padding("SAME"), "max2d_same");
        PoolingChecks.assertConfigIsKeras(new MaxPooling2D(3).strides(2, 1), "max2d_valid_strided");
        PoolingChecks.assertConfigIsKeras(new MaxPooling2D(2).strides(1).padding("same")
                .dataFormat("channels_first"), "max2d_cf");
        MaxPooling2D p = new MaxPooling2D(3).strides(2);
        assertThat(p.poolSize()).containsExactly(3, 3);
        assertThat(p.strides()).containsExactly(2, 2);
        assertThat(p.getBuildConfig()).isNull();
    }

    @Test
    void symbolicShapesFollowKerasRule() {
        assertThat(new MaxPooling2D().apply(Input.of(28, 28, 32)).shape()).isEqualTo(Shape.of(-1, 14, 14, 32));
        assertThat(new MaxPooling2D(3).strides(2).padding("same").apply(Input.of(7, -1, 4)).shape())
                .isEqualTo(Shape.of(-1, 4, -1, 4));
        assertThat(new MaxPooling2D(2).dataFormat("channels_first").apply(Input.of(3, 9, 8)).shape())
                .isEqualTo(Shape.of(-1, 3, 4, 4));
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new MaxPooling2D().apply(Tensor.ones(2, 5, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'max_pooling2d' (MaxPooling2D) expects inputs of rank 4, (batch, "
                        + "height, width, channels) as data_format is channels_last, but received shape (2, 5, 3)");
        assertThatThrownBy(() -> new MaxPooling2D(3).apply(Tensor.ones(1, 2, 5, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("max_pooling2d")
                .hasMessageContaining("the pooling window does not fit the input")
                .hasMessageContaining("(1, 2, 5, 1)").hasMessageContaining("pool_size [3, 3]");
        assertThatThrownBy(() -> new MaxPooling2D(2).dataFormat("channels_first").apply(Tensor.ones(1, 8, 1, 8)))
                .hasMessageContaining("channels_first").hasMessageContaining("(1, 8, 1, 8)");
        assertThatThrownBy(() -> new MaxPooling2D(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size must hold positive integers, got [0]");
        assertThatThrownBy(() -> new MaxPooling2D().strides(1, -1)).hasMessageContaining("strides must hold positive");
        assertThatThrownBy(() -> new MaxPooling2D().strides(1, 1, 1)).hasMessageContaining("one integer or 2");
        assertThatThrownBy(() -> new MaxPooling2D().padding("full")).hasMessageContaining("\"valid\" or \"same\"");
        assertThatThrownBy(() -> new MaxPooling2D().dataFormat("nhwc")).hasMessageContaining("channels_first");
    }
}
