package dev.strata.regularizers;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L2 penalty {@code l2·Σx²}, like {@code keras.regularizers.L2} (default {@code l2 = 0.01}). As in Keras
 * 3 there is no factor 1/2.
 *
 * <pre>{@code
 * Layer dense = new Dense(3).kernelRegularizer(new L2(0.001));
 * }</pre>
 */
public final class L2 implements Regularizer {
    private final double l2;

    /** The penalty with Keras's default factor, 0.01. */
    public L2() {
        this(0.01);
    }

    /**
     * The penalty with factor {@code l2}.
     *
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public L2(double l2) {
        this.l2 = Regularizers.checkFactor("l2", l2);
    }

    /** The factor. */
    public double l2() {
        return l2;
    }

    @Override
    public Tensor apply(Tensor x) {
        return Ops.multiply(Ops.sum(Ops.square(x)), (float) l2);
    }

    /** Keras's {@code from_config}; a null factor means the default, as in Keras. */
    public static L2 fromConfig(Config config) {
        return new L2(config.number("l2", 0.01));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l2", l2);
        return config;
    }

    @Override
    public String toString() {
        return "L2(l2=" + l2 + ")";
    }
}
