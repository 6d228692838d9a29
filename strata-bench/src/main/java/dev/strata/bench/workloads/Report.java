package dev.strata.bench.workloads;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes measurements as {@code BENCH {json}} lines, the format the Python peers write too, so that
 * {@code peers/table.py} can put all three frameworks side by side. Each line holds one metric and the value of
 * every repetition; the table takes their median.
 */
final class Report {
    static final String FRAMEWORK = "strata";

    private final PrintStream out;

    Report(PrintStream out) {
        this.out = out;
    }

    /** One metric with the value of each repetition. */
    void metric(String key, String unit, double... values) {
        StringBuilder sb = new StringBuilder("BENCH {\"fw\":\"").append(FRAMEWORK).append("\",\"key\":\"")
                .append(key).append("\",\"unit\":\"").append(unit).append("\",\"values\":[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append(number(values[i]));
        }
        out.println(sb.append("]}"));
        out.flush();
    }

    /** One metric with the values of a list. */
    void metric(String key, String unit, List<Double> values) {
        metric(key, unit, values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Facts about the run (versions, settings), as strings. */
    void meta(Map<String, String> facts) {
        StringBuilder sb = new StringBuilder("BENCH {\"fw\":\"").append(FRAMEWORK).append("\",\"meta\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : facts.entrySet()) {
            sb.append(first ? "" : ",").append('"').append(escape(e.getKey())).append("\":\"")
                    .append(escape(e.getValue())).append('"');
            first = false;
        }
        out.println(sb.append("}}"));
        out.flush();
    }

    /** A progress note for the person watching (not parsed). */
    void note(String format, Object... args) {
        out.println("# " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /** The median (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The median of a list. */
    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The {@code q}-quantile by the nearest-rank rule ({@code q = 0.99} for p99), as numpy's "higher" method. */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(q * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, rank))];
    }
}
