package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values, special cases, tie-breaking, symbolic shapes and shape errors of the elementwise math ops. */
class ElementwiseMathTest {

    private static Tensor vec(float... v) {
        return Tensor.of(v);
    }

    // ---- values ------------------------------------------------------------------------------------------------

    @Test
    void unaryValues() {
        Tensor x = vec(4f, 0.25f, 1f, 0f);
        assertThat(Ops.sqrt(x).toFloatArray()).containsExactly(2f, 0.5f, 1f, 0f);
        assertThat(Ops.rsqrt(x).toFloatArray()).containsExactly(0.5f, 2f, 1f, Float.POSITIVE_INFINITY);
        assertThat(Ops.log(vec(1f, 0f, -1f)).toFloatArray()).containsExactly(0f, Float.NEGATIVE_INFINITY, Float.NaN);
        assertThat(Ops.log(vec((float) Math.E)).item()).isCloseTo(1f, within(1e-7f));
        assertThat(Ops.log1p(vec(0f, 1e-10f, -1f)).toFloatArray()).containsExactly(0f, 1e-10f, Float.NEGATIVE_INFINITY);
        assertThat(Ops.abs(vec(-2f, 0f, 3f, -0f)).toFloatArray()).containsExactly(2f, 0f, 3f, 0f);
        assertThat(Ops.sign(vec(-2f, 0f, 3f, Float.NaN)).toFloatArray()).containsExactly(-1f, 0f, 1f, Float.NaN);
        assertThat(Ops.sqrt(vec(-1f)).item()).isNaN();
    }

    @Test
    void logOfTinyValuesIsFinite() {
        float[] y = Ops.log(vec(1e-38f, Float.MIN_NORMAL, Float.MIN_VALUE, 0f)).toFloatArray();
        assertThat(y[0]).isCloseTo((float) Math.log(1e-38), within(1e-4f));
        assertThat(y[1]).isCloseTo(-87.33655f, within(1e-4f));
        assertThat(y[2]).isCloseTo(-103.27893f, within(1e-4f));
        assertThat(y[3]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void powerValuesAndBroadcasting() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(Ops.power(a, 2f).toFloatArray()).containsExactly(1, 4, 9, 16, 25, 36);
        Tensor y = Ops.power(a, vec(0f, 1f, 0.5f));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 3));
        assertThat(y.toFloatArray()).containsExactly(new float[] {1, 2, (float) Math.sqrt(3), 1, 5,
            (float) Math.sqrt(6)}, within(1e-6f));
        assertThat(Ops.power(vec(-8f, 0f), vec(1f / 3f, -1f)).toFloatArray())
                .containsExactly(Float.NaN, Float.POSITIVE_INFINITY);
    }

    @Test
    void powerExponentGradientIsZeroWhereTheBaseIsNotPositive() {
        Tensor a = vec(-1f, 0f, 2f);
        Tensor b = vec(2f, 2f, 2f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a, b);
            List<Tensor> g = tape.gradient(Ops.power(a, b), a, b);
            assertThat(g.get(0).toFloatArray()).containsExactly(-2f, 0f, 4f);
            assertThat(g.get(1).toFloatArray()).containsExactly(new float[] {0f, 0f, (float) (4 * Math.log(2))},
                    within(1e-6f));
        }
    }

    @Test
    void powerExponentSecondDerivativeIsFiniteAtZeroBase() {
        // The masked log keeps the outer gradient free of 0·(-inf) = NaN where a = 0.
        Tensor a = vec(0f, 2f);
        Tensor b = vec(2f, 3f);
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(b);
            Tensor db;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(b);
                db = inner.gradient(Ops.power(a, b), b);
            }
            float[] d2 = outer.gradient(db, b).toFloatArray();
            assertThat(d2[0]).isEqualTo(0f);
            assertThat(d2[1]).isCloseTo((float) (8 * Math.log(2) * Math.log(2)), within(1e-5f));
        }
    }

    @Test
    void maximumMinimumValuesPropagateNaN() {
        Tensor a = vec(1f, 5f, Float.NaN, -3f);
        Tensor b = vec(2f, 4f, 0f, Float.NaN);
        assertThat(Ops.maximum(a, b).toFloatArray()).containsExactly(2f, 5f, Float.NaN, Float.NaN);
        assertThat(Ops.minimum(a, b).toFloatArray()).containsExactly(1f, 4f, Float.NaN, Float.NaN);
        assertThat(Ops.maximum(a, 3f).toFloatArray()).containsExactly(3f, 5f, Float.NaN, 3f);
        assertThat(Ops.minimum(a, 3f).toFloatArray()).containsExactly(1f, 3f, Float.NaN, -3f);
    }

    @Test
    void tiesSendTheGradientToTheFirstOperand() {
        Tensor a = vec(1f, 2f, 3f);
        Tensor b = vec(1f, 5f, 0f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a, b);
            List<Tensor> g = tape.gradient(Ops.maximum(a, b), a, b);
            assertThat(g.get(0).toFloatArray()).containsExactly(1f, 0f, 1f);
            assertThat(g.get(1).toFloatArray()).containsExactly(0f, 1f, 0f);
        }
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a, b);
            List<Tensor> g = tape.gradient(Ops.minimum(a, b), a, b);
            assertThat(g.get(0).toFloatArray()).containsExactly(1f, 1f, 0f);
            assertThat(g.get(1).toFloatArray()).containsExactly(0f, 0f, 1f);
        }
    }

    @Test
    void broadcastMaximumSumsTheGradientOfTheSmallOperand() {
        Tensor a = Tensor.of(new float[] {1, 5, 2, 7}, 2, 2);
        Tensor b = vec(3f, 3f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(b);
            assertThat(tape.gradient(Ops.maximum(a, b), b).toFloatArray()).containsExactly(2f, 0f);
        }
    }

    @Test
    void clipValuesAndGradientAtTheBounds() {
        Tensor x = vec(-2f, -1f, 0f, 1f, 2f, Float.NaN);
        assertThat(Ops.clip(x, -1f, 1f).toFloatArray()).containsExactly(-1f, -1f, 0f, 1f, 1f, Float.NaN);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            assertThat(tape.gradient(Ops.clip(x, -1f, 1f), x).toFloatArray())
                    .containsExactly(0f, 1f, 1f, 1f, 0f, 0f);
        }
        // numpy's order: maximum with min first, then minimum with max, so max wins when min > max
        assertThat(Ops.clip(vec(0f, 5f), 3f, 1f).toFloatArray()).containsExactly(1f, 1f);
    }

    @Test
    void whereSelectsWithBroadcastingAndNonZeroConditions() {
        Tensor c = Tensor.of(new float[] {1, 0, -2, Float.NaN}, 4, 1);
        Tensor a = vec(10f, 20f);
        Tensor b = Tensor.scalar(-1f);
        Tensor y = Ops.where(c, a, b);
        assertThat(y.shape()).isEqualTo(Shape.of(4, 2));
        assertThat(y.toFloatArray()).containsExactly(10, 20, -1, -1, 10, 20, 10, 20);
        // strided case: no operand is full-size or a single value
        Tensor c2 = Tensor.of(new float[] {1, 0, 1}, 3, 1);
        Tensor a2 = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor b2 = Tensor.of(new float[] {7, 8, 9}, 3, 1);
        assertThat(Ops.where(c2, a2, b2).toFloatArray()).containsExactly(1, 2, 8, 8, 1, 2);
        assertThat(Ops.where(Tensor.zeros(0), vec(), vec()).shape()).isEqualTo(Shape.of(0));
        assertThat(Ops.where(Tensor.zeros(2, 1), Tensor.zeros(0), Tensor.scalar(1f)).shape())
                .isEqualTo(Shape.of(2, 0));
    }

    @Test
    void whereGivesNoGradientToTheConditionAndNoNaNFromInfiniteUpstream() {
        Tensor c = vec(1f, 0f);
        Tensor a = vec(1f, 2f);
        Tensor b = vec(3f, 0f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(c, a, b);
            // log(0) makes the upstream gradient infinite where x2 is selected; x1 must get 0 there, not 0·inf
            List<Tensor> g = tape.gradient(Ops.sum(Ops.log(Ops.where(c, a, b))), c, a, b);
            assertThat(g.get(0)).isNull();
            assertThat(g.get(1).toFloatArray()).containsExactly(1f, 0f);
            assertThat(g.get(2).toFloatArray()).containsExactly(0f, Float.POSITIVE_INFINITY);
        }
    }

    @Test
    void comparisons() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, Float.NaN}, 2, 2);
        Tensor b = vec(2f, 2f);
        assertThat(Ops.equal(a, b).toFloatArray()).containsExactly(0, 1, 0, 0);
        assertThat(Ops.notEqual(a, b).toFloatArray()).containsExactly(1, 0, 1, 1);
        assertThat(Ops.greater(a, b).toFloatArray()).containsExactly(0, 0, 1, 0);
        assertThat(Ops.greaterEqual(a, b).toFloatArray()).containsExactly(0, 1, 1, 0);
        assertThat(Ops.less(a, b).toFloatArray()).containsExactly(1, 0, 0, 0);
        assertThat(Ops.lessEqual(a, b).toFloatArray()).containsExactly(1, 1, 0, 0);
        assertThat(Ops.greater(a, 1.5f).toFloatArray()).containsExactly(0, 1, 1, 0);
        assertThat(Ops.equal(a, 3f).toFloatArray()).containsExactly(0, 0, 1, 0);
        assertThat(Ops.notEqual(a, 3f).toFloatArray()).containsExactly(1, 1, 0, 1);
        assertThat(Ops.greaterEqual(a, 2f).toFloatArray()).containsExactly(0, 1, 1, 0);
        assertThat(Ops.less(a, 2f).toFloatArray()).containsExactly(1, 0, 0, 0);
        assertThat(Ops.lessEqual(a, 2f).toFloatArray()).containsExactly(1, 1, 0, 0);
        assertThat(Ops.less(vec(1f, 2f, 3f), Tensor.of(new float[] {2f}, 1, 1)).shape()).isEqualTo(Shape.of(1, 3));
    }

    @Test
    void comparisonsAreNotDifferentiable() {
        Tensor x = vec(1f, 2f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            assertThat(tape.gradient(Ops.greater(x, 1.5f), x)).isNull();
        }
    }

    @Test
    void signHasAZeroGradient() {
        Tensor x = vec(-1f, 2f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            assertThat(tape.gradient(Ops.multiply(Ops.sign(x), 3f), x).toFloatArray()).containsExactly(0f, 0f);
        }
    }

    @Test
    void stopGradientKeepsValuesAndBlocksGradients() {
        Tensor x = vec(1f, 2f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor s = Ops.stopGradient(x);
            assertThat(s).isNotSameAs(x);
            assertThat(s.toFloatArray()).containsExactly(1f, 2f);
            assertThat(tape.gradient(Ops.square(s), x)).isNull();
        }
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            // x·stopGradient(x) differentiates as x·c: the gradient is c = x, not 2x
            assertThat(tape.gradient(Ops.multiply(x, Ops.stopGradient(x)), x).toFloatArray())
                    .containsExactly(1f, 2f);
        }
    }

    @Test
    void stopGradientOfAVariableIsASnapshot() {
        Variable v = new Variable(vec(1f, 2f));
        try (GradientTape tape = GradientTape.record()) {
            Tensor s = Ops.stopGradient(v);
            v.assign(vec(5f, 6f));
            assertThat(s.toFloatArray()).containsExactly(1f, 2f);
            assertThat(tape.gradient(Ops.sum(s), v)).isNull();
        }
    }

    // ---- symbolic shapes --------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"power", "maximum", "minimum", "equal", "notEqual", "greater", "greaterEqual", "less",
        "lessEqual"})
    void binaryOpsInferSymbolicShapes(String name) {
        BinaryOperator<Tensor> op = binary(name);
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        assertThat(op.apply(x, Tensor.zeros(3)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThat(op.apply(Graph.input(Shape.of(Shape.UNKNOWN, 1), "x"), Tensor.zeros(4)).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 4));
        assertThat(op.apply(x, Tensor.zeros(2, 1, 3)).shape()).isEqualTo(Shape.of(2, Shape.UNKNOWN, 3));
        Tensor y = op.apply(Tensor.scalar(1f), x);
        assertThat(y.isSymbolic()).isTrue();
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
    }

    @ParameterizedTest
    @ValueSource(strings = {"power", "maximum", "minimum", "equal", "notEqual", "greater", "greaterEqual", "less",
        "lessEqual"})
    void binaryOpsRejectIncompatibleShapes(String name) {
        BinaryOperator<Tensor> op = binary(name);
        assertThatThrownBy(() -> op.apply(Tensor.zeros(2, 3), Tensor.zeros(4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageStartingWith(name + ": shapes (2, 3) and (4,) cannot be broadcast together")
                .hasMessageContaining("dimensions 3 and 4 differ");
        assertThatThrownBy(() -> op.apply(Graph.input(Shape.of(Shape.UNKNOWN, 3), "x"), Tensor.zeros(5, 2)))
                .isInstanceOf(ShapeException.class)
                .hasMessageStartingWith(name + ": shapes (None, 3) and (5, 2) cannot be broadcast together");
    }

    @Test
    void unaryOpsKeepSymbolicShapes() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        List<UnaryOperator<Tensor>> ops = List.of(Ops::sqrt, Ops::rsqrt, Ops::log, Ops::log1p, Ops::abs, Ops::sign,
                Ops::erf, Ops::stopGradient, t -> Ops.clip(t, 0f, 1f), t -> Ops.power(t, 2f));
        for (UnaryOperator<Tensor> op : ops) {
            Tensor y = op.apply(x);
            assertThat(y.isSymbolic()).isTrue();
            assertThat(y.shape()).isEqualTo(x.shape());
        }
        SymbolicTensor clipped = (SymbolicTensor) Ops.clip(x, -1f, 2f);
        assertThat(Graph.producer(clipped).orElseThrow().operation().name()).isEqualTo("clip");
    }

    @Test
    void symbolicOpsReplayOnConcreteInputs() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 2), "x");
        SymbolicTensor y = (SymbolicTensor) Ops.where(Ops.greater(x, 0f), Ops.sqrt(x), Ops.clip(x, -1f, 1f));
        var node = Graph.producer(y).orElseThrow();
        assertThat(node.operation().name()).isEqualTo("where");
        // replaying the where node on concrete inputs computes it
        Tensor replayed = node.operation().apply(List.of(vec(1f, 0f), vec(4f, 9f), vec(-1f, -1f))).get(0);
        assertThat(replayed.toFloatArray()).containsExactly(4f, -1f);
    }

    @Test
    void whereInfersSymbolicShapes() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        assertThat(Ops.where(x, Tensor.zeros(3), Tensor.scalar(0f)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThat(Ops.where(Tensor.ones(2, 1, 1), x, Tensor.zeros(3)).shape())
                .isEqualTo(Shape.of(2, Shape.UNKNOWN, 3));
        SymbolicTensor c = Graph.input(Shape.of(Shape.UNKNOWN, 1), "c");
        assertThat(Ops.where(c, Tensor.zeros(3), x).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThat(Ops.where(c, Tensor.zeros(1, 4), Tensor.scalar(0f)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4));
    }

    @Test
    void whereRejectsIncompatibleShapesNamingAllThree() {
        assertThatThrownBy(() -> Ops.where(Tensor.zeros(2, 3), Tensor.zeros(4), Tensor.zeros(3)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("where: condition (2, 3), x1 (4,) and x2 (3,) cannot be broadcast together: at axis -1 "
                        + "(counted from the end) the dimensions are 3, 4 and 3; each must be 1 or equal the others "
                        + "(dimensions are aligned from the right)");
        assertThatThrownBy(() -> Ops.where(Graph.input(Shape.of(Shape.UNKNOWN, 3), "c"), Tensor.zeros(4, 1),
                Tensor.zeros(2, 1)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("condition (None, 3), x1 (4, 1) and x2 (2, 1)")
                .hasMessageContaining("at axis -2 (counted from the end) the dimensions are None, 4 and 2");
    }

    private static BinaryOperator<Tensor> binary(String name) {
        return switch (name) {
            case "power" -> Ops::power;
            case "maximum" -> Ops::maximum;
            case "minimum" -> Ops::minimum;
            case "equal" -> Ops::equal;
            case "notEqual" -> Ops::notEqual;
            case "greater" -> Ops::greater;
            case "greaterEqual" -> Ops::greaterEqual;
            case "less" -> Ops::less;
            case "lessEqual" -> Ops::lessEqual;
            default -> throw new IllegalArgumentException(name);
        };
    }
}
