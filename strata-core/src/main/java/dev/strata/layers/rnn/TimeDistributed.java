package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.config.KerasObjects;
import dev.strata.graph.Graph;
import dev.strata.internal.masks.Masks;
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
 * <p>Masks, as Keras 3's {@code TimeDistributed.call}: a layer whose call reads masks (recurrent layers,
 * GlobalAveragePooling1D, BatchNormalization, ...) gets each step's slice of the input's mask, {@code mask[:, t]}, so
 * a mask of (batch, sentences, words) gives an LSTM over the words of each sentence its (batch, words) mask. The
 * output keeps the input's mask (Keras's has no {@code compute_mask}). Where that mask has axes the output no longer
 * has (the words, consumed by the inner layer), Keras attaches it anyway; Strata attaches it reduced over those axes
 * with "any": a step is kept if any of its entries is, which is how Keras's recurrent layers (JAX backend) read such
 * a mask downstream.
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

    /** The input's mask passes to the output, as Keras's (the steps line up); see the class comment. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** The input's mask, made to fit the output as the class comment says; none without one. */
    @Override
    protected Tensor computeMask(Tensor input, Tensor previousMask) {
        if (previousMask == null || !input.isSymbolic()) {
            return previousMask; // a concrete call attached the fitted mask to its output itself
        }
        return Masks.fitting(previousMask, computeOutputShape(input.shape()), describe());
    }

    private static boolean same(int maskDim, int dim) {
        return maskDim == dim || maskDim == Shape.UNKNOWN || dim == Shape.UNKNOWN;
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
        if (steps == 0) { // (Keras's stack of no steps fails too)
            throw new ShapeException(describe() + " received a sequence of no steps (shape " + input.shape() + ")");
        }
        Tensor mask = input.mask().orElse(null);
        List<Tensor> stepMasks = null;
        if (mask != null) {
            requireMask(input.shape(), mask.shape());
            // as Keras: the mask goes to the layer only if its call takes one, a step's slice per call
            if (layer.recordsMasks()) {
                stepMasks = Ops.unstack(mask, steps, 1);
            }
        }
        // one unstack: its gradient writes each step's into one buffer, linear in the number of steps
        List<Tensor> parts = Ops.unstack(input, steps, 1);
        List<Tensor> outputs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Tensor p = parts.get(t);
            outputs.add(layer.apply(stepMasks == null ? p : p.withMask(stepMasks.get(t))));
        }
        Tensor y = Ops.stack(outputs, 1);
        return mask == null ? y : y.withMask(Masks.fitting(mask, y.shape(), describe()));
    }

    /** Keras's checks of the mask: at least (batch, time), and those two the input's. */
    private void requireMask(Shape input, Shape mask) {
        if (mask.rank() < 2) {
            throw new ShapeException(describe() + ": the mask must be at least 2D (batch, time), but it has shape "
                    + mask + " for an input of shape " + input);
        }
        if (!same(mask.get(0), input.get(0)) || !same(mask.get(1), input.get(1))) {
            throw new ShapeException(describe() + ": a mask of shape " + mask + " does not fit the input of shape "
                    + input + "; its first two dimensions (batch, time) must be the input's, (" + input.get(0) + ", "
                    + input.get(1) + ")");
        }
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
