package dev.strata.regularizers;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both penalties, {@code l1·Σ|x| + l2·Σx²}, like {@code keras.regularizers.L1L2}. The constructor defaults
 * are Keras's, {@code l1 = 0} and {@code l2 = 0} (no penalty); {@code Regularizers.get("l1_l2")} gives 0.01
 * for both, as Keras documents for that name. A zero factor's term is left out, as Keras does.
 *
 * <pre>{@code
 * Layer dense = new Dense(3).kernelRegularizer(new L1L2(0.001, 0.01));
 * }</pre>
 */
public final class L1L2 implements Regularizer {
    private final double l1;
    private final double l2;

    /** Keras's defaults: both factors 0, so no penalty. */
    public L1L2() {
        this(0, 0);
    }

    /**
     * The penalties with factors {@code l1} and {@code l2}.
     *
     * @throws IllegalArgumentException if a factor is negative or not finite
     */
    public L1L2(double l1, double l2) {
        this.l1 = Regularizers.checkFactor("l1", l1);
        this.l2 = Regularizers.checkFactor("l2", l2);
    }

    /** The L1 factor. */
    public double l1() {
        return l1;
    }

    /** The L2 factor. */
    public double l2() {
        return l2;
    }

    @Override
    public Tensor apply(Tensor x) {
        Tensor total = Tensor.scalar(0f);
        if (l1 != 0) {
            total = Ops.add(total, Ops.multiply(Ops.sum(Ops.abs(x)), (float) l1));
        }
        if (l2 != 0) {
            total = Ops.add(total, Ops.multiply(Ops.sum(Ops.square(x)), (float) l2));
        }
        return total;
    }

    /** Keras's {@code from_config}; a null factor means the class default, 0, as in Keras. */
    public static L1L2 fromConfig(Config config) {
        return new L1L2(config.number("l1", 0.0), config.number("l2", 0.0));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("l1", l1);
        config.put("l2", l2);
        return config;
    }

    @Override
    public String toString() {
        return "L1L2(l1=" + l1 + ", l2=" + l2 + ")";
    }
}
