package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The confusion-matrix metrics beyond the Keras goldens ({@link Metric14GoldenTest}): vector results, and bad input
 * (thresholds outside [0, 1], top_k below 1, labels of the wrong shape, class_id out of range) giving errors that
 * name the metric and the shapes.
 */
class ConfusionMetricsTest {
    private static final Tensor T = Tensor.of(new float[] {0, 1, 1, 0}, 4);
    private static final Tensor P = Tensor.of(new float[] {0.2f, 0.8f, 0.4f, 0.6f}, 4);

    @Test
    void severalThresholdsGiveAVectorAndResultIsItsMean() {
        TruePositives tp = new TruePositives(List.of(0.3, 0.5, 0.7), "tp");
        tp.update(T, P);
        assertThat(tp.resultTensor().shape()).isEqualTo(Shape.of(3));
        assertThat(tp.resultTensor().toFloatArray()).containsExactly(2f, 1f, 1f);
        assertThat(tp.result()).isEqualTo(4.0 / 3);
        Precision p = new Precision();
        p.update(T, P);
        assertThat(p.resultTensor().shape()).isEqualTo(Shape.scalar());
        assertThat(p.result()).isEqualTo(0.5);
    }

    @Test
    void thresholdsOutsideTheUnitIntervalAreRefusedNamingTheMetric() {
        assertThatThrownBy(() -> new TruePositives(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'true_positives' (TruePositives)").hasMessageContaining("[0, 1]")
                .hasMessageContaining("1.5");
        assertThatThrownBy(() -> new Precision(List.of(0.5, -0.1), null, null, "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(Precision)")
                .hasMessageContaining("[0.5, -0.1]");
        assertThatThrownBy(() -> new PrecisionAtRecall(1.2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(PrecisionAtRecall)").hasMessageContaining("'recall' must be in the range");
        assertThatThrownBy(() -> new SensitivityAtSpecificity(0.5, 0, null, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'num_thresholds'");
        assertThatThrownBy(() -> new AUC(1, "ROC", "interpolation")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(AUC)").hasMessageContaining("'num_thresholds' must be an integer > 1");
        assertThatThrownBy(() -> new AUC(200, "ROCK", "interpolation")).hasMessageContaining("invalid curve \"ROCK\"");
        assertThatThrownBy(() -> new AUC(200, "PR", "riemann")).hasMessageContaining("invalid summation_method");
        assertThatThrownBy(() -> new AUC(200, "ROC", "interpolation", "auc", null, false, 3, null, false))
                .hasMessageContaining("'num_labels' is needed only when 'multi_label' is true");
    }

    @Test
    void topKBelowOneOrAboveTheClassesIsRefused() {
        assertThatThrownBy(() -> new Recall(null, 0, null, "r")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'r' (Recall)").hasMessageContaining("top_k must be at least 1, got 0");
        Recall r = new Recall(null, 4, null, "r");
        assertThatThrownBy(() -> r.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("top_k = 4")
                .hasMessageContaining("(2, 3)");
    }

    @Test
    void labelsOfTheWrongShapeAreRefusedNamingBothShapes() {
        AUC auc = new AUC();
        assertThatThrownBy(() -> auc.update(Tensor.zeros(4, 3), Tensor.zeros(4, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'auc' (AUC)")
                .hasMessageContaining("y_true (4, 3)").hasMessageContaining("y_pred (4, 2)");
        Precision p = new Precision();
        assertThatThrownBy(() -> p.update(T, P, Tensor.ones(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("sample_weight (3,)").hasMessageContaining("y_pred (4,)");
        Precision byClass = new Precision(null, null, 5, "p");
        assertThatThrownBy(() -> byClass.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3)))
                .hasMessageContaining("class_id 5 is out of range");
        assertThatThrownBy(() -> new Precision(null, null, 0, "p").update(T, P)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(num_samples, num_classes)");
        AUC multi = new AUC(200, "ROC", "interpolation", "auc", null, true, null, null, false);
        assertThatThrownBy(() -> multi.update(T, P)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rank 2 when multi_label");
        multi.update(Tensor.zeros(2, 3), Tensor.zeros(2, 3));
        assertThatThrownBy(() -> multi.update(Tensor.zeros(2, 2), Tensor.zeros(2, 2)))
                .hasMessageContaining("has 2 labels, but the metric counts 3");
    }

    @Test
    void byNameWithDefaultsAndNotWithoutRequiredArguments() {
        assertThat(Metrics.get("AUC")).isInstanceOf(AUC.class).extracting(Metric::name).isEqualTo("auc");
        assertThat(Metrics.get("auc")).isInstanceOf(AUC.class);
        assertThat(Metrics.get("precision")).isInstanceOf(Precision.class);
        assertThat(Metrics.get("true_positives")).isInstanceOf(TruePositives.class);
        assertThatThrownBy(() -> Metrics.get("PrecisionAtRecall")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be made by name alone").hasMessageContaining("recall");
    }
}
