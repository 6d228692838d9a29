package dev.strata.internal.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the scalar reference, op by op, on random inputs mixed with special values
 * (NaN, ±inf, ±0, subnormals, huge values, rounding ties), at lengths around the vector width, with offsets
 * and with the output aliasing an input.
 *
 * <p>Exact agreement (NaNs equal, -0 distinct from +0) for the IEEE-exact maps; {@value #ULPS} ulps for the
 * transcendentals, whose vector versions run in float precision; 1e-5 of the sum of magnitudes for sums and
 * dots. The ScalarKernels fast paths are also checked exactly against the enums' {@code apply}.
 *
 * <p>In this JVM the kernels run mostly interpreted, where the Vector API computes lane by lane in Java (and its
 * pow is {@code Math.pow}). The compiled code, with SVML's pow, is checked by
 * {@link #compiledVectorKernelsMatchScalar}, which runs {@link #main} in child JVMs that warm the kernels up
 * under {@code -Xbatch} first, at the preferred width and at 256 and 128 bits.
 */
class KernelParityTest {
    static final int ULPS = 4;
    private static final Kernels SCALAR = KernelProvider.scalar();
    private static final Kernels VECTOR = KernelProvider.vector().orElseThrow(
            () -> new IllegalStateException("the tests need --add-modules jdk.incubator.vector"));
    private static final EnumSet<UnaryOp> EXACT_UNARY = EnumSet.of(UnaryOp.NEGATE, UnaryOp.ABS, UnaryOp.SIGN,
            UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.RECIPROCAL, UnaryOp.RELU, UnaryOp.SOFTSIGN, UnaryOp.FLOOR,
            UnaryOp.CEIL, UnaryOp.ROUND);
    /** Marks output elements the kernels must not touch. */
    private static final float GUARD = -7.25f;
    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-30f, Float.MAX_VALUE, -Float.MAX_VALUE,
        1e30f, -1e30f, 1f, -1f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0x1p23f, -0x1p23f, 0x1p23f - 0.5f,
        -(0x1p23f - 0.5f), 0x1p24f + 2, 100f, -100f, 88.7f, -88.7f, 89f, -104f, 20f, -20f, 0.49999997f, 3f, -3f};

    static int[] lengths(int lanes) {
        return new int[] {0, 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5, 1000, 100_003};
    }

    // ---- JUnit tests (this JVM) ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryMatchesScalar(UnaryOp op) {
        for (int n : lengths(VectorConstants.LANES)) {
            checkUnary(SCALAR, VECTOR, op, n, new Random(n * 31L + op.ordinal()));
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryMatchesScalar(BinaryOp op) {
        for (int n : lengths(VectorConstants.LANES)) {
            checkBinary(SCALAR, VECTOR, op, n, new Random(n * 37L + op.ordinal()));
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void binaryWithAScalarOperandMatchesScalar(BinaryOp op) {
        for (int n : lengths(VectorConstants.LANES)) {
            checkBinaryScalarOperand(SCALAR, VECTOR, op, n, new Random(n * 41L + op.ordinal()));
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceMatchesScalar(ReduceOp op) {
        for (int n : lengths(VectorConstants.LANES)) {
            checkReduce(SCALAR, VECTOR, op, n, new Random(n * 43L + op.ordinal()));
        }
    }

    @ParameterizedTest
    @EnumSource(ReduceOp.class)
    void reduceIntoMatchesScalar(ReduceOp op) {
        for (int n : lengths(VectorConstants.LANES)) {
            checkReduceInto(SCALAR, VECTOR, op, n, new Random(n * 47L + op.ordinal()));
        }
    }

    @Test
    void dotMatchesScalar() {
        for (int n : lengths(VectorConstants.LANES)) {
            checkDot(SCALAR, VECTOR, n, new Random(n * 53L));
        }
    }

    @Test
    void axpyMatchesScalar() {
        for (int n : lengths(VectorConstants.LANES)) {
            checkAxpy(SCALAR, VECTOR, n, new Random(n * 59L));
        }
    }

    @Test
    void rowBiasAndColumnSumsMatchScalarBitForBit() {
        Random r = new Random(61);
        for (int n : new int[] {1, 2, 7, VectorConstants.LANES - 1, VectorConstants.LANES, VectorConstants.LANES + 1,
            30, 2 * VectorConstants.LANES + 3, 100}) {
            for (int rows : new int[] {0, 1, 3, 32}) {
                int off = 5;
                float[] x = finiteArray(r, off + rows * n + 3);
                float[] b = finiteArray(r, n + 2);
                for (int i = 0; i < x.length; i += 13) {
                    x[i] = SPECIALS[r.nextInt(5)]; // NaN, ±inf, ±0
                }
                float[] expected = x.clone();
                float[] actual = x.clone();
                SCALAR.addToRows(expected, off, rows, n, b, 1);
                VECTOR.addToRows(actual, off, rows, n, b, 1);
                assertBitsEqual("addToRows n=" + n + " rows=" + rows, expected, actual);
                float[] accExpected = finiteArray(r, n + 4);
                float[] accActual = accExpected.clone();
                SCALAR.sumRowsInto(x, off, rows, n, accExpected, 2);
                VECTOR.sumRowsInto(x, off, rows, n, accActual, 2);
                assertBitsEqual("sumRowsInto n=" + n + " rows=" + rows, accExpected, accActual);
            }
        }
        // row copies: short and long runs, strided both ways, ending at the arrays' ends, bits unchanged
        for (int n : new int[] {1, 5, VectorConstants.LANES, 30, 4 * VectorConstants.LANES + 1}) {
            for (int rows : new int[] {0, 1, 32}) {
                int srcStride = n + 3;
                int dstStride = n + 7;
                float[] src = finiteArray(r, 2 + Math.max(0, rows - 1) * srcStride + n);
                for (int i = 0; i < src.length; i += 7) {
                    src[i] = SPECIALS[r.nextInt(5)];
                }
                float[] expected = finiteArray(r, 1 + Math.max(0, rows - 1) * dstStride + n);
                float[] actual = expected.clone();
                SCALAR.copyRows(src, 2, srcStride, expected, 1, dstStride, rows, n);
                VECTOR.copyRows(src, 2, srcStride, actual, 1, dstStride, rows, n);
                assertBitsEqual("copyRows n=" + n + " rows=" + rows, expected, actual);
                for (int row = 0; row < rows; row++) {
                    for (int j = 0; j < n; j++) {
                        assertThat(Float.floatToRawIntBits(expected[1 + row * dstStride + j]))
                                .isEqualTo(Float.floatToRawIntBits(src[2 + row * srcStride + j]));
                    }
                }
            }
        }
        // the scalar definitions themselves
        float[] y = {1, 2, 3, 4, 5, 6};
        SCALAR.addToRows(y, 0, 2, 3, new float[] {10, 20, 30}, 0);
        assertThat(y).containsExactly(11, 22, 33, 14, 25, 36);
        float[] acc = {100, 200, 300};
        SCALAR.sumRowsInto(new float[] {1, 2, 3, 4, 5, 6}, 0, 2, 3, acc, 0);
        assertThat(acc).containsExactly(105, 207, 309);
    }

    private static void assertBitsEqual(String what, float[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])
                    && !(Float.isNaN(expected[i]) && Float.isNaN(actual[i]))) {
                throw new AssertionError(what + " at " + i + ": expected " + expected[i] + " but got " + actual[i]);
            }
        }
    }

    @Test
    void sigmoidAndSoftplusStayFiniteFarOut() {
        checkStableTails(SCALAR);
        checkStableTails(VECTOR);
    }

    @Test
    void roundingFunctionsFollowMath() {
        checkRounding(SCALAR);
        checkRounding(VECTOR);
    }

    @Test
    void vectorMaxMinAndComparisonsFollowJavaSemantics() {
        checkJavaSemantics(VECTOR);
    }

    /**
     * POWER's special cases are Keras's (numpy's, C99's), not Math.pow's: 1^y = 1 for every y and (-1)^±inf = 1.
     * Values from tools/golden/kernel_pow_special_cases.py (Keras 3.15.1, JAX backend).
     */
    @Test
    void powerFollowsKerasSpecialCases() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[][] cases = {{1f, nan, 1f}, {1f, inf, 1f}, {1f, -inf, 1f}, {-1f, inf, 1f}, {-1f, -inf, 1f},
            {-1f, nan, nan}, {nan, 0f, 1f}, {nan, -0f, 1f}, {-8f, 1f / 3, nan}, {-2f, 3f, -8f}, {-0f, -3f, -inf},
            {-0f, 0.5f, 0f}, {-inf, 0.5f, inf}, {-inf, 3f, -inf}, {0f, -1f, inf}, {-Float.MIN_VALUE, 0.5f, nan},
            {nan, 1f, nan}, {2f, nan, nan}};
        int n = 3 * VectorConstants.LANES + 5;
        for (Kernels k : List.of(SCALAR, VECTOR)) {
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = cases[i % cases.length][0];
                b[i] = cases[i % cases.length][1];
            }
            float[] out = new float[n];
            k.binary(BinaryOp.POWER, a, 0, b, 0, out, 0, n);
            for (int i = 0; i < n; i++) {
                float want = cases[i % cases.length][2];
                assertThat(same(want, out[i])).as("%s: %s ^ %s = %s, want %s", k.name(), a[i], b[i], out[i], want)
                        .isTrue();
            }
            for (float[] c : cases) {
                float[] base = new float[n];
                float[] exponent = new float[n];
                Arrays.fill(base, c[0]);
                Arrays.fill(exponent, c[1]);
                float[] right = new float[n];
                float[] left = new float[n];
                k.binaryScalarRight(BinaryOp.POWER, base, 0, c[1], right, 0, n);
                k.binaryScalarLeft(BinaryOp.POWER, c[0], exponent, 0, left, 0, n);
                for (int i = 0; i < n; i++) {
                    assertThat(same(c[2], right[i]) && same(c[2], left[i]))
                            .as("%s: %s ^ %s with a scalar operand = %s / %s, want %s", k.name(), c[0], c[1],
                                    right[i], left[i], c[2])
                            .isTrue();
                }
            }
        }
    }

    /** The checks themselves must catch a kernel that is off by one ulp in one element, or one element short. */
    @Test
    void checksCatchASlightlyWrongKernel() {
        Kernels broken = new Perturbed(VECTOR);
        assertThatThrownBy(() -> checkUnary(SCALAR, broken, UnaryOp.ABS, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ABS");
        assertThatThrownBy(() -> checkUnary(SCALAR, broken, UnaryOp.EXP, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("EXP");
        assertThatThrownBy(() -> checkBinary(SCALAR, broken, BinaryOp.ADD, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ADD");
        assertThatThrownBy(() -> checkBinaryScalarOperand(SCALAR, broken, BinaryOp.DIVIDE, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("DIVIDE");
        assertThatThrownBy(() -> checkReduce(SCALAR, broken, ReduceOp.SUM, 1000, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("SUM");
        assertThatThrownBy(() -> checkReduce(SCALAR, broken, ReduceOp.MAX, 1000, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("MAX");
        assertThatThrownBy(() -> checkReduceInto(SCALAR, broken, ReduceOp.MIN, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("MIN");
        assertThatThrownBy(() -> checkDot(SCALAR, broken, 1000, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("dot");
        assertThatThrownBy(() -> checkAxpy(SCALAR, broken, 100, new Random(1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("axpy");
        assertThatThrownBy(() -> checkStableTails(broken)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> checkRounding(broken)).isInstanceOf(AssertionError.class);
        assertThat(ulps(1f, Math.nextUp(1f))).isEqualTo(1);
        assertThat(ulps(Float.MAX_VALUE, Float.POSITIVE_INFINITY)).isEqualTo(1);
        assertThat(ulps(-0f, Float.MIN_VALUE)).isEqualTo(1);
        assertThat(ulps(Float.NaN, 1f)).isEqualTo(Long.MAX_VALUE);
    }

    static Stream<Arguments> widths() {
        List<Arguments> widths = new ArrayList<>(List.of(
                Arguments.of("preferred width", List.of(), 0),
                Arguments.of("256-bit", List.of("-XX:MaxVectorSize=32"), 256),
                Arguments.of("128-bit, no FMA", List.of("-XX:MaxVectorSize=16", "-XX:-UseFMA"), 128)));
        if (System.getProperty("os.arch").equals("amd64")) {
            // AVX2's instructions and 16 registers (no AVX-512 masks), as on most x86 servers
            widths.add(Arguments.of("AVX2", List.of("-XX:UseAVX=2"), 256));
        }
        return widths.stream();
    }

    /**
     * Runs {@link #main} in a child JVM: it warms every kernel up until C2 has compiled it (synchronously, with
     * {@code -Xbatch}; {@code PerMethodTrapLimit=0} keeps C2 from compiling branches away that the warm-up did
     * not take), then runs all the checks once more. Its compilation log (C2's only, tiers being off) proves
     * that the kernels ran compiled.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("widths")
    void compiledVectorKernelsMatchScalar(String label, List<String> jvmOptions, int bits) throws Exception {
        int preferredBits = VectorConstants.SPECIES.vectorBitSize();
        assumeTrue(bits <= preferredBits, "the CPU's vectors are narrower than " + bits + " bits");
        List<String> options = new ArrayList<>(List.of("-XX:-TieredCompilation", "-Xbatch",
                "-XX:CompileThreshold=1000", "-XX:PerMethodTrapLimit=0", "-XX:+PrintCompilation"));
        options.addAll(jvmOptions);
        ChildResult child = runChild(KernelParityTest.class, true, options);
        assertThat(child.exitCode()).as(child.output()).isZero();
        assertThat(child.output()).contains("PARITY OK vector (" + (bits == 0 ? preferredBits : bits) + "-bit,");
        if (bits == 128) {
            assertThat(child.output()).contains("fma=false");
        }
        for (String kernel : List.of("unary", "binary", "reduce", "dot", "axpy")) { // all compiled by C2
            assertThat(child.output()).contains("dev.strata.internal.kernels.VectorKernels::" + kernel + " (");
        }
    }

    record ChildResult(int exitCode, String output) {
    }

    /** Runs {@code mainClass} in a new JVM on this JVM's class path, with or without the Vector API module. */
    static ChildResult runChild(Class<?> mainClass, boolean vectorModule, List<String> options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (vectorModule) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("child JVM timed out: " + command);
        }
        return new ChildResult(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /**
     * The child-JVM side of {@link #compiledVectorKernelsMatchScalar}: warm up, check everything, and print
     * {@code PARITY OK <kernels> fma=<bool>}; a failed check exits non-zero with its message.
     */
    public static void main(String[] args) {
        Kernels vector = KernelProvider.vector().orElseThrow();
        int lanes = VectorConstants.LANES;
        warmUp(vector, lanes);
        Random r = new Random(2026);
        for (int n : lengths(lanes)) {
            for (UnaryOp op : UnaryOp.values()) {
                checkUnary(SCALAR, vector, op, n, r);
            }
            for (BinaryOp op : BinaryOp.values()) {
                checkBinary(SCALAR, vector, op, n, r);
                checkBinaryScalarOperand(SCALAR, vector, op, n, r);
            }
            for (ReduceOp op : ReduceOp.values()) {
                checkReduce(SCALAR, vector, op, n, r);
                checkReduceInto(SCALAR, vector, op, n, r);
            }
            checkDot(SCALAR, vector, n, r);
            checkAxpy(SCALAR, vector, n, r);
        }
        checkStableTails(vector);
        checkRounding(vector);
        checkJavaSemantics(vector);
        if (VectorConstants.FMA) {
            // (without FMA instructions the Vector API's fma runs lane by lane on boxed vectors: far too slow
            // for a GEMM; such CPUs predate AVX2)
            checkGemmTilesAgree(r);
        }
        System.out.println("PARITY OK " + vector.name() + " fma=" + VectorConstants.FMA);
    }

    /** Calls every kernel with every op at small and medium lengths, enough times for C2 to compile it. */
    /**
     * Every GEMM register tile gives the same bits, once C2 has compiled each (the packed path, all four
     * transposes, ragged edges): the tile chosen for a machine must never change a result. The first round
     * also checks the result against a float64 reference, so a packing path that only this width takes (the
     * 8 x 8 transposes of 256-bit vectors) is checked for what it computes, not only for agreeing with itself.
     */
    static void checkGemmTilesAgree(Random r) {
        // the last is wider than AVX2's in-place limit (16 tiles), so its 4-row A panels are packed
        int[][] shapes = {{97, 129, 70}, {150, 70, 300}, {64, 96, 600}, {41, 300, 70}};
        for (int round = 0; round < 20; round++) {
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    boolean transA = (t & 2) != 0;
                    boolean transB = (t & 1) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = mixedFinite(r, m * k);
                    float[] b = mixedFinite(r, k * n);
                    float[] first = null;
                    for (GemmTile tile : GemmTile.values()) {
                        float[] c = new float[m * n];
                        VectorGemm.gemm(tile, transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0,
                                transB ? k : n, 0f, c, 0, n);
                        if (first == null) {
                            first = c;
                            if (round == 0) {
                                checkAgainstReference(c, a, b, m, n, k, transA, transB);
                            }
                        } else if (!Arrays.equals(first, c)) {
                            throw new AssertionError("GEMM tile " + tile.label() + " differs from "
                                    + GemmTile.values()[0].label() + " for " + m + "x" + n + "x" + k
                                    + " transA=" + transA + " transB=" + transB);
                        }
                    }
                }
            }
        }
    }

    /** c = op(a)·op(b) within float32 accumulation error of a float64 reference. */
    private static void checkAgainstReference(float[] c, float[] a, float[] b, int m, int n, int k, boolean transA,
                                              boolean transB) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double x = (double) (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
                    sum += x;
                    mag += Math.abs(x);
                }
                if (!(Math.abs(c[i * n + j] - sum) <= (k + 4) * 0x1p-23 * mag + 1e-30)) {
                    throw new AssertionError("GEMM " + m + "x" + n + "x" + k + " transA=" + transA + " transB="
                            + transB + ": C[" + i + "][" + j + "] = " + c[i * n + j] + ", expected " + sum);
                }
            }
        }
    }

    private static float[] mixedFinite(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(5) - 2));
        }
        return x;
    }

    private static void warmUp(Kernels k, int lanes) {
        Random r = new Random(7);
        int[] sizes = {0, 1, lanes - 1, lanes, lanes + 1, 3 * lanes + 5, 2 * lanes, 5000};
        float[] a = mixedArray(r, 5003);
        float[] b = mixedArray(r, 5003);
        float[] out = new float[5003];
        float[] scalars = {2f, -3f, 0.5f, 3f, -0f, Float.NaN, 2.5f};
        UnaryOp[] unary = UnaryOp.values();
        BinaryOp[] binary = BinaryOp.values();
        ReduceOp[] reduce = ReduceOp.values();
        float sink = 0;
        for (int i = 0; i < 12_000; i++) {
            int n = sizes[r.nextInt(sizes.length)];
            if (n == 5000 && r.nextInt(5) != 0) {
                n = 3 * lanes + 5;
            }
            int off = r.nextInt(3);
            float s = scalars[r.nextInt(scalars.length)];
            k.unary(unary[r.nextInt(unary.length)], a, off, out, 0, n);
            k.binary(binary[r.nextInt(binary.length)], a, off, b, 0, out, 0, n);
            k.binaryScalarRight(binary[r.nextInt(binary.length)], a, off, s, out, 0, n);
            k.binaryScalarLeft(binary[r.nextInt(binary.length)], s, b, off, out, 0, n);
            sink += k.reduce(reduce[r.nextInt(reduce.length)], a, off, n);
            System.arraycopy(b, 0, out, 0, n);
            k.reduceInto(reduce[r.nextInt(reduce.length)], a, off, out, 0, n);
            sink += k.dot(a, off, b, 0, n);
            k.axpy(s, a, off, out, 0, n);
        }
        if (sink == 42f) {
            System.out.println("(warm-up sink)");
        }
    }

    // ---- the checks ----------------------------------------------------------------------------------------

    static void checkUnary(Kernels ref, Kernels k, UnaryOp op, int n, Random r) {
        boolean positive = op == UnaryOp.LOG || op == UnaryOp.LOG1P || op == UnaryOp.SQRT || op == UnaryOp.RSQRT;
        float[] a = new float[n + 9];
        for (int i = 0; i < a.length; i++) {
            float x = mixed(r);
            a[i] = positive && r.nextInt(4) != 0 ? Math.abs(x) : x;
        }
        int tol = EXACT_UNARY.contains(op) ? 0 : ULPS;
        int[][] offsets = {{0, 0}, {5, 2}, {3, 8}};
        for (int[] o : offsets) {
            float[] input = a.clone();
            float[] expected = guarded(n + 9);
            float[] actual = guarded(n + 9);
            ref.unary(op, input, o[0], expected, o[1], n);
            k.unary(op, input, o[0], actual, o[1], n);
            String what = op + " n=" + n + " offsets " + Arrays.toString(o);
            compare(what, expected, actual, tol, i -> "x=" + input[i - o[1] + o[0]]);
            compareExact(what + " (input changed)", a, input);
            for (int i = 0; i < n; i++) {
                float x = input[o[0] + i];
                if (!same(op.apply(x), expected[o[1] + i])) {
                    throw new AssertionError(what + ": ScalarKernels gives " + expected[o[1] + i] + " for x=" + x
                            + ", the reference " + op.apply(x));
                }
            }
        }
        // out == a, same span
        float[] expected = a.clone();
        float[] actual = a.clone();
        ref.unary(op, expected, 4, expected, 4, n);
        k.unary(op, actual, 4, actual, 4, n);
        compare(op + " n=" + n + " in place", expected, actual, tol, i -> "x=" + a[i]);
    }

    static void checkBinary(Kernels ref, Kernels k, BinaryOp op, int n, Random r) {
        float[] a = new float[n + 9];
        float[] b = new float[n + 9];
        fillPair(op, r, a, b);
        int tol = op == BinaryOp.POWER ? ULPS : 0;
        int[][] offsets = {{0, 0, 0}, {3, 5, 1}, {8, 0, 6}};
        for (int[] o : offsets) {
            float[] expected = guarded(n + 9);
            float[] actual = guarded(n + 9);
            ref.binary(op, a, o[0], b, o[1], expected, o[2], n);
            k.binary(op, a, o[0], b, o[1], actual, o[2], n);
            String what = op + " n=" + n + " offsets " + Arrays.toString(o);
            compare(what, expected, actual, tol,
                    i -> "a=" + a[i - o[2] + o[0]] + " b=" + b[i - o[2] + o[1]]);
            for (int i = 0; i < n; i++) {
                float x = a[o[0] + i];
                float y = b[o[1] + i];
                if (!same(op.apply(x, y), expected[o[2] + i])) {
                    throw new AssertionError(what + ": ScalarKernels gives " + expected[o[2] + i] + " for a=" + x
                            + " b=" + y + ", the reference " + op.apply(x, y));
                }
            }
        }
        // out == a and out == b, same span
        float[] expected = a.clone();
        float[] actual = a.clone();
        ref.binary(op, expected, 2, b, 2, expected, 2, n);
        k.binary(op, actual, 2, b, 2, actual, 2, n);
        compare(op + " n=" + n + " out=a", expected, actual, tol, i -> "a=" + a[i] + " b=" + b[i]);
        expected = b.clone();
        actual = b.clone();
        ref.binary(op, a, 1, expected, 1, expected, 1, n);
        k.binary(op, a, 1, actual, 1, actual, 1, n);
        compare(op + " n=" + n + " out=b", expected, actual, tol, i -> "a=" + a[i] + " b=" + b[i]);
    }

    static void checkBinaryScalarOperand(Kernels ref, Kernels k, BinaryOp op, int n, Random r) {
        float[] a = mixedArray(r, n + 9);
        if (op == BinaryOp.POWER) {
            for (int i = 0; i < a.length; i += 2) {
                a[i] = exponent(r);
            }
        }
        int tol = op == BinaryOp.POWER ? ULPS : 0;
        List<Float> scalars = new ArrayList<>();
        for (float s : SPECIALS) {
            scalars.add(s);
        }
        scalars.addAll(List.of(mixed(r), exponent(r), 0.37f, -2f, 4f, -4f, 0.25f, -0.25f, 1e-3f));
        if (n > 1000) {
            // long arrays only with a few scalars, to keep the test quick
            scalars = List.of(2f, -3f, 0.5f, Float.NaN, mixed(r), exponent(r));
        }
        for (float s : scalars) {
            float[] expectedRight = guarded(n + 9);
            float[] actual = guarded(n + 9);
            ref.binaryScalarRight(op, a, 3, s, expectedRight, 5, n);
            k.binaryScalarRight(op, a, 3, s, actual, 5, n);
            compare(op + " n=" + n + " scalar right " + s, expectedRight, actual, tol,
                    i -> "a=" + a[i - 2] + " b=" + s);
            float[] expectedLeft = guarded(n + 9);
            actual = guarded(n + 9);
            ref.binaryScalarLeft(op, s, a, 4, expectedLeft, 1, n);
            k.binaryScalarLeft(op, s, a, 4, actual, 1, n);
            compare(op + " n=" + n + " scalar left " + s, expectedLeft, actual, tol,
                    i -> "a=" + s + " b=" + a[i + 3]);
            for (int i = 0; i < n; i++) {
                if (!same(op.apply(a[3 + i], s), expectedRight[5 + i])
                        || !same(op.apply(s, a[4 + i]), expectedLeft[1 + i])) {
                    throw new AssertionError(op + " n=" + n + ": ScalarKernels disagrees with the reference at "
                            + i + " (scalar " + s + ")");
                }
            }
            // in place
            float[] inPlaceRef = a.clone();
            float[] inPlace = a.clone();
            ref.binaryScalarRight(op, inPlaceRef, 2, s, inPlaceRef, 2, n);
            k.binaryScalarRight(op, inPlace, 2, s, inPlace, 2, n);
            compare(op + " n=" + n + " scalar right in place " + s, inPlaceRef, inPlace, tol, i -> "a=" + a[i]);
            inPlaceRef = a.clone();
            inPlace = a.clone();
            ref.binaryScalarLeft(op, s, inPlaceRef, 2, inPlaceRef, 2, n);
            k.binaryScalarLeft(op, s, inPlace, 2, inPlace, 2, n);
            compare(op + " n=" + n + " scalar left in place " + s, inPlaceRef, inPlace, tol, i -> "b=" + a[i]);
        }
    }

    static void checkReduce(Kernels ref, Kernels k, ReduceOp op, int n, Random r) {
        // Products of mixed values over- and underflow in order-dependent ways, so PROD gets values near 1
        // (whose product stays in range) and exact powers of two instead.
        java.util.function.IntFunction<float[]> base = len -> op == ReduceOp.PROD ? nearOne(r, len, n)
                : finiteArray(r, len);
        List<float[]> inputs = new ArrayList<>();
        inputs.add(base.apply(n + 6));
        if (op != ReduceOp.PROD) {
            inputs.add(mixedArray(r, n + 6));
        }
        // small nonzero integers: every partial sum and product of ±2^k is exact, so any order agrees exactly
        float[] exact = new float[n + 6];
        double p = Math.min(1, 30.0 / Math.max(n, 1));
        for (int i = 0; i < exact.length; i++) {
            exact[i] = op == ReduceOp.PROD
                    ? (r.nextBoolean() ? 1 : -1) * Math.scalb(1f, r.nextDouble() < p ? r.nextInt(3) - 1 : 0)
                    : (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3));
        }
        inputs.add(exact);
        float[] zeros = new float[n + 6];
        for (int i = 0; i < zeros.length; i++) {
            zeros[i] = r.nextInt(3) == 0 ? 0f : -0f;
        }
        inputs.add(zeros);
        float[] negZeros = new float[n + 6];
        Arrays.fill(negZeros, -0f);
        inputs.add(negZeros);
        for (float special : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] x = base.apply(n + 6);
            x[r.nextInt(x.length)] = special;
            inputs.add(x);
            if (n > 0) {
                float[] last = base.apply(n + 6);
                last[3 + n - 1] = special; // only in the last element of the span at offset 3 (the scalar tail)
                inputs.add(last);
            }
        }
        for (float[] x : inputs) {
            for (int off : new int[] {0, 3}) {
                float e = ref.reduce(op, x, off, n);
                float v = k.reduce(op, x, off, n);
                String what = op + " reduce n=" + n + " off=" + off + " " + describe(x, off, n);
                float sequential = op.identity();
                for (int i = 0; i < n && op != ReduceOp.SUM; i++) {
                    sequential = op.combine(sequential, x[off + i]);
                }
                if (op != ReduceOp.SUM && !same(sequential, e)) {
                    throw new AssertionError(what + ": ScalarKernels gives " + e + ", the reference " + sequential);
                }
                if (x == exact || op == ReduceOp.MAX || op == ReduceOp.MIN) {
                    if (!same(e, v) && !(e == 0 && v == 0 && op == ReduceOp.SUM)) {
                        throw new AssertionError(what + ": expected " + e + " but got " + v);
                    }
                } else if (op == ReduceOp.SUM) {
                    double scale = 0;
                    for (int i = 0; i < n; i++) {
                        scale += Math.abs(x[off + i]);
                    }
                    checkSum(what, e, v, scale);
                } else if (!same(e, v) && !closeRel(e, v, n)) {
                    throw new AssertionError(what + ": expected " + e + " but got " + v);
                }
            }
        }
    }

    /** Random ±e^u with u small enough that a product of n of them stays well inside the float range. */
    private static float[] nearOne(Random r, int len, int n) {
        float[] x = new float[len];
        double spread = 5 / Math.sqrt(Math.max(n, 1));
        for (int i = 0; i < len; i++) {
            x[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.exp((r.nextDouble() * 2 - 1) * spread));
        }
        return x;
    }

    /** Relative agreement of two products of n factors: 16 sqrt(n) float rounding errors (random-walk bound). */
    private static boolean closeRel(float e, float v, int n) {
        double tol = 16 * Math.sqrt(Math.max(n, 1)) * 0x1p-24;
        return Float.isFinite(e) && Float.isFinite(v) && Math.abs(e - v) <= tol * Math.abs(e);
    }

    private static void checkSum(String what, float e, float v, double scale) {
        if (!Float.isFinite(e) || !Float.isFinite(v)) {
            if (!same(e, v)) {
                throw new AssertionError(what + ": expected " + e + " but got " + v);
            }
        } else if (Math.abs((double) e - v) > 1e-5 * scale) {
            throw new AssertionError(what + ": expected " + e + " but got " + v + " (sum of magnitudes " + scale + ")");
        }
    }

    static void checkReduceInto(Kernels ref, Kernels k, ReduceOp op, int n, Random r) {
        float[] a = new float[n + 9];
        float[] acc = new float[n + 9];
        fillPair(BinaryOp.MAXIMUM, r, acc, a);
        for (int[] o : new int[][] {{0, 0}, {4, 1}}) {
            float[] expected = acc.clone();
            float[] actual = acc.clone();
            ref.reduceInto(op, a, o[0], expected, o[1], n);
            k.reduceInto(op, a, o[0], actual, o[1], n);
            String what = op + " reduceInto n=" + n + " offsets " + Arrays.toString(o);
            compare(what, expected, actual, 0, i -> "acc=" + acc[i] + " a=" + a[i - o[1] + o[0]]);
            for (int i = 0; i < n; i++) {
                if (!same(op.combine(acc[o[1] + i], a[o[0] + i]), expected[o[1] + i])) {
                    throw new AssertionError(what + ": ScalarKernels disagrees with the reference at " + i);
                }
            }
        }
    }

    static void checkDot(Kernels ref, Kernels k, int n, Random r) {
        List<float[][]> inputs = new ArrayList<>();
        inputs.add(new float[][] {finiteArray(r, n + 7), finiteArray(r, n + 7)});
        float[] positive = finiteArray(r, n + 7);
        for (int i = 0; i < positive.length; i++) {
            positive[i] = Math.abs(positive[i]);
        }
        inputs.add(new float[][] {positive, positive.clone()});
        // small nonzero integers: the dot is an integer below 2^24, exact in any order
        float[] ix = new float[n + 7];
        float[] iy = new float[n + 7];
        for (int i = 0; i < ix.length; i++) {
            ix[i] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3));
            iy[i] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(3));
        }
        float[][] exact = {ix, iy};
        inputs.add(exact);
        for (float special : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
            float[] x = finiteArray(r, n + 7);
            float[] y = finiteArray(r, n + 7);
            if (n > 0) {
                x[2 + r.nextInt(n)] = special;
                y[2 + n - 1] = special;
            }
            inputs.add(new float[][] {x, y});
        }
        for (float[][] xy : inputs) {
            for (int[] o : new int[][] {{0, 0}, {2, 5}}) {
                float e = ref.dot(xy[0], o[0], xy[1], o[1], n);
                float v = k.dot(xy[0], o[0], xy[1], o[1], n);
                double scale = 0;
                double exactSum = 0;
                for (int i = 0; i < n; i++) {
                    double p = (double) xy[0][o[0] + i] * xy[1][o[1] + i];
                    scale += Math.abs(p);
                    exactSum += p;
                }
                String what = "dot n=" + n + " offsets " + Arrays.toString(o);
                if (xy == exact && (e != (float) exactSum || v != (float) exactSum)) {
                    throw new AssertionError(what + " of integers: expected " + exactSum + " but got " + e
                            + " (scalar), " + v + " (vector)");
                }
                checkSum(what, e, v, scale);
                if (Double.isFinite(exactSum) && Double.isFinite(scale)) {
                    checkSum(what + " (vs double)", (float) exactSum, v, scale);
                }
            }
        }
    }

    static void checkAxpy(Kernels ref, Kernels k, int n, Random r) {
        float[] x = finiteArray(r, n + 9);
        float[] y = finiteArray(r, n + 9);
        for (int i = 0; i < n + 9; i += 17) {
            x[i] = SPECIALS[r.nextInt(5)]; // NaN, ±inf, ±0
        }
        for (float alpha : new float[] {0f, 1f, -1f, 2f, 0.37f, -1e-3f, 1e3f, Float.NaN}) {
            for (int[] o : new int[][] {{0, 0}, {3, 7}}) {
                float[] expected = y.clone();
                float[] actual = y.clone();
                ref.axpy(alpha, x, o[0], expected, o[1], n);
                k.axpy(alpha, x, o[0], actual, o[1], n);
                for (int j = 0; j < y.length; j++) {
                    int i = j - o[1] + o[0];
                    boolean inside = j >= o[1] && j < o[1] + n;
                    float e = expected[j];
                    float v = actual[j];
                    if (!inside || !Float.isFinite(e) || !Float.isFinite(v)) {
                        if (!same(e, v)) {
                            throw new AssertionError("axpy n=" + n + " alpha=" + alpha + " at " + j + ": expected " + e
                                    + " but got " + v);
                        }
                        continue;
                    }
                    // FMA rounds once, y + fl(alpha x) twice: they differ by rounding errors of both terms
                    double tol = 0x1p-22 * (Math.abs(y[j]) + Math.abs((double) alpha * x[i]));
                    if (Math.abs((double) e - v) > tol) {
                        throw new AssertionError("axpy n=" + n + " alpha=" + alpha + " at " + j + ": x=" + x[i] + " y="
                                + y[j] + " expected " + e + " but got " + v);
                    }
                }
            }
        }
    }

    /** Sigmoid and softplus far out, where naive formulas overflow to NaN, inf or lose the tiny tail value. */
    static void checkStableTails(Kernels k) {
        float[] x = {100f, -100f, 1000f, -1000f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.8f, -88.8f,
            30f, -30f};
        int n = 3 * VectorConstants.LANES + 5;
        float[] in = new float[n];
        for (int i = 0; i < n; i++) {
            in[i] = x[i % x.length];
        }
        float[] sig = new float[n];
        float[] sp = new float[n];
        k.unary(UnaryOp.SIGMOID, in, 0, sig, 0, n);
        k.unary(UnaryOp.SOFTPLUS, in, 0, sp, 0, n);
        for (int i = 0; i < n; i++) {
            double v = in[i];
            double trueSigmoid = v > 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
            double trueSoftplus = Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
            String what = k.name() + " at x=" + in[i] + ": sigmoid " + sig[i] + ", softplus " + sp[i];
            if (Float.isNaN(sig[i]) || Float.isNaN(sp[i]) || Float.isInfinite(sig[i])
                    || (Float.isInfinite(sp[i]) && Double.isFinite(trueSoftplus))) {
                throw new AssertionError(what);
            }
            if (ulps(sig[i], (float) trueSigmoid) > ULPS || ulps(sp[i], (float) trueSoftplus) > ULPS) {
                throw new AssertionError(what + "; expected " + (float) trueSigmoid + ", " + (float) trueSoftplus);
            }
        }
    }

    /** ROUND is half to even, FLOOR and CEIL keep the sign of zero, as Math.rint/floor/ceil. */
    static void checkRounding(Kernels k) {
        float[] x = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0x1p23f - 0.5f, -(0x1p23f - 0.5f), 0.49999997f, -0.7f,
            -0.3f, 0.3f, 0.7f, -0f, 0f, 0x1p23f + 1, -1e30f, Float.MIN_VALUE, -Float.MIN_VALUE, 3.5f, -3.5f};
        float[] round = {0f, 2f, 2f, -0f, -2f, -2f, 0x1p23f, -0x1p23f, 0f, -1f,
            -0f, 0f, 1f, -0f, 0f, 0x1p23f + 1, -1e30f, 0f, -0f, 4f, -4f};
        float[] floor = {0f, 1f, 2f, -1f, -2f, -3f, 0x1p23f - 1, -0x1p23f, 0f, -1f,
            -1f, 0f, 0f, -0f, 0f, 0x1p23f + 1, -1e30f, 0f, -1f, 3f, -4f};
        float[] ceil = {1f, 2f, 3f, -0f, -1f, -2f, 0x1p23f, -(0x1p23f - 1), 1f, -0f,
            -0f, 1f, 1f, -0f, 0f, 0x1p23f + 1, -1e30f, 1f, -0f, 4f, -3f};
        int n = 3 * VectorConstants.LANES + 5;
        for (int rep = 0; rep < 2; rep++) {
            float[] in = new float[n];
            for (int i = 0; i < n; i++) {
                in[i] = x[(i + rep * 7) % x.length];
            }
            float[][] expected = {round, floor, ceil};
            UnaryOp[] ops = {UnaryOp.ROUND, UnaryOp.FLOOR, UnaryOp.CEIL};
            for (int o = 0; o < ops.length; o++) {
                float[] out = new float[n];
                k.unary(ops[o], in, 0, out, 0, n);
                for (int i = 0; i < n; i++) {
                    float want = expected[o][(i + rep * 7) % x.length];
                    if (!same(want, out[i])) {
                        throw new AssertionError(k.name() + " " + ops[o] + "(" + in[i] + ") = " + out[i] + ", expected "
                                + want);
                    }
                }
            }
        }
    }

    /** NaN propagates through MAXIMUM/MINIMUM and MAX/MIN, +0 > -0, and NaN compares unequal to everything. */
    static void checkJavaSemantics(Kernels k) {
        int n = 2 * VectorConstants.LANES + 3;
        float[] a = new float[n];
        float[] b = new float[n];
        float[][] pairs = {{Float.NaN, 1f}, {1f, Float.NaN}, {-0f, 0f}, {0f, -0f}, {Float.NaN, Float.NaN},
            {Float.NEGATIVE_INFINITY, Float.NaN}};
        for (int i = 0; i < n; i++) {
            a[i] = pairs[i % pairs.length][0];
            b[i] = pairs[i % pairs.length][1];
        }
        float[] out = new float[n];
        k.binary(BinaryOp.MAXIMUM, a, 0, b, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            float want = i % pairs.length == 2 || i % pairs.length == 3 ? 0f : Float.NaN;
            if (!same(want, out[i])) {
                throw new AssertionError(k.name() + " maximum(" + a[i] + ", " + b[i] + ") = " + out[i]);
            }
        }
        k.binary(BinaryOp.MINIMUM, a, 0, b, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            float want = i % pairs.length == 2 || i % pairs.length == 3 ? -0f : Float.NaN;
            if (!same(want, out[i])) {
                throw new AssertionError(k.name() + " minimum(" + a[i] + ", " + b[i] + ") = " + out[i]);
            }
        }
        k.binary(BinaryOp.NOT_EQUAL, a, 0, b, 0, out, 0, n);
        for (int i = 0; i < n; i++) {
            float want = i % pairs.length == 2 || i % pairs.length == 3 ? 0f : 1f;
            if (!same(want, out[i])) {
                throw new AssertionError(k.name() + " notEqual(" + a[i] + ", " + b[i] + ") = " + out[i]);
            }
        }
        float[] withNaN = new float[4 * VectorConstants.LANES];
        withNaN[VectorConstants.LANES + 1] = Float.NaN;
        if (!Float.isNaN(k.reduce(ReduceOp.MAX, withNaN, 0, withNaN.length))
                || !Float.isNaN(k.reduce(ReduceOp.MIN, withNaN, 0, withNaN.length))) {
            throw new AssertionError(k.name() + ": MAX/MIN reductions drop a NaN");
        }
        float[] zeros = new float[4 * VectorConstants.LANES];
        Arrays.fill(zeros, -0f);
        zeros[5] = 0f;
        if (!same(0f, k.reduce(ReduceOp.MAX, zeros, 0, zeros.length))
                || !same(-0f, k.reduce(ReduceOp.MIN, zeros, 0, zeros.length))) {
            throw new AssertionError(k.name() + ": MAX/MIN reductions confuse +0 and -0");
        }
    }

    // ---- inputs and comparisons ----------------------------------------------------------------------------

    /** A random float from a mixture: specials, several uniform ranges, wide magnitudes, ties, near 2^23. */
    static float mixed(Random r) {
        return switch (r.nextInt(8)) {
            case 0 -> SPECIALS[r.nextInt(SPECIALS.length)];
            case 1 -> (float) (r.nextDouble() * 2 - 1);
            case 2 -> (float) (r.nextDouble() * 20 - 10);
            case 3 -> (float) (r.nextDouble() * 200 - 100);
            case 4 -> (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble() * 160 - 80));
            case 5 -> (r.nextInt(2001) - 1000) / 2f;
            case 6 -> (r.nextBoolean() ? 1 : -1) * (0x1p22f + r.nextInt(1 << 24) * 0.5f);
            default -> (float) (r.nextDouble() * 8 - 4);
        };
    }

    /** A random exponent for POWER: specials, small integers (odd and even), half-integers, fractions. */
    static float exponent(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> SPECIALS[r.nextInt(SPECIALS.length)];
            case 1 -> r.nextInt(11) - 5;
            case 2 -> (r.nextInt(21) - 10) / 2f;
            case 3 -> (float) (r.nextDouble() * 20 - 10);
            case 4 -> (float) (r.nextDouble() * 2 - 1);
            default -> (float) (r.nextDouble() * 6 - 3);
        };
    }

    static float[] mixedArray(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = mixed(r);
        }
        return a;
    }

    /** Finite values of moderate size, so sums cannot overflow in one order and not the other. */
    static float[] finiteArray(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = switch (r.nextInt(3)) {
                case 0 -> (float) (r.nextDouble() * 2 - 1);
                case 1 -> (float) (r.nextGaussian() * 100);
                default -> (float) ((r.nextBoolean() ? 1 : -1) * Math.exp(r.nextDouble() * 40 - 20));
            };
        }
        return a;
    }

    /** Two operands for op: mixed values, with equal pairs, opposite pairs and ±0 pairs mixed in. */
    private static void fillPair(BinaryOp op, Random r, float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] = mixed(r);
            b[i] = op == BinaryOp.POWER ? exponent(r) : switch (r.nextInt(8)) {
                case 0, 1 -> a[i];
                case 2 -> -a[i];
                case 3 -> r.nextBoolean() ? 0f : -0f;
                default -> mixed(r);
            };
        }
    }

    private static float[] guarded(int n) {
        float[] a = new float[n];
        Arrays.fill(a, GUARD);
        return a;
    }

    /** The same float: NaNs equal each other, -0 differs from +0. */
    static boolean same(float x, float y) {
        return Float.floatToIntBits(x) == Float.floatToIntBits(y);
    }

    /** The distance in units in the last place: floats in order, ±0 counted as one point; NaN is infinitely far. */
    static long ulps(float x, float y) {
        if (Float.isNaN(x) || Float.isNaN(y)) {
            return Float.isNaN(x) && Float.isNaN(y) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordinal(x) - ordinal(y));
    }

    private static long ordinal(float x) {
        int bits = Float.floatToRawIntBits(x);
        return bits < 0 ? -(long) (bits & 0x7fffffff) : bits;
    }

    private static void compareExact(String what, float[] expected, float[] actual) {
        compare(what, expected, actual, 0, i -> "");
    }

    /**
     * Compares whole arrays (so guard cells outside the output span are checked too): bit-exact when
     * {@code tolUlps} is 0, else within that many ulps with NaN and infinities matching.
     */
    private static void compare(String what, float[] expected, float[] actual, int tolUlps,
                                java.util.function.IntFunction<String> input) {
        for (int i = 0; i < expected.length; i++) {
            boolean ok = tolUlps == 0 ? same(expected[i], actual[i]) : ulps(expected[i], actual[i]) <= tolUlps;
            if (!ok) {
                String in;
                try {
                    in = input.apply(i);
                } catch (ArrayIndexOutOfBoundsException e) {
                    in = "(outside the span)";
                }
                String distance = tolUlps > 0 ? " (" + ulps(expected[i], actual[i]) + " ulps)" : "";
                throw new AssertionError(what + ": at index " + i + " " + in + " expected " + expected[i]
                        + " but got " + actual[i] + distance);
            }
        }
    }

    private static String describe(float[] x, int off, int n) {
        int count = 0;
        for (int i = 0; i < n; i++) {
            count += Float.isFinite(x[off + i]) ? 0 : 1;
        }
        return "(" + count + " non-finite inputs)";
    }

    /** Delegates to the vector kernels, then spoils one result a little. */
    private static final class Perturbed implements Kernels {
        private final Kernels k;

        Perturbed(Kernels k) {
            this.k = k;
        }

        @Override
        public String name() {
            return "perturbed " + k.name();
        }

        @Override
        public void gemm(boolean transA, boolean transB, int m, int n, int kk, float alpha, float[] a, int aOff,
                         int lda, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            k.gemm(transA, transB, m, n, kk, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        private static void spoil(float[] out, int at) {
            out[at] = Float.isNaN(out[at]) ? 0f : Math.nextUp(out[at]) == Float.POSITIVE_INFINITY ? 0f
                    : Math.nextUp(Math.nextUp(Math.nextUp(Math.nextUp(Math.nextUp(out[at])))));
        }

        @Override
        public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
            k.binary(op, a, aOff, b, bOff, out, outOff, n);
            spoil(out, outOff + n - 1);
        }

        @Override
        public void binaryScalarRight(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n) {
            k.binaryScalarRight(op, a, aOff, b, out, outOff, n);
            spoil(out, outOff + n / 2);
        }

        @Override
        public void binaryScalarLeft(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n) {
            k.binaryScalarLeft(op, a, b, bOff, out, outOff, n);
            spoil(out, outOff + n / 2);
        }

        @Override
        public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
            k.unary(op, a, aOff, out, outOff, n);
            for (int i = 0; i < n; i++) {
                if (Float.isFinite(out[outOff + i]) && out[outOff + i] != 0) {
                    spoil(out, outOff + i);
                    return;
                }
            }
        }

        @Override
        public float reduce(ReduceOp op, float[] a, int off, int n) {
            // one element short
            return k.reduce(op, a, off, n - 1);
        }

        @Override
        public void reduceInto(ReduceOp op, float[] a, int aOff, float[] acc, int accOff, int n) {
            k.reduceInto(op, a, aOff, acc, accOff, n);
            spoil(acc, accOff + n / 2);
        }

        @Override
        public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
            // one element short
            return k.dot(a, aOff + 1, b, bOff + 1, n - 1);
        }

        @Override
        public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
            k.axpy(alpha, x, xOff, y, yOff, n);
            spoil(y, yOff + n / 2);
        }

        @Override
        public void addToRows(float[] y, int yOff, int rows, int n, float[] b, int bOff) {
            k.addToRows(y, yOff, rows, n, b, bOff);
        }

        @Override
        public void sumRowsInto(float[] x, int xOff, int rows, int n, float[] acc, int accOff) {
            k.sumRowsInto(x, xOff, rows, n, acc, accOff);
        }

        @Override
        public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride,
                             int rows, int n) {
            k.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, n);
        }
    }
}
