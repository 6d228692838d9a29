package dev.strata.metrics;

import dev.strata.config.Config;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Intersection over union for binary labels, like {@code keras.metrics.BinaryIoU} (default name
 * {@code "binary_io_u"}, target classes 0 and 1, threshold 0.5): an {@link IoU} over two classes where a prediction
 * is class 1 when at least the threshold.
 */
public final class BinaryIoU extends IoU {
    private final double threshold;

    /** Named {@code "binary_io_u"}: both classes, threshold 0.5. */
    public BinaryIoU() {
        this(new int[] {0, 1}, 0.5, "binary_io_u", "int32");
    }

    /**
     * Keras's arguments, in Keras's order.
     *
     * @param targetClassIds a subset of {0, 1}
     * @throws IllegalArgumentException for a target class id other than 0 or 1
     */
    public BinaryIoU(int[] targetClassIds, double threshold, String name, String dtype) {
        super(2, targetClassIds, name, dtype, null, true, true, -1);
        this.threshold = threshold;
    }

    /** Keras's {@code threshold}. */
    public double threshold() {
        return threshold;
    }

    /** 1 where the prediction is at least the threshold, else 0. */
    @Override
    Tensor predictions(Tensor yPred) {
        float[] v = TensorAccess.data(yPred);
        float[] out = new float[v.length];
        float t = (float) threshold;
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] >= t ? 1f : 0f;
        }
        return TensorAccess.wrap(out, yPred.shape());
    }

    /** Keras's keys and order: {@code target_class_ids}, {@code threshold}, {@code name}, {@code dtype}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("target_class_ids", targetIds());
        config.put("threshold", threshold);
        config.put("name", name());
        config.put("dtype", dtype());
        return config;
    }

    /** Keras's {@code from_config}: {@code target_class_ids} ([0, 1]), {@code threshold} (0.5). */
    public static BinaryIoU fromConfig(Config config) {
        int[] ids = config.ints("target_class_ids");
        return new BinaryIoU(ids == null ? new int[] {0, 1} : ids, config.number("threshold", 0.5), "binary_io_u",
                "int32");
    }
}
