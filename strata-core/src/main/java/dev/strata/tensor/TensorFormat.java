package dev.strata.tensor;

import java.util.Locale;

/**
 * numpy-like text for tensors: nested brackets, one shared number format, aligned columns, and tensors of
 * more than {@value #ELIDE_ABOVE} elements shown by their first and last {@value #EDGE_ITEMS} items per axis.
 */
final class TensorFormat {
    static final int ELIDE_ABOVE = 1000;
    static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(float[] data, Shape shape, String label) {
        String prefix = label + "(";
        boolean elide = data.length > ELIDE_ABOVE;
        NumberStyle style = NumberStyle.choose(data, shape, elide);
        StringBuilder sb = new StringBuilder(prefix);
        if (shape.rank() == 0) {
            sb.append(style.format(data[0]).strip());
        } else {
            int[] strides = strides(shape);
            appendLevel(sb, data, shape, strides, 0, 0, style, elide, " ".repeat(prefix.length()));
        }
        return sb.append(", shape=").append(shape).append(')').toString();
    }

    private static void appendLevel(StringBuilder sb, float[] data, Shape shape, int[] strides, int axis, int offset,
                                    NumberStyle style, boolean elide, String indent) {
        int n = shape.get(axis);
        boolean cut = elide && n > 2 * EDGE_ITEMS;
        sb.append('[');
        boolean last = axis == shape.rank() - 1;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE_ITEMS) {
                sb.append(last ? "..., " : "...,\n" + indent + " ".repeat(axis + 1));
                i = n - EDGE_ITEMS;
            }
            if (last) {
                sb.append(style.format(data[offset + i]));
                if (i < n - 1) {
                    sb.append(", ");
                }
            } else {
                appendLevel(sb, data, shape, strides, axis + 1, offset + i * strides[axis], style, elide, indent);
                if (i < n - 1) {
                    sb.append(',').append("\n".repeat(shape.rank() - axis - 1)).append(indent)
                            .append(" ".repeat(axis + 1));
                }
            }
        }
        sb.append(']');
    }

    private static int[] strides(Shape shape) {
        int[] s = new int[shape.rank()];
        int stride = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape.get(i);
        }
        return s;
    }

    /** One format for all printed elements, so columns line up (numpy's rule). */
    private record NumberStyle(boolean scientific, int decimals, int width) {
        static NumberStyle choose(float[] data, Shape shape, boolean elide) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            int decimals = 0;
            for (float v : data) {
                if (!Float.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
                decimals = Math.max(decimals, decimalsNeeded(v));
            }
            // numpy's rule for switching to exponent notation
            boolean scientific = maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
            NumberStyle unpadded = new NumberStyle(scientific, decimals, 0);
            int width = 0;
            for (float v : data) {
                width = Math.max(width, unpadded.format(v).length());
            }
            return new NumberStyle(scientific, decimals, width);
        }

        private static int decimalsNeeded(float v) {
            String s = String.format(Locale.ROOT, "%.4f", v);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '0') {
                end--;
            }
            int dot = s.indexOf('.');
            return Math.max(0, end - dot - 1);
        }

        String format(float v) {
            String s;
            if (Float.isNaN(v)) {
                s = "nan";
            } else if (Float.isInfinite(v)) {
                s = v > 0 ? "inf" : "-inf";
            } else if (scientific) {
                s = String.format(Locale.ROOT, "%.4e", v);
            } else if (decimals == 0) {
                s = String.format(Locale.ROOT, "%.0f.", v);
            } else {
                // numpy drops trailing zeros but keeps decimal points aligned: " 0.5 ", "-1.25"
                s = String.format(Locale.ROOT, "%." + decimals + "f", v);
                int end = s.length();
                while (s.charAt(end - 1) == '0') {
                    end--;
                }
                s = s.substring(0, end) + " ".repeat(s.length() - end);
            }
            return width > s.length() ? " ".repeat(width - s.length()) + s : s;
        }
    }
}
