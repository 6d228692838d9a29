package dev.strata.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Rows;
import dev.strata.data.Split;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of {@link FashionMnistCnn} on a small subset of the bundled data (the full run takes minutes): the
 * bundled files are found and complete, the model is Keras's (output shape and parameter count of the same
 * Sequential in Keras 3), a few epochs on 2,048 images learn, and the saved file predicts exactly what the trained
 * model does.
 */
class FashionMnistCnnTest {
    private static Split data;

    @BeforeAll
    static void readBundledData() {
        // Surefire runs in the module's directory, where dataDirectory() finds data/fashion-mnist.
        data = Datasets.fashionMnist(FashionMnistCnn.dataDirectory());
    }

    @Test
    void theBundledFilesAreAllOfFashionMnist() {
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        int[] perClass = new int[10];
        for (float y : data.test().targets().toFloatArray()) {
            perClass[(int) y]++;
        }
        assertThat(perClass).containsOnly(1000);
        Tensor images = FashionMnistCnn.images(Rows.select(data.test().features(), 0, 2));
        assertThat(images.shape()).isEqualTo(Shape.of(2, 28, 28, 1));
        // the reshape keeps row-major pixel order: pixel (r, c) of image i is flat column 28 r + c
        assertThat(images.get(1, 13, 17, 0)).isEqualTo(data.test().features().get(1, 28 * 13 + 17));
    }

    @Test
    void theModelIsKerasCnn() {
        Model model = FashionMnistCnn.model();
        // keras.Sequential([Input((28, 28, 1)), Conv2D(32, 3), MaxPooling2D(), Conv2D(64, 3), MaxPooling2D(),
        // Flatten(), Dense(128), Dense(10)]).count_params(): 320 + 18,496 + 204,928 + 1,290
        assertThat(model.countParams()).isEqualTo(225_034);
        assertThat(model.predict(FashionMnistCnn.images(Rows.select(data.test().features(), 0, 3))).shape())
                .isEqualTo(Shape.of(3, 10));
    }

    @Test
    void aFewEpochsOnASubsetLearnAndTheSavedModelPredictsTheSame(@TempDir Path dir) {
        Strata.setRandomSeed(42);
        Tensor x = FashionMnistCnn.images(Rows.select(data.train().features(), 0, 2048));
        Tensor y = Rows.select(data.train().targets(), 0, 2048);
        Model model = FashionMnistCnn.model();
        History history = model.fit(x, y, new FitOptions().epochs(3).batchSize(FashionMnistCnn.BATCH).verbose(0));
        List<Double> loss = history.get("loss");
        assertThat(loss.getLast()).isLessThan(loss.getFirst());
        Tensor xTest = FashionMnistCnn.images(Rows.select(data.test().features(), 0, 1000));
        double accuracy = model.evaluate(xTest, Rows.select(data.test().targets(), 0, 1000),
                new EvaluateOptions().verbose(0)).get("accuracy");
        assertThat(accuracy).isGreaterThan(0.6); // chance is 0.1; 3 epochs on 2,048 images reach about 0.7

        Path saved = dir.resolve("cnn.keras");
        model.save(saved);
        assertThat(FashionMnistCnn.reloadDifference(model, saved, Rows.select(xTest, 0, 100))).isZero();
    }
}
