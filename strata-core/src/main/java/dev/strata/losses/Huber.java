package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * The Huber loss, as {@code keras.losses.Huber} (default name {@code "huber_loss"}, {@code delta} 1.0): per sample
 * the mean of {@code 0.5 x²} where {@code |x| <= delta} and {@code delta |x| - 0.5 delta²} elsewhere, with
 * {@code x = yPred - yTrue}.
 */
public final class Huber extends Loss {
    private final double delta;

    /** With Keras's defaults (delta 1.0). */
    public Huber() {
        this(1.0);
    }

    /** With the given delta, where the loss turns from quadratic to linear. */
    public Huber(double delta) {
        this(delta, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** With delta 1.0 and the given reduction. */
    public Huber(Reduction reduction) {
        this(1.0, reduction);
    }

    /** With the given delta and reduction. */
    public Huber(double delta, Reduction reduction) {
        this(delta, reduction, "huber_loss");
    }

    /** With the given delta, reduction and name. */
    public Huber(double delta, Reduction reduction, String name) {
        super(name, reduction);
        this.delta = delta;
    }

    /** Where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return Losses.huber(yTrue, yPred, delta);
    }

    /** Keras's {@code from_config}: {@code delta}, 1.0 if missing (as a config Keras itself wrote). */
    public static Huber fromConfig(Config config) {
        return new Huber(config.number("delta", 1.0)); // name and reduction are the base keys Loss.FAMILY applies
    }

    /**
     * {@code name}, {@code reduction} and {@code delta}. (Keras 3.15's {@code Huber.get_config} leaves
     * {@code delta} out, so a reloaded Keras Huber loss silently falls back to delta 1.0; Strata keeps it, and
     * Keras's {@code from_config} accepts it.)
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("delta", delta);
        return config;
    }
}
