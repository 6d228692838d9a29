package dev.strata.metrics;

import dev.strata.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The mean intersection over union of all classes, like {@code keras.metrics.MeanIoU} (default name
 * {@code "mean_io_u"}): an {@link IoU} whose target classes are {@code 0..num_classes-1}.
 */
public class MeanIoU extends IoU {
    /**
     * Over all {@code numClasses} classes, with class ids as labels and predictions.
     *
     * @throws IllegalArgumentException for {@code numClasses < 1}
     */
    public MeanIoU(int numClasses) {
        this(numClasses, "mean_io_u", "int32", null, true, true, -1);
    }

    /**
     * Keras's arguments, in Keras's order (see {@link IoU#IoU(int, int[], String, String, Integer, boolean, boolean,
     * int)}).
     */
    public MeanIoU(int numClasses, String name, String dtype, Integer ignoreClass, boolean sparseYTrue,
                   boolean sparseYPred, int axis) {
        super(numClasses, allClasses(numClasses), name, dtype, ignoreClass, sparseYTrue, sparseYPred, axis);
    }

    static int[] allClasses(int numClasses) {
        return MetricSupport.range(0, Math.max(numClasses, 0));
    }

    /** Keras's keys and order: {@code num_classes}, {@code name}, {@code dtype}, {@code ignore_class}, ... */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("num_classes", numClasses());
        config.put("name", name());
        config.put("dtype", dtype());
        config.put("ignore_class", ignoreClass());
        config.put("sparse_y_true", sparseYTrue());
        config.put("sparse_y_pred", sparseYPred());
        config.put("axis", axis());
        return config;
    }

    /** Keras's {@code from_config}: {@code num_classes} required. */
    public static MeanIoU fromConfig(Config config) {
        return new MeanIoU(config.requireInt("num_classes"), "mean_io_u", "int32", config.integer("ignore_class", null),
                config.bool("sparse_y_true", true), config.bool("sparse_y_pred", true), config.integer("axis", -1));
    }
}
