package dev.strata.bench.workloads;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Embedding;
import dev.strata.layers.rnn.GRU;
import dev.strata.layers.rnn.LSTM;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.util.SplittableRandom;

/**
 * W7 (issue 13): a text classifier, Embedding 20,000 x 128 -> LSTM 128 (or GRU 128) -> Dense 1 sigmoid, binary
 * crossentropy, Adam 1e-3, sequences of 100 token ids, batch 64. The ids are random in [1, 20,000) (no padding,
 * so no mask in any framework), the labels random 0/1: the cost of a step does not depend on the values. The
 * peers ({@code w7} in {@code strata-bench/peers}) use the same protocol: one warm-up epoch of {@link #STEPS}
 * steps, more until {@link #TRAIN_WARMUP_SECONDS} of training have passed, then {@code repeats} timed epochs of
 * {@link #STEPS} steps (keys {@code w7.<cell>.train.samples_per_s}); inference: predict on the same
 * {@code STEPS * BATCH} samples at batch 64 for {@link #INFER_WARMUP_SECONDS}, then {@code repeats} timed calls
 * ({@code w7.<cell>.infer.samples_per_s}).
 */
final class W7TextRnn {
    static final int VOCABULARY = 20_000;
    static final int LENGTH = 100;
    static final int BATCH = 64;
    static final int UNITS = 128;
    static final int STEPS = 20;
    static final double TRAIN_WARMUP_SECONDS = 5.0;
    static final double INFER_WARMUP_SECONDS = 2.0;

    private W7TextRnn() {
    }

    static Model model(String cell) {
        Strata.setRandomSeed(42);
        Tensor ids = Input.integers("token_ids", LENGTH);
        Tensor h = new Embedding(VOCABULARY, UNITS).apply(ids);
        h = "lstm".equals(cell) ? new LSTM(UNITS).apply(h) : new GRU(UNITS).apply(h);
        Model m = Model.of(ids, new Dense(1, "sigmoid").apply(h));
        m.compile(new Adam(1e-3f), "binary_crossentropy");
        return m;
    }

    static void run(int steps, double trainWarmupSeconds, double inferWarmupSeconds, int repeats, Report report) {
        int n = steps * BATCH;
        SplittableRandom random = new SplittableRandom(42);
        float[] ids = new float[n * LENGTH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1 + random.nextInt(VOCABULARY - 1);
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(2);
        }
        Tensor x = Tensor.of(ids, n, LENGTH);
        Tensor y = Tensor.of(labels, n, 1);
        for (String cell : new String[] {"lstm", "gru"}) {
            Model m = model(cell);
            String label = "W7 " + cell.toUpperCase(java.util.Locale.ROOT);
            long start = System.nanoTime();
            epoch(m, x, y);
            while ((System.nanoTime() - start) / 1e9 < trainWarmupSeconds) {
                epoch(m, x, y);
            }
            double[] train = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double seconds = epoch(m, x, y);
                train[r] = n / seconds;
                report.note("%s train run %d: %d steps in %.2f s, %.0f samples/s", label, r + 1, steps, seconds,
                        train[r]);
            }
            report.metric("w7." + cell + ".train.samples_per_s", "samples/s", train);

            PredictOptions predict = new PredictOptions().batchSize(BATCH).verbose(0);
            long warmEnd = System.nanoTime() + (long) (inferWarmupSeconds * 1e9);
            do {
                m.predict(x, predict);
            } while (System.nanoTime() < warmEnd);
            double[] infer = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t = System.nanoTime();
                m.predict(x, predict);
                double seconds = (System.nanoTime() - t) / 1e9;
                infer[r] = n / seconds;
                report.note("%s inference run %d: %d samples in %.3f s, %.0f samples/s", label, r + 1, n, seconds,
                        infer[r]);
            }
            report.metric("w7." + cell + ".infer.samples_per_s", "samples/s", infer);
        }
    }

    /** One shuffled epoch over all of {@code x} at batch 64; its wall time in seconds. */
    private static double epoch(Model m, Tensor x, Tensor y) {
        long start = System.nanoTime();
        m.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0));
        return (System.nanoTime() - start) / 1e9;
    }
}
