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

/** UpSampling3D against Keras: values, gradients, config, shapes and errors. */
class UpSampling3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(UpSampling3D::new, Shape.of(2, 3, 2, 2))
                        .wrongRank(Shape.of(4, 3, 2)),
                LayerCase.of(() -> new UpSampling3D(1, 2, 3).dataFormat("channels_first"), Shape.of(2, 2, 3, 2))
                        .label("channels_first 1x2x3")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("up3d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new UpSampling3D(), "up3d");
        PoolingChecks.assertConfigIsKeras(new UpSampling3D(1, 2, 3).dataFormat("channels_first"), "up3d_cf");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new UpSampling3D().apply(Tensor.ones(2, 5, 3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(UpSampling3D)")
                .hasMessageContaining("expects inputs of rank 5, (batch, depth, height, width, channels)")
                .hasMessageContaining("(2, 5, 3, 2)");
        assertThatThrownBy(() -> new UpSampling3D(1, 0, 1)).hasMessageContaining("size must hold positive integers");
    }
}
