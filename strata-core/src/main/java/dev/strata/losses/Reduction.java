package dev.strata.losses;

import java.util.Locale;

/** How a loss reduces per-sample values to one number, as Keras's {@code reduction} argument. */
public enum Reduction {
    /** The sum of the weighted values. */
    SUM,
    /** The sum of the weighted values divided by their number (Keras's default). */
    SUM_OVER_BATCH_SIZE,
    /** Same as {@link #SUM_OVER_BATCH_SIZE}. */
    MEAN,
    /** The sum of the weighted values divided by the sum of the weights. */
    MEAN_WITH_SAMPLE_WEIGHT,
    /** No reduction: the weighted per-sample values. */
    NONE;

    /** Keras's spelling, e.g. {@code "sum_over_batch_size"}. */
    public String keras() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reduction with Keras's spelling ({@code null} and {@code "none"} give {@link #NONE}). */
    public static Reduction of(String keras) {
        return keras == null ? NONE : valueOf(keras.toUpperCase(Locale.ROOT));
    }
}
