package dev.strata.callbacks;

import dev.strata.optimizers.Optimizer;
import java.util.Map;

/** What the callbacks that change the learning rate share: finding the optimizer and logging its rate. */
final class LearningRates {
    private LearningRates() {
    }

    /**
     * The optimizer of the model {@code callback} runs with.
     *
     * @throws IllegalStateException naming the callback when the model is not compiled
     */
    static Optimizer optimizer(Callback callback, String name) {
        return callback.model().optimizer().orElseThrow(() -> new IllegalStateException(name + " needs a compiled "
                + "model (it changes the optimizer's learning rate), but " + callback.model().name()
                + " has no optimizer: call compile first"));
    }

    /**
     * Keras's {@code logs["learning_rate"] = float(optimizer.learning_rate)}: the float32 rate as a double, so
     * History, CSVLogger and the progress bar see it. Logs handed by the loop are mutable; others are left alone.
     */
    static void log(Map<String, Double> logs, Optimizer optimizer) {
        if (logs != null) {
            try {
                logs.put("learning_rate", (double) optimizer.learningRate());
            } catch (UnsupportedOperationException e) {
                // an immutable map (a callback driven by hand): nothing to record into
            }
        }
    }
}
