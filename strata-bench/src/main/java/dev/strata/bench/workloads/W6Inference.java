package dev.strata.bench.workloads;

import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * W6 (issue 12): inference of ResNet50 and MobileNetV2 at 224x224x3 with random weights, as Keras builds them
 * ({@code tools/keras-interop/make_applications.py bench DIR} writes {@code resnet50_224.keras} and
 * {@code mobilenet_v2_224.keras}; Strata loads those files). Batch-1 latency: the median of {@code calls} timed
 * {@code predict} calls after a warm-up of at least 5 s; batch-32 throughput: images per second of each of
 * {@code repeats} {@code predict} calls on 32 images. GFLOP/s counts 2 x the multiply-adds of each model (ResNet50 4.09 G,
 * MobileNetV2 0.30 G per image, the figures torchvision gives).
 */
final class W6Inference {
    private static final String[][] MODELS = {{"resnet50", "resnet50_224.keras", "4.089"},
            {"mobilenet_v2", "mobilenet_v2_224.keras", "0.3007"}};
    /** The least warm-up before the timed batch-1 calls. */
    private static final long WARMUP_NANOS = 5_000_000_000L;

    private W6Inference() {
    }

    static void run(Path dir, int calls, int repeats, Report report) {
        for (String[] m : MODELS) {
            Path file = dir.resolve(m[1]);
            if (!Files.exists(file)) {
                report.note("W6 %s skipped: no %s (make it with tools/keras-interop/make_applications.py bench %s)",
                        m[0], file, dir);
                continue;
            }
            double gflop = 2 * Double.parseDouble(m[2]);
            Model model = Saving.loadModel(file);
            PredictOptions options = new PredictOptions().batchSize(32);
            Tensor one = Tensor.uniform(Shape.of(1, 224, 224, 3), -1f, 1f);
            Tensor batch = Tensor.uniform(Shape.of(32, 224, 224, 3), -1f, 1f);
            // at least WARMUP_NANOS of batch-1 calls: after 3 calls the JIT has not compiled the kernels yet, and
            // the batch-1 median then measured the warm-up (62-77 ms against 36-43 ms after 6 s, ResNet50)
            long warm = System.nanoTime() + WARMUP_NANOS;
            for (int i = 0; i < 3 || System.nanoTime() < warm; i++) {
                model.predict(one, options);
            }
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) {
                long t0 = System.nanoTime();
                model.predict(one, options);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            model.predict(batch, options);
            double[] perSecond = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                model.predict(batch, options);
                perSecond[r] = 32 / ((System.nanoTime() - t0) / 1e9);
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            double median = sorted[calls / 2];
            report.metric("w6." + m[0] + ".b1_latency", "ms", median);
            report.metric("w6." + m[0] + ".b32_throughput", "img/s", perSecond);
            double[] tp = perSecond.clone();
            Arrays.sort(tp);
            report.note("W6 %s: batch 1 %.1f ms (%.1f GFLOP/s), batch 32 %.1f img/s (%.1f GFLOP/s)", m[0], median,
                    gflop / (median / 1e3), tp[repeats / 2], gflop * tp[repeats / 2]);
        }
    }
}
