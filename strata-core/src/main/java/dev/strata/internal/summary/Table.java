package dev.strata.internal.summary;

import java.util.ArrayList;
import java.util.List;

/**
 * A box-drawn table laid out as Keras's {@code model.summary()} lays it out through rich: the total width is
 * {@code min(default, terminal columns - 4)}, columns get {@code int(position * width)} shares, and since
 * rich adds one space of padding on each side, the columns are then shrunk evenly (rich's
 * {@code ratio_reduce} with Python's half-to-even rounding) to fit the borders; cells wrap at spaces.
 */
public final class Table {
    private Table() {
    }

    /** Left or right alignment of a column. */
    public enum Align { LEFT, RIGHT }

    /**
     * Renders the table.
     *
     * @param lineLength the total width (Keras: 88 with three columns, 108 with four, capped by the terminal)
     * @param positions  the right edge of each column as a fraction of the width
     */
    public static String render(List<String> header, List<Align> align, List<List<String>> rows, int lineLength,
                                double[] positions) {
        int n = header.size();
        int[] widths = new int[n];
        int current = 0;
        for (int i = 0; i < n; i++) {
            widths[i] = (int) (positions[i] * lineLength) - current + 2; // + rich's padding
            current += widths[i] - 2;
        }
        int available = lineLength - (n + 1);
        int excess = sum(widths) - available;
        if (excess > 0) {
            reduceEvenly(widths, excess);
        }
        StringBuilder sb = new StringBuilder();
        border(sb, widths, '┏', '━', '┳', '┓');
        row(sb, widths, header, align, '┃');
        border(sb, widths, '┡', '━', '╇', '┩');
        for (int r = 0; r < rows.size(); r++) {
            if (r > 0) {
                border(sb, widths, '├', '─', '┼', '┤');
            }
            row(sb, widths, rows.get(r), align, '│');
        }
        border(sb, widths, '└', '─', '┴', '┘');
        return sb.toString();
    }

    /** The line length Keras would use: its default, capped at the terminal's columns minus 4. */
    public static int lineLength(int keraDefault) {
        int columns = 80; // shutil.get_terminal_size()'s fallback
        String env = System.getenv("COLUMNS");
        if (env != null) {
            try {
                columns = Integer.parseInt(env.trim());
            } catch (NumberFormatException ignored) {
                // keep the fallback
            }
        }
        return Math.min(keraDefault, columns - 4);
    }

    /** rich's {@code ratio_reduce} with equal ratios: takes {@code total} off the widths, first columns first. */
    private static void reduceEvenly(int[] widths, int total) {
        int remaining = total;
        int ratioLeft = widths.length;
        for (int i = 0; i < widths.length; i++) {
            int take = (int) Math.min(widths[i], Math.rint((double) remaining / ratioLeft));
            widths[i] -= take;
            remaining -= take;
            ratioLeft--;
        }
    }

    private static int sum(int[] a) {
        int s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }

    private static void border(StringBuilder sb, int[] widths, char left, char fill, char mid, char right) {
        sb.append(left);
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                sb.append(mid);
            }
            sb.append(String.valueOf(fill).repeat(widths[i]));
        }
        sb.append(right).append('\n');
    }

    private static void row(StringBuilder sb, int[] widths, List<String> cells, List<Align> align, char bar) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> lines = wrap(cells.get(i), widths[i] - 2);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        for (int line = 0; line < height; line++) {
            sb.append(bar);
            for (int i = 0; i < widths.length; i++) {
                if (i > 0) {
                    sb.append(bar);
                }
                String text = line < wrapped.get(i).size() ? wrapped.get(i).get(line) : "";
                int pad = widths[i] - 2 - text.length();
                sb.append(' ');
                if (align.get(i) == Align.RIGHT) {
                    sb.append(" ".repeat(Math.max(0, pad))).append(text);
                } else {
                    sb.append(text).append(" ".repeat(Math.max(0, pad)));
                }
                sb.append(' ');
            }
            sb.append(bar).append('\n');
        }
    }

    /** Greedy word wrap at spaces; a word longer than the width is cut into pieces. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** Keras's {@code readable_memory_size}: "4.81 KB". */
    public static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double size = bytes;
        for (String unit : units) {
            if (size / 1024 < 1) {
                return String.format(java.util.Locale.ROOT, "%.2f %s", size, unit);
            }
            size /= 1024;
        }
        return String.format(java.util.Locale.ROOT, "%.2f %s", size, units[units.length - 1]);
    }
}
