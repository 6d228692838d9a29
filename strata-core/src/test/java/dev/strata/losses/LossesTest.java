package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names, defaults, configs, the registry, Keras's docstring examples and error messages. */
class LossesTest {
    private static final int U = Shape.UNKNOWN;

    @Test
    void keras3ReferenceSumOverBatchSizeDividesByTheElementCount() {
        // keras-reference.md item 10: per-sample MSE 0.125, 0.5, 2.0 with weights 1, 0, 2 -> (0.125 + 0 + 4) / 3
        Tensor yTrue = Tensor.zeros(3, 2);
        Tensor yPred = Tensor.of(new float[] {0.5f, 0, 1, 0, 2, 0}, 3, 2);
        Tensor w = Tensor.of(new float[] {1, 0, 2}, 3);
        assertThat(new MeanSquaredError().apply(yTrue, yPred, w).item()).isEqualTo(1.375f);
        assertThat(new MeanSquaredError(Reduction.MEAN_WITH_SAMPLE_WEIGHT).apply(yTrue, yPred, w).item())
                .isEqualTo(1.375f); // the weights sum to 3 too
        assertThat(new MeanSquaredError(Reduction.SUM).apply(yTrue, yPred, w).item()).isEqualTo(4.125f);
        assertThat(new MeanSquaredError(Reduction.NONE).apply(yTrue, yPred, w).toFloatArray())
                .containsExactly(0.125f, 0f, 4f);
    }

    @Test
    void kerasDocstringExamples() {
        // keras.losses.MeanSquaredError docstring: 0.02
        assertThat(new MeanSquaredError().apply(Tensor.of(new float[] {1, 0, 1}, 3),
                Tensor.of(new float[] {0.9f, 0.1f, 0.8f}, 3)).item()).isCloseTo(0.02f, within(1e-7f));
        // keras.losses.MeanAbsolutePercentageError docstring: 6.111111
        assertThat(new MeanAbsolutePercentageError().apply(Tensor.of(new float[] {100, 200, 300}, 3),
                Tensor.of(new float[] {90, 210, 310}, 3)).item()).isCloseTo(6.111111f, within(1e-5f));
        // keras.losses.BinaryCrossentropy(from_logits=True) docstring: 0.8654, per-sample version [0.235, 1.496]
        Tensor t = Tensor.of(new float[] {0, 1, 0, 0}, 4);
        Tensor logits = Tensor.of(new float[] {-18.6f, 0.51f, 2.94f, -12.8f}, 4);
        assertThat(new BinaryCrossentropy(true).apply(t, logits).item()).isCloseTo(0.8654f, within(1e-4f));
        Tensor t2 = Tensor.of(new float[] {0, 1, 0, 0, 0, 1, 0, 0}, 2, 4);
        Tensor l2 = Tensor.of(new float[] {-18.6f, 0.51f, 2.94f, -12.8f, -18.6f, 0.51f, 2.94f, -12.8f}, 2, 4);
        assertThat(new BinaryCrossentropy(true, 0.0, -1, Reduction.NONE).apply(t2, l2).toFloatArray())
                .containsExactly(new float[] {0.8654f, 0.8654f}, within(1e-4f));
        // keras.losses.SparseCategoricalCrossentropy docstring: 1.177
        assertThat(new SparseCategoricalCrossentropy().apply(Tensor.of(new float[] {1, 2}, 2),
                Tensor.of(new float[] {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, 2, 3)).item()).isCloseTo(1.177f,
                within(1e-3f));
        // keras.losses.CategoricalCrossentropy docstring: 1.177
        assertThat(new CategoricalCrossentropy().apply(Tensor.of(new float[] {0, 1, 0, 0, 0, 1}, 2, 3),
                Tensor.of(new float[] {0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, 2, 3)).item()).isCloseTo(1.177f,
                within(1e-3f));
    }

    @Test
    void extremeInputsStayFinite() {
        Tensor bin = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
        // probabilities 0 and 1, wrong and right: clipped to [1e-7, 1 - 1e-7] (Keras: 16.030239, 1.1920929e-7), the
        // mean of -log(1e-7) = 16.118 (target 1) and -log(1 - 0.99999988) = 15.942 (target 0)
        float wrong = new BinaryCrossentropy().apply(bin, Tensor.of(new float[] {1, 0, 0, 1}, 2, 2)).item();
        assertThat(wrong).isCloseTo(16.030239f, within(1e-5f));
        float right = new BinaryCrossentropy().apply(bin, Tensor.of(new float[] {0, 1, 1, 0}, 2, 2)).item();
        assertThat(right).isCloseTo(1.1920929e-7f, within(1e-9f));
        // logits of +-100: 100 when wrong, 0 when right
        assertThat(new BinaryCrossentropy(true).apply(bin, Tensor.of(new float[] {100, -100, -100, 100}, 2, 2)).item())
                .isEqualTo(100f);
        // (Keras gives exactly 0: XLA flushes softplus(-100) = 3.7e-44, a subnormal, to zero)
        assertThat(new BinaryCrossentropy(true).apply(bin, Tensor.of(new float[] {-100, 100, 100, -100}, 2, 2)).item())
                .isCloseTo(0f, within(1e-40f));
        // log-cosh of an error of 1e4 is |x| - log 2 instead of overflowing (Keras: 9999.307)
        assertThat(new LogCosh().apply(Tensor.zeros(1, 1), Tensor.of(new float[] {1e4f}, 1, 1)).item())
                .isCloseTo(1e4f - 0.6931472f, within(1e-3f));
        // MAPE with a zero target divides by 1e-7 (Keras: 1e9)
        assertThat(new MeanAbsolutePercentageError().apply(Tensor.zeros(1, 1), Tensor.of(new float[] {1}, 1, 1))
                .item()).isCloseTo(1e9f, within(1e3f));
    }

    @Test
    void ignoredClassIsLeftOutOfTheMean() {
        Tensor labels = Tensor.of(new float[] {1, -1, 2}, 3);
        Tensor logits = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 0, 0, 0}, 3, 3);
        Tensor perSample = new SparseCategoricalCrossentropy(true, -1, Reduction.NONE).apply(labels, logits);
        assertThat(perSample.get(1)).isEqualTo(0f);
        float kept = perSample.get(0) + perSample.get(2);
        assertThat(new SparseCategoricalCrossentropy(true, -1).apply(labels, logits).item())
                .isCloseTo(kept / 2, within(1e-6f));
        // everything ignored: 0, not NaN
        assertThat(new SparseCategoricalCrossentropy(true, 1).apply(Tensor.of(new float[] {1}, 1),
                Tensor.of(new float[] {1, 2}, 1, 2)).item()).isEqualTo(0f);
    }

    @Test
    void defaultsAndConfigsAreKeras() {
        assertThat(new MeanSquaredError().getConfig()).isEqualTo(config("mean_squared_error"));
        assertThat(new MeanAbsoluteError().getConfig()).isEqualTo(config("mean_absolute_error"));
        assertThat(new MeanAbsolutePercentageError().getConfig()).isEqualTo(config("mean_absolute_percentage_error"));
        assertThat(new MeanSquaredLogarithmicError().getConfig()).isEqualTo(config("mean_squared_logarithmic_error"));
        assertThat(new LogCosh().getConfig()).isEqualTo(config("log_cosh"));
        Map<String, Object> huber = config("huber_loss");
        huber.put("delta", 1.0);
        assertThat(new Huber().getConfig()).isEqualTo(huber);
        Map<String, Object> bce = config("binary_crossentropy");
        bce.put("from_logits", false);
        bce.put("label_smoothing", 0.0);
        bce.put("axis", -1);
        assertThat(new BinaryCrossentropy().getConfig()).isEqualTo(bce);
        Map<String, Object> cce = config("categorical_crossentropy");
        cce.put("from_logits", true);
        cce.put("label_smoothing", 0.1);
        cce.put("axis", 0);
        cce.put("reduction", "sum");
        assertThat(new CategoricalCrossentropy(true, 0.1, 0, Reduction.SUM).getConfig()).isEqualTo(cce);
        Map<String, Object> scce = config("sparse_categorical_crossentropy");
        scce.put("from_logits", false);
        scce.put("ignore_class", null);
        assertThat(new SparseCategoricalCrossentropy().getConfig()).isEqualTo(scce);
        assertThat(new SparseCategoricalCrossentropy(true, 3, Reduction.NONE).getConfig())
                .containsEntry("ignore_class", 3).containsEntry("reduction", "none").containsEntry("from_logits", true);
        assertThat(new Huber(2.5).delta()).isEqualTo(2.5);
        assertThat(new BinaryCrossentropy().reduction()).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
    }

    private static Map<String, Object> config(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("reduction", "sum_over_batch_size");
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mse, MeanSquaredError, mse",
        "MSE, MeanSquaredError, MSE",
        "mean_squared_error, MeanSquaredError, mean_squared_error",
        "MeanSquaredError, MeanSquaredError, mean_squared_error",
        "mae, MeanAbsoluteError, mae",
        "MeanAbsoluteError, MeanAbsoluteError, mean_absolute_error",
        "mape, MeanAbsolutePercentageError, mape",
        "mean_absolute_percentage_error, MeanAbsolutePercentageError, mean_absolute_percentage_error",
        "msle, MeanSquaredLogarithmicError, msle",
        "MeanSquaredLogarithmicError, MeanSquaredLogarithmicError, mean_squared_logarithmic_error",
        "huber, Huber, huber",
        "Huber, Huber, huber_loss",
        "log_cosh, LogCosh, log_cosh",
        "logcosh, LogCosh, logcosh",
        "LogCosh, LogCosh, log_cosh",
        "binary_crossentropy, BinaryCrossentropy, binary_crossentropy",
        "bce, BinaryCrossentropy, bce",
        "BinaryCrossentropy, BinaryCrossentropy, binary_crossentropy",
        "categorical_crossentropy, CategoricalCrossentropy, categorical_crossentropy",
        "CategoricalCrossentropy, CategoricalCrossentropy, categorical_crossentropy",
        "sparse_categorical_crossentropy, SparseCategoricalCrossentropy, sparse_categorical_crossentropy",
        "SparseCategoricalCrossentropy, SparseCategoricalCrossentropy, sparse_categorical_crossentropy",
    })
    void registryResolvesKerasIdentifiers(String id, String type, String name) {
        Loss loss = Losses.get(id);
        assertThat(loss.getClass().getSimpleName()).isEqualTo(type);
        assertThat(loss.name()).isEqualTo(name);
        assertThat(loss.reduction()).isEqualTo(Reduction.SUM_OVER_BATCH_SIZE);
    }

    @Test
    void registryDefaultsMatchTheClasses() {
        assertThat(((Huber) Losses.get("huber")).delta()).isEqualTo(1.0);
        assertThat(((BinaryCrossentropy) Losses.get("bce")).fromLogits()).isFalse();
        assertThat(((SparseCategoricalCrossentropy) Losses.get("sparse_categorical_crossentropy")).ignoreClass())
                .isNull();
        assertThat(Losses.get("mse")).isNotSameAs(Losses.get("mse")); // a fresh loss each time
        List<Loss> two = Losses.of("mse", "mae");
        assertThat(two).extracting(Loss::name).containsExactly("mse", "mae");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Losses.get("mean_square_error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown loss 'mean_square_error'; known losses: [")
                .hasMessageContaining("mean_squared_error")
                .hasMessageContaining("SparseCategoricalCrossentropy");
        assertThatThrownBy(() -> Losses.get("crossentropy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("picks binary, sparse or categorical crossentropy from the shapes");
    }

    @Test
    void crossentropyIsChosenFromTheShapes() {
        assertThat(Losses.get("crossentropy", Shape.of(U, 1), Shape.of(U, 1))).isInstanceOf(BinaryCrossentropy.class)
                .extracting(Loss::name).isEqualTo("crossentropy");
        assertThat(Losses.get("ce", Shape.of(U), Shape.of(U, 3))).isInstanceOf(SparseCategoricalCrossentropy.class)
                .extracting(Loss::name).isEqualTo("ce");
        assertThat(Losses.get("CE", Shape.of(U, 1), Shape.of(U, 3))).isInstanceOf(SparseCategoricalCrossentropy.class);
        assertThat(Losses.get("Crossentropy", Shape.of(U, 3), Shape.of(U, 3)))
                .isInstanceOf(CategoricalCrossentropy.class);
        assertThat(Losses.get("mse", Shape.of(U, 3), Shape.of(U, 3))).isInstanceOf(MeanSquaredError.class);
    }

    @Test
    void badArgumentsAndShapesAreNamed() {
        assertThatThrownBy(() -> new BinaryCrossentropy(false, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BinaryCrossentropy: labelSmoothing must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> new CategoricalCrossentropy().apply(Tensor.zeros(2, 3), Tensor.ones(2, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessage("categorical_crossentropy: y_true (2, 3) and y_pred (2, 4) must have the same shape "
                        + "(after a trailing axis of size 1 is squeezed or added)");
        assertThatThrownBy(() -> new SparseCategoricalCrossentropy().apply(Tensor.zeros(3), Tensor.ones(2, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("labels (3,) must have y_pred's shape (2, 4)");
    }

    @Test
    void customLossFromAFunction() {
        Loss l = new LossFunctionWrapper((t, p) -> dev.strata.ops.Ops.sum(dev.strata.ops.Ops.abs(
                dev.strata.ops.Ops.subtract(t, p)), -1), "l1", Reduction.SUM);
        assertThat(l.apply(Tensor.zeros(2, 2), Tensor.of(new float[] {1, -2, 3, 4}, 2, 2)).item()).isEqualTo(10f);
        assertThat(l.getConfig()).containsEntry("name", "l1").containsEntry("reduction", "sum");
    }
}
