package dev.strata.layers.core;

import dev.strata.config.Config;
import dev.strata.graph.Graph;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry point of a model: it makes the symbolic tensor that stands for one model input, like
 * {@code keras.layers.InputLayer}. Usually made through {@code Input.of(...)}; give one to a
 * {@code Sequential} to fix its input shape up front.
 */
public final class InputLayer extends Layer {
    private final Shape batchShape;
    private final SymbolicTensor output;

    /** An input of the given per-sample shape (the batch dimension is added, unknown). */
    public InputLayer(int... shape) {
        this(Shape.of(shape).prepend(Shape.UNKNOWN), null);
    }

    /**
     * An input with the given full shape, batch dimension included (usually {@link Shape#UNKNOWN}).
     *
     * @param name the layer's name, or null for an automatic one ({@code input_layer}, ...)
     */
    public InputLayer(Shape batchShape, String name) {
        super(name);
        if (batchShape.rank() == 0) {
            throw new IllegalArgumentException("InputLayer: the input shape needs at least a batch dimension");
        }
        this.batchShape = batchShape;
        this.output = Graph.record(this, List.of(), batchShape);
        buildAtInit(batchShape);
    }

    /** The symbolic tensor this input stands for. */
    public SymbolicTensor output() {
        return output;
    }

    /** The full shape, batch first. */
    public Shape batchShape() {
        return batchShape;
    }

    @Override
    protected Tensor call(Tensor input) {
        return input;
    }

    /**
     * Keras's {@code InputLayer.from_config}: {@code batch_shape} (Keras 2's {@code batch_input_shape}, or
     * {@code shape} with {@code batch_size}). Sparse, ragged and optional inputs are refused.
     */
    public static InputLayer fromConfig(Config c) {
        List<Object> dims = c.list("batch_shape");
        if (dims == null) {
            dims = c.list("batch_input_shape"); // Keras 2
        }
        if (dims == null) {
            List<Object> shape = c.list("shape");
            if (shape != null) {
                dims = new java.util.ArrayList<>();
                dims.add(c.raw("batch_size"));
                dims.addAll(shape);
            }
        }
        if (dims == null) {
            throw c.error("missing 'batch_shape'");
        }
        c.ignore("shape", "batch_size");
        c.requireFloat32("dtype");
        c.requireDefault("sparse", false, "Strata has no sparse tensors");
        c.requireDefault("ragged", false, "Strata has no ragged tensors");
        c.requireDefault("optional", false, "Strata has no optional inputs");
        return new InputLayer(c.toShape(dims, "batch_shape"), c.string("name", null));
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("batch_shape", batchShape);
        config.put("dtype", "float32");
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", name());
        config.put("optional", false);
        return config;
    }
}
