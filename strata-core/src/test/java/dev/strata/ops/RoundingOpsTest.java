package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * floor, ceil, trunc and round (with decimals) bit for bit against Keras 3 ({@link Ops13Golden}), their zero
 * gradients, symbolic shapes.
 */
class RoundingOpsTest {
    private static Tensor x() {
        return Tensor.of(Ops13Golden.X, Ops13Golden.X.length);
    }

    @Test
    void floorCeilTruncAndRoundMatchKerasBitForBit() {
        assertExact("floor", Ops.floor(x()), Ops13Golden.FLOOR);
        assertExact("ceil", Ops.ceil(x()), Ops13Golden.CEIL);
        assertExact("trunc", Ops.trunc(x()), Ops13Golden.TRUNC);
        assertExact("round", Ops.round(x()), Ops13Golden.ROUND);
    }

    @Test
    void roundWithDecimalsMatchesKerasBitForBit() {
        Tensor r = Tensor.of(Ops13Golden.R, Ops13Golden.R.length);
        for (int d : Ops13Golden.ROUND_DECIMALS) {
            float[] expected = Ops13Checks.golden(("ROUND_D" + d).replace("-", "M"));
            assertExact("round(x, " + d + ")", Ops.round(r, d), expected);
        }
        assertThat(Ops.round(r, 0).toFloatArray()).containsExactly(Ops.round(r).toFloatArray());
    }

    @Test
    void roundHalvesToEven() {
        assertThat(Ops.round(Tensor.of(new float[] {0.5f, 1.5f, 2.5f, -0.5f, -1.5f}, 5)).toFloatArray())
                .containsExactly(0f, 2f, 2f, -0f, -2f);
        assertThat(Ops.round(Tensor.of(new float[] {0.125f, 0.375f, 150f, 250f}, 4), 2).toFloatArray())
                .containsExactly(0.12f, 0.38f, 150f, 250f);
        assertThat(Ops.round(Tensor.of(new float[] {150f, 250f, -350f}, 3), -2).toFloatArray())
                .containsExactly(200f, 200f, -400f);
    }

    /**
     * At 38 decimals Keras's XLA flushes the subnormal reciprocal 1e-38 to zero and gives 0 (NaN for ±inf); Strata
     * keeps it, so rounding there changes values only beyond float32's precision.
     */
    @Test
    void roundTo38DecimalsKeepsTheValue() {
        Tensor v = Tensor.of(new float[] {1.2345f, -2.5f, 1e-30f, 3.5f}, 4);
        float[] got = Ops.round(v, 38).toFloatArray();
        assertThat(got[0]).isCloseTo(1.2345f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(got[1]).isCloseTo(-2.5f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(got[2]).isCloseTo(1e-30f, org.assertj.core.data.Offset.offset(1e-36f));
        assertThat(got[3]).as("3.5e38 overflows float32, as in Keras").isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void gradientsAreZeroAndRecorded() {
        Tensor v = GradientCheck.randomAwayFromZero(3, Shape.of(2, 3), 3, 0.1);
        List<UnaryOperator<Tensor>> all = List.of(Ops::floor, Ops::ceil, Ops::trunc, Ops::round,
                t -> Ops.round(t, 1), t -> Ops.round(t, -1));
        for (UnaryOperator<Tensor> f : all) {
            Tensor g = Ops13Checks.derivative(f, v);
            assertThat(g).as("a zero gradient, not none").isNotNull();
            assertThat(g.shape()).isEqualTo(v.shape());
            assertThat(g.toFloatArray()).containsOnly(0f);
            // a target through x and the rounded x: the zero gradient adds nothing
            Tensor both = Ops13Checks.derivative(t -> Ops.add(f.apply(t), Ops.multiply(t, 2f)), v);
            assertThat(both.toFloatArray()).containsOnly(2f);
        }
    }

    @Test
    void symbolicInputsRecordTheOpWithItsArguments() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        for (UnaryOperator<Tensor> f : List.<UnaryOperator<Tensor>>of(Ops::floor, Ops::ceil, Ops::trunc,
                Ops::round)) {
            assertThat(f.apply(x).shape()).isEqualTo(x.shape());
        }
        var op = Graph.producer((SymbolicTensor) Ops.round(x, -1)).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("round");
        assertThat(((dev.strata.graph.PrimitiveOp) op).config()).containsEntry("decimals", -1);
        assertThat(op.apply(List.of(Tensor.of(new float[] {14f, 15f, 26f}, 3))).get(0).toFloatArray())
                .containsExactly(10f, 20f, 30f);
    }
}
