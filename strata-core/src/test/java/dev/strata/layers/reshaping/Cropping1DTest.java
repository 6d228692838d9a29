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

/** Cropping1D against Keras: values, gradients, config, shapes and errors. */
class Cropping1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Cropping1D::new, Shape.of(5, 2))
                        .tracedWith(Shape.of(-1, 2))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new Cropping1D(2, 0), Shape.of(5, 2)).label("2 and 0")
                        .wrongRank(Shape.of(4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("crop1d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new Cropping1D(), "crop1d");
        PoolingChecks.assertConfigIsKeras(new Cropping1D(2, 0), "crop1d_pair");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new Cropping1D().apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(Cropping1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new Cropping1D(2, 3).apply(Tensor.ones(1, 5, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'cropping1d")
                        .hasMessageContaining("must be smaller than the spatial sizes")
                .hasMessageContaining("(1, 5, 2)");
    }
}
