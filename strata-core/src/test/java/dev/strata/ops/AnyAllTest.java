package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** {@code any} and {@code all} as numpy's (and Keras's): truth is non-zero, NaN included; empty reductions. */
class AnyAllTest {
    private static final Tensor X = Tensor.of(new float[] {0, 0, 0, 1, Float.NaN, 0, -2, 3, 4}, 3, 3);

    @Test
    void valuesAsNumpy() {
        // np.any(x, axis=1) = [F, T, T]; np.all(x, axis=1) = [F, F, T]; NaN is true
        assertThat(Ops.any(X, 1).toFloatArray()).containsExactly(0, 1, 1);
        assertThat(Ops.all(X, 1).toFloatArray()).containsExactly(0, 0, 1);
        assertThat(Ops.any(X, 0).toFloatArray()).containsExactly(1, 1, 1);
        assertThat(Ops.all(X, 0).toFloatArray()).containsExactly(0, 0, 0);
        assertThat(Ops.any(X).item()).isEqualTo(1f);
        assertThat(Ops.all(X).item()).isEqualTo(0f);
        assertThat(Ops.any(X, new int[] {1}, true).shape()).isEqualTo(Shape.of(3, 1));
        // over no elements: any is false, all is true
        assertThat(Ops.any(Tensor.zeros(2, 0), 1).toFloatArray()).containsExactly(0, 0);
        assertThat(Ops.all(Tensor.zeros(2, 0), 1).toFloatArray()).containsExactly(1, 1);
    }

    @Test
    void symbolicShapesAndErrors() {
        assertThat(Ops.any(Input.of(4, 5), -1).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4));
        assertThatThrownBy(() -> Ops.all(X, 2)).isInstanceOf(ShapeException.class).hasMessageContaining("all");
    }
}
