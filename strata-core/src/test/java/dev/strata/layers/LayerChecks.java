package dev.strata.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/** Shared assertions of the layer tests: closeness, configs against Keras, gradients with respect to weights. */
public final class LayerChecks {
    private LayerChecks() {
    }

    /** Every element within {@code atol + rtol·|expected|}, with the first offender in the message. */
    public static void assertClose(float[] actual, float[] expected, double rtol, double atol) {
        assertThat(actual).as("length").hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double allowed = atol + rtol * Math.abs(expected[i]);
            if (actual[i] == expected[i]) {
                continue; // infinities included
            }
            if (!(Math.abs(actual[i] - expected[i]) <= allowed)
                    && !(Float.isNaN(actual[i]) && Float.isNaN(expected[i]))) {
                throw new AssertionError("element " + i + ": got " + actual[i] + ", expected " + expected[i]
                        + " (allowed " + allowed + ")\n  actual:   " + Arrays.toString(actual)
                        + "\n  expected: " + Arrays.toString(expected));
            }
        }
    }

    /**
     * The Strata config has Keras's keys in Keras's order, and the same values except for {@code keysNotCompared}
     * (numbers compared by value: Keras's int 7 equals Java's 7L).
     */
    public static void assertConfigMatches(Map<String, Object> strata, Map<String, Object> keras,
                                           String... keysNotCompared) {
        assertThat(new ArrayList<>(strata.keySet())).as("config keys").containsExactlyElementsOf(keras.keySet());
        Set<String> skip = Set.of(keysNotCompared);
        Map<String, Object> a = new LinkedHashMap<>();
        Map<String, Object> b = new LinkedHashMap<>();
        for (String k : keras.keySet()) {
            if (!skip.contains(k)) {
                a.put(k, normalize(strata.get(k)));
                b.put(k, normalize(keras.get(k)));
            }
        }
        assertThat(a).as("config values").isEqualTo(b);
    }

    private static Object normalize(Object v) {
        // The golden configs flatten Keras's nested objects: the dtype policy to its name, an initializer or
        // regularizer (or a Lambda's function) to its class name.
        if (v instanceof Map<?, ?> m && m.get("class_name") instanceof String cls) {
            if (cls.equals("DTypePolicy") && m.get("config") instanceof Map<?, ?> c) {
                return c.get("name");
            }
            return cls;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return Double.parseDouble(Float.toString(f));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(normalize(o));
            }
            return out;
        }
        return v;
    }

    /**
     * Checks the tape's gradient of {@code Σ w·f()} with respect to each trainable variable against central
     * differences (each element perturbed by ±eps through {@code assign}), as GradientCheck does for inputs.
     */
    public static void checkWeightGradients(Supplier<Tensor> f, List<Variable> variables, double eps, double rtol,
                                            double atol) {
        Tensor y0 = f.get();
        float[] w = projection(y0.size());
        List<Tensor> analytic;
        try (GradientTape tape = GradientTape.record()) {
            for (Variable v : variables) {
                tape.watch(v);
            }
            Tensor y = f.get();
            analytic = tape.gradient(y, variables, Tensor.of(w, y.shape()));
        }
        for (int vi = 0; vi < variables.size(); vi++) {
            Variable v = variables.get(vi);
            float[] base = v.toFloatArray();
            float[] a = analytic.get(vi) == null ? new float[base.length] : analytic.get(vi).toFloatArray();
            for (int j = 0; j < base.length; j++) {
                float[] plus = base.clone();
                float[] minus = base.clone();
                plus[j] = (float) (base[j] + eps);
                minus[j] = (float) (base[j] - eps);
                v.assign(Tensor.of(plus, v.shape()));
                double lp = projected(f.get(), w);
                v.assign(Tensor.of(minus, v.shape()));
                double lm = projected(f.get(), w);
                v.assign(Tensor.of(base, v.shape()));
                double numeric = (lp - lm) / ((double) plus[j] - (double) minus[j]);
                double allowed = atol + rtol * Math.max(Math.abs(numeric), Math.abs(a[j]));
                if (!(Math.abs(numeric - a[j]) <= allowed)) {
                    throw new AssertionError("gradient of weight '" + v.name() + "' at flat index " + j + ": tape says "
                            + a[j] + ", finite differences say " + numeric);
                }
            }
        }
    }

    private static double projected(Tensor y, float[] w) {
        float[] v = y.toFloatArray();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += (double) w[i] * v[i];
        }
        return s;
    }

    private static float[] projection(int n) {
        SplittableRandom r = new SplittableRandom(99);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.5 + r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        }
        return w;
    }
}
