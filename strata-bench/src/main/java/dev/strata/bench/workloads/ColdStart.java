package dev.strata.bench.workloads;

import dev.strata.data.Datasets;
import dev.strata.data.Rows;
import dev.strata.data.Split;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 11's cold start: the first {@code fit} of a process against the same {@code fit} once the process is
 * warm. Each measurement is a new JVM (this class's {@link #main}), so the first fit really is the first: the
 * child loads the data (not timed), times one fit of a fresh model, then fits fresh models of the same seed for
 * {@code warmSeconds} and times three more, of which the median is the warm figure. It also checks that the first
 * fit ends with exactly the weights of the warm ones (bit for bit): whatever the JIT did in between must not
 * change a result.
 *
 * <p>The fits: W1's three Wide &amp; Deep styles as the example trains them (SGD 1e-3, batch 32, 20 epochs,
 * validation after each epoch; {@code verbose 0}), and the W2 MLP 784-256-256-10 (Adam 1e-3, batch 128) for one
 * shuffled epoch over the first {@value #W2_SAMPLES} Fashion-MNIST training images: W2's model, in a fit short
 * enough to repeat.
 */
final class ColdStart {
    static final String[] CONFIGS = {"w1.functional", "w1.subclassed", "w1.sequential", "w2.mlp"};
    static final int W1_EPOCHS = 20;
    static final int W2_SAMPLES = 10_000;
    /** Seconds of fits in the child before the warm ones are timed (W1's own warm-up is 5 s). */
    static final double WARM_SECONDS = 5.0;
    static final int WARM_TIMED = 3;

    private ColdStart() {
    }

    /** One fit's outcome: wall seconds, the epochs' seconds, a digest of the final weights and the test MSE. */
    record Fit(double seconds, double[] epochSeconds, long weightBits, double testMse) {
    }

    /** A configuration's data and fit, set up once in the child. */
    interface Workload {
        Fit fit();
    }

    static Workload workload(String config, Path mnist) {
        if (config.startsWith("w1.")) {
            String style = config.substring(3);
            Housing d = Housing.load();
            return () -> w1Fit(d, style);
        }
        if (config.equals("w2.mlp")) {
            Split data = Datasets.fashionMnist(mnist);
            Tensor x = Rows.select(data.train().features(), 0, W2_SAMPLES);
            Tensor y = Rows.select(data.train().targets(), 0, W2_SAMPLES);
            return () -> w2Fit(x, y);
        }
        throw new IllegalArgumentException("unknown cold-start configuration " + config);
    }

    static Fit w1Fit(Housing d, String style) {
        Model m = W1Training.compiled(style, "sgd");
        W1Training.EpochTimer timer = new W1Training.EpochTimer();
        FitOptions options = new FitOptions().epochs(W1_EPOCHS).batchSize(W1Training.BATCH).verbose(0)
                .callbacks(timer).validationData(W1Training.inputs(style, d.xValid),
                        W1Training.targets(style, d.yValid));
        long start = System.nanoTime();
        m.fit(W1Training.inputs(style, d.xTrain), W1Training.targets(style, d.yTrain), options);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> scores = m.evaluate(W1Training.inputs(style, d.xTest), W1Training.targets(style, d.yTest),
                new EvaluateOptions().verbose(0));
        double mse = style.equals("sequential") ? scores.get("loss") : scores.get(m.outputNames().getFirst() + "_loss");
        return new Fit(seconds, epochs(timer), digest(m), mse);
    }

    static Fit w2Fit(Tensor x, Tensor y) {
        Model m = W2FashionMnist.model();
        W1Training.EpochTimer timer = new W1Training.EpochTimer();
        long start = System.nanoTime();
        m.fit(x, y, new FitOptions().epochs(1).batchSize(W2FashionMnist.BATCH).verbose(0).callbacks(timer));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Fit(seconds, epochs(timer), digest(m), Double.NaN);
    }

    private static double[] epochs(W1Training.EpochTimer timer) {
        return timer.nanos.stream().mapToDouble(n -> n / 1e9).toArray();
    }

    /** A hash of every weight's bits: equal digests mean (all but certainly) bit-identical weights. */
    static long digest(Model m) {
        long h = 1125899906842597L;
        for (Tensor w : m.getWeights()) {
            for (float v : w.toFloatArray()) {
                h = 31 * h + Float.floatToRawIntBits(v);
            }
        }
        return h;
    }

    /**
     * The child JVM: {@code ColdStart CONFIG MNIST_DIR WARM_SECONDS}. Prints {@code COLD key=value} lines for
     * the parent.
     */
    public static void main(String[] args) {
        String config = args[0];
        Path mnist = Path.of(args[1]);
        double warmSeconds = Double.parseDouble(args[2]);
        Workload w = workload(config, mnist);
        Fit first = w.fit();
        long warmEnd = System.nanoTime() + (long) (warmSeconds * 1e9);
        int warmFits = 0;
        do {
            w.fit();
            warmFits++;
        } while (System.nanoTime() < warmEnd);
        double[] warm = new double[WARM_TIMED];
        boolean same = true;
        Fit last = null;
        for (int i = 0; i < WARM_TIMED; i++) {
            last = w.fit();
            warm[i] = last.seconds();
            same &= last.weightBits() == first.weightBits()
                    && Double.doubleToRawLongBits(last.testMse()) == Double.doubleToRawLongBits(first.testMse());
        }
        System.out.printf(Locale.ROOT, "COLD first_s=%.6f warm_s=%.6f same=%d test_mse=%.6f warm_fits=%d%n",
                first.seconds(), Report.median(warm), same ? 1 : 0, first.testMse(), warmFits);
        System.out.printf(Locale.ROOT, "COLD_EPOCHS first=%s warm=%s%n", seconds(first.epochSeconds()),
                seconds(last.epochSeconds()));
    }

    private static String seconds(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(sb.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.3f", v));
        }
        return sb.toString();
    }

    /** Runs every configuration {@code repeats} times, each in a new JVM, and reports the figures. */
    static void run(Path mnist, int repeats, double warmSeconds, List<String> jvmOptions, Report report)
            throws IOException, InterruptedException {
        for (String config : CONFIGS) {
            if (config.startsWith("w2.") && !mnist.toFile().isDirectory()) {
                report.note("cold start %s skipped: no Fashion-MNIST directory at %s", config, mnist.toAbsolutePath());
                continue;
            }
            double[] first = new double[repeats];
            double[] warm = new double[repeats];
            double[] ratio = new double[repeats];
            double[] same = new double[repeats];
            double[] mse = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                Map<String, String> out = child(config, mnist, warmSeconds, jvmOptions);
                first[r] = Double.parseDouble(out.get("first_s"));
                warm[r] = Double.parseDouble(out.get("warm_s"));
                ratio[r] = first[r] / warm[r];
                same[r] = Double.parseDouble(out.get("same"));
                mse[r] = Double.parseDouble(out.get("test_mse"));
                report.note("cold start %s run %d: first fit %.3f s, warm %.3f s (%.1fx), same weights %s;"
                                + " epochs first %s, warm %s", config, r + 1, first[r], warm[r], ratio[r],
                        same[r] == 1 ? "yes" : "NO", out.get("epochs_first"), out.get("epochs_warm"));
            }
            String key = "cold." + config;
            report.metric(key + ".first_fit_s", "s", first);
            report.metric(key + ".warm_fit_s", "s", warm);
            report.metric(key + ".ratio", "", ratio);
            report.metric(key + ".same_result", "", same);
            if (config.startsWith("w1.")) {
                report.metric(key + ".test_mse", "", mse);
            }
        }
    }

    private static Map<String, String> child(String config, Path mnist, double warmSeconds, List<String> jvmOptions)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                ColdStart.class.getName(), config, mnist.toString(), Double.toString(warmSeconds)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int code = p.waitFor();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("COLD ")) {
                for (String kv : line.substring(5).trim().split(" ")) {
                    String[] parts = kv.split("=", 2);
                    values.put(parts[0], parts[1]);
                }
            } else if (line.startsWith("COLD_EPOCHS ")) {
                for (String kv : line.substring(12).trim().split(" ")) {
                    String[] parts = kv.split("=", 2);
                    values.put("epochs_" + parts[0], parts[1]);
                }
            }
        }
        if (code != 0 || !values.containsKey("first_s")) {
            throw new IllegalStateException("the cold-start child for " + config + " failed (exit " + code + "): "
                    + String.join(" | ", Arrays.asList(output.split("\n")).subList(
                            Math.max(0, output.split("\n").length - 6), output.split("\n").length)));
        }
        return values;
    }
}
