package dev.strata.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The listeners of one run of the loop, like Keras's {@code CallbackList}: the user's, plus the defaults added in
 * one place (a {@link History} for {@code fit}, a {@link ProgbarLogger} when {@code verbose > 0}, each only if the
 * user did not give one), each handed the run's state before the first hook.
 */
final class Listeners {
    /** Which of Keras's hook families a loop calls: fit's, evaluate's or predict's. */
    enum Mode { TRAIN, TEST, PREDICT }

    private final TrainingListener[] all;
    private final History history;

    private Listeners(TrainingListener[] all, History history) {
        this.all = all;
        this.history = history;
    }

    /**
     * The user's listeners plus the defaults, bound to {@code state}.
     *
     * @param addHistory whether the run records a History ({@code fit}); the user's History is used if given
     */
    static Listeners of(List<? extends TrainingListener> given, boolean addHistory, int verbose,
                        TrainingState state) {
        List<TrainingListener> list = new ArrayList<>(given);
        History history = null;
        boolean progbar = false;
        for (TrainingListener l : given) {
            if (l instanceof History h) {
                history = h;
            }
            progbar |= l instanceof ProgbarLogger;
        }
        if (addHistory && history == null) {
            history = new History();
            list.add(history);
        }
        if (verbose > 0 && !progbar) {
            list.add(new ProgbarLogger());
        }
        for (TrainingListener l : list) {
            l.setState(state);
        }
        return new Listeners(list.toArray(new TrainingListener[0]), history);
    }

    /**
     * Closes every listener that holds resources ({@link AutoCloseable}: TensorBoard's event files, CSVLogger's
     * file) after the run failed with {@code failure}, which the loop rethrows; a listener's own failure to close is
     * added to it as suppressed. (A run that ends normally closes them in its end hooks.)
     */
    void closeAfterFailure(Throwable failure) {
        for (TrainingListener l : all) {
            if (l instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception | Error e) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** The run's History (fit only). */
    History history() {
        return history;
    }

    void begin(Mode mode, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            switch (mode) {
                case TRAIN -> l.onTrainBegin(logs);
                case TEST -> l.onTestBegin(logs);
                case PREDICT -> l.onPredictBegin(logs);
            }
        }
    }

    void end(Mode mode, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            switch (mode) {
                case TRAIN -> l.onTrainEnd(logs);
                case TEST -> l.onTestEnd(logs);
                case PREDICT -> l.onPredictEnd(logs);
            }
        }
    }

    void epochBegin(int epoch, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            l.onEpochBegin(epoch, logs);
        }
    }

    void epochEnd(int epoch, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            l.onEpochEnd(epoch, logs);
        }
    }

    void batchBegin(Mode mode, int batch, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            switch (mode) {
                case TRAIN -> l.onTrainBatchBegin(batch, logs);
                case TEST -> l.onTestBatchBegin(batch, logs);
                case PREDICT -> l.onPredictBatchBegin(batch, logs);
            }
        }
    }

    void batchEnd(Mode mode, int batch, Map<String, Double> logs) {
        for (TrainingListener l : all) {
            switch (mode) {
                case TRAIN -> l.onTrainBatchEnd(batch, logs);
                case TEST -> l.onTestBatchEnd(batch, logs);
                case PREDICT -> l.onPredictBatchEnd(batch, logs);
            }
        }
    }
}
