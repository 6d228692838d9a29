package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Float reductions across vector lanes give the same bits in every JIT tier: the interpreter, C1 and C2 run the
 * Vector API differently, and a reduction whose order is left to the implementation changed a model's
 * prediction in its last bit once C2 had compiled it.
 */
class LaneReductionTest {
    private static final int L = VectorConstants.LANES;

    @Test
    void sumAndProductFollowTheFixedButterfly() {
        SplittableRandom r = new SplittableRandom(3);
        for (int rep = 0; rep < 200; rep++) {
            float[] x = new float[L];
            for (int i = 0; i < L; i++) {
                // mixed magnitudes, so that the order of the additions shows in the result
                x[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 8)));
            }
            FloatVector v = FloatVector.fromArray(VectorConstants.SPECIES, x, 0);
            assertThat(Float.floatToRawIntBits(VectorConstants.sumLanes(v)))
                    .isEqualTo(Float.floatToRawIntBits(butterfly(x, true)));
            float[] y = new float[L];
            for (int i = 0; i < L; i++) {
                y[i] = (float) (0.5 + r.nextDouble());
            }
            FloatVector w = FloatVector.fromArray(VectorConstants.SPECIES, y, 0);
            assertThat(Float.floatToRawIntBits(VectorConstants.productLanes(w)))
                    .isEqualTo(Float.floatToRawIntBits(butterfly(y, false)));
        }
    }

    /** The butterfly in scalar code: lane i combines with lane i ^ d for d = L/2, L/4, ..., 1; lane 0 at the end. */
    private static float butterfly(float[] lanes, boolean add) {
        float[] v = lanes.clone();
        for (int d = L / 2; d >= 1; d /= 2) {
            float[] next = new float[L];
            for (int i = 0; i < L; i++) {
                next[i] = add ? v[i] + v[i ^ d] : v[i] * v[i ^ d];
            }
            v = next;
        }
        return v[0];
    }

    @Test
    void interpretedAndCompiledKernelsGiveTheSameBits() throws Exception {
        // One call each in a fresh JVM runs in the interpreter (the Vector API's Java fallback; -Xint itself
        // would make Strata pick the scalar kernels); the other child calls until C2 has compiled everything.
        KernelParityTest.ChildResult interpreted = KernelParityTest.runChild(LaneReductionTest.class, true,
                List.of());
        KernelParityTest.ChildResult compiled = KernelParityTest.runChild(LaneReductionTest.class, true,
                List.of("-XX:-TieredCompilation", "-Xbatch", "-XX:CompileThreshold=1000", "-Dwarm=true"));
        assertThat(interpreted.exitCode()).as(interpreted.output()).isZero();
        assertThat(compiled.exitCode()).as(compiled.output()).isZero();
        assertThat(results(compiled.output())).isNotEmpty().isEqualTo(results(interpreted.output()));
    }

    private static List<String> results(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.startsWith("RESULT ")) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * The child: reductions, a dot product and a one-unit layer's product on fixed data, printed as bits; with
     * {@code -Dwarm=true} after enough calls for C2 to have compiled them.
     */
    public static void main(String[] args) {
        Kernels k = KernelProvider.vector().orElseThrow();
        SplittableRandom r = new SplittableRandom(11);
        float[] a = new float[1000];
        float[] b = new float[1000];
        float[] c = new float[200];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 6)));
            b[i] = (float) (r.nextDouble() - 0.5);
        }
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) (0.9 + 0.2 * r.nextDouble());
        }
        float[] w = new float[32 * 35];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-2, 3)));
        }
        float[] y = new float[32];
        int calls = Boolean.getBoolean("warm") ? 20_000 : 1;
        float sum = 0;
        float dot = 0;
        float prod = 0;
        for (int i = 0; i < calls; i++) {
            sum = k.reduce(ReduceOp.SUM, a, 0, a.length);
            dot = k.dot(a, 0, b, 0, a.length);
            prod = k.reduce(ReduceOp.PROD, c, 0, c.length);
            k.gemm(false, false, 32, 1, 35, 1f, w, 0, 35, b, 0, 1, 0f, y, 0, 1);
        }
        System.out.println("RESULT sum " + Float.floatToRawIntBits(sum));
        System.out.println("RESULT dot " + Float.floatToRawIntBits(dot));
        System.out.println("RESULT prod " + Float.floatToRawIntBits(prod));
        for (float v : y) {
            System.out.println("RESULT gemv " + Float.floatToRawIntBits(v));
        }
    }
}
