package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The Dice loss, as {@code keras.losses.Dice} (default name {@code "dice"}, {@code axis} null):
 * {@code 1 - 2 sum(t p) / (sum(t) + sum(p) + 1e-7)}, the sums over {@code axis}; with no axis over every element, so
 * one value for the whole batch (a scalar that no reduction changes, though sample weights still scale it). See
 * {@link Losses#dice}.
 */
public final class Dice extends Loss {
    private final SegmentationAxis axis;

    /** With Keras's defaults: the sums run over every element. */
    public Dice() {
        this(Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With the given reduction, summing over every element. */
    public Dice(Reduction reduction) {
        this(SegmentationAxis.ALL, reduction, "dice");
    }

    /** Summing over one axis (e.g. the classes), one value per remaining element. */
    public Dice(int axis) {
        this(SegmentationAxis.of(axis), Reduction.SUM_OVER_BATCH_SIZE, "dice");
    }

    /** Summing over several axes (e.g. {@code 1, 2, 3} of images: one value per sample). */
    public Dice(int[] axes, Reduction reduction, String name) {
        this(SegmentationAxis.of(axes), reduction, name);
    }

    private Dice(SegmentationAxis axis, Reduction reduction, String name) {
        super(name, reduction);
        this.axis = axis;
    }

    /** The axes summed over, or null for all. */
    public int[] axis() {
        return axis.axes();
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.dice(yTrue, yPred, axis.axes());
    }

    /** Keras's {@code from_config}: {@code axis} (null, an integer or a list), null if missing. */
    public static Dice fromConfig(Config config) {
        return new Dice(SegmentationAxis.read(config), Reduction.SUM_OVER_BATCH_SIZE, "dice"); // Loss.FAMILY
    }

    /** {@code name}, {@code reduction} and {@code axis}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("axis", axis.config());
        return config;
    }
}
