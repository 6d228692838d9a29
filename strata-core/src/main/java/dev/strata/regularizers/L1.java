package dev.strata.regularizers;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L1 penalty {@code l1·Σ|x|}, like {@code keras.regularizers.L1} (default {@code l1 = 0.01}).
 *
 * <pre>{@code
 * Layer dense = new Dense(3).kernelRegularizer(new L1(0.001));
 * }</pre>
 */
public final class L1 implements Regularizer {
    private final double l1;

    /** The penalty with Keras's default factor, 0.01. */
    public L1() {
        this(0.01);
    }

    /**
     * The penalty with factor {@code l1}.
     *
     * @throws IllegalArgumentException if the factor is negative or not finite
     */
    public L1(double l1) {
        this.l1 = Regularizers.checkFactor("l1", l1);
    }

    /** The factor. */
    public double l1() {
        return l1;
    }

    @Override
    public Tensor apply(Tensor x) {
        return Ops.multiply(Ops.sum(Ops.abs(x)), (float) l1);
    }

    /** Keras's {@code from_config}; a null factor means the default, as in Keras. */
    public static L1 fromConfig(Config config) {
        return new L1(config.number("l1", 0.01));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        return config;
    }

    @Override
    public String toString() {
        return "L1(l1=" + l1 + ")";
    }
}
