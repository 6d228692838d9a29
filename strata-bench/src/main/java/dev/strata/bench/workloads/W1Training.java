package dev.strata.bench.workloads;

import dev.strata.Strata;
import dev.strata.callbacks.Callback;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W1: the Wide &amp; Deep example's training (functional, subclassed, and the Sequential MLP 8-30-30-1), with SGD
 * (lr 1e-3, the example's) and Adam (lr 1e-3), batch 32, validation after each epoch. Per repetition a fresh
 * model (seed 42) is trained; reported are the fit time divided by the training steps, the median over epochs
 * 2.. of an epoch's time divided by its steps (no one-off costs), and the test MSE of the main output.
 */
final class W1Training {
    static final String[] STYLES = {"functional", "subclassed", "sequential"};
    static final String[] OPTIMIZERS = {"sgd", "adam"};
    static final int BATCH = 32;
    static final int WARMUP_EPOCHS = 3;
    /** Seconds of warm-up rounds before W1 is timed (the same in the peers). */
    static final double WARMUP_SECONDS = 5.0;

    private W1Training() {
    }

    /** Times each epoch of a fit, from its start to its end (training and validation). */
    static final class EpochTimer extends Callback {
        final List<Long> nanos = new ArrayList<>();
        private long start;

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            start = System.nanoTime();
        }

        @Override
        public void onEpochEnd(int epoch, Map<String, Double> logs) {
            nanos.add(System.nanoTime() - start);
        }
    }

    /** The outcome of one fit. */
    record Run(double stepMicros, double epochStepMicros, double testMse) {
    }

    static Model build(String style) {
        return switch (style) {
            case "functional" -> Housing.functional();
            case "subclassed" -> Housing.subclassed();
            case "sequential" -> Housing.sequential();
            default -> throw new IllegalArgumentException("unknown W1 style " + style);
        };
    }

    static Optimizer optimizer(String name) {
        return switch (name) {
            case "sgd" -> new SGD(1e-3f);
            case "adam" -> new Adam(1e-3f);
            default -> throw new IllegalArgumentException("unknown optimizer " + name);
        };
    }

    /** A fresh, compiled model of the style (seeded, so every repetition starts from the same weights). */
    static Model compiled(String style, String optimizer) {
        Strata.setRandomSeed(42);
        Model m = build(style);
        if (style.equals("sequential")) {
            m.compile(optimizer(optimizer), "mse");
        } else {
            // The example's compile: one MSE per output, weighted 0.9 / 0.1
            m.compile(optimizer(optimizer), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
        }
        return m;
    }

    static List<Tensor> inputs(String style, Tensor x) {
        return style.equals("sequential") ? List.of(x) : Housing.wideDeep(x);
    }

    static List<Tensor> targets(String style, Tensor y) {
        return style.equals("sequential") ? List.of(y) : List.of(y, y);
    }

    /** Trains a fresh model for {@code epochs} with validation each epoch, and evaluates it on the test set. */
    static Run fitOnce(Housing d, String style, String optimizer, int epochs) {
        Model m = compiled(style, optimizer);
        EpochTimer timer = new EpochTimer();
        FitOptions options = new FitOptions().epochs(epochs).batchSize(BATCH).verbose(0).callbacks(timer)
                .validationData(inputs(style, d.xValid), targets(style, d.yValid));
        long start = System.nanoTime();
        m.fit(inputs(style, d.xTrain), targets(style, d.yTrain), options);
        long nanos = System.nanoTime() - start;
        int stepsPerEpoch = (d.xTrain.shape().get(0) + BATCH - 1) / BATCH;
        Map<String, Double> scores = m.evaluate(inputs(style, d.xTest), targets(style, d.yTest),
                new EvaluateOptions().verbose(0));
        double mse = style.equals("sequential") ? scores.get("loss") : scores.get(m.outputNames().getFirst() + "_loss");
        List<Double> perStep = new ArrayList<>();
        for (int e = 1; e < timer.nanos.size(); e++) {
            perStep.add(timer.nanos.get(e) / 1e3 / stepsPerEpoch);
        }
        double epochStep = perStep.isEmpty() ? Double.NaN : Report.median(perStep);
        return new Run(nanos / 1e3 / ((double) stepsPerEpoch * epochs), epochStep, mse);
    }

    /**
     * Short fits of every configuration, discarded, in rounds until {@code seconds} have passed (at least one),
     * so the JIT has compiled the training paths before anything is timed: one round of 3-epoch fits left the
     * first timed configuration's repetitions at 29, 22 and 14 us a step, C2 still at work. The peers warm up
     * by the same rule ({@code w1_warm_up} in {@code common.py}).
     */
    static void warmUp(Housing d, double seconds) {
        long start = System.nanoTime();
        do {
            for (String style : STYLES) {
                for (String opt : OPTIMIZERS) {
                    fitOnce(d, style, opt, WARMUP_EPOCHS);
                }
            }
        } while ((System.nanoTime() - start) / 1e9 < seconds);
    }

    static void run(Housing d, int epochs, double warmupSeconds, int repeats, Report report) {
        warmUp(d, warmupSeconds);
        for (String style : STYLES) {
            for (String opt : OPTIMIZERS) {
                double[] step = new double[repeats];
                double[] epochStep = new double[repeats];
                double[] mse = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    Run run = fitOnce(d, style, opt, epochs);
                    step[r] = run.stepMicros();
                    epochStep[r] = run.epochStepMicros();
                    mse[r] = run.testMse();
                    report.note("W1 %s %s run %d: %.1f us/step (epoch median %.1f), test MSE %.4f", style, opt, r + 1,
                            run.stepMicros(), run.epochStepMicros(), run.testMse());
                }
                String key = "w1." + style + "." + opt;
                report.metric(key + ".step_us", "us", step);
                report.metric(key + ".epoch_step_us", "us", epochStep);
                report.metric(key + ".test_mse", "", mse);
            }
        }
    }
}
