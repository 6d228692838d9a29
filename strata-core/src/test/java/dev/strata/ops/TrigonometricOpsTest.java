package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The trigonometric and hyperbolic ops against Keras 3 ({@link Ops13Golden}, from {@code tools/golden/ops13.py}):
 * values and derivatives over domain edges, signed zeros, large and non-finite arguments; finite-difference and
 * second-derivative checks; symbolic shapes.
 */
class TrigonometricOpsTest {
    /** Strata computes in double and rounds once; XLA's float32 functions are within a few ulps of that. */
    private static final double RTOL = 4e-6;
    private static final double ATOL = 1e-7;

    static Map<String, UnaryOperator<Tensor>> functions() {
        Map<String, UnaryOperator<Tensor>> m = new LinkedHashMap<>();
        m.put("SIN", Ops::sin);
        m.put("COS", Ops::cos);
        m.put("TAN", Ops::tan);
        m.put("ARCSIN", Ops::arcsin);
        m.put("ARCCOS", Ops::arccos);
        m.put("ARCTAN", Ops::arctan);
        m.put("SINH", Ops::sinh);
        m.put("COSH", Ops::cosh);
        m.put("ARCSINH", Ops::arcsinh);
        m.put("ARCCOSH", Ops::arccosh);
        m.put("ARCTANH", Ops::arctanh);
        return m;
    }

    static List<String> names() {
        return List.copyOf(functions().keySet());
    }

    private static Tensor x() {
        return Tensor.of(Ops13Golden.X, Ops13Golden.X.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void valuesAndDerivativesMatchKeras(String name) {
        UnaryOperator<Tensor> f = functions().get(name);
        Shape s = Shape.of(Ops13Golden.X.length);
        assertGolden(name, f.apply(x()), s, Ops13Checks.golden(name), RTOL, ATOL);
        assertGolden(name + "'", Ops13Checks.derivative(f, x()), s, Ops13Checks.golden(name + "_GRAD"), RTOL, ATOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void oddFunctionsKeepTheSignOfZero(String name) {
        float[] y = functions().get(name).apply(Tensor.of(new float[] {-0f, 0f}, 2)).toFloatArray();
        float[] k = Ops13Checks.golden(name);
        int negZero = 11; // X[11] is -0.0, X[12] is 0.0
        assertThat(Float.floatToIntBits(y[0])).as(name + "(-0)").isEqualTo(Float.floatToIntBits(k[negZero]));
        assertThat(Float.floatToIntBits(y[1])).as(name + "(0)").isEqualTo(Float.floatToIntBits(k[negZero + 1]));
    }

    @Test
    void arctan2BroadcastsWithSignedZerosAndInfinitiesAsKeras() {
        Tensor a1 = Tensor.of(Ops13Golden.A1, 4, 1);
        Tensor a2 = Tensor.of(Ops13Golden.A2, 5);
        Tensor y = Ops.arctan2(a1, a2);
        assertGolden("arctan2", y, Shape.of(4, 5), Ops13Golden.ARCTAN2, RTOL, ATOL);
        assertExact("arctan2 signs", Ops.sign(y), signs(Ops13Golden.ARCTAN2));
    }

    @Test
    void arctan2GradientsMatchKeras() {
        Tensor g1 = Tensor.of(Ops13Golden.G1, 3, 1);
        Tensor g2 = Tensor.of(Ops13Golden.G2, 4);
        Tensor w = Tensor.of(Ops13Golden.WA, 3, 4);
        try (var tape = dev.strata.autodiff.GradientTape.record()) {
            tape.watch(g1);
            tape.watch(g2);
            List<Tensor> grads = tape.gradient(Ops.sum(Ops.multiply(Ops.arctan2(g1, g2), w)), List.of(g1, g2));
            assertGolden("d/dx1", grads.get(0), Shape.of(3, 1), Ops13Golden.ARCTAN2_GRAD1, RTOL, ATOL);
            assertGolden("d/dx2", grads.get(1), Shape.of(4), Ops13Golden.ARCTAN2_GRAD2, RTOL, ATOL);
        }
    }

    @ParameterizedTest(name = "shape ({0})")
    @ValueSource(strings = {"2,3", "1", "", "3,1,2"})
    void gradientsMatchFiniteDifferences(String shape) {
        Shape s = CoreOpsGradientTest.parse(shape);
        GradientCheck.check(in -> Ops.sin(in.get(0)), GradientCheck.random(1, s, -3, 3));
        GradientCheck.check(in -> Ops.cos(in.get(0)), GradientCheck.random(2, s, -3, 3));
        GradientCheck.check(in -> Ops.tan(in.get(0)), GradientCheck.random(3, s, -1.2, 1.2));
        GradientCheck.check(in -> Ops.arcsin(in.get(0)), GradientCheck.random(4, s, -0.8, 0.8));
        GradientCheck.check(in -> Ops.arccos(in.get(0)), GradientCheck.random(5, s, -0.8, 0.8));
        GradientCheck.check(in -> Ops.arctan(in.get(0)), GradientCheck.random(6, s, -3, 3));
        GradientCheck.check(in -> Ops.sinh(in.get(0)), GradientCheck.random(7, s, -3, 3));
        GradientCheck.check(in -> Ops.cosh(in.get(0)), GradientCheck.random(8, s, -3, 3));
        GradientCheck.check(in -> Ops.arcsinh(in.get(0)), GradientCheck.random(9, s, -3, 3));
        GradientCheck.check(in -> Ops.arccosh(in.get(0)), GradientCheck.random(10, s, 1.2, 4));
        GradientCheck.check(in -> Ops.arctanh(in.get(0)), GradientCheck.random(11, s, -0.8, 0.8));
    }

    @Test
    void arctan2GradientsMatchFiniteDifferencesWhenBroadcast() {
        GradientCheck.check(in -> Ops.arctan2(in.get(0), in.get(1)),
                GradientCheck.randomAwayFromZero(1, Shape.of(3, 1), 2, 0.3),
                GradientCheck.randomAwayFromZero(2, Shape.of(4), 2, 0.3));
        GradientCheck.check(in -> Ops.arctan2(in.get(0), in.get(1)),
                GradientCheck.randomAwayFromZero(3, Shape.of(2, 3), 2, 0.3), GradientCheck.random(4, Shape.of(), 0.5,
                        2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SIN", "COS", "TAN", "ARCSIN", "ARCCOS", "ARCTAN", "SINH", "COSH", "ARCSINH", "ARCTANH"})
    void secondDerivativesMatchFiniteDifferences(String name) {
        UnaryOperator<Tensor> f = functions().get(name);
        GradientCheck.check(in -> OpsTesting.innerGradient(f, in.get(0)),
                GradientCheck.random(21, Shape.of(2, 3), -0.7, 0.7));
    }

    @Test
    void arccoshSecondDerivativeMatchesFiniteDifferences() {
        GradientCheck.check(in -> OpsTesting.innerGradient(Ops::arccosh, in.get(0)),
                GradientCheck.random(22, Shape.of(2, 3), 1.3, 3));
        GradientCheck.check(in -> OpsTesting.innerGradient(t -> Ops.arctan2(t, Tensor.of(new float[] {0.5f, -1f,
            2f}, 3)), in.get(0)), GradientCheck.random(23, Shape.of(2, 3), -1, 1));
    }

    @Test
    void symbolicInputsRecordTheOpWithItsShape() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        for (var e : functions().entrySet()) {
            Tensor y = e.getValue().apply(x);
            assertThat(y.isSymbolic()).as(e.getKey()).isTrue();
            assertThat(y.shape()).as(e.getKey()).isEqualTo(x.shape());
            var op = Graph.producer((SymbolicTensor) y).orElseThrow().operation();
            assertThat(op.name()).isEqualTo(e.getKey().toLowerCase(java.util.Locale.ROOT));
        }
        Tensor y = Ops.arctan2(x, Graph.input(Shape.of(4, 1, 3), "b"));
        assertThat(y.shape()).isEqualTo(Shape.of(4, Shape.UNKNOWN, 3));
        var op = Graph.producer((SymbolicTensor) y).orElseThrow().operation();
        assertThat(op.apply(List.of(Tensor.of(new float[] {1f}, 1), Tensor.of(new float[] {-1f}, 1))).get(0)
                .toFloatArray()).containsExactly((float) (3 * Math.PI / 4));
    }

    @Test
    void arctan2RejectsShapesThatDoNotBroadcast() {
        assertThatThrownBy(() -> Ops.arctan2(Tensor.zeros(2, 3), Tensor.zeros(4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("arctan2").hasMessageContaining("(2, 3)");
    }

    /** The signs of Keras's values (so the test sees ±0 and ±π exactly), as Ops.sign gives them. */
    private static float[] signs(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.signum(values[i]);
        }
        return out;
    }
}
