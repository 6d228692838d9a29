package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.FMA;
import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;
import static jdk.incubator.vector.FloatVector.fromArray;
import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_INFINITE;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.LT;
import static jdk.incubator.vector.VectorOperators.NE;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;

/**
 * Kernels on the Vector API. Loaded by name by {@link KernelProvider}, only when the JVM has the
 * {@code jdk.incubator.vector} module.
 *
 * <p>As in Lucene's {@code PanamaVectorizationProvider}, this class has no static fields that touch the Vector
 * API (they would initialise before the constructor's checks); its constants live in {@link VectorConstants}.
 * Every loop is written out per op, with the op's switch outside the loop: a switch or a helper method returning
 * vectors inside a hot loop risks vector boxing when C2 does not inline it, which costs 10-100x. The last
 * {@code n mod LANES} elements, and spans too short to pay for a vector, go through {@link ScalarKernels}.
 *
 * <p>Edge semantics equal the scalar reference. The Vector API's MAX, MIN and comparisons follow
 * {@link Math#max}, {@link Math#min} and Java's {@code ==}/{@code <} (NaN propagates, -0 &lt; +0, NaN compares
 * unequal), which the parity tests check. exp, expm1, log, log1p and tanh (and sigmoid and softplus, made of
 * them) come from {@link VectorMath}: float polynomials of IEEE-exact operations, within 2 ulps of the
 * double-precision reference and the same bits in every JIT tier and on every machine. POW still uses the Vector
 * API's own pow, which runs, once C2 has compiled a loop, on the JDK's vectorized math library (SVML on x86) and
 * before that lane by lane on {@link Math}, so its last bits can change with warm-up; the two also disagree on
 * C99-versus-Java special cases, so POW applies {@link BinaryOp#pow}'s rules itself, and only ever hands SVML a
 * non-negative base (negative ones are slow there).
 */
final class VectorKernels implements Kernels {
    /** Reductions shorter than this run scalar: {@code reduceLanes} and the set-up cost more than they save. */
    private static final int MIN_REDUCE_LENGTH = 32;
    /**
     * Sums and dots are pairwise over blocks of this many vectors per accumulator (x4 accumulators), so each
     * lane adds at most 64 terms sequentially and the error grows with log(n), as in the scalar kernels.
     */
    private static final int TERMS_PER_LANE = 64;

    private final ScalarKernels scalar = new ScalarKernels();
    private final GemmTile tile;

    /** The kernels with the GEMM tile chosen for this JVM ({@link GemmTile#forThisJvm}). */
    VectorKernels() {
        this(null);
    }

    /** The kernels with a given GEMM tile (null: the one chosen for this JVM); for tests of every tile. */
    VectorKernels(GemmTile tile) {
        int bits = VectorShape.preferredShape().vectorBitSize();
        if (bits < 128) {
            throw new UnsupportedOperationException("preferred vector size is " + bits + " bits");
        }
        // Without C2 (-Xint, -XX:TieredStopAtLevel=1..3, a client VM) the Vector API is interpreted lane by lane
        // with boxed vectors, far slower than plain loops; Lucene refuses this case too.
        if (System.getProperty("java.vm.info", "").contains("interpreted")
                || System.getProperty("java.vm.name", "").contains("Client")) {
            throw new UnsupportedOperationException("the JVM runs without the C2 compiler");
        }
        String stopAt = vmOption("TieredStopAtLevel");
        if ("true".equals(vmOption("TieredCompilation")) && stopAt != null && !stopAt.equals("4")) {
            throw new UnsupportedOperationException("-XX:TieredStopAtLevel=" + stopAt + " disables the C2 compiler");
        }
        this.tile = tile != null ? tile : GemmTile.forThisJvm();
    }

    /** The value of a HotSpot flag, or null when it cannot be read (no jdk.management module, another VM). */
    static String vmOption(String name) {
        try {
            Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getPlatformMXBean", Class.class).invoke(null, beanType);
            Object option = beanType.getMethod("getVMOption", String.class).invoke(bean, name);
            return (String) Class.forName("com.sun.management.VMOption").getMethod("getValue").invoke(option);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit, GEMM tile " + tile.label() + ")";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        VectorGemm.gemm(tile, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public int gemmRowBlock(int m, int n, int k) {
        if (!VectorGemm.isPacked(m, n, k)) {
            return Math.max(1, m); // (the direct path is not shown to be split-proof: no split)
        }
        // whole register tiles, enough of them that a share still takes the packed path
        long fewest = VectorGemm.SMALL_MNK / ((long) n * k) + 1;
        long tiles = (fewest + tile.rows - 1) / tile.rows;
        return (int) Math.min(m, tiles * tile.rows);
    }

    @Override
    public boolean gemmRowsAlike(int m1, int m2, int n, int k) {
        // On the packed path every tile sums a row's products in k's order with one fma each, whatever the tile's
        // place, the thread split or the count of rows; the epilogue and beta add once after. Only k's blocking
        // (on k alone) shapes the sum.
        return VectorGemm.isPacked(m1, n, k) && VectorGemm.isPacked(m2, n, k);
    }

    @Override
    public void dense(int m, int n, int k, float[] x, int xOff, float[] w, int wOff, float[] bias, int biasOff,
                      boolean relu, float[] y, int yOff) {
        if (!VectorGemm.isPacked(m, n, k) || (bias == null && !relu)) {
            Kernels.super.dense(m, n, k, x, xOff, w, wOff, bias, biasOff, relu, y, yOff);
            return;
        }
        VectorGemm.gemm(tile, false, false, m, n, k, 1f, x, xOff, k, w, wOff, n, 0f, y, yOff, n,
                VectorGemm.Epilogue.of(bias, biasOff, relu));
    }

    @Override
    public void dense(int m, int n, int k, float[] x, int xOff, float[] w, int wOff, ConvEpilogue e, float[] y,
                      int yOff) {
        VectorGemm.Epilogue epilogue = VectorGemm.Epilogue.of(e);
        if (!VectorGemm.isPacked(m, n, k) || epilogue == null) {
            dense(m, n, k, x, xOff, w, wOff, null, 0, false, y, yOff);
            if (e != null) {
                VectorConvKernels.epilogue(e, y, yOff, m, n);
            }
            return;
        }
        VectorGemm.gemm(tile, false, false, m, n, k, 1f, x, xOff, k, w, wOff, n, 0f, y, yOff, n, epilogue);
    }

    @Override
    public PackedKernel packKernel(int k, int n, float[] w, int wOff) {
        boolean packs = k > 1 && n > 1; // as the products that can take the packed path
        return new PackedKernel(k, n, w, wOff, packs ? VectorGemm.packWhole(k, n, w, wOff) : null);
    }

    @Override
    public void dense(int m, PackedKernel w, float[] x, int xOff, float[] bias, boolean relu, float[] y, int yOff) {
        if (w.panels() == null || !VectorGemm.isPacked(m, w.n(), w.k())) {
            dense(m, w.n(), w.k(), x, xOff, w.source(), w.offset(), bias, 0, relu, y, yOff);
            return;
        }
        VectorGemm.gemmPacked(tile, m, w.n(), w.k(), x, xOff, w.k(), w.panels(), 0f, y, yOff, w.n(),
                VectorGemm.Epilogue.of(bias, 0, relu));
    }

    @Override
    public void dense(int m, PackedKernel w, float[] x, int xOff, ConvEpilogue e, float[] y, int yOff) {
        if (w.panels() == null || !VectorGemm.isPacked(m, w.n(), w.k())) {
            dense(m, w.n(), w.k(), x, xOff, w.source(), w.offset(), e, y, yOff);
            return;
        }
        VectorGemm.gemmPacked(tile, m, w.n(), w.k(), x, xOff, w.k(), w.panels(), 0f, y, yOff, w.n(),
                VectorGemm.Epilogue.of(e));
    }

    @Override
    public void gemm(int m, PackedKernel w, float[] a, int aOff, int lda, float beta, float[] c, int cOff, int ldc) {
        if (w.panels() == null || !VectorGemm.isPacked(m, w.n(), w.k())) {
            Kernels.super.gemm(m, w, a, aOff, lda, beta, c, cOff, ldc);
            return;
        }
        VectorGemm.gemmPacked(tile, m, w.n(), w.k(), a, aOff, lda, w.panels(), beta, c, cOff, ldc, null);
    }

    // ---- elementwise ---------------------------------------------------------------------------------------

    /** The end of the vectorized part of a map over n elements; 0 when n is too short for one vector. */
    private static int mapBound(int n) {
        return n >= LANES ? SPECIES.loopBound(n) : 0;
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int upper = mapBound(n);
        if (upper > 0) {
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            FloatVector zero = FloatVector.zero(SPECIES);
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).add(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).sub(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).mul(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).div(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case MAXIMUM -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).max(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case MINIMUM -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).min(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case POWER -> {
                    // The vector pow is fast for non-negative bases only (negative ones take a call-out per lane,
                    // slower than Math.pow), so it sees |x| and the sign rules are applied here: an odd integer
                    // exponent negates (also for -0 and -inf), a non-integer one gives NaN for finite x < 0.
                    // Then the cases where C (SVML, compiled) and Java (interpreted) disagree get BinaryOp.pow's
                    // values: 1^y = 1 for every y, (-1)^±inf = 1, (-1)^NaN = NaN.
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        FloatVector y = fromArray(SPECIES, b, bOff + i);
                        FloatVector r = x.abs().pow(y);
                        FloatVector ay = y.abs();
                        FloatVector half = ay.mul(0.5f);
                        // z is an integer iff z >= 2^23 or adding and removing 2^23 (which rounds to integer) keeps it
                        VectorMask<Float> integer = ay.add(0x1p23f).sub(0x1p23f).eq(ay).or(ay.compare(GE, 0x1p23f));
                        VectorMask<Float> evenInteger =
                                half.add(0x1p23f).sub(0x1p23f).eq(half).or(half.compare(GE, 0x1p23f));
                        VectorMask<Float> signed = x.compare(LT, 0f).or(one.div(x).compare(LT, 0f));
                        r = r.blend(r.neg(), signed.and(integer).andNot(evenInteger));
                        r = r.blend(Float.NaN, x.compare(LT, 0f)
                                .and(x.compare(NE, Float.NEGATIVE_INFINITY)).andNot(integer)
                                .or(y.test(IS_NAN)));
                        r.blend(1f, x.eq(1f).or(x.abs().eq(1f).and(y.test(IS_INFINITE))))
                                .intoArray(out, outOff + i);
                    }
                }
                case EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).eq(fromArray(SPECIES, b, bOff + i)))
                                .intoArray(out, outOff + i);
                    }
                }
                case NOT_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i)
                                .compare(NE, fromArray(SPECIES, b, bOff + i))).intoArray(out, outOff + i);
                    }
                }
                case GREATER -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i)
                                .compare(GT, fromArray(SPECIES, b, bOff + i))).intoArray(out, outOff + i);
                    }
                }
                case GREATER_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i)
                                .compare(GE, fromArray(SPECIES, b, bOff + i))).intoArray(out, outOff + i);
                    }
                }
                case LESS -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i)
                                .compare(LT, fromArray(SPECIES, b, bOff + i))).intoArray(out, outOff + i);
                    }
                }
                case LESS_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i)
                                .compare(LE, fromArray(SPECIES, b, bOff + i))).intoArray(out, outOff + i);
                    }
                }
            }
        }
        scalar.binary(op, a, aOff + upper, b, bOff + upper, out, outOff + upper, n - upper);
    }

    @Override
    public void binaryScalarRight(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n) {
        int upper = mapBound(n);
        if (upper > 0) {
            FloatVector vb = FloatVector.broadcast(SPECIES, b);
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            FloatVector zero = FloatVector.zero(SPECIES);
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).add(vb).intoArray(out, outOff + i);
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).sub(vb).intoArray(out, outOff + i);
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).mul(vb).intoArray(out, outOff + i);
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).div(vb).intoArray(out, outOff + i);
                    }
                }
                case MAXIMUM -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).max(vb).intoArray(out, outOff + i);
                    }
                }
                case MINIMUM -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).min(vb).intoArray(out, outOff + i);
                    }
                }
                case POWER -> {
                    // As in binary: pow on |x|, then the sign rules and the ±1 cases, decided once for the exponent.
                    boolean nan = Float.isNaN(b);
                    boolean infinite = Float.isInfinite(b);
                    boolean integer = b == Math.rint(b);
                    boolean odd = integer && Math.abs(b) < 0x1p24f && (long) b % 2 != 0;
                    boolean nanForNegative = !integer && !nan;
                    FloatVector nans = FloatVector.broadcast(SPECIES, Float.NaN);
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        FloatVector r;
                        if (nan) {
                            r = nans.blend(1f, x.eq(1f));
                        } else if (infinite) {
                            r = x.abs().pow(vb).blend(1f, x.abs().eq(1f));
                        } else if (odd) {
                            r = x.abs().pow(vb);
                            r = r.blend(r.neg(), x.compare(LT, 0f)
                                    .or(one.div(x).compare(LT, 0f)));
                        } else if (nanForNegative) {
                            r = x.abs().pow(vb).blend(Float.NaN, x.compare(LT, 0f)
                                    .and(x.compare(NE, Float.NEGATIVE_INFINITY)));
                        } else {
                            r = x.abs().pow(vb);
                        }
                        r.intoArray(out, outOff + i);
                    }
                }
                case EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).eq(vb)).intoArray(out, outOff + i);
                    }
                }
                case NOT_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).compare(NE, vb))
                                .intoArray(out, outOff + i);
                    }
                }
                case GREATER -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).compare(GT, vb))
                                .intoArray(out, outOff + i);
                    }
                }
                case GREATER_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).compare(GE, vb))
                                .intoArray(out, outOff + i);
                    }
                }
                case LESS -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).compare(LT, vb))
                                .intoArray(out, outOff + i);
                    }
                }
                case LESS_EQUAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        zero.blend(one, fromArray(SPECIES, a, aOff + i).compare(LE, vb))
                                .intoArray(out, outOff + i);
                    }
                }
            }
        }
        scalar.binaryScalarRight(op, a, aOff + upper, b, out, outOff + upper, n - upper);
    }

    @Override
    public void binaryScalarLeft(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n) {
        // Ops that are symmetric, or whose mirror is another op (a > b[i] is b[i] < a), reuse the right-scalar
        // loops exactly. Subtraction is not mirrored as -(b - a): that turns a - a = +0 into -0.
        BinaryOp mirrored = switch (op) {
            case ADD, MULTIPLY, MAXIMUM, MINIMUM, EQUAL, NOT_EQUAL -> op;
            case GREATER -> BinaryOp.LESS;
            case GREATER_EQUAL -> BinaryOp.LESS_EQUAL;
            case LESS -> BinaryOp.GREATER;
            case LESS_EQUAL -> BinaryOp.GREATER_EQUAL;
            case SUBTRACT, DIVIDE, POWER -> null;
        };
        if (mirrored != null) {
            binaryScalarRight(mirrored, b, bOff, a, out, outOff, n);
            return;
        }
        int upper = mapBound(n);
        if (upper > 0) {
            FloatVector va = FloatVector.broadcast(SPECIES, a);
            switch (op) {
                case SUBTRACT -> {
                    for (int i = 0; i < upper; i += LANES) {
                        va.sub(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < upper; i += LANES) {
                        va.div(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                    }
                }
                case POWER -> {
                    // A base with its sign bit set needs per-lane parity tests of the exponent (see binary); that
                    // case is rare enough for the scalar loop, which handles it below when upper is 0. A base of
                    // 1 gives 1 (even for NaN and ±inf exponents, where Math.pow, used when interpreted, says NaN).
                    if (a < 0f || 1f / a < 0f) {
                        upper = 0;
                    } else if (a == 1f) {
                        java.util.Arrays.fill(out, outOff, outOff + upper, 1f);
                    } else {
                        for (int i = 0; i < upper; i += LANES) {
                            va.pow(fromArray(SPECIES, b, bOff + i)).intoArray(out, outOff + i);
                        }
                    }
                }
                default -> throw new AssertionError(op);
            }
        }
        scalar.binaryScalarLeft(op, a, b, bOff + upper, out, outOff + upper, n - upper);
    }

    @Override
    public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
        int upper = mapBound(n);
        if (upper > 0) {
            FloatVector one = FloatVector.broadcast(SPECIES, 1f);
            switch (op) {
                case NEGATE -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).neg().intoArray(out, outOff + i);
                    }
                }
                case ABS -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).abs().intoArray(out, outOff + i);
                    }
                }
                case SIGN -> {
                    // Math.signum: ±0 and NaN map to themselves, everything else to ±1.
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        x.blend(1f, x.compare(GT, 0f)).blend(-1f, x.compare(LT, 0f))
                                .intoArray(out, outOff + i);
                    }
                }
                case SQUARE -> {
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        x.mul(x).intoArray(out, outOff + i);
                    }
                }
                case SQRT -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).sqrt().intoArray(out, outOff + i);
                    }
                }
                case RSQRT -> {
                    for (int i = 0; i < upper; i += LANES) {
                        one.div(fromArray(SPECIES, a, aOff + i).sqrt()).intoArray(out, outOff + i);
                    }
                }
                case RECIPROCAL -> {
                    for (int i = 0; i < upper; i += LANES) {
                        one.div(fromArray(SPECIES, a, aOff + i)).intoArray(out, outOff + i);
                    }
                }
                // In their own loop methods: inlined into this long switch, the polynomials would push C2 past its
                // inlining budget (measured: 2-3x slower, vectors boxed).
                case EXP -> VectorMath.exp(a, aOff, out, outOff, upper);
                case EXPM1 -> VectorMath.expm1(a, aOff, out, outOff, upper);
                case LOG -> VectorMath.log(a, aOff, out, outOff, upper);
                case LOG1P -> VectorMath.log1p(a, aOff, out, outOff, upper);
                case TANH -> VectorMath.tanh(a, aOff, out, outOff, upper);
                case SIGMOID -> VectorMath.sigmoid(a, aOff, out, outOff, upper);
                case SOFTPLUS -> VectorMath.softplus(a, aOff, out, outOff, upper);
                case RELU -> {
                    for (int i = 0; i < upper; i += LANES) {
                        fromArray(SPECIES, a, aOff + i).max(0f).intoArray(out, outOff + i);
                    }
                }
                case SOFTSIGN -> {
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        x.div(x.abs().add(one)).intoArray(out, outOff + i);
                    }
                }
                case FLOOR -> {
                    // The Vector API has no floor, ceil or rint. rint: for |x| < 2^23, |x| + 2^23 lands where the
                    // float spacing is 1, so the add rounds to an integer with the FPU's ties-to-even and taking
                    // 2^23 back off is exact; then the sign goes back on. Larger floats are integers already and,
                    // with ±inf and ±0, pass through; NaN stays NaN. floor: rint, minus 1 where that rounded up.
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        FloatVector ax = x.abs();
                        FloatVector r = ax.add(0x1p23f).sub(0x1p23f);
                        r = r.blend(r.neg(), x.compare(LT, 0f))
                                .blend(x, ax.compare(GE, 0x1p23f).or(x.eq(0f)));
                        r.blend(r.sub(1f), r.compare(GT, x)).intoArray(out, outOff + i);
                    }
                }
                case CEIL -> {
                    // ceil(x) = -floor(-x), which also gives ceil(-0.5) = -0 as Math.ceil does.
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i).neg();
                        FloatVector ax = x.abs();
                        FloatVector r = ax.add(0x1p23f).sub(0x1p23f);
                        r = r.blend(r.neg(), x.compare(LT, 0f))
                                .blend(x, ax.compare(GE, 0x1p23f).or(x.eq(0f)));
                        r.blend(r.sub(1f), r.compare(GT, x)).neg().intoArray(out, outOff + i);
                    }
                }
                case ROUND -> {
                    for (int i = 0; i < upper; i += LANES) {
                        FloatVector x = fromArray(SPECIES, a, aOff + i);
                        FloatVector ax = x.abs();
                        FloatVector r = ax.add(0x1p23f).sub(0x1p23f);
                        r.blend(r.neg(), x.compare(LT, 0f))
                                .blend(x, ax.compare(GE, 0x1p23f).or(x.eq(0f)))
                                .intoArray(out, outOff + i);
                    }
                }
            }
        }
        scalar.unary(op, a, aOff + upper, out, outOff + upper, n - upper);
    }

    // ---- reductions ----------------------------------------------------------------------------------------

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        if (n < MIN_REDUCE_LENGTH || n < 2 * LANES) {
            return scalar.reduce(op, a, off, n);
        }
        return switch (op) {
            case SUM -> sum(a, off, n);
            case MAX -> reduceMax(a, off, n);
            case MIN -> reduceMin(a, off, n);
            case PROD -> reduceProd(a, off, n);
        };
    }

    /** The size of a leaf of the pairwise sum and dot: 4 accumulators, each adding TERMS_PER_LANE vectors. */
    private static int pairwiseBlock() {
        return 4 * LANES * TERMS_PER_LANE;
    }

    /**
     * Pairwise summation over leaves of {@link #pairwiseBlock()} elements; the left half is a whole number of
     * 4-vector steps, so only the last leaf has a tail.
     */
    private static float sum(float[] a, int off, int n) {
        if (n <= pairwiseBlock()) {
            return sumLeaf(a, off, n);
        }
        int step = 4 * LANES;
        int half = (n / 2 + step - 1) / step * step;
        return sum(a, off, half) + sum(a, off + half, n - half);
    }

    private static float sumLeaf(float[] a, int off, int n) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = 0;
        int upper4 = n - n % (4 * LANES);
        for (; i < upper4; i += 4 * LANES) {
            s0 = s0.add(fromArray(SPECIES, a, off + i));
            s1 = s1.add(fromArray(SPECIES, a, off + i + LANES));
            s2 = s2.add(fromArray(SPECIES, a, off + i + 2 * LANES));
            s3 = s3.add(fromArray(SPECIES, a, off + i + 3 * LANES));
        }
        int upper = SPECIES.loopBound(n);
        for (; i < upper; i += LANES) {
            s0 = s0.add(fromArray(SPECIES, a, off + i));
        }
        float s = VectorConstants.sumLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s += a[off + i];
        }
        return s;
    }

    private static float reduceMax(float[] a, int off, int n) {
        // lanewise MAX is Math.max: NaN wins and +0 > -0, whatever the order, so the result equals the scalar's.
        FloatVector m0 = fromArray(SPECIES, a, off);
        FloatVector m1 = fromArray(SPECIES, a, off + LANES);
        int i = 2 * LANES;
        int upper2 = n - n % (2 * LANES);
        for (; i < upper2; i += 2 * LANES) {
            m0 = m0.max(fromArray(SPECIES, a, off + i));
            m1 = m1.max(fromArray(SPECIES, a, off + i + LANES));
        }
        float m = m0.max(m1).reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = ReduceOp.MAX.combine(m, a[off + i]);
        }
        return m;
    }

    private static float reduceMin(float[] a, int off, int n) {
        FloatVector m0 = fromArray(SPECIES, a, off);
        FloatVector m1 = fromArray(SPECIES, a, off + LANES);
        int i = 2 * LANES;
        int upper2 = n - n % (2 * LANES);
        for (; i < upper2; i += 2 * LANES) {
            m0 = m0.min(fromArray(SPECIES, a, off + i));
            m1 = m1.min(fromArray(SPECIES, a, off + i + LANES));
        }
        float m = m0.min(m1).reduceLanes(VectorOperators.MIN);
        for (; i < n; i++) {
            m = ReduceOp.MIN.combine(m, a[off + i]);
        }
        return m;
    }

    private static float reduceProd(float[] a, int off, int n) {
        // Rounding differs from the sequential scalar product by a few ulps; over- or underflow can differ when
        // partial products leave the float range in one order but not in the other.
        FloatVector p0 = fromArray(SPECIES, a, off);
        FloatVector p1 = fromArray(SPECIES, a, off + LANES);
        int i = 2 * LANES;
        int upper2 = n - n % (2 * LANES);
        for (; i < upper2; i += 2 * LANES) {
            p0 = p0.mul(fromArray(SPECIES, a, off + i));
            p1 = p1.mul(fromArray(SPECIES, a, off + i + LANES));
        }
        float p = VectorConstants.productLanes(p0.mul(p1));
        for (; i < n; i++) {
            p *= a[off + i];
        }
        return p;
    }

    @Override
    public void reduceInto(ReduceOp op, float[] a, int aOff, float[] acc, int accOff, int n) {
        int upper = mapBound(n);
        switch (op) {
            case SUM -> {
                for (int i = 0; i < upper; i += LANES) {
                    fromArray(SPECIES, acc, accOff + i).add(fromArray(SPECIES, a, aOff + i)).intoArray(acc, accOff + i);
                }
            }
            case PROD -> {
                for (int i = 0; i < upper; i += LANES) {
                    fromArray(SPECIES, acc, accOff + i).mul(fromArray(SPECIES, a, aOff + i)).intoArray(acc, accOff + i);
                }
            }
            case MAX -> {
                for (int i = 0; i < upper; i += LANES) {
                    fromArray(SPECIES, acc, accOff + i).max(fromArray(SPECIES, a, aOff + i)).intoArray(acc, accOff + i);
                }
            }
            case MIN -> {
                for (int i = 0; i < upper; i += LANES) {
                    fromArray(SPECIES, acc, accOff + i).min(fromArray(SPECIES, a, aOff + i)).intoArray(acc, accOff + i);
                }
            }
        }
        scalar.reduceInto(op, a, aOff + upper, acc, accOff + upper, n - upper);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        if (n < MIN_REDUCE_LENGTH || n < 2 * LANES) {
            return scalar.dot(a, aOff, b, bOff, n);
        }
        return dotPairwise(a, aOff, b, bOff, n);
    }

    private static float dotPairwise(float[] a, int aOff, float[] b, int bOff, int n) {
        if (n <= pairwiseBlock()) {
            return dotLeaf(a, aOff, b, bOff, n);
        }
        int step = 4 * LANES;
        int half = (n / 2 + step - 1) / step * step;
        return dotPairwise(a, aOff, b, bOff, half) + dotPairwise(a, aOff + half, b, bOff + half, n - half);
    }

    private static float dotLeaf(float[] a, int aOff, float[] b, int bOff, int n) {
        FloatVector s0 = FloatVector.zero(SPECIES);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = 0;
        int upper4 = n - n % (4 * LANES);
        int upper = SPECIES.loopBound(n);
        if (FMA) {
            for (; i < upper4; i += 4 * LANES) {
                int ai = aOff + i;
                int bi = bOff + i;
                s0 = fromArray(SPECIES, a, ai).fma(fromArray(SPECIES, b, bi), s0);
                s1 = fromArray(SPECIES, a, ai + LANES).fma(fromArray(SPECIES, b, bi + LANES), s1);
                s2 = fromArray(SPECIES, a, ai + 2 * LANES).fma(fromArray(SPECIES, b, bi + 2 * LANES), s2);
                s3 = fromArray(SPECIES, a, ai + 3 * LANES).fma(fromArray(SPECIES, b, bi + 3 * LANES), s3);
            }
            for (; i < upper; i += LANES) {
                s0 = fromArray(SPECIES, a, aOff + i).fma(fromArray(SPECIES, b, bOff + i), s0);
            }
        } else {
            for (; i < upper4; i += 4 * LANES) {
                int ai = aOff + i;
                int bi = bOff + i;
                s0 = s0.add(fromArray(SPECIES, a, ai).mul(fromArray(SPECIES, b, bi)));
                s1 = s1.add(fromArray(SPECIES, a, ai + LANES).mul(fromArray(SPECIES, b, bi + LANES)));
                s2 = s2.add(fromArray(SPECIES, a, ai + 2 * LANES).mul(fromArray(SPECIES, b, bi + 2 * LANES)));
                s3 = s3.add(fromArray(SPECIES, a, ai + 3 * LANES).mul(fromArray(SPECIES, b, bi + 3 * LANES)));
            }
            for (; i < upper; i += LANES) {
                s0 = s0.add(fromArray(SPECIES, a, aOff + i).mul(fromArray(SPECIES, b, bOff + i)));
            }
        }
        float s = VectorConstants.sumLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < n; i++) {
            s = FMA ? Math.fma(a[aOff + i], b[bOff + i], s) : s + a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        int upper = mapBound(n);
        FloatVector va = FloatVector.broadcast(SPECIES, alpha);
        if (FMA) {
            for (int i = 0; i < upper; i += LANES) {
                fromArray(SPECIES, x, xOff + i).fma(va, fromArray(SPECIES, y, yOff + i)).intoArray(y, yOff + i);
            }
        } else {
            for (int i = 0; i < upper; i += LANES) {
                fromArray(SPECIES, y, yOff + i).add(fromArray(SPECIES, x, xOff + i).mul(va)).intoArray(y, yOff + i);
            }
        }
        scalar.axpy(alpha, x, xOff + upper, y, yOff + upper, n - upper);
    }

    @Override
    public void addToRows(float[] y, int yOff, int rows, int n, float[] b, int bOff) {
        if (n == 1) {
            binaryScalarRight(BinaryOp.ADD, y, yOff, b[bOff], y, yOff, rows);
            return;
        }
        if (n < LANES) {
            scalar.addToRows(y, yOff, rows, n, b, bOff);
            return;
        }
        // Column chunk by chunk, down the rows: row by row, the masked tail store of one row would overlap the
        // next row's first load, which then waits for the store (no store-to-load forwarding): 5x slower.
        for (int j = 0; j < n; j += LANES) {
            VectorMask<Float> live = SPECIES.indexInRange(j, n);
            FloatVector bias = fromArray(SPECIES, b, bOff + j, live);
            for (int r = 0, at = yOff + j; r < rows; r++, at += n) {
                fromArray(SPECIES, y, at, live).add(bias).intoArray(y, at, live);
            }
        }
    }

    @Override
    public void lstmGates(int rows, int units, float[] z, int zOff, int ldz, float[] cPrev, int cPrevOff,
                          int ldcPrev, float[] c, int cOff, int ldc, float[] tc, int tcOff, int ldtc, float[] h,
                          int hOff, int ldh) {
        VectorRecurrent.lstmGates(rows, units, z, zOff, ldz, cPrev, cPrevOff, ldcPrev, c, cOff, ldc, tc, tcOff, ldtc,
                h, hOff, ldh);
    }

    @Override
    public void gruGates(int rows, int units, float[] x, int xOff, int ldx, float[] inner, int innerOff,
                         int ldInner, float[] hPrev, int hPrevOff, int ldhPrev, float[] gates, int gatesOff,
                         int ldGates, float[] h, int hOff, int ldh) {
        VectorRecurrent.gruGates(rows, units, x, xOff, ldx, inner, innerOff, ldInner, hPrev, hPrevOff, ldhPrev, gates,
                gatesOff, ldGates, h, hOff, ldh);
    }

    @Override
    public void copyRows(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride, int rows,
                         int n) {
        if (n >= 4 * LANES) {
            scalar.copyRows(src, srcOff, srcStride, dst, dstOff, dstStride, rows, n); // long runs: the copy stub
            return;
        }
        // Short runs (a few vectors): the copy stub's call costs more than the copy; whole vectors, then the tail
        // under a mask, except where the mask would reach past an array's end (checked lane by lane there).
        int full = n - n % LANES;
        VectorMask<Float> tail = SPECIES.indexInRange(full, n);
        for (int r = 0; r < rows; r++) {
            int s = srcOff + r * srcStride;
            int d = dstOff + r * dstStride;
            for (int j = 0; j < full; j += LANES) {
                fromArray(SPECIES, src, s + j).intoArray(dst, d + j);
            }
            if (full < n) {
                if (s + full + LANES <= src.length && d + full + LANES <= dst.length) {
                    fromArray(SPECIES, src, s + full, tail).intoArray(dst, d + full, tail);
                } else {
                    System.arraycopy(src, s + full, dst, d + full, n - full);
                }
            }
        }
    }

    @Override
    public void sumRowsInto(float[] x, int xOff, int rows, int n, float[] acc, int accOff) {
        if (n == 1) {
            scalar.sumRowsInto(x, xOff, rows, n, acc, accOff);
            return;
        }
        // Column chunk by column chunk, each accumulated down the rows in a register: the scalar order per element.
        for (int j = 0; j < n; j += LANES) {
            VectorMask<Float> live = SPECIES.indexInRange(j, n);
            FloatVector sum = fromArray(SPECIES, acc, accOff + j, live);
            for (int r = 0, at = xOff + j; r < rows; r++, at += n) {
                sum = sum.add(fromArray(SPECIES, x, at, live));
            }
            sum.intoArray(acc, accOff + j, live);
        }
    }
}
