package dev.strata.constraints;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scales the weights incident to each unit to norm 1, like {@code keras.constraints.UnitNorm} (default
 * {@code axis = 0}): {@code w / (1e-7 + sqrt(sum(w², axis)))}.
 *
 * <pre>{@code
 * Layer dense = new Dense(8).kernelConstraint(new UnitNorm());
 * }</pre>
 */
public final class UnitNorm implements Constraint {
    private final Axes axis;

    /** Keras's default: axis 0. */
    public UnitNorm() {
        this(Axes.of(0));
    }

    /** Unit norm along {@code axis}. */
    public UnitNorm(int axis) {
        this(Axes.of(axis));
    }

    private UnitNorm(Axes axis) {
        this.axis = axis;
    }

    /** Unit norm over several axes together (a list in the config; none means every axis). */
    public UnitNorm axis(int... axes) {
        return new UnitNorm(Axes.ofList(axes));
    }

    /** The axes the norm is taken over, as given; null for every axis. */
    public int[] axes() {
        return axis.axes();
    }

    @Override
    public Tensor apply(Tensor w) {
        return Ops.divide(w, Ops.add(axis.norms(w, toString()), Axes.EPSILON));
    }

    /** Keras's {@code from_config}: {@code axis}, default 0. */
    public static UnitNorm fromConfig(Config c) {
        return new UnitNorm(Axes.read(c, 0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("axis", axis.configValue());
        return config;
    }

    @Override
    public String toString() {
        return "UnitNorm(axis=" + axis + ")";
    }
}
