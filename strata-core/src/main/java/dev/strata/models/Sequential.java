package dev.strata.models;

import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A plain stack of layers, each with one input and one output, like {@code keras.Sequential}.
 *
 * <pre>{@code
 * Model mlp = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(30, "relu"), new Dense(1));
 * }</pre>
 *
 * <p>Without an {@link InputLayer} first, the model builds on its first call (or {@code buildForSamples(Shape)}).
 */
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
     * {@code layers} (the InputLayer first once built) and {@code build_input_shape}. A subclass of Sequential
     * gets the base config plus its auto-config (see {@link dev.strata.config.KerasObjects#autoConfig}), as any custom model.
     */
    @Override
    public java.util.Map<String, Object> getConfig() {
        if (getClass() != Sequential.class) {
            return super.getConfig();
        }
        return dev.strata.saving.KerasConfig.getConfig(this);
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
        Tensor x = input;
        for (Layer layer : stack) {
            x = layer.apply(x);
        }
        return x;
    }
}
