package dev.strata.internal.kernels;

import static dev.strata.internal.kernels.VectorConstants.LANES;
import static dev.strata.internal.kernels.VectorConstants.SPECIES;
import static jdk.incubator.vector.FloatVector.fromArray;

import jdk.incubator.vector.FloatVector;

/**
 * The Vector API versions of {@link Kernels#lstmGates} and {@link Kernels#gruGates}: a whole step's rows in one
 * call, the transcendentals through {@link VectorMath}'s chunk loops with one scratch for all rows, the products
 * as vectors. Each segment splits into vectors and a scalar tail exactly where {@link VectorKernels#unary} splits
 * it, so the bits are those of the row-by-row reference in {@link Kernels}.
 */
final class VectorRecurrent {
    private VectorRecurrent() {
    }

    static void lstmGates(int rows, int units, float[] z, int zOff, int ldz, float[] cPrev, int cPrevOff,
                          int ldcPrev, float[] c, int cOff, int ldc, float[] tc, int tcOff, int ldtc, float[] h,
                          int hOff, int ldh) {
        float[] e = VectorMath.scratch();
        int upper = bound(units);
        for (int r = 0; r < rows; r++) {
            int zo = zOff + r * ldz;
            int po = cPrevOff + r * ldcPrev;
            int co = cOff + r * ldc;
            int to = tcOff + r * ldtc;
            int ho = hOff + r * ldh;
            sigmoid(z, zo, 2 * units, e);
            tanh(z, zo + 2 * units, z, zo + 2 * units, units, e);
            sigmoid(z, zo + 3 * units, units, e);
            int u = 0;
            for (; u < upper; u += LANES) {
                FloatVector f = fromArray(SPECIES, z, zo + units + u);
                FloatVector i = fromArray(SPECIES, z, zo + u);
                FloatVector g = fromArray(SPECIES, z, zo + 2 * units + u);
                f.mul(fromArray(SPECIES, cPrev, po + u)).add(i.mul(g)).intoArray(c, co + u);
            }
            for (; u < units; u++) {
                c[co + u] = z[zo + units + u] * cPrev[po + u] + z[zo + u] * z[zo + 2 * units + u];
            }
            tanh(c, co, tc, to, units, e);
            for (u = 0; u < upper; u += LANES) {
                fromArray(SPECIES, z, zo + 3 * units + u).mul(fromArray(SPECIES, tc, to + u)).intoArray(h, ho + u);
            }
            for (; u < units; u++) {
                h[ho + u] = z[zo + 3 * units + u] * tc[to + u];
            }
        }
    }

    static void gruGates(int rows, int units, float[] x, int xOff, int ldx, float[] inner, int innerOff, int ldInner,
                         float[] hPrev, int hPrevOff, int ldhPrev, float[] gates, int gatesOff, int ldGates,
                         float[] h, int hOff, int ldh) {
        float[] e = VectorMath.scratch();
        int upper = bound(units);
        int upper2 = bound(2 * units);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        for (int r = 0; r < rows; r++) {
            int xo = xOff + r * ldx;
            int io = innerOff + r * ldInner;
            int po = hPrevOff + r * ldhPrev;
            int go = gatesOff + r * ldGates;
            int ho = hOff + r * ldh;
            int j = 0;
            for (; j < upper2; j += LANES) {
                fromArray(SPECIES, x, xo + j).add(fromArray(SPECIES, inner, io + j)).intoArray(gates, go + j);
            }
            for (; j < 2 * units; j++) {
                gates[go + j] = x[xo + j] + inner[io + j];
            }
            sigmoid(gates, go, 2 * units, e);
            int u = 0;
            for (; u < upper; u += LANES) {
                FloatVector ih = fromArray(SPECIES, inner, io + 2 * units + u);
                ih.intoArray(gates, go + 3 * units + u);
                fromArray(SPECIES, x, xo + 2 * units + u).add(fromArray(SPECIES, gates, go + units + u).mul(ih))
                        .intoArray(gates, go + 2 * units + u);
            }
            for (; u < units; u++) {
                gates[go + 3 * units + u] = inner[io + 2 * units + u];
                gates[go + 2 * units + u] = x[xo + 2 * units + u] + gates[go + units + u] * inner[io + 2 * units + u];
            }
            tanh(gates, go + 2 * units, gates, go + 2 * units, units, e);
            for (u = 0; u < upper; u += LANES) {
                FloatVector zv = fromArray(SPECIES, gates, go + u);
                zv.mul(fromArray(SPECIES, hPrev, po + u))
                        .add(one.sub(zv).mul(fromArray(SPECIES, gates, go + 2 * units + u))).intoArray(h, ho + u);
            }
            for (; u < units; u++) {
                float z = gates[go + u];
                h[ho + u] = z * hPrev[po + u] + (1f - z) * gates[go + 2 * units + u];
            }
        }
    }

    /** Where {@link VectorKernels#unary} ends its vectors for a run of n. */
    private static int bound(int n) {
        return n >= LANES ? SPECIES.loopBound(n) : 0;
    }

    /** Sigmoid in place over n values: whole vectors by chunks, the tail by {@link UnaryOp#apply}. */
    private static void sigmoid(float[] a, int off, int n, float[] e) {
        int upper = bound(n);
        for (int start = 0; start < upper; start += VectorMath.CHUNK) {
            VectorMath.sigmoidChunk(a, off + start, a, off + start, Math.min(VectorMath.CHUNK, upper - start), e);
        }
        for (int i = upper; i < n; i++) {
            a[off + i] = UnaryOp.SIGMOID.apply(a[off + i]);
        }
    }

    /** Tanh of n values: whole vectors by chunks, the tail by {@link UnaryOp#apply}. */
    private static void tanh(float[] a, int aOff, float[] out, int outOff, int n, float[] e) {
        int upper = bound(n);
        for (int start = 0; start < upper; start += VectorMath.CHUNK) {
            VectorMath.tanhChunk(a, aOff + start, out, outOff + start, Math.min(VectorMath.CHUNK, upper - start), e);
        }
        for (int i = upper; i < n; i++) {
            out[outOff + i] = UnaryOp.TANH.apply(a[aOff + i]);
        }
    }
}
