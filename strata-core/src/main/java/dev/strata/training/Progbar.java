package dev.strata.training;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras's progress bar ({@code keras.utils.Progbar}), same text: {@code " 4/10 ━━━━━━━━──── 0s 19ms/step - loss:
 * 1.1859"} with a bold counter, a 20-character bar (done in green, the rest grey), ETA or elapsed time, time
 * per step and the values as the logs give them (Keras 3's ProgbarLogger averages none). On a terminal the line is
 * redrawn in place at most every 50 ms; elsewhere (logs, pipes) only the final line is written, and without the
 * colours' escape codes (which Keras writes everywhere).
 */
final class Progbar {
    private static final int WIDTH = 20;
    private static final double INTERVAL_SECONDS = 0.05;
    private static final String BOLD = "1";
    private static final String GREEN = "32";
    private static final String GREY = "37";

    private final Integer target;
    private final int verbose;
    private final PrintStream out;
    private final boolean dynamic;
    private final boolean colour;
    private final long start = System.nanoTime();
    /** The latest value of each log, in the order the logs first appeared. */
    private final Map<String, Double> values = new LinkedHashMap<>();
    private long lastUpdate;
    private Long timeAfterFirstStep;
    private int previousWidth;

    /**
     * @param dynamic whether to redraw the line in place (a terminal)
     * @param colour  whether to colour the bar with ANSI escape codes (a terminal; never files and pipes)
     */
    Progbar(Integer target, int verbose, PrintStream out, boolean dynamic, boolean colour) {
        this.target = target;
        this.verbose = verbose;
        this.out = out;
        this.dynamic = dynamic;
        this.colour = colour;
    }

    /** Whether standard output is an interactive terminal (where redrawing in place and colours make sense). */
    static boolean terminalAttached() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** {@code text} in an ANSI style (bold, green, grey), when colouring. */
    private String style(String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** The count of escape-code characters added when colouring (they take no width on screen), else 0. */
    private int invisible(int count) {
        return colour ? count : 0;
    }

    void update(int current, Map<String, Double> logs, boolean finalize) {
        // Shown as given, not averaged: the logs are already the metrics' running values, and Keras 3's
        // ProgbarLogger makes every metric stateful (stateless_metrics=set()), so the last line of evaluate shows
        // what evaluate returns even when the last batch is short.
        values.putAll(logs);
        long now = System.nanoTime();
        double timePerUnit = estimateStepDuration(current, now);
        if (verbose == 1) {
            if (!finalize && (!dynamic || (now - lastUpdate) / 1e9 < INTERVAL_SECONDS)) {
                return;
            }
            lastUpdate = now;
            StringBuilder message = new StringBuilder();
            int special = 0;
            if (dynamic) {
                message.append("\b".repeat(previousWidth)).append('\r');
            }
            StringBuilder bar = new StringBuilder();
            if (target != null) {
                int digits = (int) Math.log10(target) + 1;
                bar.append(style(BOLD, String.format(Locale.ROOT, "%" + digits + "d/%d", current, target))).append(' ');
                special += invisible(8);
                int done = (int) (WIDTH * (double) current / target);
                if (done > 0) {
                    bar.append(style(GREEN, "━".repeat(done)));
                    special += invisible(9);
                }
                bar.append(style(GREY, "━".repeat(WIDTH - done)));
                special += invisible(9);
            } else {
                bar.append(String.format(Locale.ROOT, "%7d/Unknown", current));
            }
            message.append(bar);
            StringBuilder info = new StringBuilder();
            double elapsed = (now - start) / 1e9;
            if (target != null && !finalize) {
                info.append(' ').append(style(BOLD, eta(timePerUnit * (target - current))));
            } else {
                info.append(' ').append(style(BOLD, String.format(Locale.ROOT, "%.0fs", elapsed)));
                special += invisible(8);
            }
            info.append(formatTime(timePerUnit));
            appendValues(info);
            message.append(info);
            int width = bar.length() + info.length() - special;
            if (dynamic && previousWidth > width) {
                message.append(" ".repeat(previousWidth - width));
            }
            previousWidth = width;
            if (finalize) {
                message.append('\n');
            }
            out.print(message);
            out.flush();
        } else if (verbose == 2 && finalize) {
            int t = target == null ? current : target;
            int digits = (int) Math.log10(Math.max(1, t)) + 1;
            StringBuilder info = new StringBuilder(String.format(Locale.ROOT, "%" + digits + "d/%d - %.0fs -", current,
                    t, (now - start) / 1e9));
            info.append(formatTime(timePerUnit));
            for (Map.Entry<String, Double> e : values.entrySet()) {
                double v = e.getValue();
                // Keras tests v > 1e-3 here, not its magnitude as in the bar
                info.append(" - ").append(e.getKey()).append(": ").append(v > 1e-3
                        ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v));
            }
            out.println(info);
            out.flush();
        }
    }

    private void appendValues(StringBuilder info) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            info.append(" - ").append(e.getKey()).append(": ").append(formatValue(e.getValue()));
        }
    }

    /** Keras: four decimals, or exponent notation for magnitudes up to 1e-3. */
    static String formatValue(double v) {
        return Math.abs(v) > 1e-3 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.4e", v);
    }

    private double estimateStepDuration(int current, long now) {
        if (current == 0) {
            return 0;
        }
        double perUnit = timeAfterFirstStep != null && current > 1
                ? (now - timeAfterFirstStep) / 1e9 / (current - 1) : (now - start) / 1e9 / current;
        if (current == 1) {
            timeAfterFirstStep = now;
        }
        return perUnit;
    }

    private static String eta(double seconds) {
        long s = (long) seconds;
        if (seconds > 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (seconds > 60) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return s + "s";
    }

    /** Keras: " 2s/step", " 19ms/step" or " 61us/step". */
    static String formatTime(double perUnit) {
        if (perUnit >= 1 || perUnit == 0) {
            return String.format(Locale.ROOT, " %.0fs/step", perUnit);
        }
        if (perUnit >= 1e-3) {
            return String.format(Locale.ROOT, " %.0fms/step", perUnit * 1e3);
        }
        return String.format(Locale.ROOT, " %.0fus/step", perUnit * 1e6);
    }
}
