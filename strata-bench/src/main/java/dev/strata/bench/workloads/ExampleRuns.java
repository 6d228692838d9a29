package dev.strata.bench.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole Wide &amp; Deep example as a user runs it, in a new JVM each time: JVM start, data load, three models
 * trained 20 epochs, evaluation and prediction. Measured as wall time from launch to exit, with the default heap
 * and once with {@code -Xmx64m} (issue 6: W1 must run in a 64 MB heap).
 */
final class ExampleRuns {
    static final String MAIN = "dev.strata.examples.WideAndDeep";
    private static final Pattern RESULT = Pattern.compile("style=(\\w+) .*fit_seconds=([0-9.]+)");

    private ExampleRuns() {
    }

    /** The outcome of one launch. */
    record Launch(int exitCode, double seconds, int resultLines, String tail, Map<String, Double> fitSeconds) {
        boolean ok() {
            return exitCode == 0 && resultLines == 3;
        }
    }

    static Launch launch(String classpath, String... jvmOptions) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", classpath, MAIN));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int code = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        int results = 0;
        Map<String, Double> fits = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("RESULT ")) {
                results++;
                Matcher m = RESULT.matcher(line);
                if (m.find()) {
                    fits.put(m.group(1), Double.parseDouble(m.group(2)));
                }
            }
        }
        String[] lines = output.split("\n");
        StringBuilder tail = new StringBuilder();
        for (int i = Math.max(0, lines.length - 4); i < lines.length; i++) {
            tail.append(lines[i]).append(" | ");
        }
        return new Launch(code, seconds, results, tail.toString(), fits);
    }

    /**
     * Launches the example {@code repeats} times; {@code jvmOptions} go to those launches (issue 11's
     * experiments), not to the {@code -Xmx64m} one. Reports the wall time and, from the {@code RESULT} lines, each
     * model's {@code fit} time: the subclassed model's is the first fit of the process.
     */
    static void run(String classpath, int repeats, List<String> jvmOptions, Report report)
            throws IOException, InterruptedException {
        double[] wall = new double[repeats];
        Map<String, double[]> fits = new LinkedHashMap<>();
        for (int r = 0; r < repeats; r++) {
            Launch l = launch(classpath, jvmOptions.toArray(String[]::new));
            if (!l.ok()) {
                throw new IllegalStateException("the example failed (exit " + l.exitCode() + "): " + l.tail());
            }
            wall[r] = l.seconds();
            for (Map.Entry<String, Double> e : l.fitSeconds().entrySet()) {
                fits.computeIfAbsent(e.getKey(), k -> new double[repeats])[r] = e.getValue();
            }
            report.note("W1 example run %d: %.2f s wall, fit seconds %s", r + 1, l.seconds(), l.fitSeconds());
        }
        report.metric("w1.example.wall_s", "s", wall);
        for (Map.Entry<String, double[]> e : fits.entrySet()) {
            report.metric("w1.example." + e.getKey() + ".fit_s", "s", e.getValue());
        }
        Launch small = launch(classpath, "-Xmx64m");
        report.note("W1 example under -Xmx64m: exit %d, %d RESULT lines, %.2f s: %s", small.exitCode(),
                small.resultLines(), small.seconds(), small.tail());
        report.metric("alloc.xmx64m.ok", "", small.ok() ? 1 : 0);
        report.metric("alloc.xmx64m.wall_s", "s", small.seconds());
    }
}
