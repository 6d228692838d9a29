package dev.strata.callbacks;

import java.util.Map;

/**
 * Stops training as soon as the loss becomes NaN or infinite, like {@code keras.callbacks.TerminateOnNaN}:
 * prints a line and stops, or (with {@code raiseError}) throws.
 */
public class TerminateOnNaN extends Callback {
    private final boolean raiseError;

    /** Stops training quietly (after printing a line). */
    public TerminateOnNaN() {
        this(false);
    }

    /** @param raiseError whether to throw an {@link IllegalStateException} instead of stopping */
    public TerminateOnNaN(boolean raiseError) {
        this.raiseError = raiseError;
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        Double loss = logs.get("loss");
        if (loss != null && (loss.isNaN() || loss.isInfinite())) {
            if (raiseError) {
                throw new IllegalStateException("NaN or Inf loss encountered at batch " + batch + ". Loss value: "
                        + loss + ". Terminating training immediately.");
            }
            System.out.println("Batch " + batch + ": Invalid loss, terminating training");
            state().setStopTraining(true);
        }
    }
}
