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

/** ZeroPadding3D against Keras: values, gradients, config, shapes and errors. */
class ZeroPadding3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(ZeroPadding3D::new, Shape.of(2, 2, 2, 2))
                        .wrongRank(Shape.of(4, 3, 2)),
                LayerCase.of(() -> new ZeroPadding3D(new int[][] {{1, 0}, {0, 2}, {1, 1}})
                        .dataFormat("channels_first"), Shape.of(2, 2, 2, 3)).label("channels_first, pairs")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("zpad3d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new ZeroPadding3D(), "zpad3d");
        PoolingChecks.assertConfigIsKeras(new ZeroPadding3D(new int[][] {{1, 0}, {0, 2}, {1, 1}})
                .dataFormat("channels_first"), "zpad3d_pairs_cf");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new ZeroPadding3D().apply(Tensor.ones(2, 5, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(ZeroPadding3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("(2, 5, 3, 2)");
        assertThat(new ZeroPadding3D(1, 2, 0).padding()).isDeepEqualTo(new int[][] {{1, 1}, {2, 2}, {0, 0}});
    }
}
