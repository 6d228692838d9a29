package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.data.Table;
import dev.strata.data.Datasets;
import dev.strata.data.Rows;
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
import dev.strata.saving.Saving;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A convolutional network on Fashion-MNIST, as Keras's image-classification tutorials write it: images
 * (28, 28, 1) in [0, 1], Conv2D 32 3x3 relu, MaxPooling2D, Conv2D 64 3x3 relu, MaxPooling2D, Flatten, Dense 128
 * relu, Dense 10 (logits), Adam 1e-3, batch 128, 10% of the training images held out for validation. It prints the
 * summary and Keras-style progress, evaluates on the 10,000 test images, saves the model as
 * {@code fashion_mnist_cnn.keras} in the working directory, loads it back and shows that it predicts exactly what
 * the trained model does. The last line is for scripts:
 * {@code RESULT example=fashion_mnist_cnn test_accuracy=... epochs=... fit_seconds=... saved=...}.
 *
 * <p>The data are the four IDX files bundled in {@code strata-examples/data/fashion-mnist/} (MIT license, see the
 * README there). Arguments, all optional: {@code --epochs N} (default {@value #EPOCHS}) and {@code --data DIR}.
 * The same model is benchmark W5 ({@code strata-bench}, BENCHMARKS.md).
 */
public final class FashionMnistCnn {
    /** The epochs of the default run: enough for 90% test accuracy with some margin. */
    static final int EPOCHS = 10;
    static final int BATCH = 128;
    static final Path SAVED = Path.of("fashion_mnist_cnn.keras");

    private FashionMnistCnn() {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --data DIR}
     */
    public static void main(String[] args) {
        int epochs = EPOCHS;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --epochs N, --data DIR");
            }
        }
        Strata.setRandomSeed(42);
        Split split = Datasets.fashionMnist(data != null ? data : dataDirectory());
        Table train = split.train();
        Table test = split.test();
        Tensor xTrain = images(train.features());
        Tensor xTest = images(test.features());
        System.out.printf(Locale.ROOT, "Fashion-MNIST: %d training and %d test images %s (kernels: %s)%n",
                train.size(), test.size(), xTrain.shape().subShape(1, 4), Strata.kernels());

        Model model = model();
        model.summary();
        long start = System.nanoTime();
        model.fit(xTrain, train.targets(),
                new FitOptions().epochs(epochs).batchSize(BATCH).validationSplit(0.1));
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> scores = model.evaluate(xTest, test.targets());
        double accuracy = scores.get("accuracy");
        System.out.printf(Locale.ROOT, "test: loss %.4f - accuracy %.4f%n", scores.get("loss"), accuracy);

        Tensor xNew = Rows.select(xTest, 0, 5);
        Tensor predicted = model.predict(xNew);
        List<String> names = Datasets.fashionMnistClassNames();
        float[] logits = predicted.toFloatArray();
        float[] labels = Rows.select(test.targets(), 0, 5).toFloatArray();
        for (int i = 0; i < labels.length; i++) {
            System.out.printf(Locale.ROOT, "test image %d: predicted %s, true %s%n", i,
                    names.get(argmax(logits, i * 10, 10)), names.get((int) labels[i]));
        }

        model.save(SAVED);
        System.out.println("saved to " + SAVED);
        float difference = reloadDifference(model, SAVED, Rows.select(xTest, 0, 100));
        System.out.printf(Locale.ROOT, "reloaded %s: %s%n", SAVED, difference == 0
                ? "the same predictions for 100 test images" : "predictions differ by up to " + difference);

        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT example=fashion_mnist_cnn test_accuracy=%.4f epochs=%d "
                + "fit_seconds=%.1f saved=%s%n", accuracy, epochs, seconds, SAVED);
    }

    /** The CNN, compiled: Adam 1e-3, sparse categorical crossentropy on logits, accuracy. */
    static Model model() {
        Model model = new Sequential(new InputLayer(28, 28, 1),
                new Conv2D(32, 3, "relu"), new MaxPooling2D(),
                new Conv2D(64, 3, "relu"), new MaxPooling2D(),
                new Flatten(), new Dense(128, "relu"), new Dense(10));
        model.compile(new Adam(1e-3f),
                new CompileOptions().loss(new SparseCategoricalCrossentropy(true)).metrics("accuracy"));
        return model;
    }

    /** Fashion-MNIST's flattened rows (n, 784) as images (n, 28, 28, 1): channels last, Keras's default. */
    static Tensor images(Tensor flat) {
        return Ops.reshape(flat, flat.shape().get(0), 28, 28, 1);
    }

    /**
     * The bundled data: {@code strata-examples/data/fashion-mnist} from the repository root (where the README's
     * command runs) or {@code data/fashion-mnist} from the module's directory.
     */
    static Path dataDirectory() {
        for (Path candidate : List.of(Path.of("strata-examples", "data", "fashion-mnist"),
                Path.of("data", "fashion-mnist"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Fashion-MNIST not found in strata-examples/data/fashion-mnist (from "
                + Path.of("").toAbsolutePath() + "); run from the repository root or pass --data DIR");
    }

    /**
     * Loads the model saved at {@code path} and returns the largest difference between its predictions for
     * {@code x} and the trained model's (0 when the file holds exactly the trained model).
     */
    static float reloadDifference(Model trained, Path path, Tensor x) {
        Model loaded = Saving.loadModel(path);
        float[] expected = trained.predict(x, new PredictOptions()).toFloatArray();
        float[] actual = loaded.predict(x, new PredictOptions()).toFloatArray();
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }

    private static int argmax(float[] values, int from, int count) {
        int best = 0;
        for (int c = 1; c < count; c++) {
            if (values[from + c] > values[from + best]) {
                best = c;
            }
        }
        return best;
    }
}
