package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The checker itself must be able to fail. */
class GradientCheckTest {

    @Test
    void acceptsACorrectGradient() {
        GradientCheck.check(in -> Ops.multiply(in.get(0), in.get(0)), GradientCheck.random(1, Shape.of(3, 2), -2, 2));
    }

    @Test
    void rejectsAWrongGradient() {
        Tensor x = GradientCheck.random(2, Shape.of(4), 0.5, 2);
        GradientCheck check = GradientCheck.of();
        // numeric gradient of x³ compared with the (wrong) analytic gradient of x² under the same projection:
        // the function evaluated differs from the one differentiated, so the check must fail.
        var calls = new int[1];
        assertThatThrownBy(() -> check.verify(in -> {
            calls[0]++;
            Tensor t = in.get(0);
            // the first call (projection shape) and the tape pass use x², finite differences use x³
            return calls[0] <= 2 ? Ops.multiply(t, t) : Ops.multiply(Ops.multiply(t, t), t);
        }, x)).isInstanceOf(AssertionError.class).hasMessageContaining("finite differences say");
    }

    @Test
    void reportsAMissingGradient() {
        Tensor x = GradientCheck.random(3, Shape.of(2), 0.5, 2);
        // stop the gradient by computing from a copy the tape never saw
        assertThatThrownBy(() -> GradientCheck.check(in -> Ops.square(Tensor.of(in.get(0).toFloatArray())), x))
                .isInstanceOf(AssertionError.class);
    }
}
