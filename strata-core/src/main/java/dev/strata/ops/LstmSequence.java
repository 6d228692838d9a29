package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.PackedKernel;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.internal.kernels.UnaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The recurrence of a Keras LSTM (sigmoid gates, tanh activation) over a whole sequence, fused into one op: per step
 * one GEMM with the recurrent kernel and the gate math in place, and in the gradient one pass back through time
 * (one GEMM per step for the state's gradient, one per step for the recurrent kernel's). The input projection
 * {@code x · kernel + bias} is done before, for all steps at once. Not a {@code keras.ops} function: the recurrent
 * layers call it on concrete tensors only (their symbolic calls use their output shapes). Its gradient is computed
 * directly, so it has no second derivative.
 *
 * <p>Inputs: {@code zx} (batch, time, 4 units), gates i, f, c, o; {@code recurrentKernel} (units, 4 units);
 * {@code h0}, {@code c0} (batch, units); an optional mask (batch, time) (0: the step keeps the previous states, as
 * Keras's backend rnn). Output: (batch, time, 2 units), for each step in the order run (reversed with
 * {@code goBackwards}) the new {@code h} then {@code c}.
 */
final class LstmSequence {
    /** The least work (GEMM flops) worth a thread of its own: a hand-off costs some 20 microseconds. */
    private static final long MIN_SHARE_FLOPS = 8_000_000L;

    private LstmSequence() {
    }

    static Tensor apply(Tensor zx, Tensor recurrentKernel, Tensor h0, Tensor c0, Tensor mask, boolean goBackwards) {
        if (zx.isSymbolic() || recurrentKernel.isSymbolic() || h0.isSymbolic() || c0.isSymbolic()) {
            throw new IllegalArgumentException("lstmSequence runs on concrete tensors only");
        }
        Shape s = zx.shape();
        if (s.rank() != 3 || s.get(2) % 4 != 0) {
            throw new ShapeException("lstmSequence: zx must be (batch, time, 4 units), got " + s);
        }
        int batch = s.get(0);
        int steps = s.get(1);
        int units = s.get(2) / 4;
        Shape state = Shape.of(batch, units);
        if (!recurrentKernel.shape().equals(Shape.of(units, 4 * units)) || !h0.shape().equals(state)
                || !c0.shape().equals(state) || (mask != null && !mask.shape().equals(Shape.of(batch, steps)))) {
            throw new ShapeException("lstmSequence: for zx " + s + " expected a recurrent kernel (" + units + ", "
                    + 4 * units + "), states " + state + " and a mask (" + batch + ", " + steps + "), got "
                    + recurrentKernel.shape() + ", " + h0.shape() + ", " + c0.shape() + ", "
                    + (mask == null ? "no mask" : mask.shape()));
        }
        Kernels k = KernelProvider.get();
        int g4 = 4 * units;
        float[] keep = mask == null ? null : OpSupport.data(mask);
        if (!Tape.shouldRecord(List.of(zx, recurrentKernel, h0, c0))) {
            float[] x = OpSupport.data(zx);
            int lx = steps * g4;
            return infer(k, (block, b0, m, t) -> k.copyRows(x, b0 * lx + t * g4, lx, block, 0, g4, m, g4),
                    OpSupport.data(recurrentKernel), OpSupport.data(h0), OpSupport.data(c0), keep, batch, steps,
                    units, goBackwards);
        }
        float[] r = OpSupport.data(recurrentKernel).clone(); // (a variable may change before the gradient)
        // z[b, t] holds the activated gates of the step that read input t; hs/cs/tcs are per step run (k)
        float[] z = OpSupport.data(zx).clone();
        float[] hs = new float[batch * steps * units];
        float[] cs = new float[batch * steps * units];
        float[] tcs = new float[batch * steps * units];
        float[] h0v = OpSupport.data(h0).clone();
        float[] c0v = OpSupport.data(c0).clone();
        int ls = steps * units;
        int lz = steps * g4;
        PackedKernel rp = k.packKernel(units, g4, r, 0); // packed once: every step's h · R reads it
        forRowShares(k, batch, steps, units, g4, (b0, b1) -> {
            int m = b1 - b0;
            for (int step = 0; step < steps; step++) {
                int t = goBackwards ? steps - 1 - step : step;
                // the previous states: the initial ones, or the rows of the step before
                float[] hp = step == 0 ? h0v : hs;
                float[] cp = step == 0 ? c0v : cs;
                int po = step == 0 ? b0 * units : b0 * ls + (step - 1) * units;
                int ldp = step == 0 ? units : ls;
                // z[:, t, :] += h · R, then the gates of all rows
                int zo = b0 * lz + t * g4;
                k.gemm(m, rp, hp, po, ldp, 1f, z, zo, lz);
                int so = b0 * ls + step * units;
                k.lstmGates(m, units, z, zo, lz, cp, po, ldp, cs, so, ls, tcs, so, ls, hs, so, ls);
                for (int b = 0; keep != null && b < m; b++) {
                    if (keep[(b0 + b) * steps + t] == 0f) {
                        // a masked step keeps the states (its z is never read back)
                        System.arraycopy(hp, po + b * ldp, hs, so + b * ls, units);
                        System.arraycopy(cp, po + b * ldp, cs, so + b * ls, units);
                        k.unary(UnaryOp.TANH, cp, po + b * ldp, tcs, so + b * ls, units);
                    }
                }
            }
        });
        float[] out = OpSupport.newArray(batch * steps * 2 * units);
        k.copyRows(hs, 0, units, out, 0, 2 * units, batch * steps, units);
        k.copyRows(cs, 0, units, out, units, 2 * units, batch * steps, units);
        Tensor y = OpSupport.wrap(out, Shape.of(batch, steps, 2 * units));
        OpSupport.gradient(y, new Tensor[] {zx, recurrentKernel, h0, c0}, (g, needed) -> backward(
                OpSupport.data(g), z, hs, cs, tcs, h0v, c0v, r, keep, batch, steps, units, goBackwards, needed, zx,
                recurrentKernel));
        return y;
    }

    /**
     * The recurrence from the unprojected inputs x (batch, time, features), the kernel (features, 4 units) and the
     * bias (4 units, or null): {@link #apply} on {@code x · kernel + bias}. Without a tape (inference) the
     * projection is done step by step inside the recurrence (see {@link #infer}) where the kernels give each
     * row of a product the same bits in any product (so the same result as the recording pass, bit for bit);
     * else, as when recording, by one GEMM over all steps first.
     */
    static Tensor applyProjecting(Tensor x, Tensor kernel, Tensor bias, Tensor recurrentKernel, Tensor h0, Tensor c0,
                                  Tensor mask, boolean goBackwards) {
        Kernels k = KernelProvider.get();
        Shape s = x.shape();
        boolean concrete = !x.isSymbolic() && !kernel.isSymbolic() && (bias == null || !bias.isSymbolic())
                && !recurrentKernel.isSymbolic() && !h0.isSymbolic() && !c0.isSymbolic();
        Shape w = kernel.shape();
        if (concrete && s.rank() == 3 && w.rank() == 2 && w.get(0) == s.get(2) && w.get(1) % 4 == 0
                && (bias == null || bias.shape().equals(Shape.of(w.get(1))))) {
            int batch = s.get(0);
            int steps = s.get(1);
            int features = s.get(2);
            int g4 = w.get(1);
            int units = g4 / 4;
            Shape state = Shape.of(batch, units);
            List<Tensor> inputs = bias == null ? List.of(x, kernel, recurrentKernel, h0, c0)
                    : List.of(x, kernel, bias, recurrentKernel, h0, c0);
            if (!Tape.shouldRecord(inputs) && batch > 0 && steps > 0
                    && recurrentKernel.shape().equals(Shape.of(units, g4)) && h0.shape().equals(state)
                    && c0.shape().equals(state) && (mask == null || mask.shape().equals(Shape.of(batch, steps)))
                    && k.gemmRowsAlike(smallestShare(k, batch, steps, units, g4), batch * steps, g4, features)) {
                // a step's block: the bias, then + x_t · W (its rows of x read in place, W packed once)
                float[] xv = OpSupport.data(x);
                float[] b = bias == null ? null : OpSupport.data(bias);
                PackedKernel wp = k.packKernel(features, g4, OpSupport.data(kernel), 0);
                int lx = steps * features;
                StepInput projected = (block, b0, m, t) -> {
                    if (b != null) {
                        k.copyRows(b, 0, 0, block, 0, g4, m, g4);
                    }
                    k.gemm(m, wp, xv, b0 * lx + t * features, lx, b == null ? 0f : 1f, block, 0, g4);
                };
                return infer(k, projected, OpSupport.data(recurrentKernel), OpSupport.data(h0), OpSupport.data(c0),
                        mask == null ? null : OpSupport.data(mask), batch, steps, units, goBackwards);
            }
        }
        return apply(Dense.apply(x, kernel, bias, "linear"), recurrentKernel, h0, c0, mask, goBackwards);
    }

    /** Writes the projected inputs of step t (4 units a row, gates i, f, c, o) of rows b0 .. b0 + m - 1. */
    @FunctionalInterface
    private interface StepInput {
        void fill(float[] block, int b0, int m, int t);
    }

    /**
     * The forward pass alone (no tape watches an input): nothing is kept for a gradient. Each step fills one
     * contiguous (rows, 4 units) block with its projected inputs (the step's rows of {@code zx} copied, or, from
     * {@link #applyProjecting}, the bias plus {@code x_t · W}: then the (batch, time, 4 units) projection is never
     * written to memory and read back, and each thread projects its own rows), adds {@code h · R} with one GEMM and
     * runs the gates of all rows in one kernel call, writing h and c straight into the output, whose rows of the
     * step before are the previous states. The same bits as the recording pass.
     */
    private static Tensor infer(Kernels k, StepInput input, float[] r, float[] h0, float[] c0, float[] keep,
                                int batch, int steps, int units, boolean goBackwards) {
        int g4 = 4 * units;
        int lo = steps * 2 * units;
        float[] out = OpSupport.newArray(batch * lo);
        PackedKernel rp = k.packKernel(units, g4, r, 0); // packed once: every step's h · R reads it
        forRowShares(k, batch, steps, units, g4, (b0, b1) -> {
            int m = b1 - b0;
            float[] block = new float[m * g4];
            float[] tc = new float[m * units];
            for (int step = 0; step < steps; step++) {
                int t = goBackwards ? steps - 1 - step : step;
                float[] hp = step == 0 ? h0 : out;
                float[] cp = step == 0 ? c0 : out;
                int hpo = step == 0 ? b0 * units : b0 * lo + (step - 1) * 2 * units;
                int cpo = step == 0 ? b0 * units : hpo + units;
                int ldp = step == 0 ? units : lo;
                input.fill(block, b0, m, t);
                k.gemm(m, rp, hp, hpo, ldp, 1f, block, 0, g4);
                int ho = b0 * lo + step * 2 * units;
                k.lstmGates(m, units, block, 0, g4, cp, cpo, ldp, out, ho + units, lo, tc, 0, units, out, ho, lo);
                for (int b = 0; keep != null && b < m; b++) {
                    if (keep[(b0 + b) * steps + t] == 0f) {
                        System.arraycopy(hp, hpo + b * ldp, out, ho + b * lo, units);
                        System.arraycopy(cp, cpo + b * ldp, out, ho + units + b * lo, units);
                    }
                }
            }
        });
        return OpSupport.wrap(out, Shape.of(batch, steps, 2 * units));
    }

    /**
     * Runs a recurrence's forward pass over shares of the batch, on several threads when each gets enough work:
     * the sequences of a batch are independent, so a share runs all its steps without waiting for the others. The
     * shares are whole blocks of {@link Kernels#gemmRowBlock} rows, so each share's GEMMs give the bits of one
     * GEMM over the whole batch: the result does not depend on the thread count.
     */
    static void forRowShares(Kernels k, int batch, int steps, int units, int gates,
                             Parallelism.RangeBody share) {
        int block = k.gemmRowBlock(batch, gates, units);
        int blocks = (batch + block - 1) / block;
        long work = 2L * block * steps * units * gates;
        int minBlocks = (int) Math.max(1, (MIN_SHARE_FLOPS + work - 1) / work);
        Parallelism.forRange(blocks, minBlocks, (i0, i1) -> share.run(i0 * block, Math.min(batch, i1 * block)));
    }

    /**
     * The fewest rows of a share {@link #forRowShares} makes at the current thread setting: the split of
     * {@link Parallelism#forRange} over the blocks, whose last one may be partial.
     */
    static int smallestShare(Kernels k, int batch, int steps, int units, int gates) {
        int block = k.gemmRowBlock(batch, gates, units);
        int blocks = (batch + block - 1) / block;
        long work = 2L * block * steps * units * gates;
        int minBlocks = (int) Math.max(1, (MIN_SHARE_FLOPS + work - 1) / work);
        int parts = (int) Math.min(Parallelism.numThreads(), blocks / (long) minBlocks);
        int fewest = batch;
        for (int t = 0; parts > 1 && t < parts; t++) {
            int from = (int) ((long) blocks * t / parts) * block;
            int to = Math.min(batch, (int) ((long) blocks * (t + 1) / parts) * block);
            fewest = Math.min(fewest, to - from);
        }
        return fewest;
    }

    private static Tensor[] backward(float[] dy, float[] z, float[] hs, float[] cs, float[] tcs, float[] h0,
                                     float[] c0, float[] r, float[] keep, int batch, int steps, int units,
                                     boolean goBackwards, boolean[] needed, Tensor zx, Tensor recurrentKernel) {
        Kernels k = KernelProvider.get();
        int g4 = 4 * units;
        float[] dz = OpSupport.newArray(batch * steps * g4);
        float[] dh = new float[batch * units];
        float[] dc = new float[batch * units];
        float[] dr = needed[1] ? OpSupport.newArray(units * g4) : null;
        if (dr != null) {
            java.util.Arrays.fill(dr, 0f);
        }
        for (int step = steps - 1; step >= 0; step--) {
            int t = goBackwards ? steps - 1 - step : step;
            for (int b = 0; b < batch; b++) {
                int oo = (b * steps + step) * 2 * units;
                int so = (b * steps + step) * units;
                int zo = (b * steps + t) * g4;
                int bo = b * units;
                for (int u = 0; u < units; u++) {
                    dh[bo + u] += dy[oo + u];
                    dc[bo + u] += dy[oo + units + u];
                }
                if (keep != null && keep[b * steps + t] == 0f) {
                    java.util.Arrays.fill(dz, zo, zo + g4, 0f); // the states passed through: dh, dc carry on
                    continue;
                }
                int po = (b * steps + step - 1) * units;
                for (int u = 0; u < units; u++) {
                    float i = z[zo + u];
                    float f = z[zo + units + u];
                    float gg = z[zo + 2 * units + u];
                    float o = z[zo + 3 * units + u];
                    float tc = tcs[so + u];
                    float cPrev = step == 0 ? c0[bo + u] : cs[po + u];
                    float dhu = dh[bo + u];
                    float dcu = dc[bo + u] + dhu * o * (1f - tc * tc);
                    float dOut = dhu * tc;
                    dz[zo + u] = dcu * gg * i * (1f - i);
                    dz[zo + units + u] = dcu * cPrev * f * (1f - f);
                    dz[zo + 2 * units + u] = dcu * i * (1f - gg * gg);
                    dz[zo + 3 * units + u] = dOut * o * (1f - o);
                    dc[bo + u] = dcu * f;
                    dh[bo + u] = 0f; // replaced by dz · R^T below
                }
            }
            // dh += dz[:, t, :] · R^T (masked rows have dz = 0 and keep their dh)
            k.gemm(false, true, batch, units, g4, 1f, dz, t * g4, steps * g4, r, 0, g4, 1f, dh, 0, units);
            if (dr != null) {
                // dR += h_prev^T · dz[:, t, :], h_prev the states before this step
                float[] prev = step == 0 ? h0 : hs;
                int prevOff = step == 0 ? 0 : (step - 1) * units;
                int prevLd = step == 0 ? units : steps * units;
                k.gemm(true, false, units, g4, batch, 1f, prev, prevOff, prevLd, dz, t * g4, steps * g4, 1f, dr, 0,
                        g4);
            }
        }
        return new Tensor[] {
            needed[0] ? OpSupport.wrap(dz, zx.shape()) : null,
            dr == null ? null : OpSupport.wrap(dr, recurrentKernel.shape()),
            needed[2] ? OpSupport.wrap(dh, Shape.of(batch, units)) : null,
            needed[3] ? OpSupport.wrap(dc, Shape.of(batch, units)) : null};
    }
}
