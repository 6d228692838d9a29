package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * F-scores, R², top-k accuracy and the correlations beyond the Keras goldens ({@link Metric14GoldenTest}): vector
 * results, names, and bad arguments or shapes giving errors that name the metric and the shapes.
 */
class ScoreMetricsTest {
    private static final Tensor T = Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
    private static final Tensor P = Tensor.of(new float[] {0.7f, 0.2f, 0.1f, 0.3f, 0.3f, 0.4f, 0.1f, 0.1f, 0.8f}, 3, 3);

    @Test
    void f1WithoutAverageGivesOneScorePerClass() {
        F1Score f1 = new F1Score();
        f1.update(T, P);
        assertThat(f1.resultTensor().shape()).isEqualTo(Shape.of(3));
        assertThat(f1.result()).isCloseTo((1.0 + 0.0 + 2.0 / 3) / 3, org.assertj.core.api.Assertions.within(1e-5));
        F1Score macro = new F1Score("macro", null, "f1");
        macro.update(T, P);
        assertThat(macro.resultTensor().shape()).isEqualTo(Shape.scalar());
        assertThat(macro.result()).isCloseTo(f1.result(), org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void badArgumentsNameTheMetricAndTheValue() {
        assertThatThrownBy(() -> new FBetaScore("mean", 1.0, null, "fb")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fb' (FBetaScore)").hasMessageContaining("invalid average \"mean\"");
        assertThatThrownBy(() -> new FBetaScore(null, 0.0, null, "fb")).hasMessageContaining("invalid beta 0.0");
        assertThatThrownBy(() -> new F1Score(null, 0.0, "f1")).hasMessageContaining("0 < threshold <= 1");
        assertThatThrownBy(() -> new R2Score("median", 0, "r2")).hasMessageContaining("(R2Score)")
                .hasMessageContaining("invalid class_aggregation \"median\"");
        assertThatThrownBy(() -> new R2Score(null, -1, "r2")).hasMessageContaining("invalid num_regressors -1");
        assertThatThrownBy(() -> new TopKCategoricalAccuracy(0, "top0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'top0' (TopKCategoricalAccuracy): k must be at least 1, got 0");
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy(-2, "s", false))
                .hasMessageContaining("k must be at least 1, got -2");
    }

    @Test
    void wrongShapesNameTheMetricAndBothShapes() {
        assertThatThrownBy(() -> new F1Score().update(Tensor.zeros(3), Tensor.zeros(3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'f1_score' (F1Score) expects 2D inputs")
                .hasMessageContaining("y_true (3,)");
        assertThatThrownBy(() -> new F1Score().update(T, Tensor.zeros(3, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("y_true (3, 3) and y_pred (3, 2)");
        assertThatThrownBy(() -> new F1Score().update(T, P, Tensor.ones(3, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("one weight per row");
        assertThatThrownBy(() -> new R2Score().update(Tensor.zeros(2, 2, 2), Tensor.zeros(2, 2, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(R2Score) expects 2D inputs");
        R2Score r2 = new R2Score();
        r2.update(T, P);
        assertThatThrownBy(() -> r2.update(Tensor.zeros(2, 2), Tensor.zeros(2, 2)))
                .hasMessageContaining("has 2 outputs, but the metric was built for 3");
        assertThatThrownBy(() -> new TopKCategoricalAccuracy().update(Tensor.zeros(3, 4), P))
                .isInstanceOf(ShapeException.class).hasMessageContaining("y_true (3, 4)")
                .hasMessageContaining("(3, 3)");
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy().update(Tensor.zeros(4), P))
                .isInstanceOf(ShapeException.class).hasMessageContaining("y_true (4,)")
                .hasMessageContaining("y_pred (3, 3)");
        assertThatThrownBy(() -> new SparseTopKCategoricalAccuracy().update(Tensor.of(new float[] {0, 3, 1}, 3), P))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 3.0 is outside the 3 classes");
        assertThatThrownBy(() -> new PearsonCorrelation().update(T, Tensor.zeros(3, 2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("'pearson_correlation'")
                .hasMessageContaining("y_true (3, 3) and y_pred (3, 2)");
    }

    @Test
    void byNameWithKerasDefaultNames() {
        assertThat(Metrics.get("f1_score").name()).isEqualTo("f1_score");
        assertThat(Metrics.get("FBetaScore").name()).isEqualTo("fbeta_score");
        assertThat(Metrics.get("r2_score")).isInstanceOf(R2Score.class);
        assertThat(Metrics.get("top_k_categorical_accuracy")).isInstanceOf(TopKCategoricalAccuracy.class);
        assertThat(Metrics.get("sparse_top_k_categorical_accuracy")).isInstanceOf(SparseTopKCategoricalAccuracy.class);
        assertThat(Metrics.get("concordance_correlation")).isInstanceOf(ConcordanceCorrelation.class);
        assertThat(Metrics.get("sum")).isInstanceOf(Sum.class);
    }
}
