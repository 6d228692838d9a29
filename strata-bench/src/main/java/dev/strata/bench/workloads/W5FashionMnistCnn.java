package dev.strata.bench.workloads;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import dev.strata.layers.convolutional.Conv2D;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.pooling.MaxPooling2D;
import dev.strata.layers.reshaping.Flatten;
import dev.strata.losses.SparseCategoricalCrossentropy;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import dev.strata.training.PredictOptions;
import java.nio.file.Path;

/**
 * W5 (issue 12): the CNN of the {@code FashionMnistCnn} example on Fashion-MNIST images (28, 28, 1) in [0, 1]:
 * Conv2D 32 3x3 relu, MaxPooling2D, Conv2D 64 3x3 relu, MaxPooling2D, Flatten, Dense 128 relu, Dense 10 (logits,
 * sparse categorical crossentropy {@code fromLogits}), Adam 1e-3, batch 128. Training throughput with W2's protocol
 * ({@link W2FashionMnist#train(String, Model, Tensor, Tensor, int, int, double, int, int, Report)}), under the keys
 * {@code w5.train_short.samples_per_s} and {@code w5.train.samples_per_s}; the test accuracy afterwards is a
 * sanity check, not a target.
 */
final class W5FashionMnistCnn {
    private W5FashionMnistCnn() {
    }

    static Model model() {
        Strata.setRandomSeed(42);
        Model m = new Sequential(new InputLayer(28, 28, 1),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(),
                new Flatten(), new Dense(128, "relu"), new Dense(10));
        m.compile(new Adam(1e-3f), new SparseCategoricalCrossentropy(true));
        return m;
    }

    /** Fashion-MNIST's flattened rows as images (n, 28, 28, 1), channels last as Keras's default. */
    static Tensor images(Tensor flat) {
        return Ops.reshape(flat, flat.shape().get(0), 28, 28, 1);
    }

    static void run(Path dir, int warmupSteps, int steps, double trainWarmupSeconds, int epochSteps, int repeats,
                    Report report) {
        long loadStart = System.nanoTime();
        Split data = Datasets.fashionMnist(dir);
        report.note("W5: Fashion-MNIST read in %.2f s", (System.nanoTime() - loadStart) / 1e9);
        Tensor x = images(data.train().features());
        Tensor y = data.train().targets();
        Model m = model();
        W2FashionMnist.train("w5", m, x, y, warmupSteps, steps, trainWarmupSeconds, epochSteps, repeats, report);
        Tensor logits = m.predict(images(data.test().features()),
                new PredictOptions().batchSize(W2FashionMnist.PREDICT_BATCH).verbose(0));
        report.metric("w5.test_accuracy", "", W2FashionMnist.accuracy(logits, data.test().targets()));
    }
}
