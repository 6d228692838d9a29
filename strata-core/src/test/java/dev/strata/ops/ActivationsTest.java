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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Activation values against Keras 3 (the references in {@link ActivationGolden} come from
 * {@code tools/golden/activations.py}), erf's accuracy, numerical stability at extreme inputs, symbolic shapes.
 */
class ActivationsTest {
    private static final double RTOL = 2e-6;
    private static final double ATOL = 1e-6;

    private static Tensor vec(float... v) {
        return Tensor.of(v);
    }

    /** Every activation, by the name of its golden array. */
    private static Map<String, UnaryOperator<Tensor>> activations() {
        Map<String, UnaryOperator<Tensor>> m = new LinkedHashMap<>();
        m.put("RELU6", Ops::relu6);
        m.put("LEAKY_RELU", Ops::leakyRelu);
        m.put("LEAKY_RELU_0_1", x -> Ops.leakyRelu(x, 0.1f));
        m.put("ELU", Ops::elu);
        m.put("ELU_0_5", x -> Ops.elu(x, 0.5f));
        m.put("SELU", Ops::selu);
        m.put("GELU", Ops::gelu);
        m.put("GELU_EXACT", x -> Ops.gelu(x, false));
        m.put("SIGMOID", Ops::sigmoid);
        m.put("HARD_SIGMOID", Ops::hardSigmoid);
        m.put("TANH", Ops::tanh);
        m.put("SOFTPLUS", Ops::softplus);
        m.put("SOFTSIGN", Ops::softsign);
        m.put("SILU", Ops::silu);
        return m;
    }

    private static float[] golden(String name) {
        try {
            return (float[]) ActivationGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    static void assertClose(String what, float[] actual, float[] expected, double rtol, double atol) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double allowed = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= allowed) && !(actual[i] == expected[i])) {
                throw new AssertionError(what + " at " + i + ": got " + actual[i] + ", Keras gives " + expected[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"RELU6", "LEAKY_RELU", "LEAKY_RELU_0_1", "ELU", "ELU_0_5", "SELU", "GELU", "GELU_EXACT",
        "SIGMOID", "HARD_SIGMOID", "TANH", "SOFTPLUS", "SOFTSIGN", "SILU"})
    void matchesKeras(String name) {
        Tensor x = Tensor.of(ActivationGolden.X, Shape.of(ActivationGolden.X.length));
        assertClose(name, activations().get(name).apply(x).toFloatArray(), golden(name), RTOL, ATOL);
        // the same values in another shape: activations are elementwise
        Tensor x2 = Ops.reshape(Tensor.of(ActivationGolden.X, Shape.of(ActivationGolden.X.length)), 1, -1, 1);
        assertThat(activations().get(name).apply(x2).shape()).isEqualTo(x2.shape());
    }

    @Test
    void swishIsSilu() {
        Tensor x = Tensor.of(ActivationGolden.X, Shape.of(ActivationGolden.X.length));
        assertThat(Ops.swish(x).toFloatArray()).containsExactly(Ops.silu(x).toFloatArray());
    }

    @Test
    void softmaxAndLogSoftmaxMatchKerasAlongEachAxis() {
        Tensor t = Tensor.of(ActivationGolden.T, Shape.of(2, 3, 4));
        assertClose("softmax", Ops.softmax(t).toFloatArray(), ActivationGolden.SOFTMAX_AXIS_LAST, RTOL, ATOL);
        assertClose("softmax -1", Ops.softmax(t, -1).toFloatArray(), ActivationGolden.SOFTMAX_AXIS_LAST, RTOL, ATOL);
        assertClose("softmax 1", Ops.softmax(t, 1).toFloatArray(), ActivationGolden.SOFTMAX_AXIS_1, RTOL, ATOL);
        assertClose("softmax 0", Ops.softmax(t, 0).toFloatArray(), ActivationGolden.SOFTMAX_AXIS_0, RTOL, ATOL);
        assertClose("softmax -3", Ops.softmax(t, -3).toFloatArray(), ActivationGolden.SOFTMAX_AXIS_0, RTOL, ATOL);
        assertClose("logSoftmax", Ops.logSoftmax(t).toFloatArray(), ActivationGolden.LOG_SOFTMAX_AXIS_LAST, RTOL,
                ATOL);
        assertClose("logSoftmax 1", Ops.logSoftmax(t, 1).toFloatArray(), ActivationGolden.LOG_SOFTMAX_AXIS_1, RTOL,
                ATOL);
        assertClose("logSoftmax 0", Ops.logSoftmax(t, 0).toFloatArray(), ActivationGolden.LOG_SOFTMAX_AXIS_0, RTOL,
                ATOL);
    }

    @Test
    void softmaxOfASizeOneAxisIsOne() {
        assertThat(Ops.softmax(Tensor.of(new float[] {3, -7}, 2, 1)).toFloatArray()).containsExactly(1f, 1f);
        assertThat(Ops.logSoftmax(Tensor.of(new float[] {3, -7}, 2, 1)).toFloatArray()).containsExactly(0f, 0f);
        assertThat(Ops.softmax(Tensor.zeros(2, 0)).shape()).isEqualTo(Shape.of(2, 0));
        assertThat(Ops.softmax(Tensor.zeros(0, 3)).shape()).isEqualTo(Shape.of(0, 3));
    }

    // ---- erf -----------------------------------------------------------------------------------------------

    @Test
    void erfMatchesReferenceValuesToDoublePrecision() {
        for (int i = 0; i < ActivationGolden.ERF_X.length; i++) {
            double x = ActivationGolden.ERF_X[i];
            double erf = ActivationGolden.ERF[i];
            double erfc = ActivationGolden.ERFC[i];
            assertThat(Erf.erf(x)).as("erf(%s)", x).isCloseTo(erf, within(1e-15 + 1e-14 * Math.abs(erf)));
            assertThat(Erf.erf(-x)).as("erf(-%s)", x).isCloseTo(-erf, within(1e-15 + 1e-14 * Math.abs(erf)));
            assertThat(Erf.erfc(x)).as("erfc(%s)", x).isCloseTo(erfc, within(1e-15 * erf + 1e-13 * erfc));
            assertThat(Erf.erfc(-x)).as("erfc(-%s)", x).isCloseTo(2 - erfc, within(1e-15));
        }
        assertThat(Erf.erf(Double.NaN)).isNaN();
        assertThat(Erf.erf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
        assertThat(Erf.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Erf.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
    }

    @Test
    void erfOpIsCorrectlyRoundedToFloat() {
        float[] x = new float[ActivationGolden.ERF_X.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ActivationGolden.ERF_X[i];
        }
        float[] y = Ops.erf(vec(x)).toFloatArray();
        for (int i = 0; i < x.length; i++) {
            // the reference at the float argument: erf(x + d) ≈ erf(x) + d·2/√π·e^(-x²)
            double d = x[i] - ActivationGolden.ERF_X[i];
            double ref = ActivationGolden.ERF[i] + d * Erf.TWO_OVER_SQRT_PI * Math.exp(-x[i] * (double) x[i]);
            assertThat((double) y[i]).as("erf(%s)", x[i]).isCloseTo(ref, within(0.5 * Math.ulp((float) ref) + 1e-12));
        }
    }

    @Test
    void erfIsSmoothAcrossItsMethodSwitch() {
        // the series and the continued fraction meet at 2.3: no step (beyond a few ulps) between neighbouring
        // doubles there
        double below = Math.nextDown(2.3);
        assertThat(Math.abs(Erf.erf(2.3) - Erf.erf(below))).isLessThan(4e-15);
        // erfc below the switch is 1 - erf, relatively ~1e-12: far below float32 rounding (6e-8)
        assertThat(Math.abs(Erf.erfc(2.3) - Erf.erfc(below)) / Erf.erfc(2.3)).isLessThan(1e-11);
    }

    // ---- stability -----------------------------------------------------------------------------------------

    @Test
    void softmaxIsStableForLargeInputs() {
        assertThat(Ops.softmax(vec(1000f, 0f, -1000f)).toFloatArray()).containsExactly(1f, 0f, 0f);
        assertThat(Ops.softmax(vec(1000f, 1000f)).toFloatArray()).containsExactly(0.5f, 0.5f);
        assertThat(Ops.softmax(vec(-1000f, -1000f)).toFloatArray()).containsExactly(0.5f, 0.5f);
        assertThat(Ops.softmax(Tensor.of(new float[] {1000f, -1000f, 999f, -1000f}, 2, 2), 0).toFloatArray())
                .containsExactly(new float[] {0.7310586f, 0.5f, 0.26894143f, 0.5f}, within(1e-6f));
        // masking with -inf works as long as one element of the line is finite
        assertThat(Ops.softmax(vec(Float.NEGATIVE_INFINITY, 0f, 0f)).toFloatArray()).containsExactly(0f, 0.5f, 0.5f);
    }

    @Test
    void logSoftmaxIsStableForLargeInputs() {
        assertThat(Ops.logSoftmax(vec(1000f, 0f, -1000f)).toFloatArray()).containsExactly(0f, -1000f, -2000f);
        float ln2 = (float) Math.log(2);
        assertThat(Ops.logSoftmax(vec(1000f, 1000f)).toFloatArray()).containsExactly(-ln2, -ln2);
        assertThat(Ops.logSoftmax(vec(-1000f, -1000f)).toFloatArray()).containsExactly(-ln2, -ln2);
        assertThat(Ops.logSoftmax(vec(Float.NEGATIVE_INFINITY, 0f)).toFloatArray())
                .containsExactly(Float.NEGATIVE_INFINITY, 0f);
    }

    @Test
    void softmaxGradientsAreFiniteForLargeInputs() {
        Tensor x = vec(1000f, 0f, -1000f);
        Tensor w = vec(1f, 2f, 3f);
        try (GradientTape tape = GradientTape.record(true)) {
            tape.watch(x);
            float[] gs = tape.gradient(Ops.sum(Ops.multiply(Ops.softmax(x), w)), x).toFloatArray();
            float[] gl = tape.gradient(Ops.sum(Ops.multiply(Ops.logSoftmax(x), w)), x).toFloatArray();
            assertThat(gs).containsExactly(0f, 0f, 0f);
            // g - softmax·Σg = w - [1, 0, 0]·6
            assertThat(gl).containsExactly(-5f, 2f, 3f);
        }
    }

    @Test
    void sigmoidAndSoftplusAtTheExtremes() {
        float[] s = Ops.sigmoid(vec(-100f, 100f, -1000f, 1000f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY))
                .toFloatArray();
        assertThat(s[0]).isBetween(0f, 1e-40f);
        assertThat(s[1]).isEqualTo(1f);
        assertThat(s[2]).isEqualTo(0f);
        assertThat(s[3]).isEqualTo(1f);
        assertThat(s[4]).isEqualTo(0f);
        assertThat(s[5]).isEqualTo(1f);
        float[] p = Ops.softplus(vec(-100f, 100f, -1000f, 1000f)).toFloatArray();
        assertThat(p[0]).isBetween(0f, 1e-40f);
        assertThat(p[1]).isEqualTo(100f);
        assertThat(p[2]).isEqualTo(0f);
        assertThat(p[3]).isEqualTo(1000f);
        Tensor x = vec(-100f, 100f);
        try (GradientTape tape = GradientTape.record(true)) {
            tape.watch(x);
            float[] gs = tape.gradient(Ops.sigmoid(x), x).toFloatArray();
            float[] gp = tape.gradient(Ops.softplus(x), x).toFloatArray();
            assertThat(gs[0]).isBetween(0f, 1e-40f);
            assertThat(gs[1]).isEqualTo(0f);
            assertThat(gp[0]).isBetween(0f, 1e-40f);
            assertThat(gp[1]).isEqualTo(1f);
        }
    }

    @Test
    void geluAtTheExtremes() {
        for (boolean approximate : new boolean[] {true, false}) {
            Tensor x = vec(-10f, 10f, -100f, 100f);
            float[] y = Ops.gelu(x, approximate).toFloatArray();
            assertThat(y[0]).as("gelu(-10), approximate=%s", approximate).isBetween(-1e-20f, 0f);
            assertThat(y[1]).isEqualTo(10f);
            assertThat(y[2]).isBetween(-1e-20f, 0f);
            assertThat(y[3]).isEqualTo(100f);
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                float[] g = tape.gradient(Ops.gelu(x, approximate), x).toFloatArray();
                assertThat(g).containsExactly(new float[] {0f, 1f, 0f, 1f}, within(1e-6f));
            }
        }
        // exact gelu keeps relative accuracy far out, where 1 + erf(x/√2) would cancel to 0: -10·Φ(-10)
        assertThat(Ops.gelu(vec(-10f), false).item()).isCloseTo(-7.619853e-23f, within(1e-28f));
    }

    @Test
    void activationsPropagateNaN() {
        for (var e : activations().entrySet()) {
            assertThat(e.getValue().apply(vec(Float.NaN)).item()).as(e.getKey()).isNaN();
        }
        assertThat(Ops.softmax(vec(Float.NaN, 1f)).toFloatArray()).containsOnly(Float.NaN);
    }

    // ---- shapes --------------------------------------------------------------------------------------------

    @Test
    void activationsKeepSymbolicShapes() {
        SymbolicTensor x = Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        Map<String, UnaryOperator<Tensor>> all = new LinkedHashMap<>(activations());
        all.put("softmax", Ops::softmax);
        all.put("softmax0", t -> Ops.softmax(t, 0));
        all.put("logSoftmax", Ops::logSoftmax);
        all.put("logSoftmax0", t -> Ops.logSoftmax(t, 0));
        all.put("swish", Ops::swish);
        for (var e : all.entrySet()) {
            Tensor y = e.getValue().apply(x);
            assertThat(y.isSymbolic()).as(e.getKey()).isTrue();
            assertThat(y.shape()).as(e.getKey()).isEqualTo(x.shape());
        }
        SymbolicTensor y = (SymbolicTensor) Ops.leakyRelu(x, 0.3f);
        var op = Graph.producer(y).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("leaky_relu");
        assertThat(op.apply(java.util.List.of(vec(-1f, 2f))).get(0).toFloatArray())
                .containsExactly(new float[] {-0.3f, 2f}, within(1e-7f));
    }

    @Test
    void softmaxRejectsABadAxis() {
        assertThatThrownBy(() -> Ops.softmax(Tensor.zeros(2, 3), 2))
                .isInstanceOf(ShapeException.class)
                .hasMessage("softmax: axis 2 is out of bounds for a tensor of shape (2, 3) (rank 2)");
        assertThatThrownBy(() -> Ops.logSoftmax(Graph.input(Shape.of(Shape.UNKNOWN, 3), "x"), -3))
                .isInstanceOf(ShapeException.class)
                .hasMessage("logSoftmax: axis -3 is out of bounds for a tensor of shape (None, 3) (rank 2)");
        assertThatThrownBy(() -> Ops.softmax(Tensor.scalar(1f)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("softmax: axis -1 is out of bounds for a tensor of shape ()");
    }
}
