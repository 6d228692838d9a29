package dev.strata.layers.reshaping;

import dev.strata.config.Config;
import dev.strata.graph.Graph;
import dev.strata.layers.InputSpec;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
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
        if (!isBuilding()) {
            build(new Shape[] {inputShape}); // called directly with a per-sample shape: the public build
            return;
        }
        setInputSpec(InputSpec.lastAxis(1, Shape.UNKNOWN));
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        if (in.rank() == 0) {
            throw new dev.strata.ShapeException(describe() + " needs an input with a batch dimension, got a scalar");
        }
        Shape perSample = in.subShape(1, in.rank());
        int flat = perSample.rank() == 0 ? 1 : (perSample.isFullyDefined() ? perSample.size() : Shape.UNKNOWN);
        if (!input.isSymbolic()) {
            return Ops.reshape(input, in.get(0), flat);
        }
        if (flat != Shape.UNKNOWN) {
            return Ops.reshape(input, in.get(0), flat); // an unknown batch is the one inferred dimension
        }
        // Unknown per-sample sizes: the output shape is (batch, None); this layer computes it on real inputs.
        return Graph.record(this, List.of(input), Shape.of(in.get(0), Shape.UNKNOWN));
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
