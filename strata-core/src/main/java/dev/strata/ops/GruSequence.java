package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.PackedKernel;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The recurrence of a Keras 3 GRU ({@code reset_after=True}, sigmoid gates, tanh) over a whole sequence, fused into
 * one op as {@link LstmSequence} is: per step one GEMM with the recurrent kernel and the gate math in place, and a
 * hand-written pass back through time. Concrete tensors only; no second derivative.
 *
 * <p>Inputs: {@code zx} (batch, time, 3 units), the projected inputs with the input bias, gates z, r, h;
 * {@code recurrentKernel} (units, 3 units); {@code recurrentBias} (3 units) or null; {@code h0} (batch, units); an
 * optional mask (batch, time). Output: (batch, time, units), the new state of each step in the order run.
 */
final class GruSequence {
    private GruSequence() {
    }

    static Tensor apply(Tensor zx, Tensor recurrentKernel, Tensor recurrentBias, Tensor h0, Tensor mask,
                        boolean goBackwards) {
        if (zx.isSymbolic() || recurrentKernel.isSymbolic() || h0.isSymbolic()
                || (recurrentBias != null && recurrentBias.isSymbolic())) {
            throw new IllegalArgumentException("gruSequence runs on concrete tensors only");
        }
        Shape s = zx.shape();
        if (s.rank() != 3 || s.get(2) % 3 != 0) {
            throw new ShapeException("gruSequence: zx must be (batch, time, 3 units), got " + s);
        }
        int batch = s.get(0);
        int steps = s.get(1);
        int units = s.get(2) / 3;
        int g3 = 3 * units;
        if (!recurrentKernel.shape().equals(Shape.of(units, g3)) || !h0.shape().equals(Shape.of(batch, units))
                || (recurrentBias != null && !recurrentBias.shape().equals(Shape.of(g3)))
                || (mask != null && !mask.shape().equals(Shape.of(batch, steps)))) {
            throw new ShapeException("gruSequence: for zx " + s + " expected a recurrent kernel (" + units + ", " + g3
                    + "), a bias (" + g3 + "), a state (" + batch + ", " + units + ") and a mask (" + batch + ", "
                    + steps + "), got " + recurrentKernel.shape() + ", "
                    + (recurrentBias == null ? "no bias" : recurrentBias.shape()) + ", " + h0.shape() + ", "
                    + (mask == null ? "no mask" : mask.shape()));
        }
        Kernels k = KernelProvider.get();
        float[] rb = recurrentBias == null ? null : OpSupport.data(recurrentBias);
        float[] keep = mask == null ? null : OpSupport.data(mask);
        float[] x = OpSupport.data(zx);
        Tensor[] inputs = recurrentBias == null ? new Tensor[] {zx, recurrentKernel, h0}
                : new Tensor[] {zx, recurrentKernel, h0, recurrentBias};
        boolean record = Tape.shouldRecord(List.of(inputs));
        float[] r = record ? OpSupport.data(recurrentKernel).clone() : OpSupport.data(recurrentKernel);
        float[] h0v = record ? OpSupport.data(h0).clone() : OpSupport.data(h0);
        // Recording, per step run: the gates z, r, the candidate hh and the recurrent candidate part
        // (h · R_h + b_h), and the states, kept for the gradient; else one step's gates and the output only, whose
        // rows of the step before are the previous state.
        float[] gates = new float[batch * (record ? steps : 1) * 4 * units];
        int ldg = record ? steps * 4 * units : 4 * units;
        float[] hs = record ? new float[batch * steps * units] : OpSupport.newArray(batch * steps * units);
        int ls = steps * units;
        int lx = steps * g3;
        PackedKernel rp = k.packKernel(units, g3, r, 0); // packed once: every step's h · R reads it
        LstmSequence.forRowShares(k, batch, steps, units, g3, (b0, b1) -> {
            int m = b1 - b0;
            float[] inner = new float[m * g3];
            for (int step = 0; step < steps; step++) {
                int t = goBackwards ? steps - 1 - step : step;
                float[] hp = step == 0 ? h0v : hs;
                int po = step == 0 ? b0 * units : b0 * ls + (step - 1) * units;
                int ldp = step == 0 ? units : ls;
                k.gemm(m, rp, hp, po, ldp, 0f, inner, 0, g3);
                if (rb != null) {
                    k.addToRows(inner, 0, m, g3, rb, 0);
                }
                int so = b0 * ls + step * units;
                int go = record ? b0 * ldg + step * 4 * units : b0 * ldg;
                k.gruGates(m, units, x, b0 * lx + t * g3, lx, inner, 0, g3, hp, po, ldp, gates, go, ldg, hs, so, ls);
                for (int b = 0; keep != null && b < m; b++) {
                    if (keep[(b0 + b) * steps + t] == 0f) {
                        // a masked step keeps the state (its gates are never read back)
                        System.arraycopy(hp, po + b * ldp, hs, so + b * ls, units);
                    }
                }
            }
        });
        if (!record) {
            return OpSupport.wrap(hs, Shape.of(batch, steps, units));
        }
        float[] out = OpSupport.newArray(hs.length);
        System.arraycopy(hs, 0, out, 0, hs.length);
        Tensor y = OpSupport.wrap(out, Shape.of(batch, steps, units));
        OpSupport.gradient(y, inputs, (g, needed) -> backward(OpSupport.data(g), gates, hs, h0v, r, keep, batch,
                steps, units, goBackwards, needed, inputs));
        return y;
    }

    private static Tensor[] backward(float[] dy, float[] gates, float[] hs, float[] h0, float[] r, float[] keep,
                                     int batch, int steps, int units, boolean goBackwards, boolean[] needed,
                                     Tensor[] inputs) {
        Kernels k = KernelProvider.get();
        int g3 = 3 * units;
        float[] dzx = OpSupport.newArray(batch * steps * g3);
        float[] dInner = new float[batch * g3];
        float[] dh = new float[batch * units];
        boolean kernelNeeded = needed[1];
        boolean biasNeeded = inputs.length > 3 && needed[3];
        float[] dr = kernelNeeded ? new float[units * g3] : null;
        float[] db = biasNeeded ? new float[g3] : null;
        for (int step = steps - 1; step >= 0; step--) {
            int t = goBackwards ? steps - 1 - step : step;
            for (int b = 0; b < batch; b++) {
                int so = (b * steps + step) * units;
                int go = (b * steps + step) * 4 * units;
                int xo = (b * steps + t) * g3;
                int io = b * g3;
                int bo = b * units;
                for (int u = 0; u < units; u++) {
                    dh[bo + u] += dy[so + u];
                }
                if (keep != null && keep[b * steps + t] == 0f) {
                    java.util.Arrays.fill(dzx, xo, xo + g3, 0f);
                    java.util.Arrays.fill(dInner, io, io + g3, 0f);
                    continue;
                }
                int po = (b * steps + step - 1) * units;
                for (int u = 0; u < units; u++) {
                    float z = gates[go + u];
                    float rr = gates[go + units + u];
                    float hh = gates[go + 2 * units + u];
                    float ih = gates[go + 3 * units + u];
                    float hPrev = step == 0 ? h0[bo + u] : hs[po + u];
                    float d = dh[bo + u];
                    float daH = d * (1f - z) * (1f - hh * hh);
                    float daZ = d * (hPrev - hh) * z * (1f - z);
                    float daR = daH * ih * rr * (1f - rr);
                    dzx[xo + u] = daZ;
                    dzx[xo + units + u] = daR;
                    dzx[xo + 2 * units + u] = daH;
                    dInner[io + u] = daZ;
                    dInner[io + units + u] = daR;
                    dInner[io + 2 * units + u] = daH * rr;
                    dh[bo + u] = d * z; // plus dInner · R^T below
                }
            }
            k.gemm(false, true, batch, units, g3, 1f, dInner, 0, g3, r, 0, g3, 1f, dh, 0, units);
            if (dr != null) {
                float[] prev = step == 0 ? h0 : hs;
                int prevOff = step == 0 ? 0 : (step - 1) * units;
                int prevLd = step == 0 ? units : steps * units;
                k.gemm(true, false, units, g3, batch, 1f, prev, prevOff, prevLd, dInner, 0, g3, 1f, dr, 0, g3);
            }
            if (db != null) {
                k.sumRowsInto(dInner, 0, batch, g3, db, 0);
            }
        }
        Tensor[] out = new Tensor[inputs.length];
        out[0] = needed[0] ? OpSupport.wrap(dzx, inputs[0].shape()) : null;
        out[1] = dr == null ? null : OpSupport.wrap(dr, inputs[1].shape());
        out[2] = needed[2] ? OpSupport.wrap(dh, inputs[2].shape()) : null;
        if (inputs.length > 3) {
            out[3] = db == null ? null : OpSupport.wrap(db, inputs[3].shape());
        }
        return out;
    }
}
