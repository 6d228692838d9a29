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

/** ZeroPadding1D against Keras: values, gradients, config, shapes and errors. */
class ZeroPadding1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(ZeroPadding1D::new, Shape.of(3, 2))
                        .wrongRank(Shape.of(4, 3)),
                LayerCase.of(() -> new ZeroPadding1D(1, 2).dataFormat("channels_first"), Shape.of(2, 3))
                        .label("channels_first, 1 and 2")
                        .wrongRank(Shape.of(4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("zpad1d");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new ZeroPadding1D(), "zpad1d");
        PoolingChecks.assertConfigIsKeras(new ZeroPadding1D(2, 0), "zpad1d_pair");
        PoolingChecks.assertConfigIsKeras(new ZeroPadding1D(1, 2).dataFormat("channels_first"), "zpad1d_cf");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new ZeroPadding1D().apply(Tensor.ones(2, 5)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(ZeroPadding1D)")
                .hasMessageContaining("expects inputs of rank 3, (batch, steps, channels)")
                .hasMessageContaining("(2, 5)");
        assertThatThrownBy(() -> new ZeroPadding1D(1, -1)).hasMessageContaining("non-negative");
    }
}
