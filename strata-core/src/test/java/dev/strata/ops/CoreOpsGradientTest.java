package dev.strata.ops;

import static dev.strata.testing.GradientCheck.random;
import static dev.strata.testing.GradientCheck.randomAwayFromZero;

import dev.strata.tensor.Shape;
import dev.strata.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Finite-difference checks of the core arithmetic, reduction, reshape and matmul ops, with broadcasting. */
class CoreOpsGradientTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = ';', value = {
        "3,4; 3,4", "3,4; 4", "3,1; 1,4", "2,3,4; 3,1", "1; 2,2", "5; ''"})
    void binaryArithmeticBroadcasts(String a, String b) {
        Shape sa = parse(a);
        Shape sb = parse(b);
        GradientCheck.check(in -> Ops.add(in.get(0), in.get(1)), random(1, sa, -1, 1), random(2, sb, -1, 1));
        GradientCheck.check(in -> Ops.subtract(in.get(0), in.get(1)), random(3, sa, -1, 1), random(4, sb, -1, 1));
        GradientCheck.check(in -> Ops.multiply(in.get(0), in.get(1)), random(5, sa, -1, 1), random(6, sb, -1, 1));
        GradientCheck.check(in -> Ops.divide(in.get(0), in.get(1)), random(7, sa, -1, 1),
                randomAwayFromZero(8, sb, 2, 0.5));
    }

    @Test
    void unaryOps() {
        Shape s = Shape.of(2, 3);
        GradientCheck.check(in -> Ops.negative(in.get(0)), random(1, s, -1, 1));
        GradientCheck.check(in -> Ops.square(in.get(0)), random(2, s, -1, 1));
        GradientCheck.check(in -> Ops.exp(in.get(0)), random(3, s, -1, 1));
        GradientCheck.check(in -> Ops.relu(in.get(0)), randomAwayFromZero(4, s, 1, 0.05));
    }

    @Test
    void reductions() {
        var x = random(1, Shape.of(2, 3, 4), -1, 1);
        GradientCheck.check(in -> Ops.sum(in.get(0)), x);
        GradientCheck.check(in -> Ops.sum(in.get(0), 1), x);
        GradientCheck.check(in -> Ops.sum(in.get(0), new int[] {0, 2}, true), x);
        GradientCheck.check(in -> Ops.mean(in.get(0), new int[] {-1}, false), x);
        GradientCheck.check(in -> Ops.mean(in.get(0)), x);
    }

    @Test
    void reshapeTransposeBroadcastTo() {
        var x = random(1, Shape.of(2, 3, 4), -1, 1);
        GradientCheck.check(in -> Ops.reshape(in.get(0), 4, -1), x);
        GradientCheck.check(in -> Ops.transpose(in.get(0), 2, 0, 1), x);
        GradientCheck.check(in -> Ops.transpose(in.get(0)), x);
        GradientCheck.check(in -> Ops.broadcastTo(in.get(0), Shape.of(2, 3, 4)), random(2, Shape.of(3, 1), -1, 1));
    }

    @ParameterizedTest(name = "{0} x {1} transA={2} transB={3}")
    @CsvSource(delimiter = ';', value = {
        "3,4; 4,5; false; false", "4,3; 4,5; true; false", "3,4; 5,4; false; true", "4,3; 5,4; true; true",
        "2,3,4; 4,5; false; false", "2,1,3,4; 3,4,2; false; false", "4; 4,5; false; false", "3,4; 4; false; false",
        "4; 4; false; false", "1,4; 4,1; false; false"})
    void matmul(String a, String b, boolean transA, boolean transB) {
        GradientCheck.check(in -> Ops.matmul(in.get(0), in.get(1), transA, transB),
                random(1, parse(a), -1, 1), random(2, parse(b), -1, 1));
    }

    static Shape parse(String s) {
        if (s == null || s.isBlank()) {
            return Shape.scalar();
        }
        String[] parts = s.split(",");
        int[] dims = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Integer.parseInt(parts[i].trim());
        }
        return Shape.of(dims);
    }
}
