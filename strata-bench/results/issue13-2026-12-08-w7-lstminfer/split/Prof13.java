package dev.strata.bench.workloads;

import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.PackedKernel;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.util.List;
import java.util.SplittableRandom;

/** Where W7 LSTM inference time goes (throwaway profiling main, session 24). */
public final class Prof13 {
    static double time(String label, Runnable call, double warm, int n) {
        long end = System.nanoTime() + (long) (warm * 1e9);
        do { call.run(); } while (System.nanoTime() < end);
        double[] t = new double[5];
        for (int r = 0; r < 5; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < n; i++) call.run();
            t[r] = (System.nanoTime() - s) / 1e6 / n;
        }
        java.util.Arrays.sort(t);
        System.out.printf("%-58s min %7.2f  med %7.2f ms%n", label, t[0], t[2]);
        return t[2];
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        SplittableRandom random = new SplittableRandom(42);
        float[] ids = new float[1280 * 100];
        for (int i = 0; i < ids.length; i++) ids[i] = 1 + random.nextInt(19_999);
        Tensor all = Tensor.of(ids, 1280, 100);
        List<Tensor> x = List.of(Tensor.of(java.util.Arrays.copyOf(ids, 6400), 64, 100));
        Model full = W7TextRnn.model("lstm");
        PredictOptions po = new PredictOptions().batchSize(64).verbose(0);
        time("predict 1280 / 20 (per batch)", () -> full.predict(all, po), 4, 1);
        time("predictOnBatch (64 x 100)", () -> full.predictOnBatch(x), 2, 20);
        if (what.equals("model")) return;
        {
            Tensor xe0 = Tensor.normal(64, 100, 128);
            Tensor w0 = Ops.multiply(Tensor.normal(128, 512), Tensor.scalar(0.1f));
            Tensor b0 = Tensor.normal(512);
            Tensor r0 = Ops.multiply(Tensor.normal(128, 512), Tensor.scalar(0.1f));
            Tensor z0 = Tensor.zeros(64, 128);
            time("  Ops.lstmSequence(x, W, b, R) projecting (2 threads)", () -> Ops.lstmSequence(xe0, w0, b0, r0, z0, z0, null, false), 2, 20);
            time("  Ops.lstmSequence(dense(x), R) (2 threads)", () -> Ops.lstmSequence(Ops.dense(xe0, w0, b0, "linear"), r0, z0, z0, null, false), 2, 20);
            Parallelism.setNumThreads(1);
            time("  Ops.lstmSequence(x, W, b, R) projecting (1 thread)", () -> Ops.lstmSequence(xe0, w0, b0, r0, z0, z0, null, false), 2, 20);
            time("predictOnBatch (1 thread)", () -> full.predictOnBatch(x), 2, 20);
            Parallelism.setNumThreads(2);
        }
        Tensor in = Input.integers("ids", 100);
        Model emb = Model.of(in, new Embedding(20_000, 128).apply(in));
        time("  Embedding alone", () -> emb.predictOnBatch(x), 1, 20);
        Tensor e = Input.of(100, 128);
        Model proj = Model.of(e, new Dense(512).apply(e));
        Tensor xe = Tensor.normal(64, 100, 128);
        time("  Dense(512) on (64,100,128)", () -> proj.predictOnBatch(List.of(xe)), 1, 20);
        Tensor zx = Tensor.normal(64, 100, 512);
        Tensor rk = Ops.multiply(Tensor.normal(128, 512), Tensor.scalar(0.1f));
        Tensor h0 = Tensor.zeros(64, 128);
        time("  Ops.lstmSequence (2 threads)", () -> Ops.lstmSequence(zx, rk, h0, h0, null, false), 2, 20);
        Parallelism.setNumThreads(1);
        time("  Ops.lstmSequence (1 thread)", () -> Ops.lstmSequence(zx, rk, h0, h0, null, false), 2, 20);
        Parallelism.setNumThreads(2);
        Kernels k = KernelProvider.get();
        float[] h = new float[64 * 128];
        float[] r = rk.toFloatArray();
        float[] block = new float[64 * 512];
        PackedKernel rp = k.packKernel(128, 512, r, 0);
        time("    100 packed GEMMs 64x128.128x512", () -> {
            for (int t = 0; t < 100; t++) k.gemm(64, rp, h, 0, 128, 1f, block, 0, 512);
        }, 1, 20);
        time("    100 packed GEMMs 32x128.128x512", () -> {
            for (int t = 0; t < 100; t++) k.gemm(32, rp, h, 0, 128, 1f, block, 0, 512);
        }, 1, 20);
        float[] z = zx.toFloatArray();
        float[] out = new float[64 * 100 * 256];
        float[] tc = new float[64 * 128];
        float[] c0 = new float[64 * 128];
        time("    100 x (copy + lstmGates 64 rows)", () -> {
            for (int s = 0; s < 100; s++) {
                k.copyRows(z, s * 512, 100 * 512, block, 0, 512, 64, 512);
                k.lstmGates(64, 128, block, 0, 512, c0, 0, 128, out, s * 256 + 128, 25600, tc, 0, 128, out, s * 256, 25600);
            }
        }, 1, 20);
        time("    100 x copy alone", () -> {
            for (int s = 0; s < 100; s++) k.copyRows(z, s * 512, 100 * 512, block, 0, 512, 64, 512);
        }, 1, 20);
        Tensor hh = Input.of(128);
        Model head = Model.of(hh, new Dense(1, "sigmoid").apply(hh));
        Tensor hv = Tensor.normal(64, 128);
        time("  Dense head (64x128 -> 1 sigmoid)", () -> head.predictOnBatch(List.of(hv)), 1, 20);
    }
}
