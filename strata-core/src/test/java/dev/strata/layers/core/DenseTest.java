package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.initializers.Initializers;
import dev.strata.layers.LayerCase;
import dev.strata.Strata;
import dev.strata.models.Input;
import dev.strata.regularizers.L2;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dense: its contract cases and the input checks its InputSpec makes (its numbers are in ops.DenseOpTest). */
class DenseTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Dense(4, "tanh"), Shape.of(3)).label("tanh").wrongRank(Shape.of(4)),
                LayerCase.of(() -> new Dense(2).useBias(false), Shape.of(5, 3)).label("no bias, on the last axis")
                        .wrongRank(Shape.of(4)),
                LayerCase.of(() -> new Dense(3, "sigmoid").kernelRegularizer(new L2(0.01))
                        .biasInitializer(Initializers.constant(0.5f)), Shape.of(2))
                        .label("sigmoid, L2 kernel, constant bias").wrongRank(Shape.of(4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void inputsAreCheckedAgainstTheBuild() {
        Dense d = new Dense(2);
        assertThat(d.apply(Input.of(3)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 2));
        assertThat(d.apply(Tensor.ones(4, 5, 3)).shape()).isEqualTo(Shape.of(4, 5, 2)); // on the last axis
        assertThatThrownBy(() -> d.apply(Tensor.ones(4, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'dense' (Dense) expected rank >= 2 with last axis 3 (built for shape "
                        + "(None, 3)), but received shape (4, 2)");
    }
}
