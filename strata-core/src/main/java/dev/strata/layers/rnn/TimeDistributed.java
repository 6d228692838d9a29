package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.config.KerasObjects;
import dev.strata.graph.Graph;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a layer to every time step of a sequence, like {@code keras.layers.TimeDistributed}: input
 * (batch, time, ...), the layer called on each (batch, ...) step, outputs stacked back on axis 1. As Keras 3, the
 * layer is called once per step (so a layer with batch statistics sees each step's batch); its weights are at
 * {@code layer/}.
 *
 * <pre>{@code
 * Tensor y = new TimeDistributed(new Dense(8)).apply(x);   // (batch, time, 8)
 * }</pre>
 */
public class TimeDistributed extends Layer {
    private final Layer layer;

    /** Applies {@code layer} at every time step. */
    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed needs a layer");
        }
        this.layer = layer;
    }

    /** The layer applied at every step. */
    public Layer layer() {
        return layer;
    }

    private void requireSequence(Shape shape) {
        if (shape.rank() < 3) {
            List<Shape> built = buildInputShapes();
            throw new ShapeException(describe() + " expects inputs of rank >= 3 (batch, time, ...)"
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")") + ", but received shape "
                    + shape);
        }
    }

    /** The input's mask passes to the output unchanged, as Keras's (the steps line up). */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    protected void build(Shape inputShape) {
        requireSequence(inputShape);
        if (!layer.isBuilt()) {
            layer.buildForSamples(inputShape.subShape(2, inputShape.rank()));
        }
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        requireSequence(inputShape);
        Shape step = inputShape.subShape(2, inputShape.rank()).prepend(inputShape.get(0));
        Shape child = layer.apply(Graph.input(step, "time_distributed_step")).shape();
        return child.subShape(1, child.rank()).prepend(inputShape.get(1)).prepend(inputShape.get(0));
    }

    @Override
    protected Tensor call(Tensor input) {
        requireSequence(input.shape());
        int steps = input.shape().get(1);
        // one unstack: its gradient writes each step's into one buffer, linear in the number of steps
        List<Tensor> parts = Ops.unstack(input, steps, 1);
        List<Tensor> outputs = new ArrayList<>(steps);
        for (Tensor p : parts) {
            outputs.add(layer.apply(p));
        }
        return Ops.stack(outputs, 1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("layer", KerasObjects.serialize(layer));
        return config;
    }

    /** Keras's {@code TimeDistributed.from_config}. */
    public static TimeDistributed fromConfig(Config config) {
        Layer inner = config.object("layer", Layer.class);
        if (inner == null) {
            throw config.error("'layer' is missing");
        }
        return new TimeDistributed(inner);
    }

    /** Its call reads the mask (Keras's {@code call(..., mask=None)}): graphs record it with the node. */
    @Override
    protected boolean callTakesMask() {
        return true;
    }
}
