package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The CTC (connectionist temporal classification) loss, like {@code keras.ops.ctc_loss(target, output,
 * target_length, output_length, mask_index=0)}: per sample the negative log-probability of the label sequence under
 * all alignments of the logits. It runs the same forward recursion as Keras's JAX backend (optax's
 * {@code ctc_loss_with_forward_probs}: log-space alphas over "blank" and "emit" states, impossible transitions
 * weighted by {@code log_epsilon = -1e5} rather than -inf), so its values agree with Keras's also for label
 * sequences no alignment fits; sums run in double.
 *
 * <p>Targets are integer labels {@code (batch, maxLabelLength)} (truncated toward zero; a label outside
 * {@code [0, numClasses)} emits with log-probability 0, as JAX's one-hot); only the first {@code targetLength[b]} of
 * a row count. Logits are {@code (batch, maxTime, numClasses)}, of which the first {@code outputLength[b]} steps
 * count. The gradient (only with respect to the logits) is the exact reverse pass of that recursion through the
 * log-softmax, computed by hand from the stored alphas; it is a constant to a tape recording the backward pass (no
 * second derivatives).
 */
final class CtcLoss {
    /** {@code keras.ops.ctc_loss}: four tensors, then the mask index. */
    static final OpSpec SPEC = OpSpec.op("ctc_loss").nn("CTCLoss").variadic().config("mask_index", Type.INT, 0)
            .rebuild((in, args) -> apply(in.get(0), in.get(1), in.get(2), in.get(3), args.integer("mask_index")));

    /** The log-weight optax gives impossible transitions. */
    private static final double LOG_EPSILON = -1e5;

    private CtcLoss() {
    }

    static Tensor apply(Tensor target, Tensor output, Tensor targetLength, Tensor outputLength, int maskIndex) {
        Shape ts = target.shape();
        Shape os = output.shape();
        if (ts.rank() != 2) {
            throw new ShapeException("ctc_loss: target must be (batch, max_label_length) integer labels, got "
                    + ts + " (output " + os + ")");
        }
        if (os.rank() != 3) {
            throw new ShapeException("ctc_loss: output must be (batch, max_time, num_classes) logits, got " + os
                    + " (target " + ts + ")");
        }
        if (targetLength.rank() != 1 || outputLength.rank() != 1) {
            throw new ShapeException("ctc_loss: target_length and output_length must be (batch,), got "
                    + targetLength.shape() + " and " + outputLength.shape());
        }
        int batch = sameBatch(ts.get(0), os.get(0), "target", ts, "output", os);
        sameBatch(targetLength.shape().get(0), ts.get(0), "target_length", targetLength.shape(), "target", ts);
        sameBatch(outputLength.shape().get(0), os.get(0), "output_length", outputLength.shape(), "output", os);
        int classes = os.get(2);
        if (classes != Shape.UNKNOWN && (maskIndex < 0 || maskIndex >= classes)) {
            throw new IllegalArgumentException("ctc_loss: mask_index must be a class in [0, " + classes + "), got "
                    + maskIndex + " (output " + os + ")");
        }
        Shape out = Shape.of(batch);
        if (target.isSymbolic() || output.isSymbolic() || targetLength.isSymbolic() || outputLength.isSymbolic()) {
            return OpSupport.record(SPEC.args(maskIndex), out,
                    in -> apply(in.get(0), in.get(1), in.get(2), in.get(3), maskIndex),
                    target, output, targetLength, outputLength);
        }
        Forward f = new Forward(OpSupport.data(target), OpSupport.data(output), OpSupport.data(targetLength),
                OpSupport.data(outputLength), batch, ts.get(1), os.get(1), classes, maskIndex);
        float[] loss = new float[batch];
        for (int b = 0; b < batch; b++) {
            loss[b] = (float) f.run(b, 0.0, null);
        }
        Tensor y = OpSupport.wrap(loss, out);
        OpSupport.gradient(y, new Tensor[] {target, output, targetLength, outputLength}, (g, needed) -> {
            if (!needed[1]) {
                return new Tensor[4];
            }
            float[] up = OpSupport.data(g);
            float[] grad = OpSupport.newArray(os.size());
            java.util.Arrays.fill(grad, 0f); // a pooled array may hold old values; the rule adds into it
            for (int b = 0; b < batch; b++) {
                f.run(b, up[b], grad);
            }
            return new Tensor[] {null, OpSupport.wrap(grad, os), null, null};
        });
        return y;
    }

    private static int sameBatch(int a, int b, String nameA, Shape sa, String nameB, Shape sb) {
        if (a != Shape.UNKNOWN && b != Shape.UNKNOWN && a != b) {
            throw new ShapeException("ctc_loss: " + nameA + " " + sa + " and " + nameB + " " + sb
                    + " must have the same first (batch) dimension");
        }
        return a != Shape.UNKNOWN ? a : b;
    }

    /** {@code log(exp(a) + exp(b))}, -inf when both are. */
    private static double logAddExp(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }

    /** The recursion of one batch; run again with an upstream gradient, it adds the logits' gradient. */
    private record Forward(float[] target, float[] output, float[] targetLength, float[] outputLength, int batch,
                           int labels, int time, int classes, int maskIndex) {
        /**
         * The loss of sample {@code b}; when {@code grad} is not null, also adds {@code upstream} times its
         * gradient with respect to the sample's logits into {@code grad}.
         */
        double run(int b, double upstream, float[] grad) {
            int n = labels;
            int[] lab = new int[n];
            double[] rep = new double[n];
            for (int i = 0; i < n; i++) {
                lab[i] = (int) target[b * n + i]; // Keras casts labels to int32: truncation toward zero
            }
            for (int i = 0; i + 1 < n; i++) {
                rep[i] = lab[i] == lab[i + 1] ? 1 : 0;
            }
            int labelLength = Math.clamp((int) targetLength[b], 0, n);
            int steps = (int) outputLength[b];
            double[][] logp = logSoftmax(b);
            // alphas before each step t (index t) and after the last (index time)
            double[][] phi = new double[time + 1][n + 1];
            double[][] emit = new double[time + 1][n];
            java.util.Arrays.fill(phi[0], LOG_EPSILON);
            phi[0][0] = 0;
            java.util.Arrays.fill(emit[0], LOG_EPSILON);
            double[] phiA = new double[n + 1];
            for (int t = 0; t < time; t++) {
                double[] p = phi[t];
                double[] e = emit[t];
                if (t >= steps) { // padding: the state passes unchanged
                    phi[t + 1] = p;
                    emit[t + 1] = e;
                    continue;
                }
                double lpp = logp[t][maskIndex];
                blankMerge(p, e, rep, phiA);
                double[] np = phi[t + 1];
                double[] ne = emit[t + 1];
                np[0] = phiA[0] + lpp;
                for (int i = 0; i < n; i++) {
                    double lpe = emitted(logp[t], lab[i]);
                    ne[i] = logAddExp(phiA[i] + lpe, e[i] + lpe);
                    np[i + 1] = logAddExp(phiA[i + 1] + lpp, e[i] + lpp + LOG_EPSILON * (1 - rep[i]));
                }
            }
            double[] pf = phi[time];
            double[] ef = emit[time];
            double last = labelLength == 0 ? pf[0] : logAddExp(pf[labelLength], ef[labelLength - 1]);
            if (grad != null) {
                backward(b, upstream, grad, lab, rep, labelLength, steps, logp, phi, emit, last);
            }
            return -last;
        }

        /** {@code phiA[0] = phi[0]}, {@code phiA[i+1] = logaddexp(phi[i+1], emit[i] + log_epsilon * rep[i])}. */
        private void blankMerge(double[] p, double[] e, double[] rep, double[] phiA) {
            phiA[0] = p[0];
            for (int i = 0; i < e.length; i++) {
                phiA[i + 1] = logAddExp(p[i + 1], e[i] + LOG_EPSILON * rep[i]);
            }
        }

        private double emitted(double[] logpT, int label) {
            return label >= 0 && label < classes ? logpT[label] : 0; // JAX's one_hot of a non-class is zeros
        }

        private double[][] logSoftmax(int b) {
            double[][] out = new double[time][classes];
            for (int t = 0; t < time; t++) {
                int base = (b * time + t) * classes;
                double m = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    m = Math.max(m, output[base + c]);
                }
                double s = 0;
                for (int c = 0; c < classes; c++) {
                    s += Math.exp(output[base + c] - m);
                }
                double lse = m + Math.log(s);
                for (int c = 0; c < classes; c++) {
                    out[t][c] = output[base + c] - lse;
                }
            }
            return out;
        }

        /** The reverse pass of {@link #run}, step by step, then through the log-softmax. */
        private void backward(int b, double upstream, float[] grad, int[] lab, double[] rep, int labelLength,
                              int steps, double[][] logp, double[][] phi, double[][] emit, double last) {
            int n = labels;
            double[] dPhi = new double[n + 1];
            double[] dEmit = new double[n];
            double dLast = -upstream;
            if (labelLength == 0) {
                dPhi[0] += dLast;
            } else {
                dPhi[labelLength] += dLast * Math.exp(phi[time][labelLength] - last);
                dEmit[labelLength - 1] += dLast * Math.exp(emit[time][labelLength - 1] - last);
            }
            double[] phiA = new double[n + 1];
            double[] dLogp = new double[classes];
            for (int t = Math.min(steps, time) - 1; t >= 0; t--) {
                double[] p = phi[t];
                double[] e = emit[t];
                double lpp = logp[t][maskIndex];
                blankMerge(p, e, rep, phiA);
                double[] dPhiA = new double[n + 1];
                double[] dPrevEmit = new double[n];
                double[] dPrevPhi = new double[n + 1];
                java.util.Arrays.fill(dLogp, 0);
                double dLpp = dPhi[0];
                dPhiA[0] += dPhi[0];
                for (int i = 0; i < n; i++) {
                    // nextPhi[i+1] = logaddexp(phiA[i+1] + lpp, e[i] + lpp + log_epsilon (1 - rep[i]))
                    double a = phiA[i + 1] + lpp;
                    double c = e[i] + lpp + LOG_EPSILON * (1 - rep[i]);
                    double r = logAddExp(a, c);
                    double wa = Math.exp(a - r);
                    double wc = Math.exp(c - r);
                    dPhiA[i + 1] += dPhi[i + 1] * wa;
                    dPrevEmit[i] += dPhi[i + 1] * wc;
                    dLpp += dPhi[i + 1] * (wa + wc);
                    // nextEmit[i] = logaddexp(phiA[i] + lpe, e[i] + lpe)
                    double lpe = emitted(logp[t], lab[i]);
                    double a2 = phiA[i] + lpe;
                    double c2 = e[i] + lpe;
                    double r2 = logAddExp(a2, c2);
                    double wa2 = Math.exp(a2 - r2);
                    double wc2 = Math.exp(c2 - r2);
                    dPhiA[i] += dEmit[i] * wa2;
                    dPrevEmit[i] += dEmit[i] * wc2;
                    if (lab[i] >= 0 && lab[i] < classes) {
                        dLogp[lab[i]] += dEmit[i] * (wa2 + wc2);
                    }
                }
                dLogp[maskIndex] += dLpp;
                dPrevPhi[0] += dPhiA[0];
                for (int i = 0; i < n; i++) {
                    // phiA[i+1] = logaddexp(p[i+1], e[i] + log_epsilon rep[i])
                    double a = p[i + 1];
                    double c = e[i] + LOG_EPSILON * rep[i];
                    double r = phiA[i + 1];
                    dPrevPhi[i + 1] += dPhiA[i + 1] * Math.exp(a - r);
                    dPrevEmit[i] += dPhiA[i + 1] * Math.exp(c - r);
                }
                // through the log-softmax: d logits = d logp - softmax * sum(d logp)
                double total = 0;
                for (int c = 0; c < classes; c++) {
                    total += dLogp[c];
                }
                int base = (b * time + t) * classes;
                for (int c = 0; c < classes; c++) {
                    grad[base + c] += (float) (dLogp[c] - Math.exp(logp[t][c]) * total);
                }
                dPhi = dPrevPhi;
                dEmit = dPrevEmit;
            }
        }
    }
}
