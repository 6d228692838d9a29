package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The IoU metrics beyond the Keras goldens ({@link Metric14GoldenTest}): the confusion matrix, Keras's integer
 * dtype, and bad arguments or shapes giving errors that name the metric and the shapes.
 */
class IoUMetricsTest {
    @Test
    void theConfusionMatrixHasTrueClassesAsRowsAndTruncatesWeightsAtTheIntDtype() {
        IoU iou = new IoU(3, new int[] {0, 1});
        iou.update(Tensor.of(new float[] {0, 1, 2}, 3), Tensor.of(new float[] {0, 2, 2}, 3),
                Tensor.of(new float[] {1.9f, 1, 0.5f}, 3));
        assertThat(iou.confusionMatrix().toFloatArray()).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0);
    }

    @Test
    void badArgumentsAndShapesNameTheMetric() {
        assertThatThrownBy(() -> new IoU(3, new int[] {0, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'io_u' (IoU)").hasMessageContaining("target class id 3 is out of range");
        assertThatThrownBy(() -> new MeanIoU(0)).hasMessageContaining("num_classes must be at least 1, got 0");
        assertThatThrownBy(() -> new BinaryIoU(new int[] {2}, 0.5, "b", "int32"))
                .hasMessageContaining("target class id 2 is out of range, which is [0, 2)");
        assertThatThrownBy(() -> new IoU(3, new int[] {0}, "i", "float16", null, true, true, -1))
                .hasMessageContaining("dtype \"float16\" is not supported");
        MeanIoU m = new MeanIoU(3);
        assertThatThrownBy(() -> m.update(Tensor.zeros(4), Tensor.zeros(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("'mean_io_u' (MeanIoU)").hasMessageContaining("y_true (4,) and y_pred (3,)");
        assertThatThrownBy(() -> m.update(Tensor.zeros(4), Tensor.zeros(4), Tensor.ones(3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("sample_weight (3,)");
        assertThatThrownBy(() -> new OneHotMeanIoU(3).update(Tensor.zeros(4, 3), Tensor.zeros(5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("y_true (4, 3) and y_pred (5, 3)");
    }

    @Test
    void configsTakeKerasIntDtypeAndRefuseOthers() {
        Metric m = Metrics.deserialize(Map.of("module", "keras.metrics", "class_name", "MeanIoU", "config",
                Map.of("num_classes", 2, "dtype", "float32")), ConfigContext.DEFAULT);
        assertThat(m.getConfig().get("dtype")).isEqualTo("float32");
        assertThatThrownBy(() -> Metrics.deserialize(Map.of("module", "keras.metrics", "class_name", "MeanIoU",
                "config", Map.of("num_classes", 2, "dtype", "bfloat16")), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'dtype'")
                .hasMessageContaining("bfloat16");
        assertThatThrownBy(() -> Metrics.deserialize(Map.of("module", "keras.metrics", "class_name", "IoU",
                "config", Map.of("num_classes", 2)), ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("missing 'target_class_ids'");
        assertThatThrownBy(() -> Metrics.get("MeanIoU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("num_classes");
    }
}
