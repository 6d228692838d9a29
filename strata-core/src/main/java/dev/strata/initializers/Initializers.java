package dev.strata.initializers;

import dev.strata.internal.RandomState;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in initializers, by Keras name ({@link #get(String)}) or factory method. Formulas are Keras 3's
 * ({@code keras/src/initializers}): variance scaling draws with
 * {@code stddev = sqrt(scale / n) / 0.87962566103423978} (truncated normal, the constant being the stddev of a
 * unit normal truncated at ±2), {@code sqrt(scale / n)} (plain normal) or
 * {@code limit = sqrt(3 * scale / n)} (uniform), where n is fan_in, fan_out or their mean.
 */
public final class Initializers {
    private static final double TRUNCATED_STDDEV = 0.87962566103423978;

    private Initializers() {
    }

    /**
     * The initializer with Keras's name, with default arguments: {@code glorot_uniform}, {@code glorot_normal},
     * {@code he_normal}, {@code he_uniform}, {@code lecun_normal}, {@code lecun_uniform}, {@code random_normal},
     * {@code random_uniform}, {@code truncated_normal}, {@code zeros}, {@code ones}, {@code orthogonal},
     * {@code constant} (zero), {@code variance_scaling}. Class names ({@code "GlorotUniform"}) work too.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Initializer get(String name) {
        Objects.requireNonNull(name, "initializer name");
        return switch (dev.strata.internal.Names.toSnakeCase(name)) {
            case "glorot_uniform" -> glorotUniform();
            case "glorot_normal" -> glorotNormal();
            case "he_normal" -> heNormal();
            case "he_uniform" -> heUniform();
            case "lecun_normal" -> lecunNormal();
            case "lecun_uniform" -> lecunUniform();
            case "random_normal" -> randomNormal(0f, 0.05f);
            case "random_uniform" -> randomUniform(-0.05f, 0.05f);
            case "truncated_normal" -> truncatedNormal(0f, 0.05f);
            case "zeros", "zero" -> zeros();
            case "ones", "one" -> ones();
            case "constant" -> constant(0f);
            case "orthogonal" -> orthogonal(1f);
            case "variance_scaling" -> varianceScaling(1f, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; known: glorot_uniform, "
                    + "glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform, random_normal, "
                    + "random_uniform, truncated_normal, zeros, ones, constant, orthogonal, variance_scaling");
        };
    }

    /** How variance scaling counts the units a weight connects. */
    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG;

        String keras() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The distribution variance scaling draws from. */
    public enum Distribution {
        TRUNCATED_NORMAL, UNTRUNCATED_NORMAL, UNIFORM;

        String keras() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Keras's {@code VarianceScaling(scale, mode, distribution)}. */
    public static Initializer varianceScaling(float scale, Mode mode, Distribution distribution) {
        return varianceScaling("VarianceScaling", scale, mode, distribution);
    }

    /** U(-limit, limit) with limit = sqrt(6 / (fan_in + fan_out)); the default kernel initializer of Dense. */
    public static Initializer glorotUniform() {
        return varianceScaling("GlorotUniform", 1f, Mode.FAN_AVG, Distribution.UNIFORM);
    }

    /** Truncated normal with stddev sqrt(2 / (fan_in + fan_out)) (before truncation correction). */
    public static Initializer glorotNormal() {
        return varianceScaling("GlorotNormal", 1f, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL);
    }

    /** Truncated normal with stddev sqrt(2 / fan_in). */
    public static Initializer heNormal() {
        return varianceScaling("HeNormal", 2f, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** U(-limit, limit) with limit = sqrt(6 / fan_in). */
    public static Initializer heUniform() {
        return varianceScaling("HeUniform", 2f, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** Truncated normal with stddev sqrt(1 / fan_in). */
    public static Initializer lecunNormal() {
        return varianceScaling("LecunNormal", 1f, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL);
    }

    /** U(-limit, limit) with limit = sqrt(3 / fan_in). */
    public static Initializer lecunUniform() {
        return varianceScaling("LecunUniform", 1f, Mode.FAN_IN, Distribution.UNIFORM);
    }

    /** N(mean, stddev²); Keras's defaults are mean 0 and stddev 0.05. */
    public static Initializer randomNormal(float mean, float stddev) {
        return new Simple("RandomNormal", config("mean", mean, "stddev", stddev),
                shape -> Tensor.normal(shape, mean, stddev));
    }

    /** U(min, max); Keras's defaults are -0.05 and 0.05. */
    public static Initializer randomUniform(float min, float max) {
        return new Simple("RandomUniform", config("minval", min, "maxval", max),
                shape -> Tensor.uniform(shape, min, max));
    }

    /** N(mean, stddev²) redrawn beyond two stddevs; Keras's defaults are 0 and 0.05. */
    public static Initializer truncatedNormal(float mean, float stddev) {
        return new Simple("TruncatedNormal", config("mean", mean, "stddev", stddev),
                shape -> Tensor.truncatedNormal(shape, mean, stddev));
    }

    /** All zeros; the default bias initializer. */
    public static Initializer zeros() {
        return new Simple("Zeros", Map.of(), Tensor::zeros);
    }

    /** All ones. */
    public static Initializer ones() {
        return new Simple("Ones", Map.of(), Tensor::ones);
    }

    /** Every element equal to {@code value}. */
    public static Initializer constant(float value) {
        return new Simple("Constant", Map.of("value", asDecimal(value)), shape -> Tensor.full(shape, value));
    }

    /**
     * A (semi-)orthogonal matrix times {@code gain}, from the QR decomposition of a normal matrix with the signs
     * of R's diagonal folded in, as Keras does; shapes of rank > 2 are flattened to (prod(shape[:-1]), shape[-1]).
     */
    public static Initializer orthogonal(float gain) {
        return new Simple("Orthogonal", config("gain", gain), shape -> Orthogonal.sample(shape, gain));
    }

    private static Initializer varianceScaling(String className, float scale, Mode mode, Distribution dist) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("variance scaling: scale must be positive, got " + scale);
        }
        Map<String, Object> cfg = new LinkedHashMap<>(); // Keras 3.15's keys, in its order
        cfg.put("seed", null);
        if (className.equals("VarianceScaling")) {
            cfg.put("scale", (double) scale);
            cfg.put("mode", mode.keras());
            cfg.put("distribution", dist.keras());
        }
        cfg.put("input_axes", null);
        cfg.put("output_axes", null);
        return new Simple(className, cfg, shape -> {
            double[] fans = fans(shape);
            double n = switch (mode) {
                case FAN_IN -> fans[0];
                case FAN_OUT -> fans[1];
                case FAN_AVG -> (fans[0] + fans[1]) / 2.0;
            };
            n = Math.max(1.0, n);
            return switch (dist) {
                case TRUNCATED_NORMAL -> Tensor.truncatedNormal(shape, 0f,
                        (float) (Math.sqrt(scale / n) / TRUNCATED_STDDEV));
                case UNTRUNCATED_NORMAL -> Tensor.normal(shape, 0f, (float) Math.sqrt(scale / n));
                case UNIFORM -> {
                    float limit = (float) Math.sqrt(3.0 * scale / n);
                    yield Tensor.uniform(shape, -limit, limit);
                }
            };
        });
    }

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

    private static Map<String, Object> config(String k1, float v1, String k2, float v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", null);
        m.put(k1, asDecimal(v1));
        m.put(k2, asDecimal(v2));
        return m;
    }

    private static Map<String, Object> config(String k1, float v1) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", null);
        m.put(k1, asDecimal(v1));
        return m;
    }

    /** The double a user meant by a float argument ({@code 0.05f} is 0.05 in the config, as in Keras). */
    private static double asDecimal(float v) {
        return Double.parseDouble(Float.toString(v));
    }

    // ---- serialization -------------------------------------------------------------------------------------

    private static final java.util.Set<String> CLASS_NAMES = java.util.Set.of("GlorotUniform", "GlorotNormal",
            "HeNormal", "HeUniform", "LecunNormal", "LecunUniform", "RandomNormal", "RandomUniform",
            "TruncatedNormal", "Zeros", "Ones", "Constant", "Orthogonal", "VarianceScaling");

    /** Whether {@code className} names one of the built-in initializers ({@code "GlorotUniform"}, ...). */
    public static boolean isBuiltIn(String className) {
        return CLASS_NAMES.contains(className);
    }

    /**
     * Keras's {@code initializers.serialize}: {@code {"module": "keras.initializers", "class_name": ..., "config":
     * ..., "registered_name": null}}, the form a layer's config holds. An initializer that is not built in is
     * written with {@code module} null and {@code registered_name} {@code "Custom>" + className()}; loading it
     * needs the class registered under that name ({@code dev.strata.saving.SavingRegistry}).
     */
    public static Map<String, Object> serialize(Initializer initializer) {
        if (initializer == null) {
            return null;
        }
        boolean builtIn = initializer instanceof Simple;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("module", builtIn ? "keras.initializers" : null);
        out.put("class_name", initializer.className());
        out.put("config", new LinkedHashMap<>(initializer.config()));
        out.put("registered_name", builtIn ? null : "Custom>" + initializer.className());
        return out;
    }

    /**
     * Keras's {@code initializers.get} on a config value: a name ({@code "glorot_uniform"} or
     * {@code "GlorotUniform"}), a serialized dict ({@code {"class_name": "HeNormal", "config": {...}}}), or null.
     *
     * @throws IllegalArgumentException for an unknown class or name, or a config key the class does not take
     */
    public static Initializer deserialize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String name) {
            return get(name);
        }
        if (value instanceof Map<?, ?> m && m.get("class_name") instanceof String className) {
            Object config = m.get("config");
            if (config != null && !(config instanceof Map)) {
                throw new IllegalArgumentException("initializer " + className + ": 'config' must be a dict, got "
                        + config);
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> c = config == null ? Map.of() : (Map<String, ?>) config;
            return fromConfig(className, c);
        }
        throw new IllegalArgumentException("an initializer must be a name or a dict with 'class_name' and 'config', "
                + "got " + value);
    }

    /**
     * The built-in initializer of Keras class {@code className} with arguments {@code config}; missing arguments
     * take Keras's defaults. A {@code seed} is accepted and ignored (Strata draws from its global random state,
     * see {@code Strata.setRandomSeed}); {@code input_axes} and {@code output_axes} must be null.
     *
     * @throws IllegalArgumentException for an unknown class, an unknown key or a value of the wrong type
     */
    public static Initializer fromConfig(String className, Map<String, ?> config) {
        if (!CLASS_NAMES.contains(className)) {
            throw new IllegalArgumentException("unknown initializer class '" + className + "'; known: "
                    + new java.util.TreeSet<>(CLASS_NAMES));
        }
        java.util.Set<String> allowed = new java.util.HashSet<>(java.util.Set.of("seed"));
        switch (className) {
            case "GlorotUniform", "GlorotNormal", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform" ->
                    allowed.addAll(java.util.List.of("input_axes", "output_axes"));
            case "VarianceScaling" -> allowed.addAll(java.util.List.of("scale", "mode", "distribution", "input_axes",
                    "output_axes"));
            case "RandomNormal", "TruncatedNormal" -> allowed.addAll(java.util.List.of("mean", "stddev"));
            case "RandomUniform" -> allowed.addAll(java.util.List.of("minval", "maxval"));
            case "Orthogonal" -> allowed.add("gain");
            case "Constant" -> allowed.add("value");
            default -> allowed.clear(); // Zeros, Ones
        }
        for (String key : config.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("initializer " + className + " has no argument '" + key
                        + "'" + (allowed.isEmpty() ? "" : "; it takes " + new java.util.TreeSet<>(allowed)));
            }
        }
        for (String axes : java.util.List.of("input_axes", "output_axes")) {
            if (config.get(axes) != null) {
                throw new IllegalArgumentException("initializer " + className + ": '" + axes + "' is not supported "
                        + "(got " + config.get(axes) + "); Strata computes fans from the last two dimensions");
            }
        }
        return switch (className) {
            case "GlorotUniform" -> glorotUniform();
            case "GlorotNormal" -> glorotNormal();
            case "HeNormal" -> heNormal();
            case "HeUniform" -> heUniform();
            case "LecunNormal" -> lecunNormal();
            case "LecunUniform" -> lecunUniform();
            case "VarianceScaling" -> varianceScaling((float) number(config, className, "scale", 1.0),
                    enumArg(Mode.class, config, className, "mode", "fan_in"),
                    distribution(config, className));
            case "RandomNormal" -> randomNormal((float) number(config, className, "mean", 0.0),
                    (float) number(config, className, "stddev", 0.05));
            case "TruncatedNormal" -> truncatedNormal((float) number(config, className, "mean", 0.0),
                    (float) number(config, className, "stddev", 0.05));
            case "RandomUniform" -> randomUniform((float) number(config, className, "minval", -0.05),
                    (float) number(config, className, "maxval", 0.05));
            case "Orthogonal" -> orthogonal((float) number(config, className, "gain", 1.0));
            case "Constant" -> constant((float) number(config, className, "value", 0.0));
            case "Zeros" -> zeros();
            default -> ones();
        };
    }

    private static double number(Map<String, ?> config, String className, String key, double dflt) {
        Object v = config.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("initializer " + className + ": '" + key + "' must be a number, got "
                    + v);
        }
        return n.doubleValue();
    }

    private static <E extends Enum<E>> E enumArg(Class<E> type, Map<String, ?> config, String className, String key,
                                                 String dflt) {
        Object v = config.get(key);
        String s = v == null ? dflt : v.toString();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("initializer " + className + ": unknown " + key + " '" + s + "'");
    }

    private static Distribution distribution(Map<String, ?> config, String className) {
        Object v = config.get("distribution");
        // Keras 2 wrote "normal" for the truncated normal, and Keras 3 still reads it so.
        if ("normal".equals(v)) {
            return Distribution.TRUNCATED_NORMAL;
        }
        return enumArg(Distribution.class, config, className, "distribution", "truncated_normal");
    }

    private record Simple(String className, Map<String, Object> config, java.util.function.Function<Shape, Tensor> fn)
            implements Initializer {
        @Override
        public Tensor apply(Shape shape) {
            if (!shape.isFullyDefined()) {
                throw new IllegalArgumentException(className + ": cannot initialize a weight of shape " + shape
                        + " with unknown dimensions");
            }
            return fn.apply(shape);
        }

        @Override
        public Map<String, Object> config() {
            return java.util.Collections.unmodifiableMap(config);
        }

        @Override
        public String toString() {
            return className + config;
        }
    }

    /** Householder QR in float64, for the orthogonal initializer. */
    static final class Orthogonal {
        private Orthogonal() {
        }

        static Tensor sample(Shape shape, float gain) {
            if (shape.rank() < 2) {
                throw new IllegalArgumentException("Orthogonal: the shape must have rank >= 2, got " + shape);
            }
            int cols = shape.get(-1);
            int rows = shape.size() / Math.max(1, cols);
            int m = Math.max(rows, cols);
            int n = Math.min(rows, cols);
            float[] a = new float[m * n];
            RandomState.fillNormal(a, 0f, 1f);
            double[][] q = thinQ(a, m, n); // m x n, columns orthonormal, signs from diag(R)
            float[] out = new float[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double v = rows >= cols ? q[i][j] : q[j][i];
                    out[i * cols + j] = (float) (gain * v);
                }
            }
            return TensorAccess.wrap(out, shape);
        }

        /** The thin Q of A = QR (A is m x n, m >= n, row-major), with Q's columns multiplied by sign(R_jj). */
        static double[][] thinQ(float[] af, int m, int n) {
            double[][] a = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = af[i * n + j];
                }
            }
            double[][] vs = new double[n][];
            double[] rDiag = new double[n];
            for (int k = 0; k < n; k++) {
                double norm = 0;
                for (int i = k; i < m; i++) {
                    norm += a[i][k] * a[i][k];
                }
                norm = Math.sqrt(norm);
                double alpha = a[k][k] > 0 ? -norm : norm;
                double[] v = new double[m];
                for (int i = k; i < m; i++) {
                    v[i] = a[i][k];
                }
                v[k] -= alpha;
                double vnorm = 0;
                for (int i = k; i < m; i++) {
                    vnorm += v[i] * v[i];
                }
                if (vnorm > 0) {
                    for (int j = k; j < n; j++) {
                        double dot = 0;
                        for (int i = k; i < m; i++) {
                            dot += v[i] * a[i][j];
                        }
                        double f = 2 * dot / vnorm;
                        for (int i = k; i < m; i++) {
                            a[i][j] -= f * v[i];
                        }
                    }
                }
                vs[k] = v;
                rDiag[k] = a[k][k];
            }
            // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
            double[][] q = new double[m][n];
            for (int j = 0; j < n; j++) {
                q[j][j] = 1;
            }
            for (int k = n - 1; k >= 0; k--) {
                double[] v = vs[k];
                double vnorm = 0;
                for (int i = k; i < m; i++) {
                    vnorm += v[i] * v[i];
                }
                if (vnorm == 0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int i = k; i < m; i++) {
                        dot += v[i] * q[i][j];
                    }
                    double f = 2 * dot / vnorm;
                    for (int i = k; i < m; i++) {
                        q[i][j] -= f * v[i];
                    }
                }
            }
            for (int j = 0; j < n; j++) {
                if (rDiag[j] < 0) {
                    for (int i = 0; i < m; i++) {
                        q[i][j] = -q[i][j];
                    }
                }
            }
            return q;
        }
    }
}
