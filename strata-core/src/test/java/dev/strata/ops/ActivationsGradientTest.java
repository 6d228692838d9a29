package dev.strata.ops;

import static dev.strata.ops.CoreOpsGradientTest.parse;
import static dev.strata.testing.GradientCheck.random;
import static dev.strata.testing.GradientCheck.randomAwayFromZero;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finite-difference checks of the activations' gradients, and of their second derivatives through nested
 * tapes (the outer tape differentiates the gradient the inner tape computed).
 */
class ActivationsGradientTest {

    @ParameterizedTest(name = "shape ({0})")
    @ValueSource(strings = {"2,3", "1", "3,1,2", "", "4,1"})
    void elementwiseActivations(String shape) {
        Shape s = parse(shape);
        GradientCheck.check(in -> Ops.relu6(in.get(0)), kinkFree(1, s, -2, 8, new float[] {0f, 6f}));
        GradientCheck.check(in -> Ops.leakyRelu(in.get(0)), randomAwayFromZero(2, s, 3, 0.05));
        GradientCheck.check(in -> Ops.leakyRelu(in.get(0), 0.01f), randomAwayFromZero(3, s, 3, 0.05));
        GradientCheck.check(in -> Ops.elu(in.get(0)), randomAwayFromZero(4, s, 3, 0.05));
        GradientCheck.check(in -> Ops.elu(in.get(0), 0.5f), randomAwayFromZero(5, s, 3, 0.05));
        GradientCheck.check(in -> Ops.selu(in.get(0)), randomAwayFromZero(6, s, 3, 0.05));
        GradientCheck.check(in -> Ops.gelu(in.get(0)), random(7, s, -4, 4));
        GradientCheck.check(in -> Ops.gelu(in.get(0), false), random(8, s, -4, 4));
        GradientCheck.check(in -> Ops.sigmoid(in.get(0)), random(9, s, -5, 5));
        GradientCheck.check(in -> Ops.hardSigmoid(in.get(0)), kinkFree(10, s, -5, 5, new float[] {-3f, 3f}));
        GradientCheck.check(in -> Ops.tanh(in.get(0)), random(11, s, -3, 3));
        GradientCheck.check(in -> Ops.softplus(in.get(0)), random(12, s, -5, 5));
        GradientCheck.check(in -> Ops.softsign(in.get(0)), random(13, s, -3, 3));
        GradientCheck.check(in -> Ops.silu(in.get(0)), random(14, s, -5, 5));
        GradientCheck.check(in -> Ops.swish(in.get(0)), random(15, s, -5, 5));
    }

    @ParameterizedTest(name = "{0} axis {1}")
    @CsvSource(delimiter = ';', value = {
        "2,3,4; -1", "2,3,4; 1", "2,3,4; 0", "5; 0", "1,4; -1", "3,1; -1", "3,1; 0", "2,1,3; 1", "2,2,1,3; 2"})
    void softmaxAndLogSoftmax(String shape, int axis) {
        Shape s = parse(shape);
        GradientCheck.check(in -> Ops.softmax(in.get(0), axis), random(1, s, -3, 3));
        GradientCheck.check(in -> Ops.logSoftmax(in.get(0), axis), random(2, s, -3, 3));
    }

    @Test
    void defaultAxisIsTheLast() {
        var x = random(3, Shape.of(3, 4), -2, 2);
        GradientCheck.check(in -> Ops.softmax(in.get(0)), x);
        GradientCheck.check(in -> Ops.logSoftmax(in.get(0)), x);
    }

    // ---- second derivatives --------------------------------------------------------------------------------

    @Test
    void tanhSecondDerivativeThroughNestedTapes() {
        // tanh'' = -2·tanh·(1 - tanh²)
        assertSecondDerivative(Ops::tanh, x -> {
            double t = Math.tanh(x);
            return -2 * t * (1 - t * t);
        });
    }

    @Test
    void sigmoidSecondDerivativeThroughNestedTapes() {
        // σ'' = σ·(1 - σ)·(1 - 2σ)
        assertSecondDerivative(Ops::sigmoid, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s) * (1 - 2 * s);
        });
    }

    private static void assertSecondDerivative(UnaryOperator<Tensor> op, DoubleUnaryOperator expected) {
        float[] v = {-3f, -1.2f, -0.3f, 0f, 0.4f, 1f, 2.5f};
        Tensor x = Tensor.of(v);
        Tensor second;
        try (GradientTape outer = GradientTape.record()) {
            outer.watch(x);
            Tensor first;
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(x);
                first = inner.gradient(op.apply(x), x);
            }
            second = outer.gradient(first, x);
        }
        assertThat(second).as("the outer tape must see the inner gradient's computation").isNotNull();
        float[] got = second.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            assertThat((double) got[i]).as("second derivative at %s", v[i])
                    .isCloseTo(expected.applyAsDouble(v[i]), within(1e-5));
        }
    }

    /**
     * Finite differences of the inner gradient, against the outer tape: checks second derivatives of every
     * smooth activation (and of the math ops whose gradients use their outputs).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tanh", "sigmoid", "softplus", "softsign", "silu", "gelu", "geluExact", "elu", "selu",
        "softmax", "softmax0", "logSoftmax", "logSoftmax0", "sqrt", "rsqrt", "log", "log1p", "erf", "power",
        "powerExponent"})
    void secondDerivativesByFiniteDifferences(String name) {
        Shape s = Shape.of(2, 3);
        Tensor x = switch (name) {
            case "elu", "selu", "softsign" -> randomAwayFromZero(21, s, 2, 0.1);
            case "sqrt", "rsqrt", "log", "power", "powerExponent" -> random(22, s, 0.5, 2);
            default -> random(23, s, -2, 2);
        };
        Tensor fixed = random(24, s, 0.5, 1.5);
        UnaryOperator<Tensor> op = switch (name) {
            case "tanh" -> Ops::tanh;
            case "sigmoid" -> Ops::sigmoid;
            case "softplus" -> Ops::softplus;
            case "softsign" -> Ops::softsign;
            case "silu" -> Ops::silu;
            case "gelu" -> Ops::gelu;
            case "geluExact" -> t -> Ops.gelu(t, false);
            case "elu" -> t -> Ops.elu(t, 0.7f);
            case "selu" -> Ops::selu;
            case "softmax" -> Ops::softmax;
            case "softmax0" -> t -> Ops.softmax(t, 0);
            case "logSoftmax" -> Ops::logSoftmax;
            case "logSoftmax0" -> t -> Ops.logSoftmax(t, 0);
            case "sqrt" -> Ops::sqrt;
            case "rsqrt" -> Ops::rsqrt;
            case "log" -> Ops::log;
            case "log1p" -> Ops::log1p;
            case "erf" -> Ops::erf;
            case "power" -> t -> Ops.power(t, fixed);
            case "powerExponent" -> t -> Ops.power(fixed, t);
            default -> throw new IllegalArgumentException(name);
        };
        // A weighted sum makes the inner gradient depend on the whole Jacobian (for softmax's off-diagonal terms).
        Tensor weights = random(25, s, -1, 1);
        Function<List<Tensor>, Tensor> innerGradient = in -> {
            Tensor t = in.get(0);
            try (GradientTape inner = GradientTape.record()) {
                inner.watch(t);
                return inner.gradient(Ops.sum(Ops.multiply(op.apply(t), weights)), t);
            }
        };
        GradientCheck.of().tolerance(2e-2, 2e-3).verify(innerGradient, x);
    }

    /** Random values in [lo, hi) at least 0.05 from each kink. */
    private static Tensor kinkFree(long seed, Shape s, double lo, double hi, float[] kinks) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[s.size()];
        for (int i = 0; i < v.length; i++) {
            float c;
            boolean near;
            do {
                c = (float) (lo + (hi - lo) * r.nextDouble());
                near = false;
                for (float k : kinks) {
                    near |= Math.abs(c - k) < 0.05f;
                }
            } while (near);
            v[i] = c;
        }
        return Tensor.of(v, s);
    }
}
