package dev.strata.losses;

import java.util.Map;

/**
 * The arguments the binary and categorical crossentropies (and their focal forms) share, as Keras's classes take
 * them: whether predictions are logits ({@code from_logits}), the label smoothing in {@code [0, 1]}
 * ({@code label_smoothing}) and the class axis ({@code axis}). Each subclass keeps its own constructors, Keras defaults and {@code fromConfig}.
 */
abstract sealed class Crossentropy extends Loss permits BinaryCrossentropy, CategoricalCrossentropy,
        BinaryFocalCrossentropy, CategoricalFocalCrossentropy {
    private final boolean fromLogits;
    private final double labelSmoothing;
    private final int axis;

    /**
     * A crossentropy with the given arguments.
     *
     * @throws IllegalArgumentException if {@code labelSmoothing} is outside {@code [0, 1]}
     */
    Crossentropy(String name, Reduction reduction, boolean fromLogits, double labelSmoothing, int axis) {
        super(name, reduction);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": labelSmoothing must be in [0, 1], got "
                    + labelSmoothing);
        }
        this.fromLogits = fromLogits;
        this.labelSmoothing = labelSmoothing;
        this.axis = axis;
    }

    /** Whether predictions are logits. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    /** The axis of the classes (features). */
    public int axis() {
        return axis;
    }

    /** {@code name}, {@code reduction}, {@code from_logits}, {@code label_smoothing} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
        config.put("axis", axis);
        return config;
    }
}
