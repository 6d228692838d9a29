package dev.strata.bench.workloads;

import dev.strata.Strata;
import dev.strata.layers.attention.MultiHeadAttention;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Add;
import dev.strata.layers.normalization.LayerNormalization;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/**
 * W8 (issue 13): one transformer encoder block as PyTorch's {@code nn.TransformerEncoderLayer(256, 4, 1024,
 * dropout=0, batch_first=True)} (post-norm, relu): x + MultiHeadAttention(4 heads, key_dim 64)(x, x) ->
 * LayerNormalization -> + Dense 256(Dense 1024 relu) -> LayerNormalization, in a Functional model; inputs (32,
 * 128, 256) from a normal distribution, targets the same shape, mean squared error, Adam 1e-3. Latencies in ms:
 * a training step ({@code trainOnBatch}: forward, backward, Adam update) and an inference call
 * ({@code predictOnBatch}), each timed after a warm-up of {@link #WARMUP_SECONDS} as {@code repeats} runs of
 * {@code calls} calls whose mean is that run's figure (keys {@code w8.train_step_ms}, {@code w8.infer_ms}); the
 * peers ({@code w8} in {@code strata-bench/peers}) do the same.
 */
final class W8TransformerBlock {
    static final int BATCH = 32;
    static final int LENGTH = 128;
    static final int D_MODEL = 256;
    static final int HEADS = 4;
    static final int FF = 1024;
    static final double WARMUP_SECONDS = 5.0;

    private W8TransformerBlock() {
    }

    static Model model() {
        Strata.setRandomSeed(42);
        Tensor x = Input.of(LENGTH, D_MODEL);
        Tensor a = new MultiHeadAttention(HEADS, D_MODEL / HEADS).apply(x, x);
        // PyTorch's LayerNorm epsilon (Keras's default is 1e-3); it does not change the cost
        Tensor h = new LayerNormalization().epsilon(1e-5).apply(new Add().apply(List.of(x, a)).single());
        Tensor f = new Dense(D_MODEL).apply(new Dense(FF, "relu").apply(h));
        Tensor out = new LayerNormalization().epsilon(1e-5).apply(new Add().apply(List.of(h, f)).single());
        Model m = Model.of(x, out);
        m.compile(new Adam(1e-3f), "mse");
        return m;
    }

    static void run(int calls, double warmupSeconds, int repeats, Report report) {
        SplittableRandom random = new SplittableRandom(42);
        float[] xs = new float[BATCH * LENGTH * D_MODEL];
        float[] ys = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) random.nextGaussian();
            ys[i] = (float) random.nextGaussian();
        }
        List<Tensor> x = List.of(Tensor.of(xs, BATCH, LENGTH, D_MODEL));
        List<Tensor> y = List.of(Tensor.of(ys, BATCH, LENGTH, D_MODEL));
        Model m = model();
        report.metric("w8.train_step_ms", "ms", timed(() -> m.trainOnBatch(x, y), "W8 train step", calls,
                warmupSeconds, repeats, report));
        report.metric("w8.infer_ms", "ms", timed(() -> m.predictOnBatch(x), "W8 inference", calls, warmupSeconds,
                repeats, report));
    }

    private static double[] timed(Runnable call, String label, int calls, double warmupSeconds, int repeats,
                                  Report report) {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            call.run();
        } while (System.nanoTime() < warmEnd);
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            for (int c = 0; c < calls; c++) {
                call.run();
            }
            ms[r] = (System.nanoTime() - start) / 1e6 / calls;
            report.note("%s run %d: %d calls, %.2f ms each", label, r + 1, calls, ms[r]);
        }
        return ms;
    }
}
