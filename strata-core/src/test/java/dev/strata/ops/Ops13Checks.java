package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
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
}
