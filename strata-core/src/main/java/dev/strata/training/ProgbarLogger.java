package dev.strata.training;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Prints Keras's progress bar and epoch lines ({@code keras.callbacks.ProgbarLogger}); {@code fit},
 * {@code evaluate} and {@code predict} add one writing to standard output when {@code verbose} is 1 or 2, unless
 * one is among their callbacks. With verbose 1: {@code Epoch 3/20} (when there is more than one epoch) and a
 * progress bar per epoch ending with the epoch's values; with verbose 2, one line per epoch. On a terminal the
 * bar is redrawn in place and coloured; written to a file or a pipe it is plain text.
 */
public class ProgbarLogger implements TrainingListener {
    private final PrintStream out;
    private final boolean dynamic;
    private final boolean colour;
    private Progbar progbar;
    private Integer target;
    private int seen;
    private int verbose = 1;
    private int epochs = 1;
    private boolean calledInFit;

    /** A logger writing to standard output, redrawing in place and in colour when it is a terminal. */
    public ProgbarLogger() {
        this(System.out, Progbar.terminalAttached());
    }

    /**
     * A logger writing to {@code out}.
     *
     * @param terminal whether {@code out} is an interactive terminal: the bar is then redrawn in place and
     *                 coloured; otherwise only final lines are written, as plain text
     */
    public ProgbarLogger(PrintStream out, boolean terminal) {
        this(out, terminal, terminal);
    }

    /**
     * A logger writing to {@code out}.
     *
     * @param dynamic whether to redraw the bar in place (for terminals)
     * @param colour  whether to colour the bar with ANSI escape codes (for terminals)
     */
    public ProgbarLogger(PrintStream out, boolean dynamic, boolean colour) {
        this.out = Objects.requireNonNull(out, "out");
        this.dynamic = dynamic;
        this.colour = colour;
    }

    @Override
    public void setState(TrainingState state) {
        Map<String, Object> params = state.params();
        verbose = (Integer) params.getOrDefault("verbose", 1);
        epochs = (Integer) params.getOrDefault("epochs", 1);
        target = (Integer) params.get("steps");
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        calledInFit = true;
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (!calledInFit) {
            reset();
        }
    }

    @Override
    public void onPredictBegin(Map<String, Double> logs) {
        reset();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        reset();
        if (verbose > 0 && epochs > 1) {
            out.println("Epoch " + (epoch + 1) + "/" + epochs);
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        update(batch, logs);
    }

    @Override
    public void onTestBatchEnd(int batch, Map<String, Double> logs) {
        if (!calledInFit) {
            update(batch, logs);
        }
    }

    @Override
    public void onPredictBatchEnd(int batch, Map<String, Double> logs) {
        update(batch, Map.of());
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        finish(logs);
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        if (!calledInFit) {
            finish(logs);
        }
    }

    @Override
    public void onPredictEnd(Map<String, Double> logs) {
        finish(Map.of());
    }

    private void reset() {
        seen = 0;
        progbar = null;
    }

    private Progbar progbar() {
        if (progbar == null) {
            progbar = new Progbar(target, verbose, out, dynamic, colour);
        }
        return progbar;
    }

    private void update(int batch, Map<String, Double> logs) {
        seen = batch + 1;
        if (verbose == 1) {
            progbar().update(seen, logs, false);
        }
    }

    private void finish(Map<String, Double> logs) {
        if (target == null) {
            target = seen;
        }
        progbar().update(target, logs, true);
    }
}
