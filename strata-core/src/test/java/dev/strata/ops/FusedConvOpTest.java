package dev.strata.ops;

import static dev.strata.testing.GradientCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused convolution layer op equals conv, bias add and relu as separate ops: values, gradients, second ones. */
class FusedConvOpTest {
    private static final int[] STRIDES = {1, 2};
    private static final int[] DILATION = {1, 1};

    private static Tensor unfused(Tensor x, Tensor w, Tensor b, String act) {
        Tensor z = Ops.conv(x, w, STRIDES, "same", null, DILATION);
        z = b == null ? z : Ops.add(z, b);
        return act.equals("relu") ? Ops.relu(z) : z;
    }

    private static Tensor fused(Tensor x, Tensor w, Tensor b, String act) {
        return Ops.fusedConv(x, w, b, STRIDES, "same", DILATION, act);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu"})
    void matchesTheUnfusedComputation(String act) {
        for (int groups : new int[] {1, 2}) {
            Tensor x = random(1, Shape.of(2, 5, 6, 4), -2, 2);
            Tensor w = random(2, Shape.of(3, 3, 4 / groups, 4), -1, 1);
            Tensor b = random(3, Shape.of(4), -1, 1);
            // the same bits: bias and relu are applied in the same order, only in the GEMM's write
            assertThat(fused(x, w, b, act).toFloatArray()).containsExactly(unfused(x, w, b, act).toFloatArray());
            if (act.equals("linear")) { // (relu's kinks defeat finite differences; relu is checked against unfused)
                GradientCheck.check(in -> fused(in.get(0), in.get(1), in.get(2), act), x, w, b);
                GradientCheck.check(in -> fused(in.get(0), in.get(1), null, act), x, w);
            }
            Tensor r = random(4, Shape.of(2, 5, 3, 4), -1, 1);
            List<Tensor> a = GradientCheck.analytic(in -> fused(in.get(0), in.get(1), in.get(2), act),
                    List.of(x, w, b), r);
            List<Tensor> e = GradientCheck.analytic(in -> unfused(in.get(0), in.get(1), in.get(2), act),
                    List.of(x, w, b), r);
            for (int i = 0; i < 3; i++) {
                assertThat(a.get(i).toFloatArray()).containsExactly(e.get(i).toFloatArray(), within(1e-4f));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear", "relu"})
    void secondDerivativesMatchTheUnfusedOnes(String act) {
        Tensor x = random(5, Shape.of(2, 4, 4, 2), 0.1, 1);
        Tensor w = random(6, Shape.of(2, 2, 2, 3), -1, 1);
        Tensor b = random(7, Shape.of(3), -1, 1);
        assertThat(secondDerivative(x, w, b, act, true).toFloatArray())
                .containsExactly(secondDerivative(x, w, b, act, false).toFloatArray(), within(1e-4f));
    }

    /** d/dw of sum(d/dx sum(f(x, w))^2): exercises the backward pass being recorded. */
    private static Tensor secondDerivative(Tensor x, Tensor w, Tensor b, String act, boolean isFused) {
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(w);
            Tensor dx;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(x, w);
                Tensor y = isFused ? fused(x, w, b, act) : unfused(x, w, b, act);
                dx = inner.gradient(Ops.sum(Ops.square(y)), x);
            }
            return outer.gradient(Ops.sum(Ops.square(dx)), w);
        }
    }

    @Test
    void symbolicShapesAndBadArguments() {
        Tensor x = Graph.input(Shape.of(Shape.UNKNOWN, 7, 6, 3), "x");
        assertThat(Ops.fusedConv(x, Tensor.zeros(3, 3, 3, 5), Tensor.zeros(5), STRIDES, "same", DILATION, "relu")
                .shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 7, 3, 5));
        assertThatThrownBy(() -> Ops.fusedConv(Tensor.zeros(1, 5, 5, 3), Tensor.zeros(3, 3, 3, 5), Tensor.zeros(4),
                STRIDES, "same", DILATION, "relu")).hasMessageContaining("bias of shape (4,)");
        assertThatThrownBy(() -> Ops.fusedConv(Tensor.zeros(1, 5, 5, 3), Tensor.zeros(3, 3, 3, 5), null, STRIDES,
                "same", DILATION, "tanh")).hasMessageContaining("not fused");
        assertThat(Ops.isFusedConvActivation("relu")).isTrue();
        assertThat(Ops.isFusedConvActivation("sigmoid")).isFalse();
    }
}
