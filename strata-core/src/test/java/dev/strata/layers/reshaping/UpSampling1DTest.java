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

/** UpSampling1D against Keras: values, gradients, config, shapes and errors. */
class UpSampling1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(UpSampling1D::new, Shape.of(4, 3))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new UpSampling1D(3), Shape.of(3, 2)).label("size 3")
                        .wrongRank(Shape.of(4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("up1d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new UpSampling1D(), "up1d");
        PoolingChecks.assertConfigIsKeras(new UpSampling1D(3), "up1d_3");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new UpSampling1D().apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(UpSampling1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new UpSampling1D(-2)).hasMessageContaining("size must hold positive integers");
        assertThat(new UpSampling1D(2).apply(Input.of(-1, 3)).shape()).isEqualTo(Shape.of(-1, -1, 3));
    }
}
