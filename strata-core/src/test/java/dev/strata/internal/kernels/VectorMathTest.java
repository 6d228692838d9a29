package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.internal.kernels.KernelParityTest.ChildResult;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath}: accuracy over the whole float range, and the same bits in every JIT tier and at every vector
 * width (the reason it exists). The sweeps run in child JVMs: interpreted ({@code -Xint}, where the Vector API
 * computes lane by lane in Java) and compiled by C2 at the preferred width and at 128 bits.
 */
class VectorMathTest {
    /** Every this-many-th bit pattern of the 2^32 floats (about a million, both signs, subnormals to NaNs). */
    private static final int SWEEP_STRIDE = 4099;
    /** A coarser sweep for the interpreter, which is about a thousand times slower. */
    private static final int TIER_STRIDE = 400_009;
    private static final List<String> NAMES = List.of("exp", "expm1", "log", "log1p", "tanh", "sigmoid",
            "softplus");
    private static final List<ArrayFunction> FUNCTIONS = List.of(VectorMath::exp, VectorMath::expm1,
            VectorMath::log, VectorMath::log1p, VectorMath::tanh, VectorMath::sigmoid, VectorMath::softplus);
    private static final List<DoubleUnaryOperator> REFERENCES = List.of(Math::exp, Math::expm1, Math::log,
            Math::log1p, Math::tanh, x -> UnaryOp.SIGMOID.apply((float) x), x -> UnaryOp.SOFTPLUS.apply((float) x));
    /** The largest distance from the correctly rounded result seen in the sweep is 2 ulps (log1p). */
    private static final int MAX_ULPS = 2;

    /** A VectorMath loop: out = f(a) over n elements, a whole number of vectors. */
    interface ArrayFunction {
        void apply(float[] a, int aOff, float[] out, int outOff, int n);
    }
    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
        1f, -1f, 88.72283f, 88.72284f, -87.33654f, -103.27892f, -103.97208f, -104f, 89f, 0x1p-24f, -0x1p-24f,
        0x1p-12f, 0.625f, -0.625f, 9f, -9f, 1e-30f, -1e-30f, 0.6931472f, -0.3465736f, 0.3465736f, 17.4f, -17.4f,
        -0.99999994f, -1.0000001f, 0.70710677f, 1.4142135f};

    @Test
    void withinTwoUlpsOfTheCorrectlyRoundedResultCompiled() throws Exception {
        ChildResult child = KernelParityTest.runChild(VectorMathTest.class, true,
                List.of("-XX:-TieredCompilation", "-Xbatch"));
        // (the main below also proves it ran compiled code: it sweeps a million values in seconds)
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("SWEEP OK");
    }

    @Test
    void theSameBitsInEveryTierAndAtEveryWidth() throws Exception {
        String interpreted = tierHash(List.of("-Xint"));
        assertThat(tierHash(List.of("-XX:-TieredCompilation", "-Xbatch"))).isEqualTo(interpreted);
        assertThat(tierHash(List.of("-XX:-TieredCompilation", "-Xbatch", "-XX:MaxVectorSize=16")))
                .isEqualTo(interpreted);
        // and in this JVM, whatever tier its kernels have reached
        assertThat(hashes(TIER_STRIDE)).isEqualTo(interpreted);
    }

    @Test
    void specialValuesAsMathGivesThem() {
        for (int f = 0; f < NAMES.size(); f++) {
            float[] out = apply(FUNCTIONS.get(f), SPECIALS);
            for (int i = 0; i < SPECIALS.length; i++) {
                float expected = (float) REFERENCES.get(f).applyAsDouble(SPECIALS[i]);
                long distance = KernelParityTest.ulps(expected, out[i]);
                assertThat(distance).as("%s(%s) = %s, Math gives %s", NAMES.get(f), SPECIALS[i], out[i], expected)
                        .isLessThanOrEqualTo(MAX_ULPS);
                if (expected == 0f || Float.isInfinite(expected)) { // signed zeros and infinities exactly
                    assertThat(Float.floatToIntBits(out[i])).as("%s(%s)", NAMES.get(f), SPECIALS[i])
                            .isEqualTo(Float.floatToIntBits(expected));
                }
            }
        }
    }

    private static String tierHash(List<String> options) throws Exception {
        List<String> all = new java.util.ArrayList<>(options);
        all.add("-Dstrata.test.vectorMath=tier");
        ChildResult child = KernelParityTest.runChild(VectorMathTest.class, true, all);
        assertThat(child.exitCode()).as(child.output()).isZero();
        return child.output().replaceAll("(?s).*HASHES (\\S+).*", "$1");
    }

    /** The inputs of a sweep: every stride-th bit pattern, then the special values, padded to whole vectors. */
    private static float[] sweep(int stride) {
        int count = (int) ((1L << 32) / stride);
        float[] x = new float[count + SPECIALS.length + 16];
        for (int i = 0; i < count; i++) {
            x[i] = Float.intBitsToFloat((int) ((long) i * stride));
        }
        System.arraycopy(SPECIALS, 0, x, count, SPECIALS.length);
        return x;
    }

    /** f(x), the input padded to whole vectors; at an offset, so that the chunking meets unaligned spans. */
    private static float[] apply(ArrayFunction function, float[] x) {
        int lanes = VectorConstants.LANES;
        int padded = (x.length + lanes - 1) / lanes * lanes;
        float[] in = new float[padded + 3];
        System.arraycopy(x, 0, in, 3, x.length);
        float[] y = new float[padded + 5];
        function.apply(in, 3, y, 5, padded);
        return java.util.Arrays.copyOfRange(y, 5, 5 + x.length);
    }

    /** One hash per function of its results' bits (NaNs counted as one value: their payloads are not results). */
    private static String hashes(int stride) {
        float[] x = sweep(stride);
        StringBuilder out = new StringBuilder();
        for (ArrayFunction function : FUNCTIONS) {
            long hash = 17;
            for (float y : apply(function, x)) {
                hash = hash * 31 + Float.floatToIntBits(y);
            }
            out.append(out.isEmpty() ? "" : ",").append(Long.toHexString(hash));
        }
        return out.toString();
    }

    /** The child JVMs' side: either the tier hashes or the accuracy sweep. */
    public static void main(String[] args) {
        if ("tier".equals(System.getProperty("strata.test.vectorMath"))) {
            System.out.println("HASHES " + hashes(TIER_STRIDE));
            return;
        }
        float[] x = sweep(SWEEP_STRIDE);
        for (int f = 0; f < NAMES.size(); f++) {
            float[] y = apply(FUNCTIONS.get(f), x);
            for (int i = 0; i < x.length; i++) {
                float expected = (float) REFERENCES.get(f).applyAsDouble(x[i]);
                if (KernelParityTest.ulps(expected, y[i]) > MAX_ULPS) {
                    System.out.println(NAMES.get(f) + "(" + x[i] + ") = " + y[i] + ", correctly rounded "
                            + expected + ": " + KernelParityTest.ulps(expected, y[i]) + " ulps");
                    System.exit(1);
                }
            }
        }
        System.out.println("SWEEP OK " + x.length + " values per function at "
                + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits");
    }
}
