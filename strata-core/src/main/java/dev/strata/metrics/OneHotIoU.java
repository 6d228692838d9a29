package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Intersection over union of chosen classes with one-hot labels, like {@code keras.metrics.OneHotIoU} (default name
 * {@code "one_hot_io_u"}): an {@link IoU} whose y_true holds one-hot (or score) rows, reduced by argmax along
 * {@code axis}; y_pred holds scores too unless {@code sparse_y_pred}.
 */
public final class OneHotIoU extends IoU {
    /**
     * Over the given classes of {@code numClasses}, one-hot labels and score predictions.
     *
     * @throws IllegalArgumentException for a target class id outside [0, numClasses)
     */
    public OneHotIoU(int numClasses, int[] targetClassIds) {
        this(numClasses, targetClassIds, "one_hot_io_u", "int32", null, false, -1);
    }

    /** Keras's arguments, in Keras's order. */
    public OneHotIoU(int numClasses, int[] targetClassIds, String name, String dtype, Integer ignoreClass,
                     boolean sparseYPred, int axis) {
        super(numClasses, targetClassIds, name, dtype, ignoreClass, false, sparseYPred, axis);
    }

    /** Keras's keys and order: {@code num_classes}, {@code target_class_ids}, {@code name}, {@code dtype}, ... */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("num_classes", numClasses());
        config.put("target_class_ids", targetIds());
        config.put("name", name());
        config.put("dtype", dtype());
        config.put("ignore_class", ignoreClass());
        config.put("sparse_y_pred", sparseYPred());
        config.put("axis", axis());
        return config;
    }

    /** Keras's {@code from_config}: {@code num_classes} and {@code target_class_ids} required. */
    public static OneHotIoU fromConfig(Config config) {
        return new OneHotIoU(config.requireInt("num_classes"), targetClassIds(config), "one_hot_io_u", "int32",
                config.integer("ignore_class", null), config.bool("sparse_y_pred", false),
                config.integer("axis", -1));
    }
}
