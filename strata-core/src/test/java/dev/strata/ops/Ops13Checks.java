package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.function.Function;

/** Helpers of the tests of issue 13's ops (golden comparison with NaN and infinities, weighted gradients). */
final class Ops13Checks {
    private Ops13Checks() {
    }

    /**
     * {@code actual} has {@code shape} and matches Keras's {@code expected} within {@code atol + rtol·|expected|};
     * NaN must be NaN and an infinity the same infinity.
     */
    static void assertGolden(String what, Tensor actual, Shape shape, float[] expected, double rtol, double atol) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(shape);
        float[] got = actual.toFloatArray();
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            float e = expected[i];
            float g = got[i];
            boolean ok = Float.isNaN(e) ? Float.isNaN(g)
                    : Float.isInfinite(e) ? g == e
                    : Math.abs(g - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                throw new AssertionError(what + " at " + i + ": got " + g + ", Keras gives " + e);
            }
        }
    }

    /** Bit for bit (so -0 differs from 0), any NaN equal to any NaN. */
    static void assertExact(String what, Tensor actual, float[] expected) {
        float[] got = actual.toFloatArray();
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < got.length; i++) {
            if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(what + " at " + i + ": got " + got[i] + ", Keras gives " + expected[i]);
            }
        }
    }

    /** The tape's gradient of {@code sum(w · f(x))} with respect to x. */
    static Tensor gradient(Function<Tensor, Tensor> f, Tensor x, Tensor w) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            return tape.gradient(Ops.sum(Ops.multiply(f.apply(x), w)), x);
        }
    }

    /** The tape's gradient of {@code sum(f(x))}: for elementwise f, f' at each element. */
    static Tensor derivative(Function<Tensor, Tensor> f, Tensor x) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            return tape.gradient(Ops.sum(f.apply(x)), x);
        }
    }

    /** The array {@code name} of {@link Ops13Golden}. */
    static float[] golden(String name) {
        try {
            return (float[]) Ops13Golden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    /** The field {@code name} of a generated golden class, or null where it has none of that name. */
    static Object field(Class<?> goldens, String name) {
        try {
            return goldens.getDeclaredField(name).get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The weights of {@code sum(W * f)}, as the golden scripts make them: {@code 0.5 + ((7 i) mod 11) / 10}. */
    static Tensor weights(Shape s) {
        int n = s.size();
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 + ((7L * i) % 11) / 10.0);
        }
        return Tensor.of(w, s);
    }

    /**
     * For each input {@code i} that has a golden {@code <name>_GRAD<i>} (JAX differentiates it), the tape's gradient
     * of {@code sum(W * f(inputs))} matches it.
     */
    static void assertJaxGradients(String name, Function<List<Tensor>, Tensor> f, List<Tensor> inputs,
                                   Function<String, Object> golden) {
        for (int i = 0; i < inputs.size(); i++) {
            float[] expected = (float[]) golden.apply(name + "_GRAD" + i);
            if (expected == null) {
                continue;
            }
            Tensor x = inputs.get(i);
            Tensor g;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor y = f.apply(inputs);
                g = tape.gradient(Ops.sum(Ops.multiply(y, weights(y.shape()))), x);
            }
            assertThat(g).as(name + " gradient " + i + " (JAX differentiates it)").isNotNull();
            assertGolden(name + " gradient " + i, g, x.shape(), expected, 2e-5, 2e-5);
        }
    }
}
