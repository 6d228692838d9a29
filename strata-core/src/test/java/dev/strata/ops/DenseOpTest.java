package dev.strata.ops;

import static dev.strata.testing.GradientCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused Dense op equals its unfused composition, in value, first and second derivative. */
class DenseOpTest {

    private static Tensor unfused(Tensor x, Tensor w, Tensor b, String act) {
        Tensor z = Ops.add(Ops.matmul(x, w), b);
        return switch (act) {
            case "relu" -> Ops.relu(z);
            case "sigmoid" -> Ops.sigmoid(z);
            case "tanh" -> Ops.tanh(z);
            default -> z;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh"})
    void matchesTheUnfusedComputation(String act) {
        Tensor x = random(1, Shape.of(5, 4), -2, 2);
        Tensor w = random(2, Shape.of(4, 3), -1, 1);
        Tensor b = random(3, Shape.of(3), -1, 1);
        assertThat(Ops.dense(x, w, b, act).toFloatArray())
                .containsExactly(unfused(x, w, b, act).toFloatArray(), within(1e-6f));
        GradientCheck.check(in -> Ops.dense(in.get(0), in.get(1), in.get(2), act), x, w, b);
        GradientCheck.check(in -> Ops.dense(in.get(0), in.get(1), null, act), random(4, Shape.of(2, 3, 4), -2, 2), w);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu", "sigmoid", "tanh"})
    void secondDerivativesMatchTheUnfusedOnes(String act) {
        Tensor x = random(5, Shape.of(3, 4), 0.1, 1);
        Tensor w = random(6, Shape.of(4, 2), -1, 1);
        Tensor b = random(7, Shape.of(2), -1, 1);
        assertThat(secondDerivative(x, w, b, act, true).toFloatArray())
                .containsExactly(secondDerivative(x, w, b, act, false).toFloatArray(), within(1e-4f));
    }

    /** d/dw of sum(d/dx sum(f(x, w))): exercises the backward pass being recorded. */
    private static Tensor secondDerivative(Tensor x, Tensor w, Tensor b, String act, boolean fused) {
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(w);
            Tensor dx;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(x, w);
                Tensor y = fused ? Ops.dense(x, w, b, act) : unfused(x, w, b, act);
                dx = inner.gradient(Ops.sum(Ops.square(y)), x);
            }
            return outer.gradient(Ops.sum(dx), w);
        }
    }

    @Test
    void shapesAndErrors() {
        var x = Graph.input(Shape.of(Shape.UNKNOWN, 4), "x");
        assertThat(Ops.dense(x, Tensor.ones(4, 3), Tensor.ones(3), "relu").shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThatThrownBy(() -> Ops.dense(Tensor.ones(2, 5), Tensor.ones(4, 3), null, "relu"))
                .isInstanceOf(ShapeException.class).hasMessageContaining("last dimension of x (5)");
        assertThatThrownBy(() -> Ops.dense(Tensor.ones(2, 4), Tensor.ones(4, 3), Tensor.ones(2), "relu"))
                .hasMessageContaining("bias of shape (2,)");
        assertThatThrownBy(() -> Ops.dense(Tensor.ones(2, 4), Tensor.ones(4, 3), null, "gelu"))
                .hasMessageContaining("not fused");
    }
}
