package dev.strata.ops;

import static dev.strata.ops.OpsTesting.innerGradient;
import static dev.strata.ops.OpsTesting.random;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Finite-difference checks of the section-B shape ops and dot, first and second order (the gather/scatter and
 * slice/pad adjoint pairs must themselves be differentiable).
 */
class ShapeOpsGradientTest {
    private static final int MAX = Integer.MAX_VALUE;
    private static final int MIN = Integer.MIN_VALUE;

    private static void check(Function<Tensor, Tensor> f, Tensor x) {
        GradientCheck.check(in -> f.apply(in.get(0)), x);
        // second order: differentiate the tape's gradient of Σ w·f(x)², which depends on x through f and f's
        // adjoint
        GradientCheck.check(in -> innerGradient(t -> Ops.square(f.apply(t)), in.get(0)), x);
    }

    @Test
    void expandDimsAndSqueeze() {
        check(x -> Ops.expandDims(x, 0), random(1, 2, 3));
        check(x -> Ops.expandDims(x, -1), random(2, 2, 3));
        check(x -> Ops.squeeze(x), random(3, 1, 3, 1));
        check(x -> Ops.squeeze(x, -1), random(4, 1, 3, 1));
    }

    @Test
    void concatenateThreeInputs() {
        Tensor a = random(1, 2, 3);
        Tensor b = random(2, 2, 1);
        Tensor c = random(3, 2, 4);
        GradientCheck.check(in -> Ops.concatenate(in, 1), a, b, c);
        GradientCheck.check(in -> Ops.concatenate(in, -1), a, b, c);
        GradientCheck.check(in -> Ops.concatenate(List.of(in.get(0), in.get(1), in.get(0)), 0),
                random(4, 1, 3), random(5, 2, 3));
        GradientCheck.check(in -> Ops.concatenate(in), random(6, 2, 2, 2), random(7, 1, 2, 2), random(8, 3, 2, 2));
        check(x -> Ops.concatenate(List.of(x, Ops.square(x)), 1), random(9, 2, 2));
    }

    @Test
    void stack() {
        GradientCheck.check(in -> Ops.stack(in, 1), random(1, 2, 3), random(2, 2, 3), random(3, 2, 3));
        GradientCheck.check(in -> Ops.stack(in), random(4, 1), random(5, 1));
        GradientCheck.check(in -> Ops.stack(in, -1), random(6, 2, 1), random(7, 2, 1));
    }

    @Test
    void splitOutputsEachUsed() {
        // every part gets its own weight, so a part's gradient landing in the wrong place is seen
        GradientCheck.check(in -> {
            List<Tensor> parts = Ops.split(in.get(0), 3, 1);
            return Ops.concatenate(List.of(Ops.multiply(parts.get(0), 2f), Ops.square(parts.get(1)),
                    Ops.multiply(parts.get(2), -1f)), 1);
        }, random(1, 2, 6));
        GradientCheck.check(in -> {
            List<Tensor> parts = Ops.split(in.get(0), new int[] {1, 3}, -1);
            return Ops.concatenate(List.of(Ops.multiply(parts.get(2), 3f), Ops.exp(parts.get(0)), parts.get(1)), 0);
        }, random(2, 4));
        // only one part used: the others get zero gradient
        GradientCheck.check(in -> Ops.split(in.get(0), 2, 0).get(1), random(3, 4, 1));
        check(x -> Ops.split(x, new int[] {1}, 0).get(0), random(4, 3, 2));
    }

    @Test
    void sliceAndStridedSlice() {
        check(x -> Ops.slice(x, new int[] {1, 0, 2}, new int[] {1, -1, 2}), random(1, 2, 3, 4));
        check(x -> Ops.slice(x, new int[] {0, 1}, new int[] {1, 1}), random(2, 1, 3));
        check(x -> Ops.stridedSlice(x, new int[] {MAX, 1}, new int[] {MIN, MAX}, new int[] {-1, 2}), random(3, 3, 5));
        check(x -> Ops.stridedSlice(x, new int[] {-1, 3, 0}, new int[] {-3, 0, 4}, new int[] {-1, -2, 3}),
                random(4, 3, 4, 4));
        check(x -> Ops.stridedSlice(x, new int[] {0, 0}, new int[] {MAX, MAX}, new int[] {1, 1}), random(5, 2, 1));
    }

    @Test
    void take() {
        Tensor idx = Tensor.of(new float[] {2, -1, 0, 2, 2, -3}, 2, 3); // repeated indices accumulate
        check(x -> Ops.take(x, idx, 0), random(1, 3, 2));
        check(x -> Ops.take(x, idx, 1), random(2, 2, 3, 2));
        check(x -> Ops.take(x, idx, -1), random(3, 1, 3));
        check(x -> Ops.take(x, new int[] {0, 0, 1}, 0), random(4, 2));
        check(x -> Ops.take(x, Tensor.scalar(1), 1), random(5, 2, 3));
    }

    @Test
    void takeAlongAxis() {
        Tensor idx = Tensor.of(new float[] {1, -1, 0, 0, 2, 2}, 2, 3);
        check(x -> Ops.takeAlongAxis(x, idx, 1), random(1, 2, 3));
        // x broadcast along axis 0 (its size-1 dimension)
        check(x -> Ops.takeAlongAxis(x, idx, 1), random(2, 1, 4));
        check(x -> Ops.takeAlongAxis(x, Tensor.of(new float[] {1, 0, 0, 1}, 2, 1, 2), 0), random(3, 2, 3, 2));
    }

    @ParameterizedTest(name = "pad {0}")
    @CsvSource(delimiter = ';', value = {"2,3", "1,4", "3"})
    void pad(String shape) {
        Shape s = CoreOpsGradientTest.parse(shape);
        Tensor x = GradientCheck.random(1, s, -1, 1);
        check(t -> Ops.pad(t, new int[][] {{1, 2}}), x);
        check(t -> Ops.pad(t, s.rank() == 1 ? new int[][] {{0, 3}} : new int[][] {{0, 1}, {2, 0}}, 7f), x);
    }

    @Test
    void tileAndRepeat() {
        check(x -> Ops.tile(x, 2, 3), random(1, 2, 1));
        check(x -> Ops.tile(x, 2), random(2, 2, 3));
        check(x -> Ops.tile(x, 2, 1, 2), random(3, 3));
        check(x -> Ops.repeat(x, 3, 1), random(4, 2, 2));
        check(x -> Ops.repeat(x, 2, -2), random(5, 2, 1, 2));
        check(x -> Ops.repeat(x, 2), random(6, 2, 2));
    }

    @Test
    void broadcastToSecondOrder() {
        check(x -> Ops.broadcastTo(x, Shape.of(2, 3, 4)), random(1, 3, 1));
    }

    @ParameterizedTest(name = "dot {0} . {1}")
    @CsvSource(delimiter = ';', value = {
        "4; 4", "3,4; 4,5", "4; 4,2", "2,4; 4", "2,3,4; 4", "2,3,4; 5,4,2", "4; 2,4,3", "1,4; 3,4,1", "2,3; ''",
        "''; 2,2"})
    void dot(String a, String b) {
        GradientCheck.check(in -> Ops.dot(in.get(0), in.get(1)), GradientCheck.random(1,
                CoreOpsGradientTest.parse(a), -1, 1), GradientCheck.random(2, CoreOpsGradientTest.parse(b), -1, 1));
    }

    @Test
    void unusedInputsOfConcatenateGetNoWork() {
        // a constant input of concatenate: the tape asks only for the watched one
        Tensor a = random(1, 2, 2);
        Tensor c = random(2, 2, 2);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a);
            Tensor y = Ops.sum(Ops.concatenate(List.of(a, c), 0));
            assertThat(tape.gradient(y, a).toFloatArray()).containsOnly(1f);
        }
    }
}
