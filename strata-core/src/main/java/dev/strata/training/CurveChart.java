package dev.strata.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The picture {@link History#plot} draws: a title, a legend, and one panel per metric with its training curve and
 * its {@code val_} twin against the epoch (from 1), on axes with round tick values and a light grid. The layout is
 * computed once here and drawn through a small {@link Canvas}, so the SVG (text, written here without AWT) and the
 * PNG ({@link CurvePng}, Java2D) show the same picture. Text widths for the layout are estimated from character
 * counts (DejaVu Sans's digit advance), which fits both.
 */
final class CurveChart {
    /** Matplotlib's first two colours (tab:blue, tab:orange): distinct, and readable by most colour-blind eyes. */
    static final int TRAIN = 0x1f77b4;
    static final int VALIDATION = 0xff7f0e;
    private static final int TEXT = 0x222222;
    private static final int MUTED = 0x555555;
    private static final int GRID = 0xe8e8e8;
    private static final int FRAME = 0xb0b0b0;
    private static final int BACKGROUND = 0xffffff;
    static final String FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";
    /** Average advance of a tick label's characters, in ems (DejaVu Sans digits: 1303/2048). */
    private static final double CHAR_EM = 0.64;
    /** Up to this many points a curve shows a marker at every epoch; above it only isolated points get one. */
    private static final int MARKER_LIMIT = 40;

    /** One curve: epochs (from 1) and values, NaN where the value is missing or not finite. */
    record Series(String key, double[] x, double[] y) {
        boolean hasFinite() {
            for (double v : y) {
                if (Double.isFinite(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** One panel: a metric's training curve and validation curve (either may be null). */
    record Panel(String name, Series train, Series validation) {
    }

    /** What the chart is drawn on: the SVG writer below or {@link CurvePng}'s Java2D. */
    interface Canvas {
        void begin(String cssClass, String title);

        void end();

        void line(double x1, double y1, double x2, double y2, int rgb, double width);

        void rect(double x, double y, double w, double h, int fill, int stroke);

        void polyline(double[] xs, double[] ys, int n, int rgb, double width, String cssClass);

        void circle(double x, double y, double r, int rgb);

        /** {@code anchor}: -1 start, 0 middle, 1 end; {@code y} is the baseline. */
        void text(double x, double y, String s, double size, int rgb, int anchor, boolean bold);
    }

    final int width;
    final int height;
    final String title;
    final List<Panel> panels;

    private CurveChart(int width, int height, String title, List<Panel> panels) {
        this.width = width;
        this.height = height;
        this.title = title;
        this.panels = panels;
    }

    /**
     * The chart of a history: panels for {@code loss} first, then in the order the metrics were first logged (or
     * as {@code options} lists them).
     *
     * @throws IllegalArgumentException for a metric asked for that the history does not have
     */
    static CurveChart of(Map<String, List<Double>> history, Map<String, List<Integer>> epochs, PlotOptions options) {
        Map<String, String[]> byBase = new LinkedHashMap<>(); // base name -> {training key, validation key}
        for (String key : history.keySet()) {
            boolean val = key.startsWith("val_");
            String base = val ? key.substring(4) : key;
            byBase.computeIfAbsent(base, b -> new String[2])[val ? 1 : 0] = key;
        }
        List<String> names = new ArrayList<>(byBase.keySet());
        if (names.remove("loss")) {
            names.addFirst("loss"); // the total loss leads, as in Keras's progress lines
        }
        if (options.metricNames() != null) {
            names = new ArrayList<>();
            for (String m : options.metricNames()) {
                String base = m.startsWith("val_") && !byBase.containsKey(m) ? m.substring(4) : m;
                if (!byBase.containsKey(base)) {
                    throw new IllegalArgumentException("History.plot: no metric '" + m + "' in the history; keys are "
                            + history.keySet());
                }
                if (!names.contains(base)) {
                    names.add(base);
                }
            }
        }
        List<Panel> panels = new ArrayList<>();
        for (String base : names) {
            String[] keys = byBase.get(base);
            panels.add(new Panel(base, series(keys[0], history, epochs), series(keys[1], history, epochs)));
        }
        return new CurveChart(options.width(), options.height(), options.title(), panels);
    }

    private static Series series(String key, Map<String, List<Double>> history, Map<String, List<Integer>> epochs) {
        if (key == null) {
            return null;
        }
        List<Double> values = history.get(key);
        List<Integer> at = epochs.get(key);
        double[] x = new double[values.size()];
        double[] y = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = at.get(i) + 1; // Keras prints "Epoch 1/20": people count epochs from 1
            Double v = values.get(i);
            y[i] = v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
        return new Series(key, x, y);
    }

    /** The chart as an SVG document. */
    String svg() {
        Svg svg = new Svg(width, height);
        draw(svg);
        return svg.finish();
    }

    /** Lays the chart out and draws it. */
    void draw(Canvas c) {
        double s = Math.max(0.75, Math.min(2.5, Math.min(width / 800.0, height / 500.0)));
        c.rect(0, 0, width, height, BACKGROUND, -1);
        double pad = 12 * s;
        double y = pad;
        if (!title.isEmpty()) {
            c.text(width / 2.0, y + 18 * s, title, 18 * s, TEXT, 0, true);
            y += 28 * s;
        }
        if (panels.isEmpty()) {
            c.text(width / 2.0, height / 2.0, "No epochs recorded", 14 * s, MUTED, 0, false);
            return;
        }
        y = legend(c, y, s);
        int n = panels.size();
        int cols = n <= 3 ? n : (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        double cellW = (width - 2 * pad) / cols;
        double cellH = (height - pad - y) / rows;
        for (int i = 0; i < n; i++) {
            panel(c, panels.get(i), pad + (i % cols) * cellW, y + (i / cols) * cellH, cellW, cellH, s);
        }
    }

    /** The legend row under the title, centred; returns where the panels start. */
    private double legend(Canvas c, double y, double s) {
        boolean train = panels.stream().anyMatch(p -> p.train() != null);
        boolean val = panels.stream().anyMatch(p -> p.validation() != null);
        List<String> labels = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        if (train) {
            labels.add("training");
            colours.add(TRAIN);
        }
        if (val) {
            labels.add("validation");
            colours.add(VALIDATION);
        }
        double font = 13 * s;
        double swatch = 26 * s;
        double total = 0;
        for (String l : labels) {
            total += swatch + 6 * s + textWidth(l, font) + 22 * s;
        }
        double x = (width - total + 22 * s) / 2;
        double baseline = y + 14 * s;
        c.begin("legend", null);
        for (int i = 0; i < labels.size(); i++) {
            double mid = baseline - font * 0.35;
            c.line(x, mid, x + swatch, mid, colours.get(i), 2.5 * s);
            c.circle(x + swatch / 2, mid, 3.2 * s, colours.get(i));
            c.text(x + swatch + 6 * s, baseline, labels.get(i), font, TEXT, -1, false);
            x += swatch + 6 * s + textWidth(labels.get(i), font) + 22 * s;
        }
        c.end();
        return y + 26 * s;
    }

    private void panel(Canvas c, Panel p, double cx, double cy, double cw, double ch, double s) {
        double tickFont = 11 * s;
        double top = cy + 26 * s;
        double bottom = cy + ch - 40 * s;
        double right = cx + cw - 14 * s;
        List<Series> all = new ArrayList<>();
        if (p.validation() != null) {
            all.add(p.validation());
        }
        if (p.train() != null) {
            all.add(p.train());
        }
        double ymin = Double.POSITIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        double xmin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        for (Series ser : all) {
            for (int i = 0; i < ser.y().length; i++) {
                xmin = Math.min(xmin, ser.x()[i]);
                xmax = Math.max(xmax, ser.x()[i]);
                if (Double.isFinite(ser.y()[i])) {
                    ymin = Math.min(ymin, ser.y()[i]);
                    ymax = Math.max(ymax, ser.y()[i]);
                }
            }
        }
        c.begin("panel", p.name());
        boolean finite = ymin <= ymax;
        Ticks yt = finite ? Ticks.of(ymin, ymax, Math.max(2, Math.min(8, (int) ((bottom - top) / (42 * s)))), false)
                : null;
        double labelW = 0;
        if (yt != null) {
            for (String l : yt.labels) {
                labelW = Math.max(labelW, textWidth(l, tickFont));
            }
        }
        double left = cx + 10 * s + labelW + 8 * s;
        c.text((left + right) / 2, cy + 15 * s, p.name(), 13 * s, TEXT, 0, true);
        c.rect(left, top, right - left, bottom - top, BACKGROUND, -1);
        if (!finite) {
            c.rect(snap(left), snap(top), Math.round(right - left), Math.round(bottom - top), -1, FRAME);
            c.text((left + right) / 2, (top + bottom) / 2, "no finite values", 12 * s, MUTED, 0, false);
            c.end();
            return;
        }
        // x: whole epochs; a single epoch sits in the middle
        double xlo = xmin == xmax ? xmin - 1 : xmin;
        double xhi = xmin == xmax ? xmax + 1 : xmax;
        double inset = xmin == xmax ? 0 : 8 * s;
        Ticks xt = Ticks.of(xmin, xmax, Math.max(2, Math.min(10, (int) ((right - left) / (48 * s)))), true);
        double x0 = left + inset;
        double xw = right - left - 2 * inset;
        double plotH = bottom - top;
        java.util.function.DoubleUnaryOperator px = v -> x0 + (v - xlo) / (xhi - xlo) * xw;
        java.util.function.DoubleUnaryOperator py = v -> bottom - (v - yt.lo) / (yt.hi - yt.lo) * plotH;
        for (int i = 0; i < yt.values.length; i++) {
            double ty = snap(py.applyAsDouble(yt.values[i]));
            c.line(left, ty, right, ty, GRID, 1);
            c.text(left - 6 * s, ty + tickFont * 0.36, yt.labels[i], tickFont, MUTED, 1, false);
        }
        for (int i = 0; i < xt.values.length; i++) {
            double tx = snap(px.applyAsDouble(xt.values[i]));
            c.line(tx, top, tx, bottom, GRID, 1);
            c.line(tx, bottom, tx, bottom + 4 * s, FRAME, 1);
            c.text(tx, bottom + 4 * s + tickFont, xt.labels[i], tickFont, MUTED, 0, false);
        }
        c.rect(snap(left), snap(top), Math.round(right - left), Math.round(bottom - top), -1, FRAME);
        c.text((left + right) / 2, bottom + 4 * s + tickFont + 15 * s, "epoch", 12 * s, MUTED, 0, false);
        for (Series ser : all) {
            boolean train = ser == p.train();
            curve(c, ser, train ? TRAIN : VALIDATION, train ? "training" : "validation", px, py, s);
        }
        c.end();
    }

    /** A curve: a polyline per run of finite values, markers at every point when there are few. */
    private static void curve(Canvas c, Series ser, int rgb, String role,
                              java.util.function.DoubleUnaryOperator px, java.util.function.DoubleUnaryOperator py,
                              double s) {
        c.begin("series " + role, ser.key());
        int n = ser.y().length;
        double[] xs = new double[n];
        double[] ys = new double[n];
        boolean allMarkers = n <= MARKER_LIMIT;
        int i = 0;
        while (i < n) {
            if (!Double.isFinite(ser.y()[i])) {
                i++;
                continue;
            }
            int k = 0;
            while (i < n && Double.isFinite(ser.y()[i])) {
                xs[k] = px.applyAsDouble(ser.x()[i]);
                ys[k] = py.applyAsDouble(ser.y()[i]);
                k++;
                i++;
            }
            if (k > 1) {
                c.polyline(xs, ys, k, rgb, 2.2 * s, role);
            }
            if (allMarkers || k == 1) {
                for (int j = 0; j < k; j++) {
                    c.circle(xs[j], ys[j], 3 * s, rgb);
                }
            }
        }
        c.end();
    }

    /** Puts a 1-pixel line in the middle of a pixel, so it stays sharp. */
    private static double snap(double v) {
        return Math.floor(v) + 0.5;
    }

    static double textWidth(String s, double font) {
        return s.length() * font * CHAR_EM;
    }

    /** Round tick values (1, 2 or 5 times a power of ten) covering a range, with their labels. */
    static final class Ticks {
        final double lo;
        final double hi;
        final double[] values;
        final String[] labels;

        private Ticks(double lo, double hi, double[] values, String[] labels) {
            this.lo = lo;
            this.hi = hi;
            this.values = values;
            this.labels = labels;
        }

        /**
         * About {@code target} ticks inside [min, max]; for values ({@code integers == false}) the range first gets
         * a 5% margin on each side, for epochs ({@code integers}) it stays and the step is a whole number.
         */
        static Ticks of(double min, double max, int target, boolean integers) {
            if (!integers) {
                // a margin of 5% (as matplotlib's) keeps points off the frame; a constant gets +-5% of itself
                double d = min == max ? (min == 0 ? 1 : Math.abs(min) * 0.05) : (max - min) * 0.05;
                min -= d;
                max += d;
            }
            double step = niceStep(Math.max(max - min, integers ? 1 : 0) / target);
            if (integers) {
                step = Math.max(1, Math.round(step));
            }
            // the axis spans the data (with its margin); the ticks are the round values inside it
            long first = (long) Math.ceil(min / step - 1e-9);
            long last = (long) Math.floor(max / step + 1e-9);
            double lo = min;
            double hi = max;
            int count = (int) (last - first + 1);
            double[] values = new double[count];
            String[] labels = new String[count];
            boolean sci = !integers && (Math.max(Math.abs(lo), Math.abs(hi)) >= 1e6 || step < 1e-4);
            int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            for (int i = 0; i < count; i++) {
                double v = (first + i) * step;
                values[i] = v;
                labels[i] = label(v == 0 ? 0 : v, decimals, sci);
            }
            return new Ticks(lo, hi, values, labels);
        }

        private static double niceStep(double raw) {
            if (!(raw > 0) || !Double.isFinite(raw)) {
                return 1;
            }
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / mag;
            double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
            return nice * mag;
        }

        private static String label(double v, int decimals, boolean sci) {
            if (sci) {
                if (v == 0) {
                    return "0";
                }
                String t = String.format(Locale.ROOT, "%.2e", v); // 2.50e-05
                int e = t.indexOf('e');
                String mantissa = t.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
                int exp = Integer.parseInt(t.substring(e + 1));
                return mantissa + "e" + exp;
            }
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }

    /** The SVG canvas: plain text, grouped and titled so a reader (or a test) can find each curve. */
    private static final class Svg implements Canvas {
        private final StringBuilder sb = new StringBuilder();

        Svg(int width, int height) {
            sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                    .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                    .append("\" font-family=\"").append(FONT).append("\">\n");
        }

        String finish() {
            return sb.append("</svg>\n").toString();
        }

        @Override
        public void begin(String cssClass, String title) {
            sb.append("<g class=\"").append(cssClass).append('"');
            if (title != null) {
                sb.append(" data-name=\"").append(escape(title)).append("\">\n<title>").append(escape(title))
                        .append("</title>\n");
            } else {
                sb.append(">\n");
            }
        }

        @Override
        public void end() {
            sb.append("</g>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, int rgb, double width) {
            sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                    .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour(rgb))
                    .append("\" stroke-width=\"").append(n(width)).append("\"/>\n");
        }

        @Override
        public void rect(double x, double y, double w, double h, int fill, int stroke) {
            sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                    .append("\" height=\"").append(n(h)).append("\" fill=\"")
                    .append(fill < 0 ? "none" : colour(fill)).append('"');
            if (stroke >= 0) {
                sb.append(" stroke=\"").append(colour(stroke)).append("\" stroke-width=\"1\"");
            }
            sb.append("/>\n");
        }

        @Override
        public void polyline(double[] xs, double[] ys, int n, int rgb, double width, String cssClass) {
            sb.append("<polyline class=\"").append(cssClass).append("\" points=\"");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : " ").append(n(xs[i])).append(',').append(n(ys[i]));
            }
            sb.append("\" fill=\"none\" stroke=\"").append(colour(rgb)).append("\" stroke-width=\"").append(n(width))
                    .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n");
        }

        @Override
        public void circle(double x, double y, double r, int rgb) {
            sb.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(r))
                    .append("\" fill=\"").append(colour(rgb)).append("\"/>\n");
        }

        @Override
        public void text(double x, double y, String s, double size, int rgb, int anchor, boolean bold) {
            sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"")
                    .append(n(size)).append("\" fill=\"").append(colour(rgb)).append('"');
            if (anchor != -1) {
                sb.append(" text-anchor=\"").append(anchor == 0 ? "middle" : "end").append('"');
            }
            if (bold) {
                sb.append(" font-weight=\"bold\"");
            }
            sb.append('>').append(escape(s)).append("</text>\n");
        }

        private static String n(double v) {
            String t = String.format(Locale.ROOT, "%.2f", v);
            t = t.replaceAll("0+$", "");
            return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
        }

        private static String colour(int rgb) {
            return String.format(Locale.ROOT, "#%06x", rgb);
        }

        private static String escape(String s) {
            // control characters cannot appear in XML 1.0 at all
            return s.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "?").replace("&", "&amp;")
                    .replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
    }
}
