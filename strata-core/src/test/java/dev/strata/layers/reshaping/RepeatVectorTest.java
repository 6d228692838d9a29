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

/** RepeatVector against Keras: values, gradients, config, shapes and errors. */
class RepeatVectorTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new RepeatVector(3), Shape.of(4))
                        .wrongRank(Shape.of(4, 3, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        PoolingChecks.assertGoldens("repeat_vector");
    }

    @Test
    void theJavaApiGivesKerassConfigs() {
        PoolingChecks.assertConfigIsKeras(new RepeatVector(3), "repeat_vector");
    }

    @Test
    void badInputsAndArgumentsAreClear() {
        assertThatThrownBy(() -> new RepeatVector(2).apply(Tensor.ones(2, 5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(RepeatVector)")
                .hasMessageContaining("expects inputs of rank 2, (batch, features)")
                .hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> new RepeatVector(0)).hasMessageContaining("n must be a positive integer");
        assertThat(new RepeatVector(4).apply(Input.of(7)).shape()).isEqualTo(Shape.of(-1, 4, 7));
    }
}
