package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;
import static jdk.incubator.vector.FloatVector.fromArray;
import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.I2F;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;

/**
 * exp, expm1, log, log1p, tanh, sigmoid and softplus over float arrays, built from IEEE-exact vector operations
 * only (add, multiply, divide, compare, blend, integer bit arithmetic): Cephes's single-precision range reductions
 * and polynomials (S. L. Moshier), evaluated without fused multiply-adds.
 *
 * <p>Why not the Vector API's own {@code EXP}, {@code LOG}, ...: those compute lane by lane on {@link Math} until
 * C2 compiles the loop and on SVML afterwards, and the two differ in last bits, so a result depended on how warm
 * the JIT was (a first {@code fit} ended with other weights than a warm one). Every operation here rounds the same
 * in the interpreter, in C1 and in C2, and on every CPU and vector width (no FMA, whose presence varies), so a
 * result is the same bits in every tier and on every machine. Accuracy: within 2 ulps of the correctly rounded
 * result over the whole float range, subnormals and special values (NaN, ±inf, ±0) as {@link Math} gives them;
 * {@code VectorMathTest} checks both.
 *
 * <p>No vector crosses a method call: each function's vector code lives in exactly one loop method over arrays,
 * and the composite ones (log1p, tanh, sigmoid, softplus) run those loops over a small scratch chunk instead of
 * calling one vector function from another. A vector passed to or returned from a call C2 did not inline is boxed
 * (10-100x slower), and C2 gives up inlining once a method has grown large (its node-count cut-off) or when the
 * callee was already compiled on its own into a large body, which a polynomial of 512-bit vectors soon is:
 * measured here, tanh as a call to a shared vector exp ran 6x slower than the loops below.
 */
final class VectorMath {
    private static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split so that {@code n * LN2_HI} is exact for the |n| <= 2^15 used here (Cody and Waite). */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** Adding and subtracting 1.5 * 2^23 rounds a float of magnitude below 2^22 to an integer, ties to even. */
    private static final float ROUNDER = 0x1.8p23f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float SQRT_HALF = 0.707106781186547524f;
    /**
     * Cephes expf's polynomial, (e^r - 1 - r) / r^2 for |r| <= ln2 / 2, written out where it is used: no vector
     * crosses a method call here (see the class comment).
     */
    private static final float EXP_P0 = 1.9875691500e-4f;
    private static final float EXP_P1 = 1.3981999507e-3f;
    private static final float EXP_P2 = 8.3334519073e-3f;
    private static final float EXP_P3 = 4.1665795894e-2f;
    private static final float EXP_P4 = 1.6666665459e-1f;
    private static final float EXP_P5 = 5.0000001201e-1f;
    /** Elements per pass of a composite function: its scratch stays in L1. */
    static final int CHUNK = 512;
    /**
     * Each thread's scratch for the composite functions, reused so that a kernel call allocates nothing: the first
     * half for tanh's, sigmoid's and softplus's intermediate, the second for log1p's (which softplus calls).
     */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[2 * CHUNK]);

    private VectorMath() {
    }

    /** out = e^a over {@code n} elements, a whole number of vectors: 2^k e^r with a = k ln2 + r, |r| <= ln2/2. */
    static void exp(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            // Below -104, e^x rounds to 0; above 89 to +inf: clamping keeps k within what two scale factors can
            // reach, and NaN passes through (it fails both compares; so does every step after). Compares and
            // blends give max(-104).min(89)'s values at a fraction of their cost: Java's max and min order NaN and
            // ±0 as x86 has no instruction for, and their sequences took 40% of this loop's time (measured).
            FloatVector x0 = fromArray(SPECIES, a, aOff + i);
            FloatVector x = x0.blend(-104f, x0.compare(LT, -104f)).blend(89f, x0.compare(GT, 89f));
            FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
            IntVector k = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
            FloatVector kf = shifted.sub(ROUNDER);
            FloatVector r = x.sub(kf.mul(LN2_HI)).sub(kf.mul(LN2_LO));
            FloatVector p = r.mul(EXP_P0).add(EXP_P1).mul(r).add(EXP_P2).mul(r).add(EXP_P3).mul(r).add(EXP_P4)
                    .mul(r).add(EXP_P5).mul(r.mul(r)).add(r).add(1f);
            // 2^k as two factors, 2^(k >> 1) and 2^(k - (k >> 1)), each a normal float for k in [-151, 129]
            // made from its exponent bits: the first product is exact, the second rounds once, also when the
            // result is subnormal or overflows.
            IntVector half = k.lanewise(ASHR, 1);
            FloatVector scale1 = half.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            FloatVector scale2 = k.sub(half).add(127).lanewise(LSHL, 23).reinterpretAsFloats();
            p.mul(scale1).mul(scale2).intoArray(out, outOff + i);
        }
    }

    /** out = e^a - 1, accurate near 0: 2^k (e^r - 1) + (2^k - 1), with e^r - 1 from the polynomial directly. */
    static void expm1(float[] a, int aOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i += LANES) {
            FloatVector x0 = fromArray(SPECIES, a, aOff + i);
            // below -30 the result is -1 in float; above 89, +inf (compares and blends: see exp)
            FloatVector x = x0.blend(-30f, x0.compare(LT, -30f)).blend(89f, x0.compare(GT, 89f));
            FloatVector shifted = x.mul(LOG2E).add(ROUNDER);
            IntVector k = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
            FloatVector kf = shifted.sub(ROUNDER);
            FloatVector r = x.sub(kf.mul(LN2_HI)).sub(kf.mul(LN2_LO));
            FloatVector em1 = r.mul(EXP_P0).add(EXP_P1).mul(r).add(EXP_P2).mul(r).add(EXP_P3).mul(r).add(EXP_P4)
                    .mul(r).add(EXP_P5).mul(r.mul(r)).add(r);
            // With t = 2^(k-1), 2 (t (e^r - 1) + (t - 1/2)): the doubling is exact, and t stays finite at k = 128.
            FloatVector t = k.add(126).lanewise(LSHL, 23).reinterpretAsFloats();
            FloatVector y = t.mul(em1).add(t.sub(0.5f)).mul(2f);
            // Where |x| < 2^-24, e^x - 1 rounds to x itself (this also keeps -0 and subnormals exact).
            y.blend(x0, x0.abs().compare(LT, 0x1p-24f)).intoArray(out, outOff + i);
        }
    }

    /** out = ln a: ln(m) + e ln2 with a = m 2^e, m in [sqrt(1/2), sqrt(2)). */
    static void log(float[] a, int aOff, float[] out, int outOff, int n) {
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int i = 0; i < n; i += LANES) {
            FloatVector x = fromArray(SPECIES, a, aOff + i);
            // Subnormals are scaled into the normal range first (by 2^25), and the exponent corrected by 25.
            VectorMask<Float> subnormal = x.compare(LT, Float.MIN_NORMAL);
            IntVector bits = x.blend(x.mul(0x1p25f), subnormal).reinterpretAsInts();
            // x = m 2^e with m in [1/2, 1); below sqrt(1/2), 2m - 1 with e - 1 keeps f = m - 1 small.
            FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
            VectorMask<Float> low = m.compare(LT, SQRT_HALF);
            FloatVector e = ((FloatVector) bits.lanewise(ASHR, 23).and(0xff).sub(126).convert(I2F, 0))
                    .sub(zero.blend(25f, subnormal)).sub(zero.blend(1f, low));
            FloatVector f = m.blend(m.add(m), low).sub(1f);
            FloatVector z = f.mul(f);
            // Cephes logf's polynomial: (ln(1 + f) - f + f^2 / 2) / f^3 for 1 + f in [sqrt(1/2), sqrt(2)).
            FloatVector poly = f.mul(7.0376836292e-2f).add(-1.1514610310e-1f).mul(f).add(1.1676998740e-1f).mul(f)
                    .add(-1.2420140846e-1f).mul(f).add(1.4249322787e-1f).mul(f).add(-1.6668057665e-1f).mul(f)
                    .add(2.0000714765e-1f).mul(f).add(-2.4999993993e-1f).mul(f).add(3.3333331174e-1f);
            FloatVector y = poly.mul(f).mul(z).add(e.mul(LN2_LO)).sub(z.mul(0.5f));
            FloatVector result = f.add(y).add(e.mul(LN2_HI));
            // ln(±0) = -inf, ln(x < 0) = NaN, ln(+inf) = +inf, ln(NaN) = NaN (its mantissa bits alone look finite).
            result.blend(Float.POSITIVE_INFINITY, x.compare(EQ, Float.POSITIVE_INFINITY))
                    .blend(Float.NaN, x.compare(LT, 0f).or(x.test(IS_NAN)))
                    .blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f))
                    .intoArray(out, outOff + i);
        }
    }

    /**
     * out = ln(1 + a), accurate near 0: with u = 1 + x rounded, ln(u) x / (u - 1) corrects for the rounding of u
     * (Goldberg, "What every computer scientist should know about floating-point arithmetic", theorem 4).
     */
    static void log1p(float[] a, int aOff, float[] out, int outOff, int n) {
        float[] u = SCRATCH.get();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int i = 0; i < len; i += LANES) {
                fromArray(SPECIES, a, aOff + start + i).add(1f).intoArray(u, CHUNK + i);
            }
            log(u, CHUNK, u, CHUNK, len);
            for (int i = 0; i < len; i += LANES) {
                FloatVector x = fromArray(SPECIES, a, aOff + start + i);
                FloatVector um1 = x.add(1f).sub(1f);
                // u == 1: ln(1 + x) rounds to x (and ±0 stays itself); x = +inf: +inf rather than inf/inf.
                fromArray(SPECIES, u, CHUNK + i).mul(x.div(um1))
                        .blend(x, um1.compare(EQ, 0f).or(x.compare(EQ, Float.POSITIVE_INFINITY)))
                        .intoArray(out, outOff + start + i);
            }
        }
    }

    /** out = tanh a: an odd polynomial below 0.625, else 1 - 2 / (e^(2|x|) + 1) with the sign of x. */
    static void tanh(float[] a, int aOff, float[] out, int outOff, int n) {
        float[] e = SCRATCH.get();
        for (int start = 0; start < n; start += CHUNK) {
            tanhChunk(a, aOff + start, out, outOff + start, Math.min(CHUNK, n - start), e);
        }
    }

    /** {@link #tanh} over {@code len <= CHUNK} elements (whole vectors), {@code e[0, len)} as scratch. */
    static void tanhChunk(float[] a, int aOff, float[] out, int outOff, int len, float[] e) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector two = FloatVector.broadcast(SPECIES, 2f);
        for (int i = 0; i < len; i += LANES) {
            FloatVector ax = fromArray(SPECIES, a, aOff + i).abs();
            ax.add(ax).intoArray(e, i);
        }
        exp(e, 0, e, 0, len);
        for (int i = 0; i < len; i += LANES) {
            FloatVector x = fromArray(SPECIES, a, aOff + i);
            FloatVector ax = x.abs();
            FloatVector z = x.mul(x);
            FloatVector poly = z.mul(-5.70498872745e-3f).add(2.06390887954e-2f).mul(z).add(-5.37397155531e-2f)
                    .mul(z).add(1.33314422036e-1f).mul(z).add(-3.33332819422e-1f).mul(z).mul(x).add(x);
            FloatVector big = one.sub(two.div(fromArray(SPECIES, e, i).add(1f)));
            // Below 2^-12, tanh(x) rounds to x (which keeps -0); NaN fails every compare and stays NaN in big.
            big.blend(big.neg(), x.compare(LT, 0f)).blend(poly, ax.compare(LT, 0.625f))
                    .blend(x, ax.compare(LT, 0x1p-12f)).intoArray(out, outOff + i);
        }
    }

    /**
     * out = 1 / (1 + e^-a). With e = exp(-|x|) in (0, 1] nothing overflows: 1/(1+e) for x >= 0, e/(1+e) for
     * x < 0, so sigmoid(-100) is the tiny e itself rather than 1/(1+inf) = 0.
     */
    static void sigmoid(float[] a, int aOff, float[] out, int outOff, int n) {
        float[] e = SCRATCH.get();
        for (int start = 0; start < n; start += CHUNK) {
            sigmoidChunk(a, aOff + start, out, outOff + start, Math.min(CHUNK, n - start), e);
        }
    }

    /** {@link #sigmoid} over {@code len <= CHUNK} elements (whole vectors), {@code e[0, len)} as scratch. */
    static void sigmoidChunk(float[] a, int aOff, float[] out, int outOff, int len, float[] e) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int i = 0; i < len; i += LANES) {
            fromArray(SPECIES, a, aOff + i).abs().neg().intoArray(e, i);
        }
        exp(e, 0, e, 0, len);
        for (int i = 0; i < len; i += LANES) {
            FloatVector x = fromArray(SPECIES, a, aOff + i);
            FloatVector ev = fromArray(SPECIES, e, i);
            FloatVector p = one.div(ev.add(one));
            p.blend(ev.mul(p), x.compare(LT, 0f)).intoArray(out, outOff + i);
        }
    }

    /** This thread's scratch for {@link #tanhChunk} and {@link #sigmoidChunk} (at least {@link #CHUNK} floats). */
    static float[] scratch() {
        return SCRATCH.get();
    }

    /** out = ln(1 + e^a) = max(x, 0) + log1p(exp(-|x|)): the exponent is never positive, so nothing overflows. */
    static void softplus(float[] a, int aOff, float[] out, int outOff, int n) {
        float[] e = SCRATCH.get();
        for (int start = 0; start < n; start += CHUNK) {
            int len = Math.min(CHUNK, n - start);
            for (int i = 0; i < len; i += LANES) {
                fromArray(SPECIES, a, aOff + start + i).abs().neg().intoArray(e, i);
            }
            exp(e, 0, e, 0, len);
            log1p(e, 0, e, 0, len);
            for (int i = 0; i < len; i += LANES) {
                fromArray(SPECIES, a, aOff + start + i).max(0f).add(fromArray(SPECIES, e, i))
                        .intoArray(out, outOff + start + i);
            }
        }
    }
}
