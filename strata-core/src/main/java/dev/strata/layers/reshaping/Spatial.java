package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the spatial reshaping layers share: Keras's data formats, the rank check (naming the layer, both shapes and
 * the data format), and the forms of per-axis {@code (before, after)} amounts that ZeroPadding and Cropping accept.
 */
final class Spatial {
    static final String CHANNELS_LAST = "channels_last";
    static final String CHANNELS_FIRST = "channels_first";

    private Spatial() {
    }

    /** Keras's {@code standardize_data_format}: "channels_last" for null, else one of the two in lower case. */
    static String dataFormat(String who, String dataFormat) {
        if (dataFormat == null) {
            return CHANNELS_LAST;
        }
        String f = dataFormat.toLowerCase(Locale.ROOT);
        if (!f.equals(CHANNELS_LAST) && !f.equals(CHANNELS_FIRST)) {
            throw new IllegalArgumentException(who + ": data_format must be \"channels_last\" or \"channels_first\", "
                    + "got \"" + dataFormat + "\"");
        }
        return f;
    }

    /** The index of the first spatial axis. */
    static int firstSpatialAxis(String dataFormat) {
        return dataFormat.equals(CHANNELS_FIRST) ? 2 : 1;
    }

    /**
     * Fails with a shape error naming the layer, the shape it received, the shape it was built for and the data
     * format, unless the input has {@code dims + 2} axes.
     */
    static void requireRank(Layer layer, Shape shape, int dims, String dataFormat) {
        if (shape.rank() != dims + 2) {
            String spatial = switch (dims) {
                case 1 -> "steps";
                case 2 -> "height, width";
                default -> "depth, height, width";
            };
            String axes = dataFormat.equals(CHANNELS_FIRST) ? "(batch, channels, " + spatial + ")"
                    : "(batch, " + spatial + ", channels)";
            List<Shape> built = layer.buildInputShapes();
            throw new ShapeException(layer.describe() + " expects inputs of rank " + (dims + 2) + ", " + axes
                    + " as data_format is " + dataFormat + ", but received shape " + shape
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")"));
        }
    }

    /** {@code dims} pairs, each {@code {amount, amount}}. */
    static int[][] uniform(int dims, int amount) {
        int[][] out = new int[dims][];
        for (int i = 0; i < dims; i++) {
            out[i] = new int[] {amount, amount};
        }
        return out;
    }

    /** One symmetric pair per axis: {@code {a, a}, {b, b}, ...}. */
    static int[][] symmetric(int... perAxis) {
        int[][] out = new int[perAxis.length][];
        for (int i = 0; i < perAxis.length; i++) {
            out[i] = new int[] {perAxis[i], perAxis[i]};
        }
        return out;
    }

    /**
     * {@code dims} {@code (before, after)} pairs of non-negative amounts, copied.
     *
     * @throws IllegalArgumentException naming {@code who} and {@code what} otherwise
     */
    static int[][] pairs(String who, String what, int dims, int[][] given) {
        if (given == null || given.length != dims) {
            throw new IllegalArgumentException(who + ": " + what + " must have " + dims + " (before, after) pairs, got "
                    + (given == null ? "none" : Arrays.deepToString(given)));
        }
        int[][] out = new int[dims][];
        for (int i = 0; i < dims; i++) {
            if (given[i] == null || given[i].length != 2 || given[i][0] < 0 || given[i][1] < 0) {
                throw new IllegalArgumentException(who + ": " + what + " must hold non-negative (before, after) "
                        + "pairs, got " + Arrays.deepToString(given));
            }
            out[i] = given[i].clone();
        }
        return out;
    }

    /**
     * Keras's forms of {@code key} in a config for {@code dims} axes: an integer (every side), a list of {@code dims}
     * integers (symmetric per axis; for one axis a {@code [before, after]} pair), or a list of pairs; {@code dflt} if
     * absent.
     */
    static int[][] readPairs(Config c, String key, int dims, int[][] dflt) {
        Object v = c.raw(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number) {
            return uniform(dims, c.toInt(v, key));
        }
        if (!(v instanceof List<?> list)) {
            throw c.error("'" + key + "' must be an integer or a list, got " + Config.describe(v));
        }
        if (dims == 1) {
            int[] pair = c.ints(key);
            if (pair.length != 2) {
                throw c.error("'" + key + "' must be an integer or a [before, after] pair, got " + Config.describe(v));
            }
            return new int[][] {pair};
        }
        if (list.size() != dims) {
            throw c.error("'" + key + "' must have " + dims + " entries, got " + Config.describe(v));
        }
        int[][] out = new int[dims][];
        for (int i = 0; i < dims; i++) {
            Object e = list.get(i);
            if (e instanceof Number) {
                int a = c.toInt(e, key);
                out[i] = new int[] {a, a};
            } else if (e instanceof List<?> p && p.size() == 2) {
                out[i] = new int[] {c.toInt(p.get(0), key), c.toInt(p.get(1), key)};
            } else {
                throw c.error("'" + key + "' entry " + i + " must be an integer or a [before, after] pair, got "
                        + Config.describe(e));
            }
        }
        return out;
    }

    /** Pairs as Keras writes them: a list of {@code [before, after]} lists (for one axis, the pair alone). */
    static Object write(int[][] pairs) {
        if (pairs.length == 1) {
            return List.of(pairs[0][0], pairs[0][1]);
        }
        List<Object> out = new ArrayList<>();
        for (int[] p : pairs) {
            out.add(List.of(p[0], p[1]));
        }
        return out;
    }

    /** Positive sizes, one per axis ({@code given} has one for all or one each). */
    static int[] sizes(String who, String what, int dims, int... given) {
        if (given == null || (given.length != 1 && given.length != dims)) {
            throw new IllegalArgumentException(who + ": " + what + " must be one integer or " + dims
                    + " integers, got " + (given == null ? "none" : Arrays.toString(given)));
        }
        int[] out = new int[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = given[given.length == 1 ? 0 : i];
            if (out[i] <= 0) {
                throw new IllegalArgumentException(who + ": " + what + " must hold positive integers, got "
                        + Arrays.toString(given));
            }
        }
        return out;
    }
}
