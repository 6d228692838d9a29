package dev.strata.bench.workloads;

import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Bytes allocated per W1 training step, from {@code com.sun.management.ThreadMXBean}: the calling thread's
 * allocation (and all threads', should the engine hand work to others) around each of {@value #EPOCHS} one-epoch
 * {@code fit}s without validation, on a model already trained for an epoch so the JIT and one-off set-up are out
 * of the way. The figure includes the per-step batch copies {@code fit} makes and {@code fit}'s own set-up (once
 * per epoch here), not the harness's preparation of the inputs. It is compared with the float32 bytes of the
 * activations a step must keep ({@link Housing#activationBytes}).
 */
final class Allocation {
    /** Measured epochs per configuration. */
    private static final int EPOCHS = 3;

    private Allocation() {
    }

    static void run(Housing d, Report report) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (!mx.isThreadAllocatedMemorySupported()) {
            report.note("allocation: this JVM cannot measure per-thread allocation; skipped");
            return;
        }
        mx.setThreadAllocatedMemoryEnabled(true);
        String[][] configs = {{"functional", "sgd"}, {"functional", "adam"}, {"sequential", "sgd"}};
        for (String[] c : configs) {
            String style = c[0];
            String opt = c[1];
            Model m = W1Training.compiled(style, opt);
            FitOptions oneEpoch = new FitOptions().epochs(1).batchSize(W1Training.BATCH).verbose(0);
            // The data as fit gets it, made before the measured window: the harness's column selection for the two
            // Wide & Deep inputs is not part of a training step (it was ~1.4 KB of each step's figure).
            List<Tensor> x = W1Training.inputs(style, d.xTrain);
            List<Tensor> y = W1Training.targets(style, d.yTrain);
            m.fit(x, y, oneEpoch);
            int steps = (d.xTrain.shape().get(0) + W1Training.BATCH - 1) / W1Training.BATCH;
            long activations = Housing.activationBytes(style, W1Training.BATCH);
            // Several measured epochs (the table takes the median): an epoch that catches the JIT recompiling a
            // method runs part of it unoptimised, whose boxed vectors inflate that epoch's figure.
            double[] perStep = new double[EPOCHS];
            double[] allThreads = new double[EPOCHS];
            double[] ratio = new double[EPOCHS];
            boolean totals = true;
            for (int e = 0; e < EPOCHS; e++) {
                long thread0 = mx.getCurrentThreadAllocatedBytes();
                long total0 = mx.getTotalThreadAllocatedBytes();
                m.fit(x, y, oneEpoch);
                long thread = mx.getCurrentThreadAllocatedBytes() - thread0;
                long total = mx.getTotalThreadAllocatedBytes() - total0;
                perStep[e] = (double) thread / steps;
                allThreads[e] = (double) total / steps;
                ratio[e] = perStep[e] / activations;
                totals &= total0 >= 0;
                report.note("allocation %s %s epoch %d: %.0f bytes/step on the training thread, %.2fx the %d bytes"
                        + " of activations", style, opt, e + 1, perStep[e], ratio[e], activations);
            }
            String key = "alloc." + style + "." + opt;
            report.metric(key + ".bytes_per_step", "B", perStep);
            if (totals) {
                report.metric(key + ".all_threads_bytes_per_step", "B", allThreads);
            }
            report.metric(key + ".activation_bytes", "B", activations);
            report.metric(key + ".alloc_to_activations", "x", ratio);
        }
    }
}
