package dev.strata.layers.merging;

import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The functional forms of the merge layers, like {@code keras.layers.concatenate} and {@code keras.layers.add}:
 * each makes the layer and applies it to the inputs, concrete or symbolic (in a Functional model the new
 * layer appears in the graph, named automatically). They live beside the layers they make, as Keras defines them
 * in its merging modules.
 *
 * <pre>{@code
 * Tensor wide = Input.of("wide", 5);
 * Tensor deep = new Dense(30, "relu").apply(Input.of("deep", 6));
 * Tensor output = new Dense(1).apply(Layers.concatenate(List.of(wide, deep)));
 * }</pre>
 */
public final class Layers {
    private Layers() {
    }

    /** The inputs concatenated along the last axis ({@link Concatenate}). */
    public static Tensor concatenate(List<? extends Tensor> inputs) {
        return new Concatenate().apply(inputs).getFirst();
    }

    /** The inputs concatenated along {@code axis} ({@link Concatenate}). */
    public static Tensor concatenate(List<? extends Tensor> inputs, int axis) {
        return new Concatenate(axis).apply(inputs).getFirst();
    }

    /** The elementwise sum of the inputs ({@link Add}). */
    public static Tensor add(List<? extends Tensor> inputs) {
        return new Add().apply(inputs).getFirst();
    }

    /** {@code a - b} elementwise ({@link Subtract}). */
    public static Tensor subtract(Tensor a, Tensor b) {
        return new Subtract().apply(List.of(a, b)).getFirst();
    }

    /** The elementwise product of the inputs ({@link Multiply}). */
    public static Tensor multiply(List<? extends Tensor> inputs) {
        return new Multiply().apply(inputs).getFirst();
    }

    /** The elementwise mean of the inputs ({@link Average}). */
    public static Tensor average(List<? extends Tensor> inputs) {
        return new Average().apply(inputs).getFirst();
    }

    /** The elementwise maximum of the inputs ({@link Maximum}). */
    public static Tensor maximum(List<? extends Tensor> inputs) {
        return new Maximum().apply(inputs).getFirst();
    }

    /** The elementwise minimum of the inputs ({@link Minimum}). */
    public static Tensor minimum(List<? extends Tensor> inputs) {
        return new Minimum().apply(inputs).getFirst();
    }

    /** The dot product of the two inputs along their last axes ({@link Dot}, Keras's {@code dot(inputs, axes=-1)}). */
    public static Tensor dot(List<? extends Tensor> inputs) {
        return dot(inputs, -1, false);
    }

    /** The dot product of the two inputs along {@code axes} of each ({@link Dot}). */
    public static Tensor dot(List<? extends Tensor> inputs, int axes) {
        return dot(inputs, axes, false);
    }

    /**
     * The dot product of the two inputs along {@code axes} of each ({@link Dot}); with {@code normalize}, their cosine
     * similarity.
     */
    public static Tensor dot(List<? extends Tensor> inputs, int axes, boolean normalize) {
        return new Dot(axes).normalize(normalize).apply(inputs).getFirst();
    }
}
