package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logical ops, isnan/isinf/isfinite and nan_to_num against Keras 3 ({@link Ops13Golden}): booleans as 1 and
 * 0, NaN counting as true, broadcasting, gradients (none for the logical and class tests; nan_to_num passes g where
 * x is finite), symbolic shapes.
 */
class LogicalOpsTest {
    private static Tensor x() {
        return Tensor.of(Ops13Golden.X, Ops13Golden.X.length);
    }

    @Test
    void logicalOpsBroadcastAndMatchKeras() {
        Tensor a = Tensor.of(Ops13Golden.LA, 3, 1);
        Tensor b = Tensor.of(Ops13Golden.LB, 4);
        Tensor and = Ops.logicalAnd(a, b);
        assertThat(and.shape()).isEqualTo(Shape.of(3, 4));
        assertExact("logical_and", and, Ops13Golden.LOGICAL_AND);
        assertExact("logical_or", Ops.logicalOr(a, b), Ops13Golden.LOGICAL_OR);
        assertExact("logical_xor", Ops.logicalXor(a, b), Ops13Golden.LOGICAL_XOR);
        assertExact("logical_not", Ops.logicalNot(x()), Ops13Golden.LOGICAL_NOT);
    }

    @Test
    void floatClassesMatchKeras() {
        assertExact("isnan", Ops.isNan(x()), Ops13Golden.ISNAN);
        assertExact("isinf", Ops.isInf(x()), Ops13Golden.ISINF);
        assertExact("isfinite", Ops.isFinite(x()), Ops13Golden.ISFINITE);
    }

    @Test
    void nanToNumMatchesKeras() {
        assertExact("nan_to_num", Ops.nanToNum(x()), Ops13Golden.NAN_TO_NUM);
        assertExact("nan_to_num(1.5, 2, -3)", Ops.nanToNum(x(), 1.5f, 2f, -3f), Ops13Golden.NAN_TO_NUM_1_5_2_M3);
        assertThat(Ops.nanToNum(Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY}, 3), 0f, null, -1f).toFloatArray())
                .containsExactly(0f, Float.MAX_VALUE, -1f);
    }

    @Test
    void nanToNumPassesTheGradientWhereXIsFinite() {
        Tensor n = Tensor.of(Ops13Golden.N, Ops13Golden.N.length);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6);
        assertGolden("d nan_to_num", Ops13Checks.gradient(Ops::nanToNum, n, w), Shape.of(6),
                Ops13Golden.NAN_TO_NUM_GRAD, 0, 0);
        GradientCheck.check(in -> Ops.nanToNum(in.get(0), 1f, 2f, 3f), GradientCheck.random(1, Shape.of(2, 3), -2, 2));
    }

    @Test
    void logicalOpsAndClassTestsRecordNoGradient() {
        Tensor v = GradientCheck.random(2, Shape.of(3), -1, 1);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(v);
            Tensor y = Ops.add(Ops.add(Ops.logicalAnd(v, v), Ops.logicalOr(v, v)), Ops.add(Ops.logicalXor(v, v),
                    Ops.logicalNot(v)));
            y = Ops.add(y, Ops.add(Ops.isNan(v), Ops.add(Ops.isInf(v), Ops.isFinite(v))));
            assertThat(tape.gradient(Ops.sum(y), v)).isNull();
        }
    }

    @Test
    void symbolicInputsRecordTheOps() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        SymbolicTensor b = Graph.input(Shape.of(4, 1, 1), "b");
        for (Tensor y : List.of(Ops.logicalAnd(x, b), Ops.logicalOr(x, b), Ops.logicalXor(x, b))) {
            assertThat(y.shape()).isEqualTo(Shape.of(4, Shape.UNKNOWN, 3));
        }
        for (Tensor y : List.of(Ops.logicalNot(x), Ops.isNan(x), Ops.isInf(x), Ops.isFinite(x), Ops.nanToNum(x))) {
            assertThat(y.shape()).isEqualTo(x.shape());
        }
        var op = Graph.producer((SymbolicTensor) Ops.nanToNum(x, 1f, null, -2f)).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("nan_to_num");
        assertThat(((dev.strata.graph.PrimitiveOp) op).config()).containsEntry("nan", 1f).containsEntry("posinf", null).containsEntry("neginf", -2f);
        assertThat(op.apply(List.of(Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY}, 3))).get(0).toFloatArray()).containsExactly(1f, Float.MAX_VALUE, -2f);
    }

    @Test
    void logicalOpsRejectShapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> Ops.logicalAnd(Tensor.zeros(2, 3), Tensor.zeros(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("logicalAnd")
                .hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.logicalXor(Graph.input(Shape.of(Shape.UNKNOWN, 3), "x"), Tensor.zeros(4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("logicalXor");
    }
}
