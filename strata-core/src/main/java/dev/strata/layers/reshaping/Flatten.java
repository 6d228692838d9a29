package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.layers.InputSpec;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens each sample to one dimension, keeping the batch: (batch, d1, d2, ...) becomes
 * (batch, d1·d2·...); like {@code keras.layers.Flatten} (channels-last data format). A (batch,) input becomes
 * (batch, 1).
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(28, 28), new Flatten(), new Dense(10, "softmax"));
 * }</pre>
 */
public class Flatten extends Layer {

    /** A flattening layer. */
    public Flatten() {
    }

    @Override
    public Flatten named(String name) {
        super.named(name);
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        setInputSpec(InputSpec.lastAxis(1, Shape.UNKNOWN));
    }

    /** (batch, d1·d2·...), unknown if any per-sample size is unknown; (batch, 1) for a (batch,) input. */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Shape perSample = inputShape.subShape(1, inputShape.rank());
        int flat = perSample.rank() == 0 ? 1 : (perSample.isFullyDefined() ? perSample.size() : Shape.UNKNOWN);
        return Shape.of(inputShape.get(0), flat);
    }

    @Override
    protected Tensor call(Tensor input) {
        return Ops.reshape(input, computeOutputShape(input.shape()));
    }

    /** Keras's {@code Flatten.from_config}; Strata's Flatten is {@code channels_last}. */
    public static Flatten fromConfig(Config c) {
        c.requireDefault("data_format", "channels_last", "Strata's Flatten is channels_last");
        return new Flatten();
    }


    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("data_format", "channels_last");
        return config;
    }
}
