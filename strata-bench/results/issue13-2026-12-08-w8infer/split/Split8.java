package dev.strata.bench.workloads;

import dev.strata.layers.attention.MultiHeadAttention;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Add;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Timing split of W8 inference by op (issue 13, session 24; a scratch main, kept with the results). */
public final class Split8 {
    static double time(String label, Runnable call, double warm, int n) {
        long end = System.nanoTime() + (long) (warm * 1e9);
        do { call.run(); } while (System.nanoTime() < end);
        double[] r = new double[5];
        for (int i = 0; i < r.length; i++) {
            long t = System.nanoTime();
            for (int j = 0; j < n; j++) call.run();
            r[i] = (System.nanoTime() - t) / 1e6 / n;
        }
        java.util.Arrays.sort(r);
        System.out.printf("%-60s %8.2f ms (min %.2f)%n", label, r[2], r[0]);
        return r[2];
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        float[] xs = new float[32 * 128 * 256];
        for (int i = 0; i < xs.length; i++) xs[i] = (float) random.nextGaussian();
        Tensor xt = Tensor.of(xs, 32, 128, 256);
        List<Tensor> x = List.of(xt);
        double warm = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        if (args.length > 1) {
            Model m = W8TransformerBlock.model();
            time("W8 block predictOnBatch (profiled)", () -> m.predictOnBatch(x), Double.parseDouble(args[1]), 10);
            return;
        }
        Model full = W8TransformerBlock.model();
        time("W8 block predictOnBatch", () -> full.predictOnBatch(x), 2 * warm, 10);
        Tensor a = Input.of(128, 256);
        Model mha = Model.of(a, new MultiHeadAttention(4, 64).apply(a, a));
        time("  MHA model", () -> mha.predictOnBatch(x), warm, 10);
        Tensor f = Input.of(128, 256);
        Model ffn = Model.of(f, new Dense(256).apply(new Dense(1024, "relu").apply(f)));
        time("  FFN model", () -> ffn.predictOnBatch(x), warm, 10);
        Tensor l = Input.of(128, 256);
        Model ln = Model.of(l, new LayerNormalization().epsilon(1e-5).apply(new Add().apply(List.of(l, l)).single()));
        time("  Add+LN model", () -> ln.predictOnBatch(x), warm, 10);
        Tensor kern = Tensor.normal(256, 4, 64);
        Tensor bias = Tensor.normal(4, 64);
        time("    einsum abc,cde->abde (projection)", () -> Ops.einsum("abc,cde->abde", xt, kern), warm, 20);
        Tensor q = Ops.einsum("abc,cde->abde", xt, kern);
        time("    + bias add (4,64)", () -> Ops.add(q, bias), warm, 20);
        time("    einsum aecd,abcd->acbe (logits)", () -> Ops.einsum("aecd,abcd->acbe", q, q), warm, 20);
        Tensor lg = Ops.einsum("aecd,abcd->acbe", q, q);
        time("    multiply scale", () -> Ops.multiply(lg, 0.125f), warm, 20);
        time("    softmax", () -> Ops.softmax(lg, -1), warm, 20);
        Tensor p = Ops.softmax(lg, -1);
        time("    einsum acbe,aecd->abcd (combine)", () -> Ops.einsum("acbe,aecd->abcd", p, q), warm, 20);
        Tensor okern = Tensor.normal(4, 64, 256);
        time("    einsum abcd,cde->abe (output proj)", () -> Ops.einsum("abcd,cde->abe", q, okern), warm, 20);
        Tensor w = Tensor.normal(256, 256);
        time("    matmul 4096x256x256 (reference GEMM)", () -> Ops.matmul(Ops.reshape(xt, 4096, 256), w), warm, 20);
        Tensor qa = Tensor.normal(128, 128, 64);
        Tensor kb = Tensor.normal(128, 64, 128);
        Tensor kt = Tensor.normal(128, 128, 64);
        time("    matmul batched 128 x (128x64 . 64x128)", () -> Ops.matmul(qa, kb), warm, 20);
        time("    matmul batched 128 x (128x64 . (128x64)^T)", () -> Ops.matmul(qa, kt, false, true), warm, 20);
        Tensor pb = Tensor.normal(128, 128, 128);
        time("    matmul batched 128 x (128x128 . 128x64)", () -> Ops.matmul(pb, qa), warm, 20);
        time("    transpose (0,2,1,3) of (32,128,4,64)", () -> Ops.transpose(q, 0, 2, 1, 3), warm, 20);
    }
}
