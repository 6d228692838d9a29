package dev.strata.applications.convnext;

import dev.strata.config.Config;
import dev.strata.internal.config.KerasClass;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConvNeXt's stochastic depth (drop path), like Keras's {@code keras.src.applications.convnext.StochasticDepth}: in
 * training, each sample of the batch keeps its whole input, scaled by {@code 1 / (1 - dropPathRate)}, with
 * probability {@code 1 - dropPathRate}, and is zero otherwise (one draw per sample, not per element as Dropout);
 * outside training the input is returned unchanged. The draws come from the generator seeded by
 * {@code Strata.setRandomSeed} (Keras's layer takes no seed).
 *
 * <pre>{@code
 * Tensor residual = Ops.add(inputs, new StochasticDepth(0.1).apply(branch));
 * }</pre>
 *
 * <p>Saved as Keras saves it: module {@code keras.src.applications.convnext}, registered name
 * {@code StochasticDepth}. Keras does not check the rate; Strata refuses one outside [0, 1), where the scale
 * {@code 1 / (1 - rate)} would be infinite or negative.
 */
@KerasClass(module = "keras.src.applications.convnext", registeredName = "StochasticDepth")
public class StochasticDepth extends Layer {
    private static final Tensor ZERO = Tensor.scalar(0f);
    private final double dropPathRate;

    /**
     * Drops each sample's path with probability {@code dropPathRate} in training.
     *
     * @throws IllegalArgumentException if {@code dropPathRate} is not in [0, 1)
     */
    public StochasticDepth(double dropPathRate) {
        if (!(dropPathRate >= 0 && dropPathRate < 1)) {
            throw new IllegalArgumentException("StochasticDepth: drop_path_rate must be in [0, 1), got "
                    + dropPathRate + " (the kept paths are scaled by 1 / (1 - drop_path_rate))");
        }
        this.dropPathRate = dropPathRate;
    }

    @Override
    public StochasticDepth named(String name) {
        super.named(name);
        return this;
    }

    /** The probability of dropping a sample's path in training (Keras's {@code drop_path_rate}). */
    public double dropPathRate() {
        return dropPathRate;
    }

    @Override
    protected Tensor call(Tensor x) {
        if (!training() || dropPathRate == 0 || x.isSymbolic()) {
            return x;
        }
        // Keras: (x / keep) * floor(keep + u) with u uniform in [0, 1) of shape (batch, 1, ..., 1); the same
        // Bernoulli(keep) mask, written as Dropout writes it.
        float keep = (float) (1.0 - dropPathRate);
        int[] maskShape = new int[x.shape().rank()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = x.shape().get(0);
        Tensor mask = Ops.less(Tensor.uniform(Shape.of(maskShape), 0f, 1f), keep);
        return Ops.where(mask, Ops.divide(x, keep), ZERO);
    }

    /** Keras's {@code StochasticDepth.from_config}. */
    public static StochasticDepth fromConfig(Config c) {
        return new StochasticDepth(c.requireNumber("drop_path_rate"));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("drop_path_rate", dropPathRate);
        return config;
    }
}
