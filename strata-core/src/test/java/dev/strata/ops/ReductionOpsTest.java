package dev.strata.ops;

import static dev.strata.ops.OpsTesting.U;
import static dev.strata.ops.OpsTesting.distinct;
import static dev.strata.ops.OpsTesting.gradientOfSum;
import static dev.strata.ops.OpsTesting.innerGradient;
import static dev.strata.ops.OpsTesting.input;
import static dev.strata.ops.OpsTesting.random;
import static dev.strata.ops.OpsTesting.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** max, min, prod, variance, std, logsumexp, argmax and argmin: gradients, values, symbolic shapes, errors. */
class ReductionOpsTest {

    static Stream<Arguments> reductionCases() {
        Shape[] shapes = {Shape.of(2, 3, 4), Shape.of(1, 5), Shape.of(3, 1, 2), Shape.of(4)};
        Stream.Builder<Arguments> b = Stream.builder();
        for (Shape s : shapes) {
            b.add(Arguments.of(s, "all"));
            b.add(Arguments.of(s, "axis -1"));
            b.add(Arguments.of(s, "axis 0 keepDims"));
            if (s.rank() >= 2) {
                b.add(Arguments.of(s, "axes {0,-1} no keepDims"));
                b.add(Arguments.of(s, "axes {-1,0} keepDims"));
            }
        }
        return b.build();
    }

    /** The overload a case names, applied through the given op family. */
    private static Tensor reduce(String op, String how, Tensor x) {
        return switch (how) {
            case "all" -> switch (op) {
                case "max" -> Ops.max(x);
                case "min" -> Ops.min(x);
                case "prod" -> Ops.prod(x);
                case "variance" -> Ops.variance(x);
                case "std" -> Ops.std(x);
                default -> Ops.logsumexp(x);
            };
            case "axis -1" -> switch (op) {
                case "max" -> Ops.max(x, -1);
                case "min" -> Ops.min(x, -1);
                case "prod" -> Ops.prod(x, -1);
                case "variance" -> Ops.variance(x, -1);
                case "std" -> Ops.std(x, -1);
                default -> Ops.logsumexp(x, -1);
            };
            default -> {
                int[] axes = how.startsWith("axis 0") ? new int[] {0}
                        : how.startsWith("axes {0,-1}") ? new int[] {0, -1} : new int[] {-1, 0};
                boolean keep = !how.contains("no keepDims") && how.contains("keepDims");
                yield switch (op) {
                    case "max" -> Ops.max(x, axes, keep);
                    case "min" -> Ops.min(x, axes, keep);
                    case "prod" -> Ops.prod(x, axes, keep);
                    case "variance" -> Ops.variance(x, axes, keep);
                    case "std" -> Ops.std(x, axes, keep);
                    default -> Ops.logsumexp(x, axes, keep);
                };
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("reductionCases")
    void gradientsMatchFiniteDifferences(Shape shape, String how) {
        Tensor x = distinct(7, shape);
        for (String op : new String[] {"max", "min", "variance", "logsumexp"}) {
            GradientCheck.check(in -> reduce(op, how, in.get(0)), x);
        }
        // std has no derivative where a group has one element (its std is 0), so those cases are skipped
        boolean singletons = reduce("std", how, x).size() == x.size();
        if (!singletons) {
            GradientCheck.check(in -> reduce("std", how, in.get(0)), x);
        }
        // prod: values near ±1 keep the product well scaled
        Tensor p = GradientCheck.random(3, shape, 0.5, 1.5);
        GradientCheck.check(in -> reduce("prod", how, in.get(0)), p);
    }

    @Test
    void keepDimsShapes() {
        Tensor x = random(1, 2, 3, 4);
        assertThat(Ops.max(x, new int[] {0, 2}, true).shape()).isEqualTo(Shape.of(1, 3, 1));
        assertThat(Ops.min(x, new int[] {0, 2}, false).shape()).isEqualTo(Shape.of(3));
        assertThat(Ops.prod(x, new int[] {-1}, true).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(Ops.variance(x, new int[] {1}, true).shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(Ops.std(x).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.logsumexp(x, new int[] {0, 1, 2}, true).shape()).isEqualTo(Shape.of(1, 1, 1));
        assertThat(Ops.argmax(x, 1, true).shape()).isEqualTo(Shape.of(2, 1, 4));
        assertThat(Ops.argmin(x, -1).shape()).isEqualTo(Shape.of(2, 3));
    }

    // ---- max / min ---------------------------------------------------------------------------------------------

    @Test
    void maxSplitsTheGradientAmongTies() {
        Tensor x = Tensor.of(new float[][] {{1, 3, 3, 2}, {5, 5, 5, 0}, {-1, -2, -3, -4}});
        assertThat(gradientOfSum(t -> Ops.max(t, 1), x).toFloatArray())
                .containsExactly(0, 0.5f, 0.5f, 0, 1 / 3f, 1 / 3f, 1 / 3f, 0, 1, 0, 0, 0);
        assertThat(gradientOfSum(t -> Ops.min(t, 1), x).toFloatArray())
                .containsExactly(1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1);
        // over all axes, the two 5s... are three 5s
        assertThat(gradientOfSum(Ops::max, x).toFloatArray())
                .containsExactly(0, 0, 0, 0, 1 / 3f, 1 / 3f, 1 / 3f, 0, 0, 0, 0, 0);
    }

    @Test
    void maxAndMinValuesPropagateNaN() {
        assertThat(Ops.max(vector(1, Float.NaN, 3)).item()).isNaN();
        assertThat(Ops.min(vector(1, 2, -3)).item()).isEqualTo(-3f);
        assertThat(Ops.max(vector(Float.NEGATIVE_INFINITY, -1)).item()).isEqualTo(-1f);
    }

    @Test
    void maxOfNothingIsAnError() {
        assertThatThrownBy(() -> Ops.max(Tensor.zeros(0, 3), 0))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("max").hasMessageContaining("(0, 3)").hasMessageContaining("no elements");
        assertThatThrownBy(() -> Ops.min(Tensor.zeros(0)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("min");
        assertThat(Ops.max(Tensor.zeros(3, 0), 0).shape()).isEqualTo(Shape.of(0));
    }

    // ---- prod --------------------------------------------------------------------------------------------------

    @Test
    void prodGradientWithZeros() {
        // one zero: only the zero's gradient survives, the product of the others
        assertThat(gradientOfSum(Ops::prod, vector(2, 0, 3)).toFloatArray()).containsExactly(0, 6, 0);
        // two zeros: every gradient is zero
        assertThat(gradientOfSum(Ops::prod, vector(0, 4, 0)).toFloatArray()).containsExactly(0, 0, 0);
        // rows reduced separately, one with a zero
        Tensor x = Tensor.of(new float[][] {{2, 0, 5}, {1, 2, 3}});
        assertThat(gradientOfSum(t -> Ops.prod(t, 1), x).toFloatArray()).containsExactly(0, 10, 0, 6, 3, 2);
        // and finite differences agree around the zero
        GradientCheck.check(in -> Ops.prod(in.get(0), 0), Tensor.of(new float[][] {{2, 0, 5}, {0, 0, 3}, {1, 2, -1}}));
        GradientCheck.check(in -> Ops.prod(in.get(0), new int[] {1, 2}, true),
                Tensor.of(new float[] {0, 1.5f, -1, 2, 0.5f, 1, 1, 0}, 2, 2, 2));
    }

    @Test
    void prodValues() {
        assertThat(Ops.prod(vector(2, -3, 0.5f)).item()).isEqualTo(-3f);
        assertThat(Ops.prod(Tensor.zeros(0)).item()).isEqualTo(1f);
        assertThat(Ops.prod(Tensor.of(new float[][] {{1, 2}, {3, 4}}), 0).toFloatArray()).containsExactly(3, 8);
    }

    // ---- variance, std -----------------------------------------------------------------------------------------

    @Test
    void varianceIsThePopulationVariance() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 5}});
        assertThat(Ops.variance(x, 0).toFloatArray()).containsExactly(1f, 2.25f);
        assertThat(Ops.variance(x).item()).isCloseTo(2.1875f, within(1e-6f));
        assertThat(Ops.std(vector(1, 2, 3, 4)).item()).isCloseTo((float) Math.sqrt(1.25), within(1e-6f));
        // a large offset does not ruin the two-pass variance
        assertThat(Ops.variance(vector(1e4f + 1, 1e4f + 2, 1e4f + 3)).item()).isCloseTo(2 / 3f, within(1e-3f));
    }

    // ---- logsumexp ---------------------------------------------------------------------------------------------

    @Test
    void logsumexpIsStable() {
        float ln2 = (float) Math.log(2);
        assertThat(Ops.logsumexp(vector(1000, 1000)).item()).isCloseTo(1000 + ln2, within(1e-3f));
        assertThat(Ops.logsumexp(vector(-1000, -1000)).item()).isCloseTo(-1000 + ln2, within(1e-3f));
        Tensor rows = Tensor.of(new float[][] {{1000, 999}, {-1000, -1001}});
        float tail = (float) Math.log1p(Math.exp(-1));
        assertThat(Ops.logsumexp(rows, 1).toFloatArray()).containsExactly(new float[] {1000 + tail, -1000 + tail},
                within(1e-3f));
        assertThat(Ops.logsumexp(vector(Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY)).item())
                .isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(Ops.logsumexp(vector(Float.POSITIVE_INFINITY, 0)).item()).isEqualTo(Float.POSITIVE_INFINITY);
        // the gradient (a softmax) is finite too
        float[] g = gradientOfSum(t -> Ops.logsumexp(t, 1), rows).toFloatArray();
        float e = (float) (1 / (1 + Math.exp(-1)));
        assertThat(g).containsExactly(new float[] {e, 1 - e, e, 1 - e}, within(1e-5f));
        GradientCheck.check(in -> Ops.logsumexp(in.get(0), 1), rows);
    }

    // ---- second derivatives ------------------------------------------------------------------------------------

    @Test
    void secondDerivatives() {
        Tensor x = distinct(3, Shape.of(2, 3));
        GradientCheck.check(in -> innerGradient(t -> Ops.logsumexp(t, 1), in.get(0)), x);
        GradientCheck.check(in -> innerGradient(t -> Ops.square(Ops.max(t, 0)), in.get(0)), x);
        GradientCheck.check(in -> innerGradient(t -> Ops.variance(t, -1), in.get(0)), x);
        GradientCheck.check(in -> innerGradient(t -> Ops.std(t, new int[] {0, 1}, false), in.get(0)), x);
        GradientCheck.check(in -> innerGradient(t -> Ops.prod(t, 1), in.get(0)),
                Tensor.of(new float[][] {{2, 0, 1.5f}, {-1, 0.5f, 3}}));
        GradientCheck.check(in -> innerGradient(t -> Ops.prod(t, new int[] {0, 1}, true), in.get(0)),
                Tensor.of(new float[][] {{1.2f, 0, 0.7f}, {-1, 0.5f, 1.1f}}));
    }

    // ---- argmax / argmin ---------------------------------------------------------------------------------------

    @Test
    void argmaxTakesTheFirstOfTies() {
        Tensor x = Tensor.of(new float[][] {{1, 3, 3}, {2, 2, 1}, {0, 0, 0}});
        assertThat(Ops.argmax(x, 1).toFloatArray()).containsExactly(1, 0, 0);
        assertThat(Ops.argmin(x, 1).toFloatArray()).containsExactly(0, 2, 0);
        assertThat(Ops.argmax(x, 0).toFloatArray()).containsExactly(1, 0, 0);
        assertThat(Ops.argmax(x, -2, true).shape()).isEqualTo(Shape.of(1, 3));
        assertThat(Ops.argmax(x).item()).isEqualTo(1f);
        assertThat(Ops.argmin(x).item()).isEqualTo(6f);
        assertThat(Ops.argmax(vector(1, Float.NaN, 5, Float.NaN)).item()).isEqualTo(1f); // numpy: NaN wins
        assertThat(Ops.argmin(vector(1, Float.NaN, -5)).item()).isEqualTo(1f);
        assertThat(Ops.argmax(Tensor.scalar(4)).item()).isEqualTo(0f);
    }

    @Test
    void argmaxIsNotDifferentiable() {
        Tensor x = random(1, 2, 3);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.sum(Ops.argmax(x, 1));
            assertThat(tape.gradient(y, x)).isNull();
        }
    }

    @Test
    void argmaxErrors() {
        assertThatThrownBy(() -> Ops.argmax(Tensor.zeros(2, 0), 1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("argmax").hasMessageContaining("(2, 0)")
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Ops.argmin(Tensor.zeros(2, 3), 2))
                .isInstanceOf(ShapeException.class).hasMessageContaining("argmin").hasMessageContaining("axis 2")
                .hasMessageContaining("(2, 3)");
    }

    // ---- symbolic shapes and bad axes --------------------------------------------------------------------------

    @Test
    void symbolicShapes() {
        Tensor x = input(U, 3, 4);
        assertThat(Ops.max(x, 1).shape()).isEqualTo(Shape.of(U, 4));
        assertThat(Ops.min(x, new int[] {0}, true).shape()).isEqualTo(Shape.of(1, 3, 4));
        assertThat(Ops.prod(x, -1).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.variance(x, new int[] {1, 2}, false).shape()).isEqualTo(Shape.of(U));
        assertThat(Ops.std(x).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.logsumexp(x, new int[] {-1}, true).shape()).isEqualTo(Shape.of(U, 3, 1));
        assertThat(Ops.argmax(x, 2).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.argmin(x, 0, true).shape()).isEqualTo(Shape.of(1, 3, 4));
        assertThat(Ops.argmax(x).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.max(x).isSymbolic()).isTrue();
    }

    @Test
    void badAxesNameTheOpAndShape() {
        Tensor x = Tensor.zeros(2, 3);
        for (var c : java.util.List.<java.util.Map.Entry<String, Runnable>>of(
                java.util.Map.entry("max", () -> Ops.max(x, 2)),
                java.util.Map.entry("min", () -> Ops.min(x, -3)),
                java.util.Map.entry("prod", () -> Ops.prod(x, new int[] {0, -2}, false)),
                java.util.Map.entry("var", () -> Ops.variance(x, 5)),
                java.util.Map.entry("std", () -> Ops.std(input(U, 3), 2)),
                java.util.Map.entry("logsumexp", () -> Ops.logsumexp(x, 9)))) {
            assertThatThrownBy(c.getValue()::run).as(c.getKey()).isInstanceOf(ShapeException.class)
                    .hasMessageStartingWith(c.getKey() + ":").hasMessageContaining("(");
        }
    }
}
