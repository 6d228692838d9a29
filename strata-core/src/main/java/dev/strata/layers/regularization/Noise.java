package dev.strata.layers.regularization;

import dev.strata.ShapeException;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * What the random regularization layers share: argument checks as Keras words them, their own seeded generator (the
 * algorithm Dropout uses), draws from it or from the global one, inverted dropout with a mask shape, and
 * {@code data_format}.
 */
final class Noise {
    private static final Tensor ZERO = Tensor.scalar(0f);

    private Noise() {
    }

    /**
     * A rate in [0, 1], or in [0, 1) when {@code oneAllowed} is false (the layers whose scale divides by
     * {@code 1 - rate}).
     */
    static double rate(String layer, String argument, double rate, boolean oneAllowed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(layer + ": invalid value for argument " + argument + ": expected a "
                    + "float value between 0 and 1, got " + rate);
        }
        if (rate == 1 && !oneAllowed) {
            throw new IllegalArgumentException(layer + ": invalid value for argument " + argument + ": expected a "
                    + "float value in [0, 1), got 1.0 (its scale divides by 1 - " + argument + ", which would make "
                    + "every output infinite or NaN)");
        }
        return rate;
    }

    /** A generator of its own for a layer given a {@code seed}, as Dropout makes one. */
    static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    /** Uniform [0, 1) draws from the layer's generator, or from the global one if it has none. */
    static Tensor uniform(Shape shape, RandomGenerator generator) {
        return generator == null ? Tensor.uniform(shape, 0f, 1f) : Tensor.uniform(shape, 0f, 1f, generator);
    }

    /** Normal draws from the layer's generator, or from the global one if it has none. */
    static Tensor normal(Shape shape, float mean, float stddev, RandomGenerator generator) {
        return generator == null ? Tensor.normal(shape, mean, stddev) : Tensor.normal(shape, mean, stddev, generator);
    }

    /**
     * Keras's {@code backend.random.dropout} (jax): {@code select(mask, x / keep, 0)} with a mask of
     * {@code maskShape} broadcast over {@code x}, 1 where a uniform draw is below {@code keep = 1 - rate}.
     */
    static Tensor dropout(Tensor x, double rate, Shape maskShape, RandomGenerator generator) {
        if (rate == 1) {
            return Ops.where(ZERO, x, ZERO); // every input dropped, still on the tape with a zero gradient
        }
        float keep = (float) (1.0 - rate);
        Tensor mask = Ops.less(uniform(maskShape, generator), keep);
        return Ops.where(mask, Ops.divide(x, keep), ZERO);
    }

    /** Keras's {@code standardize_data_format}: null is {@code channels_last}; any case. */
    static String dataFormat(String layer, String format) {
        if (format == null) {
            return "channels_last";
        }
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException(layer + ": the data_format argument must be one of "
                    + "{'channels_first', 'channels_last'}, got '" + format + "'");
        }
        return f;
    }

    /** The input must have exactly {@code rank} axes, laid out as {@code layout} describes. */
    static void requireRank(Layer layer, Shape in, int rank, String layout) {
        if (in.rank() != rank) {
            List<Shape> built = layer.buildInputShapes();
            throw new ShapeException(layer.describe() + " expected inputs of rank " + rank + " " + layout
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")") + ", but received shape "
                    + in);
        }
    }
}
