package dev.strata.models;

import dev.strata.config.Config;
import dev.strata.internal.config.KerasClass;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.internal.config.KerasForms;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A plain stack of layers, each with one input and one output, like {@code keras.Sequential}.
 *
 * <pre>{@code
 * Model mlp = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
 * }</pre>
 *
 * <p>Without an {@link InputLayer} first, the model builds on its first call (or {@code buildForSamples(Shape)}).
 */
@KerasClass(module = "keras")
public class Sequential extends Model {
    private final transient List<Layer> stack = new ArrayList<>();
    private transient InputLayer inputLayer;

    /** A model of the given layers, in order. */
    public Sequential(Layer... layers) {
        this(Arrays.asList(layers));
    }

    /** A model of the given layers, in order. */
    public Sequential(List<? extends Layer> layers) {
        super();
        for (Layer l : layers) {
            add(l);
        }
    }

    @Override
    public Sequential named(String name) {
        super.named(name);
        return this;
    }

    /**
     * Adds a layer on top. An {@link InputLayer} may only come first; it fixes the input shape and builds the
     * model right away.
     */
    public void add(Layer layer) {
        java.util.Objects.requireNonNull(layer, "layer");
        if (layer instanceof InputLayer il) {
            if (inputLayer != null || !stack.isEmpty()) {
                throw new IllegalArgumentException(describe() + ": an InputLayer can only be the first layer");
            }
            inputLayer = il;
            return; // the model builds when its first layer arrives
        }
        if (layer == this) {
            throw new IllegalArgumentException(describe() + " cannot contain itself");
        }
        stack.add(layer);
        if (inputLayer != null) {
            apply(inputLayer.output()); // traces from the input layer, building the new layer too
        }
    }

    /**
     * Removes and returns the top layer.
     *
     * @throws NoSuchElementException if there is none
     */
    public Layer pop() {
        if (stack.isEmpty()) {
            throw new NoSuchElementException(describe() + " has no layers to pop");
        }
        return stack.removeLast();
    }

    /** The layers, in order (the InputLayer is not among them, as in Keras). */
    @Override
    public List<Layer> layers() {
        return List.copyOf(stack);
    }

    @Override
    protected List<Layer> layersTracked() {
        return List.copyOf(stack);
    }

    /**
     * Keras's {@code get_config()} of a Sequential model: {@code name}, {@code trainable}, {@code dtype}, its
     * {@code layers} (each in its saved form, the InputLayer first once the input shape is known) and
     * {@code build_input_shape}. A subclass of Sequential gets the base config plus its auto-config (see
     * {@link dev.strata.config}), as any custom model.
     */
    @Override
    public Map<String, Object> getConfig() {
        if (getClass() != Sequential.class) {
            return super.getConfig();
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name());
        config.put("trainable", trainable());
        config.put("dtype", super.getConfig().get("dtype"));
        List<Object> layers = new ArrayList<>();
        Shape input = inputShape();
        if (inputLayer != null) {
            layers.add(KerasObjects.serialize(inputLayer, describe() + ".layers[0]"));
        } else if (input != null) {
            layers.add(KerasObjects.serialize(new InputLayer(input, uniqueInputName()),
                    describe() + ".layers[0]"));
        }
        for (Layer l : stack) {
            layers.add(KerasObjects.serialize(l, describe() + ".layers[" + layers.size() + "]"));
        }
        config.put("layers", layers);
        if (input != null) {
            config.put("build_input_shape", KerasForms.shapeList(input));
        }
        return config;
    }

    /** Keras's: the input shape, once known ({@code {"input_shape": [null, 8]}}). */
    @Override
    public Map<String, Object> getBuildConfig() {
        if (getClass() != Sequential.class) {
            return super.getBuildConfig();
        }
        Shape input = inputShape();
        if (input == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("input_shape", KerasForms.shapeList(input));
        return out;
    }

    /** The full input shape (batch first): the input layer's, or the one the model was built for; null if unknown. */
    private Shape inputShape() {
        if (inputLayer != null) {
            return inputLayer.batchShape();
        }
        return isBuilt() && !buildInputShapes().isEmpty() ? buildInputShapes().getFirst() : null;
    }

    /** The name Keras gives the InputLayer a built Sequential model made for itself, unique among the layers. */
    private String uniqueInputName() {
        Set<String> names = new HashSet<>();
        for (Layer l : stack) {
            names.add(l.name());
        }
        String name = "input_layer";
        for (int i = 1; names.contains(name); i++) {
            name = "input_layer_" + i;
        }
        return name;
    }

    /**
     * Keras's {@code Sequential.from_config}: the layers made from their saved forms and added in order, then the
     * model built from {@code build_input_shape}. Keras 2 gave the input shape in the first layer's config
     * ({@code batch_input_shape}) instead of an InputLayer; that is read too.
     */
    public static Sequential fromConfig(Config c) {
        String desc = c.where();
        List<Object> entries = c.list("layers");
        List<Object> buildShape = c.list("build_input_shape");
        if (entries == null) {
            throw c.error("missing 'layers'");
        }
        Sequential s = new Sequential();
        String name = c.string("name", null);
        if (name != null) {
            s.named(name); // before the layers: a model with an input layer is built as they are added
        }
        for (int i = 0; i < entries.size(); i++) {
            String where = desc + ".layers[" + i + "]";
            if (i == 0) {
                InputLayer implicit = legacyInput(entries.getFirst(), c, where);
                if (implicit != null) {
                    s.add(implicit);
                }
            }
            Layer l = KerasObjects.deserialize(entries.get(i), Layer.class, c.context(), where);
            try {
                s.add(l);
            } catch (RuntimeException e) {
                throw new KerasConfigException(where + ": cannot add " + l.describe() + " to the Sequential model: "
                        + e.getMessage(), e);
            }
        }
        if (!s.isBuilt() && buildShape != null && !s.stack.isEmpty()) {
            s.buildFromConfig(new Config(new LinkedHashMap<>(Map.of("input_shape", buildShape)),
                    desc + ".build_config", c.context()));
        }
        return s;
    }

    /** Keras 2 puts the input shape in the first layer's config ({@code batch_input_shape}) instead of an InputLayer. */
    private static InputLayer legacyInput(Object entry, Config c, String where) {
        if (!(entry instanceof Map<?, ?> m) || "InputLayer".equals(m.get("class_name"))
                || !(m.get("config") instanceof Map<?, ?> layer)) {
            return null;
        }
        Object shape = layer.get("batch_input_shape") != null ? layer.get("batch_input_shape")
                : layer.get("batch_shape");
        if (!(shape instanceof List<?> dims)) {
            return null;
        }
        Shape full = new Config(layer, where, c.context()).toShape(dims, "batch_input_shape");
        return new InputLayer(full.withDim(0, Shape.UNKNOWN), null);
    }

    /** The input layer, if one was given. */
    public java.util.Optional<InputLayer> inputLayer() {
        return java.util.Optional.ofNullable(inputLayer);
    }

    @Override
    protected Tensor call(Tensor input) {
        if (stack.isEmpty()) {
            throw new IllegalStateException(describe() + " has no layers");
        }
        InferenceReplay replay = reusesInferenceArrays() ? InferenceReplay.start() : null;
        Tensor x = input;
        for (Layer layer : stack) {
            if (replay == null) {
                x = layer.apply(x);
                continue;
            }
            int mark = replay.mark();
            Tensor y = layer.apply(x);
            replay.produced(mark, List.of(y));
            replay.dead(x); // each value's one consumer is the next layer
            x = y;
        }
        return x;
    }

    /** Strata's own Sequential class over layers that all {@link InferenceReplay#reusesArrays}. */
    @Override
    boolean reusesInferenceArrays() {
        return getClass() == Sequential.class && InferenceReplay.reuseArrays(stack);
    }
}
