package dev.strata.bench.workloads;

import dev.strata.data.Rows;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W3, serving: W1's Functional Wide &amp; Deep model (trained one epoch), called on one sample at a time.
 * Latency: each call timed alone, median and p99, for {@code predict} and {@code predictOnBatch}, after a
 * warm-up of a fixed time. Throughput:
 * 1, 2 and 8 threads calling {@code predict} on the one shared model for a fixed time; every result is compared
 * bit for bit with the single-threaded result for the same sample.
 */
final class W3Serving {
    static final int SAMPLES = 1024;
    static final int[] THREADS = {1, 2, 8};
    static final double LATENCY_BUDGET_SECONDS = 4.0;

    private W3Serving() {
    }

    private static final PredictOptions QUIET = new PredictOptions().verbose(0);

    static float[][] outputs(Tensors t) {
        float[][] out = new float[t.size()][];
        for (int i = 0; i < t.size(); i++) {
            out[i] = t.get(i).toFloatArray();
        }
        return out;
    }

    static void run(Housing d, double warmupSeconds, int timedCalls, double seconds, int repeats, Report report)
            throws Exception {
        Model m = W1Training.compiled("functional", "sgd");
        m.fit(Housing.wideDeep(d.xTrain), List.of(d.yTrain, d.yTrain),
                new FitOptions().epochs(1).batchSize(W1Training.BATCH).verbose(0));
        List<List<Tensor>> samples = new ArrayList<>();
        List<Tensor> test = Housing.wideDeep(d.xTest);
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(List.of(Rows.select(test.get(0), i, i + 1), Rows.select(test.get(1), i, i + 1)));
        }
        float[][][] reference = new float[SAMPLES][][];
        for (int i = 0; i < SAMPLES; i++) {
            reference[i] = outputs(m.predict(samples.get(i), QUIET));
        }

        latency("predict", warmupSeconds, timedCalls, repeats, report, i -> m.predict(samples.get(i), QUIET));
        latency("predict_on_batch", warmupSeconds, timedCalls, repeats, report,
                i -> m.predictOnBatch(samples.get(i)));

        boolean identical = true;
        // Repetitions interleave the thread counts (1, 2, 8, 1, 2, 8, ...): on a shared machine whose speed drifts
        // over a minute, all 1-thread runs first and all 2-thread runs after would put the drift into the ratio.
        double[][] throughput = new double[THREADS.length][repeats];
        for (int r = 0; r < repeats; r++) {
            for (int k = 0; k < THREADS.length; k++) {
                Throughput t = throughput(m, samples, reference, THREADS[k], seconds);
                throughput[k][r] = t.perSecond();
                identical &= t.mismatches() == 0;
                report.note("W3 %d thread(s) run %d: %.0f predictions/s, %d mismatches", THREADS[k], r + 1,
                        t.perSecond(), t.mismatches());
            }
        }
        for (int k = 0; k < THREADS.length; k++) {
            report.metric("w3.throughput.t" + THREADS[k], "pred/s", throughput[k]);
        }
        report.metric("w3.identical", "", identical ? 1 : 0);
    }

    interface Call {
        Object call(int sample);
    }

    /**
     * Single-call latencies: calls for {@code warmupSeconds} first (the JIT needs tens of thousands of calls),
     * then per repetition up to {@code timedCalls} calls timed one by one, fewer (at least 200) should they take
     * more than {@link #LATENCY_BUDGET_SECONDS}: the rule of the Python peers' {@code common.timed_calls}.
     */
    static void latency(String name, double warmupSeconds, int timedCalls, int repeats, Report report, Call call) {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; System.nanoTime() < warmEnd; i++) {
            call.call(i % SAMPLES);
        }
        double[] medians = new double[repeats];
        double[] p99s = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            double[] micros = new double[timedCalls];
            int n = 0;
            long budgetEnd = System.nanoTime() + (long) (LATENCY_BUDGET_SECONDS * 1e9);
            for (int i = 0; i < timedCalls; i++) {
                long start = System.nanoTime();
                call.call(i % SAMPLES);
                micros[n++] = (System.nanoTime() - start) / 1e3;
                if (n >= 200 && System.nanoTime() > budgetEnd) {
                    break;
                }
            }
            micros = Arrays.copyOf(micros, n);
            medians[r] = Report.median(micros);
            p99s[r] = Report.quantile(micros, 0.99);
            report.note("W3 %s latency run %d: median %.1f us, p99 %.1f us", name, r + 1, medians[r], p99s[r]);
        }
        report.metric("w3." + name + ".latency_median_us", "us", medians);
        report.metric("w3." + name + ".latency_p99_us", "us", p99s);
    }

    record Throughput(double perSecond, long mismatches) {
    }

    static Throughput throughput(Model m, List<List<Tensor>> samples, float[][][] reference, int threads,
                                 double seconds) throws Exception {
        AtomicLong calls = new AtomicLong();
        AtomicLong mismatches = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[] window = new long[2];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int offset = t * (SAMPLES / threads);
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    long deadline = System.nanoTime() + (long) (seconds * 1e9);
                    long n = 0;
                    long bad = 0;
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        float[][] out = outputs(m.predict(samples.get(i), QUIET));
                        if (!Arrays.deepEquals(out, reference[i])) {
                            bad++;
                        }
                        n++;
                        i = (i + 1) % SAMPLES;
                    }
                    calls.addAndGet(n);
                    mismatches.addAndGet(bad);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.await();
        window[0] = System.nanoTime();
        for (Thread w : workers) {
            w.join();
        }
        window[1] = System.nanoTime();
        return new Throughput(calls.get() / ((window[1] - window[0]) / 1e9), mismatches.get());
    }
}
