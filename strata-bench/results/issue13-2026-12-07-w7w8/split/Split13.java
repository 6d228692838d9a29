package dev.strata.bench.workloads;

import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.layers.attention.MultiHeadAttention;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.merging.Add;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** Timing split of W7 LSTM inference and W8 inference (throwaway, not committed). */
public final class Split13 {
    static double time(String label, Runnable call, double warm, int n) {
        long end = System.nanoTime() + (long) (warm * 1e9);
        do { call.run(); } while (System.nanoTime() < end);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < n; i++) call.run();
            best = Math.min(best, (System.nanoTime() - t) / 1e6 / n);
        }
        System.out.printf("%-55s %8.2f ms%n", label, best);
        return best;
    }

    public static void main(String[] args) {
        SplittableRandom random = new SplittableRandom(42);
        if (args[0].equals("w7")) {
            float[] ids = new float[64 * 100];
            for (int i = 0; i < ids.length; i++) ids[i] = 1 + random.nextInt(19_999);
            List<Tensor> x = List.of(Tensor.of(ids, 64, 100));
            Model full = W7TextRnn.model("lstm");
            time("W7 LSTM model predictOnBatch (64 x 100)", () -> full.predictOnBatch(x), 4, 20);
            Tensor in = Input.integers("ids", 100);
            Model emb = Model.of(in, new Embedding(20_000, 128).apply(in));
            time("  Embedding alone", () -> emb.predictOnBatch(x), 2, 20);
            Tensor e = Input.of(100, 128);
            Model proj = Model.of(e, new Dense(512).apply(e));
            Tensor xe = Tensor.normal(64, 100, 128);
            time("  input projection x.W+b (6400x128 . 128x512)", () -> proj.predictOnBatch(List.of(xe)), 2, 20);
            Tensor zx = Tensor.normal(64, 100, 512);
            Tensor rk = Tensor.normal(128, 512);
            Tensor h0 = Tensor.zeros(64, 128);
            time("  Ops.lstmSequence (100 steps, recurrence + gates)",
                    () -> Ops.lstmSequence(zx, rk, h0, h0, null, false), 4, 20);
            Kernels k = KernelProvider.get();
            float[] h = new float[64 * 128];
            float[] r = rk.toFloatArray();
            float[] z = zx.toFloatArray();
            time("    its 100 GEMMs h.R alone (64x128 . 128x512)", () -> {
                for (int t = 0; t < 100; t++) k.gemm(false, false, 64, 512, 128, 1f, h, 0, 128, r, 0, 512, 1f, z, t * 512, 100 * 512);
            }, 2, 20);
        } else if (args[0].equals("gru")) {
            float[] ids = new float[64 * 100];
            for (int i = 0; i < ids.length; i++) ids[i] = 1 + random.nextInt(19_999);
            List<Tensor> x = List.of(Tensor.of(ids, 64, 100));
            Model full = W7TextRnn.model("gru");
            time("W7 GRU model predictOnBatch (64 x 100)", () -> full.predictOnBatch(x), 4, 20);
            Tensor zx = Tensor.normal(64, 100, 384);
            Tensor rk = Tensor.normal(128, 384);
            Tensor rb = Tensor.zeros(384);
            Tensor h0 = Tensor.zeros(64, 128);
            time("  Ops.gruSequence (100 steps, recurrence + gates)",
                    () -> Ops.gruSequence(zx, rk, rb, h0, null, false), 4, 20);
            Kernels k = KernelProvider.get();
            float[] h = new float[64 * 128];
            float[] r = rk.toFloatArray();
            float[] inner = new float[64 * 384];
            time("    its 100 GEMMs h.R alone (64x128 . 128x384)", () -> {
                for (int t = 0; t < 100; t++) k.gemm(false, false, 64, 384, 128, 1f, h, 0, 128, r, 0, 384, 0f, inner, 0, 384);
            }, 2, 20);
        } else {
            float[] xs = new float[32 * 128 * 256];
            for (int i = 0; i < xs.length; i++) xs[i] = (float) random.nextGaussian();
            List<Tensor> x = List.of(Tensor.of(xs, 32, 128, 256));
            Model full = W8TransformerBlock.model();
            time("W8 block predictOnBatch (32 x 128 x 256)", () -> full.predictOnBatch(x), 5, 10);
            Tensor a = Input.of(128, 256);
            Model mha = Model.of(a, new MultiHeadAttention(4, 64).apply(a, a));
            time("  MultiHeadAttention alone", () -> mha.predictOnBatch(x), 3, 10);
            Tensor f = Input.of(128, 256);
            Model ffn = Model.of(f, new Dense(256).apply(new Dense(1024, "relu").apply(f)));
            time("  feed-forward Dense 1024 relu -> Dense 256", () -> ffn.predictOnBatch(x), 3, 10);
            Tensor l = Input.of(128, 256);
            Model ln = Model.of(l, new LayerNormalization().epsilon(1e-5).apply(new Add().apply(List.of(l, l)).single()));
            time("  Add + LayerNormalization (one of two)", () -> ln.predictOnBatch(x), 3, 10);
        }
    }
}
