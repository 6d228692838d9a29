package dev.strata.bench.workloads;

import dev.strata.models.Model;
import dev.strata.training.FitOptions;
import java.lang.management.ManagementFactory;

/**
 * Bytes allocated per W1 training step, from {@code com.sun.management.ThreadMXBean}: the calling thread's
 * allocation (and all threads', should the engine hand work to others) around one epoch of {@code fit} without
 * validation, on a model already trained for an epoch so the JIT and one-off set-up are out of the way. The
 * figure includes the per-step batch copies {@code fit} makes. It is compared with the float32 bytes of the
 * activations a step must keep ({@link Housing#activationBytes}).
 */
final class Allocation {
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
            m.fit(W1Training.inputs(style, d.xTrain), W1Training.targets(style, d.yTrain), oneEpoch);
            int steps = (d.xTrain.shape().get(0) + W1Training.BATCH - 1) / W1Training.BATCH;
            long thread0 = mx.getCurrentThreadAllocatedBytes();
            long total0 = mx.getTotalThreadAllocatedBytes();
            m.fit(W1Training.inputs(style, d.xTrain), W1Training.targets(style, d.yTrain), oneEpoch);
            long thread = mx.getCurrentThreadAllocatedBytes() - thread0;
            long total = mx.getTotalThreadAllocatedBytes() - total0;
            double perStep = (double) thread / steps;
            long activations = Housing.activationBytes(style, W1Training.BATCH);
            String key = "alloc." + style + "." + opt;
            report.metric(key + ".bytes_per_step", "B", perStep);
            if (total0 >= 0) {
                report.metric(key + ".all_threads_bytes_per_step", "B", (double) total / steps);
            }
            report.metric(key + ".activation_bytes", "B", activations);
            report.metric(key + ".alloc_to_activations", "x", perStep / activations);
            report.note("allocation %s %s: %.0f bytes/step on the training thread, %.1fx the %d bytes of"
                    + " activations", style, opt, perStep, perStep / activations, activations);
        }
    }
}
