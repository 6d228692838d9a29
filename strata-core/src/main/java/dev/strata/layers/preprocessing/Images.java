package dev.strata.layers.preprocessing;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * What the image preprocessing layers share: Keras's data formats and the rank check (naming the layer, both shapes
 * and the data format), factor arguments in Keras's forms (a number or a (lower, upper) pair, each layer with its
 * bounds), config numbers written as Python writes them, seeded draws, and affine transforms of a batch.
 */
final class Images {
    static final String CHANNELS_LAST = "channels_last";
    static final String CHANNELS_FIRST = "channels_first";
    /** The fill modes of RandomRotation, RandomZoom and RandomTranslation (Keras's {@code _SUPPORTED_FILL_MODE}). */
    static final List<String> FILL_MODES = List.of("reflect", "wrap", "constant", "nearest");
    /** Their interpolations (Keras's {@code _SUPPORTED_INTERPOLATION}). */
    static final List<String> INTERPOLATIONS = List.of("nearest", "bilinear");

    private Images() {
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

    /** The height axis of a batch of images; the width axis follows it. */
    static int heightAxis(String dataFormat) {
        return dataFormat.equals(CHANNELS_FIRST) ? 2 : 1;
    }

    /**
     * Fails with a shape error naming the layer, the shape it received, the shape it was built for and the data
     * format, unless the input is a batch of images (rank 4).
     */
    static void requireImages(Layer layer, Shape shape, String dataFormat) {
        if (shape.rank() != 4) {
            String axes = dataFormat.equals(CHANNELS_FIRST) ? "(batch, channels, height, width)"
                    : "(batch, height, width, channels)";
            List<Shape> built = layer.buildInputShapes();
            throw new ShapeException(layer.describe() + " expects inputs of rank 4, " + axes + " as data_format is "
                    + dataFormat + ", but received shape " + shape
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")"));
        }
    }

    /** A positive size. */
    static int size(String who, String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(who + ": " + what + " must be a positive integer, got " + value);
        }
        return value;
    }

    /** One of {@code allowed}, as Keras's error words it. */
    static String oneOf(String who, String what, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(who + ": unknown " + what + " '" + value + "', expected one of "
                    + allowed);
        }
        return value;
    }

    /**
     * {@code BaseImagePreprocessingLayer._set_factor}: a number in [lo, hi] gives {@code (max(-|f|, lo), |f|)}; a
     * pair is sorted, refused only when its lower entry is above {@code hi} or its upper entry below {@code lo}.
     */
    static double[] baseFactor(String who, double[] factor, double lo, double hi) {
        String error = who + ": the factor argument should be a number (or a list of two numbers) in the range ["
                + num(lo) + ", " + num(hi) + "], got " + describe(factor);
        if (factor == null || (factor.length != 1 && factor.length != 2)) {
            throw new IllegalArgumentException(error);
        }
        if (factor.length == 2) {
            if (!(factor[0] <= hi) || !(factor[1] >= lo)) {
                throw new IllegalArgumentException(error);
            }
            return sorted(factor);
        }
        double f = factor[0];
        if (!(f >= lo && f <= hi)) {
            throw new IllegalArgumentException(error);
        }
        return new double[] {Math.max(-Math.abs(f), lo), Math.abs(f)};
    }

    /**
     * RandomZoom's and RandomTranslation's {@code _set_factor}: every entry checked against the bounds (the lower
     * one open for RandomZoom, where -1 would zoom to nothing), a number {@code f} gives {@code (-|f|, |f|)}.
     */
    static double[] axisFactor(String who, String what, double[] factor, boolean lowerOpen) {
        String range = lowerOpen ? "(-1.0, 1.0]" : "[-1.0, 1.0]";
        if (factor == null || (factor.length != 1 && factor.length != 2)) {
            throw new IllegalArgumentException(who + ": " + what + " should be a number (or a list of two numbers) "
                    + "in the range " + range + ", got " + describe(factor));
        }
        for (double f : factor) {
            if (!(f <= 1.0) || (lowerOpen ? !(f > -1.0) : !(f >= -1.0))) {
                throw new IllegalArgumentException(who + ": " + what + " should be a number (or a list of two "
                        + "numbers) in the range " + range + ", got " + describe(factor));
            }
        }
        return factor.length == 2 ? sorted(factor) : new double[] {-Math.abs(factor[0]), Math.abs(factor[0])};
    }

    private static double[] sorted(double[] pair) {
        double[] s = pair.clone();
        Arrays.sort(s);
        return s;
    }

    static String describe(double[] factor) {
        if (factor == null) {
            return "None";
        }
        return factor.length == 1 ? String.valueOf(num(factor[0])) : Arrays.stream(factor).mapToObj(Images::num)
                .toList().toString();
    }

    /** A number as Python wrote it when it came from an integer (Keras keeps {@code 0} and {@code 255} ints). */
    static Object num(double v) {
        return v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE && !(v == 0 && 1 / v < 0) ? (Object) (int) v
                : (Object) v;
    }

    /** A factor as Keras writes its pair: {@code [lower, upper]}. */
    static List<Object> pair(double[] v) {
        return List.of(num(v[0]), num(v[1]));
    }

    /** A factor as given: a number, or a list of two. */
    static Object given(double[] v) {
        return v == null ? null : v.length == 1 ? num(v[0]) : pair(v);
    }

    /** A factor key of a config: a number or a list of two numbers (null when absent or None). */
    static double[] readFactor(Config c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number) {
            return new double[] {c.toDouble(v, key)};
        }
        List<Object> list = c.list(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.toDouble(list.get(i), key);
        }
        return out;
    }

    /** Keras's {@code value_range} from a config: null when absent, else its two numbers. */
    static double[] readValueRange(Config c) {
        double[] range = readFactor(c, "value_range");
        if (range != null && range.length != 2) {
            throw c.error("'value_range' must be a list of two numbers");
        }
        return range;
    }

    /** A layer's own generator for a {@code seed}, the algorithm Dropout uses. */
    static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** {@code n} uniform draws in [lo, hi) from the layer's generator, or from the global one if it has none. */
    static float[] uniform(int n, double lo, double hi, RandomGenerator generator) {
        Shape s = Shape.of(n);
        Tensor t = generator == null ? Tensor.uniform(s, (float) lo, (float) hi)
                : Tensor.uniform(s, (float) lo, (float) hi, generator);
        return t.toFloatArray();
    }

    /** {@code Ops.affineTransform} with one {@code [a0, a1, a2, b0, b1, b2, 0, 0]} row per image. */
    static Tensor affine(Tensor images, float[] transforms, String interpolation, String fillMode, float fillValue,
            String dataFormat) {
        return Ops.affineTransform(images, Tensor.of(transforms, transforms.length / 8, 8), interpolation, fillMode,
                fillValue, dataFormat);
    }
}
