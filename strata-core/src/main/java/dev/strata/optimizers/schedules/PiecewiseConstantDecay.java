package dev.strata.optimizers.schedules;

import dev.strata.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A piecewise constant rate, like {@code keras.optimizers.schedules.PiecewiseConstantDecay}: {@code values[0]} while
 * {@code step <= boundaries[0]}, {@code values[i]} while {@code boundaries[i-1] < step <= boundaries[i]}, and the
 * last value after the last boundary. As in Keras the boundaries are compared with the integer step (a fractional
 * boundary is truncated, as Keras casts it to the step's integer type).
 *
 * <pre>{@code
 * new PiecewiseConstantDecay(new long[] {100000, 110000}, new float[] {1.0f, 0.5f, 0.1f});
 * }</pre>
 */
public final class PiecewiseConstantDecay extends LearningRateSchedule {
    private final List<Number> boundaries;
    private final List<Number> values;
    private final long[] bounds;
    private final float[] rates;
    private final String name;

    /** Boundaries and values, named {@code "PiecewiseConstant"}. */
    public PiecewiseConstantDecay(long[] boundaries, float[] values) {
        this(boxed(boundaries), boxed(values), "PiecewiseConstant");
    }

    /**
     * Keras's signature, with the numbers as Keras's config writes them (integers or floats).
     *
     * @throws IllegalArgumentException if there is not exactly one value more than boundaries (as Keras), no
     *     boundary at all, a null entry, or a value that is not finite
     */
    public PiecewiseConstantDecay(List<? extends Number> boundaries, List<? extends Number> values, String name) {
        Objects.requireNonNull(boundaries, "boundaries");
        Objects.requireNonNull(values, "values");
        if (boundaries.size() != values.size() - 1) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: the length of boundaries should be 1 less than "
                    + "the length of values. Received: boundaries=" + boundaries + " of length " + boundaries.size()
                    + ", and values=" + values + " of length " + values.size() + ".");
        }
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("PiecewiseConstantDecay: boundaries must hold at least one step "
                    + "(Keras reads boundaries[0]); for a constant rate pass a float learning rate instead");
        }
        this.boundaries = List.copyOf(boundaries);
        this.values = List.copyOf(values);
        this.bounds = new long[boundaries.size()];
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (long) this.boundaries.get(i).doubleValue(); // Keras's cast to the step's integer type
        }
        this.rates = new float[values.size()];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = this.values.get(i).floatValue();
            checkFinite("PiecewiseConstantDecay", "values[" + i + "]", rates[i]);
        }
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public float apply(long step) {
        stepF(step);
        // Keras sums indicator * value over the pieces; with finite values that is the one piece's value.
        if (step <= bounds[0]) {
            return rates[0];
        }
        for (int i = 1; i < bounds.length; i++) {
            if (step <= bounds[i]) {
                return rates[i];
            }
        }
        return rates[rates.length - 1];
    }

    /** Keras's keys: {@code boundaries, values, name}. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("boundaries", new ArrayList<>(boundaries));
        c.put("values", new ArrayList<>(values));
        c.put("name", name);
        return c;
    }

    /** Keras's {@code from_config}: {@code boundaries}, {@code values} and {@code name}. */
    public static PiecewiseConstantDecay fromConfig(Config c) {
        return new PiecewiseConstantDecay(numbers(c, "boundaries"), numbers(c, "values"),
                c.string("name", "PiecewiseConstant"));
    }

    private static List<Number> numbers(Config c, String key) {
        List<Number> out = new ArrayList<>();
        for (Object o : c.list(key)) {
            if (!(o instanceof Number n)) {
                throw c.error("'" + key + "' must be a list of numbers, got " + Config.describe(o));
            }
            out.add(n instanceof Float f ? decimal(f) : n);
        }
        return out;
    }

    private static List<Number> boxed(long[] a) {
        List<Number> out = new ArrayList<>();
        for (long v : Objects.requireNonNull(a, "boundaries")) {
            out.add(v == (int) v ? (Number) (int) v : (Number) v);
        }
        return out;
    }

    private static List<Number> boxed(float[] a) {
        List<Number> out = new ArrayList<>();
        for (float v : Objects.requireNonNull(a, "values")) {
            out.add(decimal(v));
        }
        return out;
    }
}
