package dev.strata.layers;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.layers.merging.Add;
import dev.strata.layers.merging.Average;
import dev.strata.layers.merging.Concatenate;
import dev.strata.layers.merging.Maximum;
import dev.strata.layers.merging.Minimum;
import dev.strata.layers.merging.Multiply;
import dev.strata.layers.merging.Subtract;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Layer functions, like the module {@code keras.layers}: the functional forms of the merge layers
 * ({@code keras.layers.concatenate}, {@code keras.layers.add}: each makes the layer and applies it to the inputs,
 * concrete or symbolic; in a Functional model the new layer appears in the graph, named automatically), and
 * {@link #serialize}/{@link #deserialize} of any layer.
 *
 * <pre>{@code
 * Tensor wide = Input.of("wide", 5);
 * Tensor deep = new Dense(30, "relu").apply(Input.of("deep", 6));
 * Tensor output = new Dense(1).apply(Layers.concatenate(List.of(wide, deep)));
 * }</pre>
 */
public final class Layers {
    /** Layers as a family of Keras objects: every layer's config has the base keys {@link Layer} reads. */
    public static final KerasObjects.Family<Layer> FAMILY = new KerasObjects.Family<>(Layer.class, Layer.BASE_KEYS,
            Layer::readBaseConfig);

    private Layers() {
    }

    /**
     * Keras's {@code keras.layers.serialize}: the layer as Keras saves it, {@code {"module", "class_name", "config",
     * "registered_name"}} plus {@code build_config} once built (and {@code compile_config} for a compiled model).
     */
    public static Map<String, Object> serialize(Layer layer) {
        return KerasObjects.serialize(layer, layer.describe());
    }

    /**
     * Keras's {@code keras.layers.deserialize}: a new layer from its saved form, built from its {@code build_config}.
     * Strata's layers and registered user classes only.
     *
     * @throws dev.strata.config.KerasConfigException naming the layer and what is wrong
     */
    public static Layer deserialize(Object serialized, ConfigContext context) {
        return deserialize(serialized, context, "layer");
    }

    /** {@link #deserialize(Object, ConfigContext)}, with {@code where} naming the layer's place in messages. */
    public static Layer deserialize(Object serialized, ConfigContext context, String where) {
        return KerasObjects.deserialize(serialized, FAMILY, context, where);
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
}
