package dev.strata.constraints;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits the norm of the weights incident to each unit to {@code max_value}, like {@code keras.constraints.MaxNorm}
 * (defaults {@code max_value = 2}, {@code axis = 0}): {@code w · clip(n, 0, max_value) / (1e-7 + n)} with
 * {@code n = sqrt(sum(w², axis))}. For a Dense kernel (input_dim, units), axis 0 limits each unit's incoming
 * weights; for a Conv2D kernel (rows, cols, in, out), use axes 0, 1, 2.
 *
 * <pre>{@code
 * Layer dense = new Dense(64).kernelConstraint(new MaxNorm(3));
 * Constraint perFilter = new MaxNorm(2).axis(0, 1, 2);
 * }</pre>
 */
public final class MaxNorm implements Constraint {
    private final Number maxValue;
    private final Axes axis;

    /** Keras's defaults: {@code max_value = 2}, {@code axis = 0}. */
    public MaxNorm() {
        this(Integer.valueOf(2), Axes.of(0));
    }

    /**
     * The norm limited to {@code maxValue} along axis 0, saved as an integer as Keras saves {@code MaxNorm(3)}.
     */
    public MaxNorm(int maxValue) {
        this(Integer.valueOf(maxValue), Axes.of(0));
    }

    /** The norm limited to {@code maxValue} along {@code axis}, saved as an integer. */
    public MaxNorm(int maxValue, int axis) {
        this(Integer.valueOf(maxValue), Axes.of(axis));
    }

    /** The norm limited to {@code maxValue} along axis 0. */
    public MaxNorm(double maxValue) {
        this(Double.valueOf(maxValue), Axes.of(0));
    }

    /** The norm limited to {@code maxValue} along {@code axis}. */
    public MaxNorm(double maxValue, int axis) {
        this(Double.valueOf(maxValue), Axes.of(axis));
    }

    private MaxNorm(Number maxValue, Axes axis) {
        this.maxValue = Constraints.checkNumber("MaxNorm", "max_value", maxValue);
        this.axis = axis;
    }

    /** The same limit over several axes together (a list in the config; none means every axis). */
    public MaxNorm axis(int... axes) {
        return new MaxNorm(maxValue, Axes.ofList(axes));
    }

    /** The largest norm kept. */
    public double maxValue() {
        return maxValue.doubleValue();
    }

    /** The axes the norm is taken over, as given; null for every axis. */
    public int[] axes() {
        return axis.axes();
    }

    @Override
    public Tensor apply(Tensor w) {
        Tensor norms = axis.norms(w, toString());
        Tensor desired = Ops.clip(norms, 0f, maxValue.floatValue());
        return Ops.multiply(w, Ops.divide(desired, Ops.add(norms, Axes.EPSILON)));
    }

    /** Keras's {@code from_config}: {@code max_value} and {@code axis}, each defaulting as the constructor. */
    public static MaxNorm fromConfig(Config c) {
        Number max = c.has("max_value") ? Constraints.number(c, "max_value") : Integer.valueOf(2);
        return new MaxNorm(max, Axes.read(c, 0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("max_value", maxValue);
        config.put("axis", axis.configValue());
        return config;
    }

    @Override
    public String toString() {
        return "MaxNorm(max_value=" + maxValue + ", axis=" + axis + ")";
    }
}
