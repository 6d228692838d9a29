package dev.strata.layers.core;

import dev.strata.ShapeException;
import dev.strata.TracingException;
import dev.strata.config.Config;
import dev.strata.graph.Graph;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Wraps a function of one tensor as a layer, like {@code keras.layers.Lambda}: handy for a quick computation
 * in a Sequential or Functional model. The function should use differentiable {@link dev.strata.ops.Ops} so
 * gradients flow through it; it has no weights of its own.
 *
 * <pre>{@code
 * Layer scale = new Lambda(x -> Ops.multiply(x, 2f));
 * Layer logits = new Lambda(x -> custom(x), shape -> shape.withDim(-1, 10));
 * }</pre>
 *
 * <p>While tracing, the function runs on a symbolic tensor of the input's shape, so the ops it calls give the
 * output shape; a function that reads values (which symbolic tensors lack) needs an output shape given. A
 * Lambda's config cannot recreate the function: like Keras it stores {@code "class_name": "__lambda__"}, the
 * marker that loading in safe mode refuses, and {@link #isSafelySerializable()} says so.
 */
public class Lambda extends Layer {
    private final Function<Tensor, Tensor> function;
    private UnaryOperator<Shape> outputShapeFunction;
    private Shape outputShape; // per sample

    /** A layer applying {@code function}. */
    public Lambda(Function<Tensor, Tensor> function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * A layer applying {@code function}, whose output shape (batch dimension included) is
     * {@code outputShape} of the input shape, like Keras's callable {@code output_shape}.
     */
    public Lambda(Function<Tensor, Tensor> function, UnaryOperator<Shape> outputShape) {
        this(function);
        this.outputShapeFunction = Objects.requireNonNull(outputShape, "outputShape");
    }

    @Override
    public Lambda named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The output's per-sample shape (the batch dimension is the input's), like Keras's tuple
     * {@code output_shape}. Only before the layer is built.
     */
    public Lambda outputShape(int... perSampleShape) {
        requireNotBuilt("outputShape");
        this.outputShape = Shape.of(perSampleShape);
        this.outputShapeFunction = null;
        return this;
    }

    /** The wrapped function. */
    public Function<Tensor, Tensor> function() {
        return function;
    }

    /** Always false: the function is Java code that a config cannot carry. */
    public boolean isSafelySerializable() {
        return false;
    }

    @Override
    protected Tensor call(Tensor input) {
        Tensor out = function.apply(input);
        if (out == null) {
            throw new IllegalStateException(describe() + ": the function returned null");
        }
        return out;
    }

    /**
     * The given output shape, or else (like Keras) the shape the function gives on a symbolic tensor of the input's
     * shape, so the ops it calls give the shape.
     *
     * @throws TracingException if the function reads values and no output shape was given
     */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (outputShape != null || outputShapeFunction != null) {
            return declaredShape(inputShape);
        }
        try {
            return call(Graph.input(inputShape, name())).shape();
        } catch (TracingException e) {
            throw new TracingException(describe() + ": could not infer the output shape of the function, which "
                    + "reads values of its symbolic input; give the output shape (outputShape(...) or the "
                    + "two-argument constructor). Cause: " + e.getMessage());
        }
    }

    private Shape declaredShape(Shape in) {
        Shape out = outputShapeFunction != null ? outputShapeFunction.apply(in) : outputShape.prepend(in.get(0));
        if (out == null) {
            throw new ShapeException(describe() + ": the output shape function returned null for input shape " + in);
        }
        return out;
    }

    /**
     * A Lambda layer from its config. A config cannot carry Java code, so the function comes from the reader: given
     * by layer name as a custom object (outside safe mode, as Keras refuses Lambda layers in safe mode).
     *
     * @throws dev.strata.config.KerasConfigException in safe mode, or if no function is given for the layer
     */
    @SuppressWarnings("unchecked")
    public static Lambda fromConfig(Config c) {
        String name = c.map().get("name") instanceof String s ? s : null;
        if (c.context().safeMode()) {
            throw c.error("Lambda layers are refused in safe mode: a Lambda carries code, which a config cannot "
                    + "check (Keras's safe_mode). If you trust this file, load with new LoadOptions().safeMode(false)"
                    + ".lambda(\"" + name + "\", x -> ...) giving its function");
        }
        Object fn = c.context().customObject(name).orElse(null);
        if (!(fn instanceof Function<?, ?>)) {
            throw c.error("a config cannot carry the Java function of a Lambda layer; give it with "
                    + "LoadOptions.lambda(\"" + name + "\", x -> ...)");
        }
        c.raw("function");
        c.requireDefault("arguments", Map.of(), "Strata's Lambda takes no extra arguments");
        c.ignore("mask");
        Object outputShape = c.raw("output_shape");
        Lambda layer = new Lambda((Function<Tensor, Tensor>) fn);
        if (outputShape instanceof List<?> dims) {
            layer.outputShape(c.toShape(dims, "output_shape").toArray());
        }
        return layer;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("function", lambdaConfig(function));
        if (outputShapeFunction != null) {
            config.put("output_shape", lambdaConfig(outputShapeFunction));
        } else if (outputShape != null) {
            config.put("output_shape", boxed(outputShape.toArray()));
        }
        config.put("arguments", Map.of());
        return config;
    }

    private static Map<String, Object> lambdaConfig(Object fn) {
        Map<String, Object> inner = new LinkedHashMap<>();
        if (!fn.getClass().isHidden() && !fn.getClass().isSynthetic()) {
            inner.put("java_class", fn.getClass().getName()); // a lambda's class name means nothing once saved
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("class_name", "__lambda__");
        out.put("config", inner);
        return out;
    }

    private static List<Integer> boxed(int[] dims) {
        return java.util.Arrays.stream(dims).boxed().toList();
    }
}
