package dev.strata.initializers;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in initializers by Keras name and as factories, like {@code keras.initializers.get}. Each initializer is
 * its own class ({@link GlorotUniform}, {@link HeNormal}, {@link RandomNormal}, ...) with Keras 3's formulas and
 * defaults; this class finds them by name and reads and writes their saved form.
 *
 * <pre>{@code
 * Initializer a = Initializers.get("he_normal");       // or "HeNormal"
 * Initializer b = Initializers.randomNormal(0f, 0.02f);
 * }</pre>
 */
public final class Initializers {
    private Initializers() {
    }

    /**
     * The initializer with Keras's name, with default arguments: the class name ({@code "GlorotUniform"}) or its
     * snake_case ({@code "glorot_uniform"}, {@code "he_normal"}, {@code "random_normal"}, {@code "zeros"},
     * {@code "orthogonal"}, {@code "variance_scaling"}, ...), plus Keras's aliases {@code "zero"} and {@code "one"}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer get(String name) {
        Objects.requireNonNull(name, "initializer name");
        switch (name) {
            case "zero" -> {
                return new Zeros();
            }
            case "one" -> {
                return new Ones();
            }
            default -> {
                Initializer found = KerasObjects.builtIn(name, Initializer.class);
                if (found == null) {
                    throw new IllegalArgumentException("unknown initializer '" + name + "'; known: "
                            + KerasObjects.builtInNames(Initializer.class) + " (or their snake_case names)");
                }
                return found;
            }
        }
    }

    /** {@link VarianceScaling} with these arguments. */
    public static Initializer varianceScaling(double scale, VarianceScaling.Mode mode,
                                              VarianceScaling.Distribution distribution) {
        return new VarianceScaling(scale, mode, distribution);
    }

    /** {@link GlorotUniform}: the default kernel initializer of Dense. */
    public static Initializer glorotUniform() {
        return new GlorotUniform();
    }

    /** {@link GlorotNormal}. */
    public static Initializer glorotNormal() {
        return new GlorotNormal();
    }

    /** {@link HeNormal}. */
    public static Initializer heNormal() {
        return new HeNormal();
    }

    /** {@link HeUniform}. */
    public static Initializer heUniform() {
        return new HeUniform();
    }

    /** {@link LecunNormal}. */
    public static Initializer lecunNormal() {
        return new LecunNormal();
    }

    /** {@link LecunUniform}. */
    public static Initializer lecunUniform() {
        return new LecunUniform();
    }

    /** {@link RandomNormal}: N(mean, stddev²). */
    public static Initializer randomNormal(float mean, float stddev) {
        return new RandomNormal(mean, stddev);
    }

    /** {@link RandomUniform}: U(min, max). */
    public static Initializer randomUniform(float min, float max) {
        return new RandomUniform(min, max);
    }

    /** {@link TruncatedNormal}: N(mean, stddev²) redrawn beyond two stddevs. */
    public static Initializer truncatedNormal(float mean, float stddev) {
        return new TruncatedNormal(mean, stddev);
    }

    /** {@link Zeros}: the default bias initializer. */
    public static Initializer zeros() {
        return new Zeros();
    }

    /** {@link Ones}. */
    public static Initializer ones() {
        return new Ones();
    }

    /** {@link Constant}: every element equal to {@code value}. */
    public static Initializer constant(float value) {
        return new Constant(value);
    }

    /** {@link Orthogonal}: a (semi-)orthogonal matrix times {@code gain}. */
    public static Initializer orthogonal(float gain) {
        return new Orthogonal(gain);
    }

    // ---- saved form --------------------------------------------------------------------------------------------

    /**
     * Keras's {@code initializers.serialize}: {@code {"module": "keras.initializers", "class_name": ..., "config":
     * ..., "registered_name": null}}, the form a layer's config holds; null for null. A user's initializer class is
     * written with {@code module} null and its registered name (see {@code dev.strata.config.SavingRegistry}).
     */
    public static Map<String, Object> serialize(Initializer initializer) {
        return initializer == null ? null : KerasObjects.serialize(initializer);
    }

    /**
     * Keras's {@code initializers.get} on a config value: null, a name ({@code "glorot_uniform"},
     * {@code "GlorotUniform"}) or a serialized dict ({@code {"class_name": "HeNormal", "config": {...}}}).
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws dev.strata.config.KerasConfigException for an unknown class or a config key the class does not take
     */
    public static Initializer deserialize(Object value) {
        return deserialize(value, ConfigContext.DEFAULT);
    }

    /** {@link #deserialize(Object)} with a context giving custom classes. */
    public static Initializer deserialize(Object value, ConfigContext context) {
        if (value instanceof String name && (name.equals("zero") || name.equals("one"))) {
            return get(name);
        }
        return KerasObjects.deserialize(value, Initializer.class, context, "initializer");
    }

    // ---- shared by the initializer classes ---------------------------------------------------------------------

    /**
     * Keras's {@code compute_fans}: a vector's fans are its length; a matrix's are its rows and columns; higher
     * ranks multiply the last two dimensions by the receptive field (the product of the others).
     */
    static double[] fans(Shape shape) {
        int r = shape.rank();
        if (r == 0) {
            return new double[] {1, 1};
        }
        if (r == 1) {
            return new double[] {shape.get(0), shape.get(0)};
        }
        if (r == 2) {
            return new double[] {shape.get(0), shape.get(1)};
        }
        double receptive = 1;
        for (int i = 0; i < r - 2; i++) {
            receptive *= shape.get(i);
        }
        return new double[] {shape.get(r - 2) * receptive, shape.get(r - 1) * receptive};
    }

    static void requireKnown(Initializer initializer, Shape shape) {
        if (!shape.isFullyDefined()) {
            throw new IllegalArgumentException(initializer.getClass().getSimpleName() + ": cannot initialize a "
                    + "weight of shape " + shape + " with unknown dimensions");
        }
    }

    /** {@code {seed: null, k1: v1, k2: v2}}, Keras's order for the random initializers. */
    static Map<String, Object> seeded(String k1, float v1, String k2, float v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", null);
        m.put(k1, asDecimal(v1));
        m.put(k2, asDecimal(v2));
        return m;
    }

    /** The double a user meant by a float argument ({@code 0.05f} is 0.05 in the config, as in Keras). */
    static double asDecimal(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    /** {@code "GlorotUniform{seed=null, ...}"}, for printing. */
    static String describe(Initializer initializer) {
        return BuiltInClasses.className(initializer.getClass()) + initializer.getConfig();
    }
}
