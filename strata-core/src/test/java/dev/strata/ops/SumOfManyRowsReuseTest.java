package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * A sum over more rows than one block (a convolution's bias gradient) into an array a reverse pass reuses: the
 * blocked sum must set its output, not add to what the array held (it did, so a conv layer's bias gradient was off
 * in the first step after a training step).
 */
class SumOfManyRowsReuseTest {

    private static float[] biasGradient(Tensor x, Tensor b, Tensor r) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(b);
            // z's gradient is a length-2 temporary of the pass, freed at its end for the next pass to reuse
            Tensor y = Ops.add(x, Ops.multiply(b, 2f));
            return tape.gradient(Ops.sum(Ops.multiply(y, r)), b).toFloatArray();
        }
    }

    @Test
    void theSecondPassGivesTheFirstPasssGradient() {
        Tensor x = GradientCheck.random(1, Shape.of(300, 2), -1, 1);
        Tensor r = GradientCheck.random(2, Shape.of(300, 2), -1, 1);
        Tensor b = Tensor.of(new float[] {0.5f, -1f});
        float[] first = biasGradient(x, b, r);
        float[] second = biasGradient(x, b, r);
        assertThat(second).containsExactly(first);
        double s0 = 0;
        for (int i = 0; i < 600; i += 2) {
            s0 += 2.0 * r.toFloatArray()[i];
        }
        assertThat((double) first[0]).isCloseTo(s0, org.assertj.core.api.Assertions.within(1e-3));
    }
}
