package dev.strata.ops;

import static dev.strata.ops.CoreOpsGradientTest.parse;
import static dev.strata.testing.GradientCheck.random;
import static dev.strata.testing.GradientCheck.randomAwayFromZero;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite-difference checks of the elementwise math ops, over shapes with broadcasting and size-1 dimensions. */
class ElementwiseMathGradientTest {

    @ParameterizedTest(name = "shape ({0})")
    @ValueSource(strings = {"2,3", "1", "3,1,2", "", "1,1"})
    void unaryOps(String shape) {
        Shape s = parse(shape);
        GradientCheck.check(in -> Ops.sqrt(in.get(0)), random(1, s, 0.5, 2));
        GradientCheck.check(in -> Ops.rsqrt(in.get(0)), random(2, s, 0.5, 2));
        GradientCheck.check(in -> Ops.log(in.get(0)), random(3, s, 0.5, 2));
        GradientCheck.check(in -> Ops.log1p(in.get(0)), random(4, s, -0.5, 2));
        GradientCheck.check(in -> Ops.abs(in.get(0)), randomAwayFromZero(5, s, 2, 0.05));
        GradientCheck.check(in -> Ops.erf(in.get(0)), random(6, s, -2.5, 2.5));
        // sign's gradient is zero, which finite differences away from 0 agree with
        GradientCheck.check(in -> Ops.sign(in.get(0)), randomAwayFromZero(7, s, 2, 0.05));
        GradientCheck.check(in -> Ops.clip(in.get(0), -0.5f, 0.5f), offGrid(8, s));
        GradientCheck.check(in -> Ops.power(in.get(0), 3f), random(9, s, -2, 2));
        GradientCheck.check(in -> Ops.power(in.get(0), -1.5f), random(10, s, 0.5, 2));
        GradientCheck.check(in -> Ops.maximum(in.get(0), 0f), offGrid(11, s));
        GradientCheck.check(in -> Ops.minimum(in.get(0), 0f), offGrid(12, s));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = ';', value = {
        "3,4; 3,4", "3,4; 4", "3,1; 1,4", "2,3,4; 3,1", "1; 2,2", "5; ''", "'';2,1", "1,1; 3,1"})
    void binaryOpsBroadcast(String a, String b) {
        Shape sa = parse(a);
        Shape sb = parse(b);
        GradientCheck.check(in -> Ops.power(in.get(0), in.get(1)), random(1, sa, 0.5, 2), random(2, sb, -2, 2));
        // Operands on two interleaved grids never tie, so finite differences never straddle a switch.
        GradientCheck.check(in -> Ops.maximum(in.get(0), in.get(1)), offGrid(3, sa), onGrid(4, sb));
        GradientCheck.check(in -> Ops.minimum(in.get(0), in.get(1)), offGrid(5, sa), onGrid(6, sb));
        GradientCheck.check(in -> Ops.maximum(in.get(0), in.get(1)), onGrid(7, sa), offGrid(8, sb));
        GradientCheck.check(in -> Ops.minimum(in.get(0), in.get(1)), onGrid(9, sa), offGrid(10, sb));
    }

    @ParameterizedTest(name = "where({0}, {1}, {2})")
    @CsvSource(delimiter = ';', value = {
        "2,3; 2,3; 2,3", "3,1; 1,4; 4", "''; 2,3; 2,3", "2,3,4; 3,1; ''", "1; 1,3; 2,1", "2,1,3; 3; 1,1"})
    void whereBroadcasts(String c, String a, String b) {
        Tensor condition = conditionValues(11, parse(c));
        GradientCheck.check(in -> Ops.where(condition, in.get(0), in.get(1)),
                random(1, parse(a), -1, 1), random(2, parse(b), -1, 1));
    }

    /** Values k/10 in [-1, 1]. */
    static Tensor onGrid(long seed, Shape s) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextInt(21) - 10) / 10f;
        }
        return Tensor.of(v, s);
    }

    /** Values k/10 + 0.05 in [-1, 1]: at least 0.05 from every on-grid value (and from ±0.5). */
    static Tensor offGrid(long seed, Shape s) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextInt(20) - 10) / 10f + 0.05f;
        }
        return Tensor.of(v, s);
    }

    /** A mix of zeros and non-zero values (negative and NaN count as true). */
    static Tensor conditionValues(long seed, Shape s) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] choices = {0f, 1f, -2f, 0f, Float.NaN, 0.5f};
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = choices[r.nextInt(choices.length)];
        }
        return Tensor.of(v, s);
    }
}
