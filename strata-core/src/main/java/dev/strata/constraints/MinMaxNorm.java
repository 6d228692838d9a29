package dev.strata.constraints;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the norm of the weights incident to each unit between {@code min_value} and {@code max_value}, like
 * {@code keras.constraints.MinMaxNorm} (defaults 0, 1, {@code rate = 1}, {@code axis = 0}):
 * {@code w · (rate · clip(n, min, max) + (1 - rate) · n) / (1e-7 + n)} with {@code n = sqrt(sum(w², axis))}. A rate
 * below 1 moves the norm only part of the way at each step.
 *
 * <pre>{@code
 * Layer dense = new Dense(8).kernelConstraint(new MinMaxNorm(0.5, 1.5));
 * }</pre>
 */
public final class MinMaxNorm implements Constraint {
    private final Number minValue;
    private final Number maxValue;
    private final Number rate;
    private final Axes axis;

    /** Keras's defaults: norms in [0, 1], rate 1, axis 0. */
    public MinMaxNorm() {
        this(0.0, 1.0);
    }

    /** Norms in [{@code minValue}, {@code maxValue}], rate 1, axis 0. */
    public MinMaxNorm(double minValue, double maxValue) {
        this(minValue, maxValue, 1.0, 0);
    }

    /** Norms moved at {@code rate} towards [{@code minValue}, {@code maxValue}] along {@code axis}. */
    public MinMaxNorm(double minValue, double maxValue, double rate, int axis) {
        this(Double.valueOf(minValue), Double.valueOf(maxValue), Double.valueOf(rate), Axes.of(axis));
    }

    private MinMaxNorm(Number minValue, Number maxValue, Number rate, Axes axis) {
        this.minValue = Constraints.checkNumber("MinMaxNorm", "min_value", minValue);
        this.maxValue = Constraints.checkNumber("MinMaxNorm", "max_value", maxValue);
        this.rate = Constraints.checkNumber("MinMaxNorm", "rate", rate);
        this.axis = axis;
    }

    /** The same constraint over several axes together (a list in the config; none means every axis). */
    public MinMaxNorm axis(int... axes) {
        return new MinMaxNorm(minValue, maxValue, rate, Axes.ofList(axes));
    }

    /** The lower bound of the norm. */
    public double minValue() {
        return minValue.doubleValue();
    }

    /** The upper bound of the norm. */
    public double maxValue() {
        return maxValue.doubleValue();
    }

    /** How far each application moves the norm into the bounds (1: all the way). */
    public double rate() {
        return rate.doubleValue();
    }

    /** The axes the norm is taken over, as given; null for every axis. */
    public int[] axes() {
        return axis.axes();
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = axis.norms(w, toString());
        double r = rate.doubleValue();
        // As Keras: rate * clip(n) + (1 - rate) * n, the factors rounded to float32 as JAX does with Python floats.
        Tensor desired = Ops.add(Ops.multiply(Ops.clip(norms, minValue.floatValue(), maxValue.floatValue()),
                (float) r), Ops.multiply(norms, (float) (1 - r)));
        return Ops.multiply(w, Ops.divide(desired, Ops.add(norms, Axes.EPSILON)));
    }

    /** Keras's {@code from_config}: each key defaulting as the constructor. */
    public static MinMaxNorm fromConfig(Config c) {
        Number min = c.has("min_value") ? Constraints.number(c, "min_value") : Double.valueOf(0.0);
        Number max = c.has("max_value") ? Constraints.number(c, "max_value") : Double.valueOf(1.0);
        Number rate = c.has("rate") ? Constraints.number(c, "rate") : Double.valueOf(1.0);
        return new MinMaxNorm(min, max, rate, Axes.read(c, 0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("min_value", minValue);
        config.put("max_value", maxValue);
        config.put("rate", rate);
        config.put("axis", axis.configValue());
        return config;
    }

    @Override
    public String toString() {
        return "MinMaxNorm(min_value=" + minValue + ", max_value=" + maxValue + ", rate=" + rate + ", axis=" + axis
                + ")";
    }
}
