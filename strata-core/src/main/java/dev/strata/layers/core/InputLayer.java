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
    /** Keras's integer and boolean dtypes an input may declare; their values are held in float32 tensors. */
    private static final java.util.Set<String> WHOLE_NUMBER_DTYPES = java.util.Set.of("int8", "int16", "int32",
            "int64", "uint8", "uint16", "uint32", "uint64", "bool");

    private final Shape batchShape;
    private final String dtype;
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
        this(batchShape, name, "float32");
    }

    /**
     * An input with the given full shape and Keras dtype: {@code "float32"}, or an integer or boolean dtype
     * ({@code "int32"}, {@code "int64"}, {@code "bool"}, ...) for ids and flags. Strata holds every value in
     * float32 (whole numbers are exact up to 2<sup>24</sup>); the dtype is what the model's saved config declares,
     * so Keras reads the input as it was written. {@code "string"} declares a text input (a Keras model whose first
     * layer is TextVectorization or StringLookup): Strata's tensors hold no strings, so such a model is fed by
     * calling that layer on Java strings and the rest of the model on its output; feeding it a tensor fails there.
     *
     * @throws IllegalArgumentException for another dtype
     */
    public InputLayer(Shape batchShape, String name, String dtype) {
        super(name);
        if (batchShape.rank() == 0) {
            throw new IllegalArgumentException("InputLayer: the input shape needs at least a batch dimension");
        }
        if (!"float32".equals(dtype) && !"string".equals(dtype) && !WHOLE_NUMBER_DTYPES.contains(dtype)) {
            throw new IllegalArgumentException("InputLayer: dtype '" + dtype + "' is not supported: Strata computes "
                    + "in float32 and takes integer or boolean inputs as whole numbers (" + WHOLE_NUMBER_DTYPES + ")");
        }
        this.dtype = dtype;
        this.batchShape = batchShape;
        this.output = Graph.record(this, List.of(), batchShape);
        buildAtInit(batchShape);
    }

    /** The symbolic tensor this input stands for. */
    public SymbolicTensor output() {
        return output;
    }

    /** The Keras dtype the input declares ({@code "float32"}, {@code "int32"}, ...). */
    public String dtype() {
        return dtype;
    }

    @Override
    protected String declaredDtype() {
        return dtype;
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
        String dtype = "float32";
        if (c.raw("dtype") instanceof String d && (WHOLE_NUMBER_DTYPES.contains(d) || d.equals("string"))) {
            dtype = d;
            c.ignore("dtype");
        } else {
            c.requireFloat32("dtype");
        }
        c.requireDefault("sparse", false, "Strata has no sparse tensors");
        c.requireDefault("ragged", false, "Strata has no ragged tensors");
        c.requireDefault("optional", false, "Strata has no optional inputs");
        return new InputLayer(c.toShape(dims, "batch_shape"), c.string("name", null), dtype);
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
        config.put("dtype", dtype);
        config.put("sparse", false);
        config.put("ragged", false);
        config.put("name", name());
        config.put("optional", false);
        return config;
    }
}
