package dev.strata.autodiff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reverse pass reuses its arrays from one pass to the next ({@code internal.autodiff.GradientBuffers}); what a
 * caller gets from {@link GradientTape#gradient} must never change afterwards.
 */
class GradientReuseTest {

    private static List<Tensor> gradients(Variable w1, Variable w2, Tensor x) {
        try (GradientTape tape = GradientTape.record()) {
            Tensor h = Ops.relu(Ops.matmul(x, w1));
            Tensor y = Ops.matmul(Ops.add(h, Ops.multiply(h, h)), w2);
            return tape.gradient(Ops.sum(Ops.square(y)), List.of(w1, w2));
        }
    }

    @Test
    void gradientsAKeptReferenceSeesNeverChange() {
        Variable w1 = new Variable(Tensor.of(new float[] {0.5f, -1f, 2f, 0.25f, 1f, -0.5f}, 2, 3), "w1", true);
        Variable w2 = new Variable(Tensor.of(new float[] {1f, -2f, 0.5f}, 3, 1), "w2", true);
        List<Tensor> first = gradients(w1, w2, Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2));
        float[][] values = {first.get(0).toFloatArray(), first.get(1).toFloatArray()};
        for (int i = 0; i < 5; i++) {
            gradients(w1, w2, Tensor.of(new float[] {-i, 2f * i, 1f, -3f}, 2, 2));
        }
        assertThat(first.get(0).toFloatArray()).containsExactly(values[0]);
        assertThat(first.get(1).toFloatArray()).containsExactly(values[1]);
        assertThat(gradients(w1, w2, Tensor.of(new float[] {1f, 2f, 3f, 4f}, 2, 2)).get(0).toFloatArray())
                .as("the same pass again gives the same values").containsExactly(values[0]);
    }

    @Test
    void secondDerivativesAreNotDisturbedByReuse() {
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f});
        for (int i = 0; i < 3; i++) {
            try (GradientTape outer = GradientTape.record()) {
                outer.watch(x);
                Tensor dy;
                try (GradientTape inner = GradientTape.record()) {
                    inner.watch(x);
                    dy = inner.gradient(Ops.sum(Ops.multiply(Ops.multiply(x, x), x)), x); // 3x²
                }
                Tensor d2 = outer.gradient(Ops.sum(dy), x); // 6x
                assertThat(dy.toFloatArray()).containsExactly(3f, 12f, 27f);
                assertThat(d2.toFloatArray()).containsExactly(6f, 12f, 18f);
            }
        }
    }
}
