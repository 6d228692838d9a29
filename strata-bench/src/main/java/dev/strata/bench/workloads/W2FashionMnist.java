package dev.strata.bench.workloads;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Rows;
import dev.strata.data.Split;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.losses.SparseCategoricalCrossentropy;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;

/**
 * W2: an MLP 784-256-256-10 on Fashion-MNIST (pixels in [0, 1]), logits with sparse categorical crossentropy
 * ({@code fromLogits}), Adam 1e-3, batch 128. Training throughput is the samples of a shuffled epoch divided by
 * its time, measured twice on one model (see {@link #train}): early (short epochs right after a short warm-up) and
 * past start-up (epochs over the whole training set after 3 s of training); inference throughput is {@code predict} over the 10,000 test images at batch 1024. Each is repeated and every
 * repetition reported. The test accuracy after all that training is a sanity check, not a target.
 */
final class W2FashionMnist {
    static final int BATCH = 128;
    static final int PREDICT_BATCH = 1024;
    /** Seconds of predict calls before W2 inference is timed (the same in the peers). */
    static final double INFER_WARMUP_SECONDS = 2.0;
    /** Seconds of training before W2's epoch-long training runs are timed (the same in the peers). */
    static final double TRAIN_WARMUP_SECONDS = 3.0;
    /** The full batches of one epoch over the 60,000 training images (the same in the peers). */
    static final int EPOCH_STEPS = 60_000 / BATCH;

    private W2FashionMnist() {
    }

    static Model model() {
        Strata.setRandomSeed(42);
        Model m = new Sequential(new InputLayer(784), new Dense(256, "relu"), new Dense(256, "relu"), new Dense(10));
        m.compile(new Adam(1e-3f), new SparseCategoricalCrossentropy(true));
        return m;
    }

    static void run(Path dir, int warmupSteps, int steps, double trainWarmupSeconds, int epochSteps, int repeats,
                    Report report) {
        long loadStart = System.nanoTime();
        Split data = Datasets.fashionMnist(dir);
        report.note("W2: Fashion-MNIST read in %.2f s", (System.nanoTime() - loadStart) / 1e9);
        Tensor x = data.train().features();
        Tensor y = data.train().targets();
        Tensor xTest = data.test().features();
        Tensor yTest = data.test().targets();
        Model m = model();
        train(m, x, y, warmupSteps, steps, trainWarmupSeconds, epochSteps, repeats, report);

        PredictOptions predict = new PredictOptions().batchSize(PREDICT_BATCH).verbose(0);
        // Warm up for a fixed time, as W3 does, in every framework: one call leaves Strata's JIT half done.
        long warmEnd = System.nanoTime() + (long) (INFER_WARMUP_SECONDS * 1e9);
        do {
            m.predict(xTest, predict);
        } while (System.nanoTime() < warmEnd);
        double[] infer = new double[repeats];
        Tensor logits = null;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            logits = m.predict(xTest, predict);
            double seconds = (System.nanoTime() - start) / 1e9;
            infer[r] = xTest.shape().get(0) / seconds;
            report.note("W2 inference run %d: %.3f s, %.0f samples/s", r + 1, seconds, infer[r]);
        }
        report.metric("w2.infer.samples_per_s", "samples/s", infer);
        report.metric("w2.test_accuracy", "", accuracy(logits, yTest));
    }

    /**
     * The training measurements on a new model (as {@code w2_train} in the peers' {@code common.py}). Short: right
     * after a warm-up epoch of {@code warmupSteps}, epochs of {@code steps} steps are timed. Then, once training
     * has gone on for {@code trainWarmupSeconds} in all, epochs of {@code epochSteps} steps (the training set's
     * full batches) are timed: the throughput of a training run past its start-up, JIT compilation included in
     * the first and not in the second.
     */
    static void train(Model m, Tensor x, Tensor y, int warmupSteps, int steps, double trainWarmupSeconds,
                      int epochSteps, int repeats, Report report) {
        train("w2", m, x, y, warmupSteps, steps, trainWarmupSeconds, epochSteps, repeats, report);
    }

    /**
     * {@link #train(Model, Tensor, Tensor, int, int, double, int, int, Report) The training measurements} for the
     * workload named {@code workload} ({@code "w2"}, {@code "w5"}): its metric keys and notes carry that name.
     */
    static void train(String workload, Model m, Tensor x, Tensor y, int warmupSteps, int steps,
                      double trainWarmupSeconds, int epochSteps, int repeats, Report report) {
        String label = workload.toUpperCase(java.util.Locale.ROOT);
        long start = System.nanoTime();
        epoch(m, x, y, warmupSteps);
        timedEpochs(m, x, y, steps, repeats, workload + ".train_short.samples_per_s", label + " short train run",
                report);
        while ((System.nanoTime() - start) / 1e9 < trainWarmupSeconds) {
            epoch(m, x, y, steps);
        }
        timedEpochs(m, x, y, epochSteps, repeats, workload + ".train.samples_per_s", label + " train run", report);
    }

    private static void timedEpochs(Model m, Tensor x, Tensor y, int steps, int repeats, String key, String label,
                                    Report report) {
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double seconds = epoch(m, x, y, steps);
            rates[r] = steps * BATCH / seconds;
            report.note("%s %d: %d steps in %.2f s, %.0f samples/s", label, r + 1, steps, seconds, rates[r]);
        }
        report.metric(key, "samples/s", rates);
    }

    /** Fits one shuffled epoch over the first {@code steps} batches; returns its wall time in seconds. */
    private static double epoch(Model m, Tensor x, Tensor y, int steps) {
        Tensor xs = Rows.select(x, 0, steps * BATCH);
        Tensor ys = Rows.select(y, 0, steps * BATCH);
        long start = System.nanoTime();
        m.fit(xs, ys, new FitOptions().epochs(1).batchSize(BATCH).verbose(0));
        return (System.nanoTime() - start) / 1e9;
    }

    static double accuracy(Tensor logits, Tensor labels) {
        float[] z = logits.toFloatArray();
        float[] y = labels.toFloatArray();
        int classes = logits.shape().get(1);
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (z[i * classes + c] > z[i * classes + best]) {
                    best = c;
                }
            }
            correct += best == (int) y[i] ? 1 : 0;
        }
        return (double) correct / y.length;
    }
}
