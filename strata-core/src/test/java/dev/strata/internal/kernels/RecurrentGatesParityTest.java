package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fused recurrent gate kernels ({@link Kernels#lstmGates}, {@link Kernels#gruGates}): the Vector API version
 * gives exactly the bits of the row-by-row reference run on the vector kernels' own {@code unary} (what the
 * recurrent ops did before the fused kernel), and agrees with the scalar kernels within {@value #ULPS} ulps of the
 * activations; rows placed with offsets and strides, unit counts with and without a scalar tail.
 */
class RecurrentGatesParityTest {
    private static final int ULPS = 4;
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = KernelProvider.vector().orElseThrow();
    private static final int ROWS = 3;

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 16, 19, 37, 128, 300})
    void lstmGatesMatchTheRowByRowReference(int units) {
        Random random = new Random(units);
        int ldz = 4 * units + 5;
        int ld = units + 3;
        float[] z = values(random, 7 + ROWS * ldz, 6f);
        float[] cPrev = values(random, 2 + ROWS * ld, 3f);
        float[][] fused = lstm(VECTOR, false, units, z, ldz, cPrev, ld);
        float[][] reference = lstm(VECTOR, true, units, z, ldz, cPrev, ld);
        float[][] scalar = lstm(SCALAR, false, units, z, ldz, cPrev, ld);
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).as("output %d, units %d", i, units).containsExactly(reference[i]);
            assertClose(fused[i], scalar[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 16, 19, 37, 128, 300})
    void gruGatesMatchTheRowByRowReference(int units) {
        Random random = new Random(units + 1000);
        int ldx = 3 * units + 2;
        int ld = units + 4;
        float[] x = values(random, 5 + ROWS * ldx, 4f);
        float[] inner = values(random, 1 + ROWS * ldx, 4f);
        float[] hPrev = values(random, 3 + ROWS * ld, 1f);
        float[][] fused = gru(VECTOR, false, units, x, ldx, inner, hPrev, ld);
        float[][] reference = gru(VECTOR, true, units, x, ldx, inner, hPrev, ld);
        float[][] scalar = gru(SCALAR, false, units, x, ldx, inner, hPrev, ld);
        for (int i = 0; i < fused.length; i++) {
            assertThat(fused[i]).as("output %d, units %d", i, units).containsExactly(reference[i]);
            assertClose(fused[i], scalar[i]);
        }
    }

    /** z (activated), c, tc, h: through the kernel, or row by row through {@code k.unary} as the reference. */
    private static float[][] lstm(Kernels k, boolean byRows, int units, float[] z0, int ldz, float[] cPrev, int ld) {
        float[] z = z0.clone();
        float[] c = guarded(1 + ROWS * ld);
        float[] tc = guarded(4 + ROWS * ld);
        float[] h = guarded(ROWS * ld);
        if (!byRows) {
            k.lstmGates(ROWS, units, z, 7, ldz, cPrev, 2, ld, c, 1, ld, tc, 4, ld, h, 0, ld);
        } else {
            for (int r = 0; r < ROWS; r++) {
                int zo = 7 + r * ldz;
                k.unary(UnaryOp.SIGMOID, z, zo, z, zo, 2 * units);
                k.unary(UnaryOp.TANH, z, zo + 2 * units, z, zo + 2 * units, units);
                k.unary(UnaryOp.SIGMOID, z, zo + 3 * units, z, zo + 3 * units, units);
                for (int u = 0; u < units; u++) {
                    c[1 + r * ld + u] = z[zo + units + u] * cPrev[2 + r * ld + u] + z[zo + u] * z[zo + 2 * units + u];
                }
                k.unary(UnaryOp.TANH, c, 1 + r * ld, tc, 4 + r * ld, units);
                for (int u = 0; u < units; u++) {
                    h[r * ld + u] = z[zo + 3 * units + u] * tc[4 + r * ld + u];
                }
            }
        }
        return new float[][] {z, c, tc, h};
    }

    /** gates, h: through the kernel, or row by row through {@code k.unary} as the reference. */
    private static float[][] gru(Kernels k, boolean byRows, int units, float[] x, int ldx, float[] inner,
                                 float[] hPrev, int ld) {
        int ldg = 4 * units + 1;
        float[] gates = guarded(2 + ROWS * ldg);
        float[] h = guarded(5 + ROWS * ld);
        if (!byRows) {
            k.gruGates(ROWS, units, x, 5, ldx, inner, 1, ldx, hPrev, 3, ld, gates, 2, ldg, h, 5, ld);
        } else {
            for (int r = 0; r < ROWS; r++) {
                int xo = 5 + r * ldx;
                int io = 1 + r * ldx;
                int go = 2 + r * ldg;
                for (int j = 0; j < 2 * units; j++) {
                    gates[go + j] = x[xo + j] + inner[io + j];
                }
                k.unary(UnaryOp.SIGMOID, gates, go, gates, go, 2 * units);
                for (int u = 0; u < units; u++) {
                    gates[go + 3 * units + u] = inner[io + 2 * units + u];
                    gates[go + 2 * units + u] = x[xo + 2 * units + u]
                            + gates[go + units + u] * inner[io + 2 * units + u];
                }
                k.unary(UnaryOp.TANH, gates, go + 2 * units, gates, go + 2 * units, units);
                for (int u = 0; u < units; u++) {
                    float zg = gates[go + u];
                    h[5 + r * ld + u] = zg * hPrev[3 + r * ld + u] + (1f - zg) * gates[go + 2 * units + u];
                }
            }
        }
        return new float[][] {gates, h};
    }

    private static float[] values(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        a[n / 2] = 0f;
        a[n / 3] = -0f;
        a[n / 5] = 30f;
        return a;
    }

    /** Output arrays prefilled with a marker, so that a write outside the rows shows up. */
    private static float[] guarded(int n) {
        float[] a = new float[n];
        Arrays.fill(a, -7.25f);
        return a;
    }

    private static void assertClose(float[] actual, float[] expected) {
        for (int i = 0; i < actual.length; i++) {
            float tolerance = ULPS * Math.ulp(Math.max(Math.abs(expected[i]), 1f));
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(
                    tolerance));
        }
    }
}
