package dev.strata.layers.preprocessing;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the colour augmentation layers of Keras 3 (RandomGrayscale, RandomInvert, Solarization, RandomPosterization,
 * AutoContrast, Equalization) share beyond {@link Images}: their factors kept as Keras keeps them (each entry an
 * {@code Integer} or a {@code Double} as Python had it, since their configs write {@code [0, 1.0]}), Keras's
 * {@code _transform_value_range}, per-image masks and the RGB channel check.
 */
final class ColorLayers {
    private ColorLayers() {
    }

    /** A double as Python has a float: always a {@code Double}. */
    static Number[] floats(double... values) {
        Number[] out = new Number[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /**
     * {@code BaseImagePreprocessingLayer._set_factor} with Python's number types: a number {@code f} in [lo, hi]
     * gives {@code (max(-|f|, lo), |f|)}; a pair is sorted, refused only when its first entry is above {@code hi}
     * or its second below {@code lo}.
     */
    static Number[] baseFactor(String who, String what, Number[] factor, Number lo, Number hi) {
        String error = who + ": the " + what + " argument should be a number (or a list of two numbers) in the range ["
                + lo + ", " + hi + "], got " + describe(factor);
        if (factor == null || (factor.length != 1 && factor.length != 2)) {
            throw new IllegalArgumentException(error);
        }
        if (factor.length == 2) {
            if (!(factor[0].doubleValue() <= hi.doubleValue()) || !(factor[1].doubleValue() >= lo.doubleValue())) {
                throw new IllegalArgumentException(error);
            }
            return sorted(factor);
        }
        double f = factor[0].doubleValue();
        if (!(f >= lo.doubleValue() && f <= hi.doubleValue())) {
            throw new IllegalArgumentException(error);
        }
        Number abs = abs(factor[0]);
        Number neg = negate(abs);
        // Python's max(-f, lo) keeps its first argument unless the second is larger
        return new Number[] {lo.doubleValue() > neg.doubleValue() ? lo : neg, abs};
    }

    /** Python's {@code sorted} of two numbers (stable: equal entries keep their order). */
    static Number[] sorted(Number[] pair) {
        return pair[1].doubleValue() < pair[0].doubleValue() ? new Number[] {pair[1], pair[0]} : pair.clone();
    }

    private static Number abs(Number v) {
        return v instanceof Double d ? (Number) Math.abs(d) : (Number) Math.abs(v.longValue());
    }

    private static Number negate(Number v) {
        return v instanceof Double d ? (Number) (-d) : (Number) (-v.longValue());
    }

    static double[] doubles(Number[] v) {
        return Arrays.stream(v).mapToDouble(Number::doubleValue).toArray();
    }

    static String describe(Number[] v) {
        return v == null ? "None" : v.length == 1 ? String.valueOf(v[0]) : Arrays.toString(v);
    }

    /** A number or a list of numbers from a config, each as the JSON had it (null when absent or None). */
    static Number[] readNumbers(Config c, String key) {
        Object v = c.raw(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return new Number[] {n};
        }
        List<Number> out = new ArrayList<>();
        for (Object o : c.list(key)) {
            if (!(o instanceof Number n)) {
                throw c.error("'" + key + "' must be a number or a list of numbers, got " + Config.describe(v));
            }
            out.add(n);
        }
        return out.toArray(Number[]::new);
    }

    /** The config form of a factor: the numbers as Python would write them ({@code Long}s as ints). */
    static Object write(Number[] v) {
        List<Object> out = new ArrayList<>();
        for (Number n : v) {
            out.add(n instanceof Double ? n : (Object) Math.toIntExact(n.longValue()));
        }
        return v.length == 1 ? out.getFirst() : List.copyOf(out);
    }

    /** Keras's {@code _set_value_range}: two numbers, sorted. */
    static double[] sortedRange(String who, double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == b) {
            throw new IllegalArgumentException(who + ": value_range must be two different finite numbers, got ["
                    + Images.num(a) + ", " + Images.num(b) + "]");
        }
        return new double[] {Math.min(a, b), Math.max(a, b)};
    }

    /** {@code value_range} read from a config (null when absent). */
    static double[] readRange(Config c) {
        return Images.readValueRange(c);
    }

    /**
     * Keras's {@code _transform_value_range}: {@code (x - from[0]) / (from[1] - from[0]) * (to[1] - to[0]) + to[0]}
     * in float32, or {@code x} itself when the two ranges are equal.
     */
    static Tensor toRange(Tensor x, double[] from, double[] to) {
        if (from[0] == to[0] && from[1] == to[1]) {
            return x;
        }
        float f0 = (float) from[0];
        float t0 = (float) to[0];
        Tensor unit = Ops.divide(Ops.subtract(x, f0), (float) from[1] - f0);
        return Ops.add(Ops.multiply(unit, (float) to[1] - t0), t0);
    }

    /** A (batch, 1, 1, 1) mask: 1 where {@code on} holds. */
    static Tensor perImage(boolean[] on) {
        float[] m = new float[on.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = on[i] ? 1f : 0f;
        }
        return Tensor.of(m, m.length, 1, 1, 1);
    }

    /** A (batch, 1, 1, 1) tensor of one value per image. */
    static Tensor perImage(float[] v) {
        return Tensor.of(v.clone(), v.length, 1, 1, 1);
    }

    /**
     * Fails with a shape error naming the layer, the shape and the data format unless the channel axis holds 3
     * (RGB) or, where {@code grayOk}, 1 value; an unknown channel count passes (checked again on data).
     */
    static void requireRgb(Layer layer, Shape shape, String dataFormat, boolean grayOk) {
        int c = shape.get(dataFormat.equals(Images.CHANNELS_FIRST) ? 1 : 3);
        if (c != Shape.UNKNOWN && c != 3 && !(grayOk && c == 1)) {
            throw new ShapeException(layer.describe() + " expects RGB images: 3 channels" + (grayOk ? " (or 1)" : "")
                    + " on the channel axis of data_format " + dataFormat + ", but received shape " + shape);
        }
    }
    /** The 3 channels of images on their channel axis, each kept as an axis of 1 (Keras's {@code images[..., i]}). */
    static Tensor[] channels(Tensor images, String dataFormat) {
        int axis = dataFormat.equals(Images.CHANNELS_FIRST) ? 1 : 3;
        return new Tensor[] {Ops.take(images, new int[] {0}, axis), Ops.take(images, new int[] {1}, axis),
                Ops.take(images, new int[] {2}, axis)};
    }

    /** Keras's {@code stack([c0, c1, c2], channel axis)} of channels kept as axes of 1. */
    static Tensor stack(Tensor[] channels, String dataFormat) {
        return Ops.concatenate(List.of(channels), dataFormat.equals(Images.CHANNELS_FIRST) ? 1 : 3);
    }
    /**
     * The config of a layer with a factor, a value range and a seed, in Keras's key order: the base config, then
     * {@code data_format}, {@code factor}, {@code value_range} and {@code seed}.
     */
    static Map<String, Object> factorConfig(Map<String, Object> base, String dataFormat, Number[] factor,
            double[] valueRange, Long seed) {
        Map<String, Object> config = new LinkedHashMap<>(base);
        config.put("data_format", dataFormat);
        config.put("factor", write(factor));
        config.put("value_range", Images.pair(valueRange));
        config.put("seed", seed);
        return config;
    }
}
