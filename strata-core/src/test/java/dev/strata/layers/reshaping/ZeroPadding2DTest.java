package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.pooling.PoolingChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ZeroPadding2D against Keras: values, gradients, config, shapes and errors. */
class ZeroPadding2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(ZeroPadding2D::new, Shape.of(3, 4, 2))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new ZeroPadding2D(new int[][] {{1, 2}, {0, 3}}).dataFormat("channels_first"),
                        Shape.of(2, 3, 2)).label("channels_first, pairs")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("zpad2d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new ZeroPadding2D(), "zpad2d");
        PoolingChecks.assertConfigIsKeras(new ZeroPadding2D(2, 1), "zpad2d_sym");
        PoolingChecks.assertConfigIsKeras(new ZeroPadding2D(new int[][] {{1, 2}, {0, 3}})
                .dataFormat("channels_first"), "zpad2d_pairs_cf");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new ZeroPadding2D().apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(ZeroPadding2D)")
                .hasMessageContaining("expects inputs of rank 4, (batch, height, width, channels)")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new ZeroPadding2D(-1)).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new ZeroPadding2D(new int[][] {{1, 1}}))
                .hasMessageContaining("2 (before, after) pairs");
        assertThat(new ZeroPadding2D(1).apply(Input.of(-1, 5, 3)).shape()).isEqualTo(Shape.of(-1, -1, 7, 3));
    }
}
