package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mean intersection over union of all classes with one-hot labels, like {@code keras.metrics.OneHotMeanIoU}
 * (default name {@code "one_hot_mean_io_u"}): a {@link MeanIoU} whose y_true holds one-hot (or score) rows, reduced by
 * argmax along {@code axis}; y_pred holds scores too unless {@code sparse_y_pred}.
 */
public final class OneHotMeanIoU extends MeanIoU {
    /** Over all {@code numClasses} classes, one-hot labels and score predictions. */
    public OneHotMeanIoU(int numClasses) {
        this(numClasses, "one_hot_mean_io_u", "int32", null, false, -1);
    }

    /** Keras's arguments, in Keras's order. */
    public OneHotMeanIoU(int numClasses, String name, String dtype, Integer ignoreClass, boolean sparseYPred,
                         int axis) {
        super(numClasses, name, dtype, ignoreClass, false, sparseYPred, axis);
    }

    /** Keras's keys and order: {@code num_classes}, {@code name}, {@code dtype}, {@code ignore_class}, ... */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("num_classes", numClasses());
        config.put("name", name());
        config.put("dtype", dtype());
        config.put("ignore_class", ignoreClass());
        config.put("sparse_y_pred", sparseYPred());
        config.put("axis", axis());
        return config;
    }

    /** Keras's {@code from_config}: {@code num_classes} required. */
    public static OneHotMeanIoU fromConfig(Config config) {
        return new OneHotMeanIoU(config.requireInt("num_classes"), "one_hot_mean_io_u", "int32",
                config.integer("ignore_class", null), config.bool("sparse_y_pred", false), config.integer("axis", -1));
    }
}
