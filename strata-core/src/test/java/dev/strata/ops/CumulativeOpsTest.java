package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cumsum and cumprod against Keras 3 ({@link Ops13Golden}) along each axis and flattened, with gradients (cumprod's
 * exact where x has zeros), finite-difference and second-derivative checks, symbolic shapes and axis errors.
 */
class CumulativeOpsTest {
    private static final double RTOL = 1e-6;
    private static final double ATOL = 1e-6;

    private static Tensor t() {
        return Tensor.of(Ops13Golden.T, 2, 3, 4);
    }

    private static Tensor tz() {
        return Tensor.of(Ops13Golden.TZ, 2, 3, 4);
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(strings = {"FLAT", "0", "1", "-1"})
    void valuesAndGradientsMatchKeras(String axisName) {
        boolean flat = axisName.equals("FLAT");
        Integer axis = flat ? null : Integer.parseInt(axisName);
        String tag = flat ? "FLAT" : ("AXIS" + axis).replace("-", "M");
        Shape shape = flat ? Shape.of(24) : Shape.of(2, 3, 4);
        Tensor w = flat ? Tensor.of(Ops13Golden.W_FLAT, 24) : Tensor.of(Ops13Golden.W, 2, 3, 4);
        UnaryOperator<Tensor> cumsum = v -> flat ? Ops.cumsum(v) : Ops.cumsum(v, axis);
        UnaryOperator<Tensor> cumprod = v -> flat ? Ops.cumprod(v) : Ops.cumprod(v, axis);
        assertGolden("cumsum " + tag, cumsum.apply(t()), shape, Ops13Checks.golden("CUMSUM_" + tag), RTOL, ATOL);
        assertGolden("d cumsum " + tag, Ops13Checks.gradient(cumsum, t(), w), Shape.of(2, 3, 4),
                Ops13Checks.golden("CUMSUM_" + tag + "_GRAD"), RTOL, ATOL);
        assertGolden("cumprod " + tag, cumprod.apply(tz()), shape, Ops13Checks.golden("CUMPROD_" + tag), RTOL, ATOL);
        assertGolden("d cumprod " + tag, Ops13Checks.gradient(cumprod, tz(), w), Shape.of(2, 3, 4),
                Ops13Checks.golden("CUMPROD_" + tag + "_GRAD"), RTOL, ATOL);
    }

    @Test
    void cumprodGradientIsExactAtZeros() {
        // x = [2, 0, 3, 0, 5]: the second element's gradient sees the products that skip it (JAX gives 22)
        Tensor x = Tensor.of(new float[] {2, 0, 3, 0, 5}, 5);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5}, 5);
        assertThat(Ops13Checks.gradient(v -> Ops.cumprod(v, 0), x, w).toFloatArray())
                .containsExactly(1f, 22f, 0f, 0f, 0f);
        // the same from the differentiable form, which the gradient takes when a tape records it
        try (dev.strata.autodiff.GradientTape outer = dev.strata.autodiff.GradientTape.record()) {
            outer.watch(x);
            assertThat(Ops13Checks.gradient(v -> Ops.cumprod(v, 0), x, w).toFloatArray())
                    .containsExactly(1f, 22f, 0f, 0f, 0f);
            Tensor t3 = Ops.reshape(tz(), 2, 3, 4);
            outer.watch(t3);
            Tensor wt = Tensor.of(Ops13Golden.W, 2, 3, 4);
            assertGolden("d cumprod axis 1, differentiable form", Ops13Checks.gradient(v -> Ops.cumprod(v, 1), t3,
                    wt), Shape.of(2, 3, 4), Ops13Golden.CUMPROD_AXIS1_GRAD, RTOL, ATOL);
        }
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, 2, -1})
    void gradientsMatchFiniteDifferences(int axis) {
        Tensor x = GradientCheck.random(1, Shape.of(2, 3, 4), -1.5, 1.5);
        GradientCheck.check(in -> Ops.cumsum(in.get(0), axis), x);
        GradientCheck.check(in -> Ops.cumprod(in.get(0), axis), x);
        // with a zero in each row along the axis
        Tensor z = Ops.multiply(x, Ops.notEqual(Ops.cumsum(Tensor.ones(x.shape()), axis), 2f));
        GradientCheck.check(in -> Ops.cumprod(in.get(0), axis), z);
    }

    @Test
    void flattenedGradientsMatchFiniteDifferences() {
        GradientCheck.check(in -> Ops.cumsum(in.get(0)), GradientCheck.random(2, Shape.of(2, 3), -1, 1));
        GradientCheck.check(in -> Ops.cumprod(in.get(0)), GradientCheck.random(3, Shape.of(3, 2), 0.5, 1.5));
    }

    @ParameterizedTest(name = "axis {0}")
    @ValueSource(ints = {0, 1, -1})
    void secondDerivativesMatchFiniteDifferences(int axis) {
        Tensor x = GradientCheck.random(4, Shape.of(2, 3), -1.5, 1.5);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.cumsum(Ops.square(v), axis), in.get(0)), x);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.cumprod(v, axis), in.get(0)), x);
        Tensor zero = Tensor.of(new float[] {0.5f, 0f, -1.2f, 0.8f, 1.1f, 0f}, 2, 3);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.cumprod(v, axis), in.get(0)), zero);
    }

    @Test
    void symbolicShapesFollowKeras() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3, 4), "x");
        assertThat(Ops.cumsum(x, 1).shape()).isEqualTo(x.shape());
        assertThat(Ops.cumprod(x, -1).shape()).isEqualTo(x.shape());
        assertThat(Ops.cumsum(x).shape()).as("flattened, unknown size").isEqualTo(Shape.of(Shape.UNKNOWN));
        assertThat(Ops.cumprod(Graph.input(Shape.of(3, 4), "y")).shape()).isEqualTo(Shape.of(12));
        var op = Graph.producer((SymbolicTensor) Ops.cumsum(x, -2)).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("cumsum");
        assertThat(((dev.strata.graph.PrimitiveOp) op).config()).containsEntry("axis", -2);
        assertThat(op.apply(List.of(Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2))).get(0).toFloatArray())
                .containsExactly(1f, 2f, 4f, 6f);
        assertThat(Ops.cumsum(Tensor.scalar(3f)).toFloatArray()).containsExactly(3f);
        assertThat(Ops.cumprod(Tensor.zeros(0, 3), 1).shape()).isEqualTo(Shape.of(0, 3));
    }

    @Test
    void badAxesNameTheOpAndTheShape() {
        assertThatThrownBy(() -> Ops.cumsum(Tensor.zeros(2, 3), 2)).isInstanceOf(ShapeException.class)
                .hasMessage("cumsum: axis 2 is out of bounds for a tensor of shape (2, 3) (rank 2)");
        assertThatThrownBy(() -> Ops.cumprod(Graph.input(Shape.of(Shape.UNKNOWN, 3), "x"), -3))
                .isInstanceOf(ShapeException.class)
                .hasMessage("cumprod: axis -3 is out of bounds for a tensor of shape (None, 3) (rank 2)");
        assertThatThrownBy(() -> Ops.cumsum(Tensor.scalar(1f), 0)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("cumsum: axis 0 is out of bounds for a tensor of shape ()");
    }
}
