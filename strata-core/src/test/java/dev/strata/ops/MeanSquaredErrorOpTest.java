package dev.strata.ops;

import static dev.strata.testing.GradientCheck.random;
import static org.assertj.core.api.Assertions.assertThat;
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

/** The fused per-sample mean squared error equals mean(square(t - p), -1) bit for bit, values and gradients. */
class MeanSquaredErrorOpTest {

    private static Tensor unfused(Tensor t, Tensor p) {
        return Ops.mean(Ops.square(Ops.subtract(t, p)), -1);
    }

    /** d(loss)/d(t, p) for a weighted sum of the per-sample values (so each row's upstream gradient differs). */
    private static List<Tensor> gradients(Tensor t, Tensor p, boolean fused) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(t, p);
            Tensor perSample = fused ? Ops.meanSquaredError(t, p) : unfused(t, p);
            Tensor rowWeights = random(99, perSample.shape(), 0.1, 2);
            Tensor loss = Ops.divide(Ops.sum(Ops.multiply(perSample, rowWeights)), Tensor.scalar(7f));
            return tape.gradient(loss, List.of(t, p));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 30, 70})
    void equalsTheFourOpsBitForBit(int d) {
        Tensor t = random(1, Shape.of(32, d), -3, 3);
        Tensor p = random(2, Shape.of(32, d), -3, 3);
        assertThat(Ops.meanSquaredError(t, p).toFloatArray()).containsExactly(unfused(t, p).toFloatArray());
        assertThat(Ops.meanSquaredError(t, p).shape()).isEqualTo(Shape.of(32));
        List<Tensor> fused = gradients(t, p, true);
        List<Tensor> plain = gradients(t, p, false);
        for (int i = 0; i < 2; i++) {
            assertThat(fused.get(i).shape()).isEqualTo(plain.get(i).shape());
            assertThat(fused.get(i).toFloatArray()).as("gradient %d", i).containsExactly(plain.get(i).toFloatArray());
        }
    }

    @Test
    void rankOneAndRankThreeInputs() {
        Tensor t1 = random(3, Shape.of(5), -1, 1);
        Tensor p1 = random(4, Shape.of(5), -1, 1);
        assertThat(Ops.meanSquaredError(t1, p1).rank()).isZero();
        assertThat(Ops.meanSquaredError(t1, p1).item()).isEqualTo(unfused(t1, p1).item());
        Tensor t3 = random(5, Shape.of(2, 3, 4), -1, 1);
        Tensor p3 = random(6, Shape.of(2, 3, 4), -1, 1);
        assertThat(Ops.meanSquaredError(t3, p3).toFloatArray()).containsExactly(unfused(t3, p3).toFloatArray());
    }

    @Test
    void finiteDifferences() {
        GradientCheck.check(in -> Ops.meanSquaredError(in.get(0), in.get(1)),
                random(7, Shape.of(4, 3), -2, 2), random(8, Shape.of(4, 3), -2, 2));
        GradientCheck.check(in -> Ops.meanSquaredError(in.get(0), in.get(1)),
                random(9, Shape.of(6, 1), -2, 2), random(10, Shape.of(6, 1), -2, 2));
    }

    @Test
    void broadcastingShapesTakeTheComposedOps() {
        Tensor t = random(11, Shape.of(4, 1), -1, 1);
        Tensor p = random(12, Shape.of(4, 3), -1, 1);
        assertThat(Ops.meanSquaredError(t, p).toFloatArray()).containsExactly(unfused(t, p).toFloatArray());
        GradientCheck.check(in -> Ops.meanSquaredError(in.get(0), in.get(1)), t, p);
    }

    @Test
    void secondDerivativesMatchTheUnfusedOnes() {
        Tensor t = random(13, Shape.of(3, 2), -1, 1);
        Tensor p = random(14, Shape.of(3, 2), -1, 1);
        assertThat(secondDerivative(t, p, true).toFloatArray())
                .containsExactly(secondDerivative(t, p, false).toFloatArray(), within(1e-6f));
    }

    /** d/dt of sum(square(d/dp sum(mse(t, p)))): the backward pass is recorded and differentiated. */
    private static Tensor secondDerivative(Tensor t, Tensor p, boolean fused) {
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(t);
            Tensor dp;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(t, p);
                Tensor y = fused ? Ops.meanSquaredError(t, p) : unfused(t, p);
                dp = inner.gradient(Ops.sum(y), p);
            }
            return outer.gradient(Ops.sum(Ops.square(dp)), t);
        }
    }

    @Test
    void symbolicShapes() {
        var t = Graph.input(Shape.of(Shape.UNKNOWN, 3), "t");
        var p = Graph.input(Shape.of(Shape.UNKNOWN, 3), "p");
        assertThat(Ops.meanSquaredError(t, p).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
    }
}
