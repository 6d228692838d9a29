package dev.strata.applications.convnext;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.initializers.Initializers;
import dev.strata.internal.config.KerasClass;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ConvNeXt's layer scale, like Keras's {@code keras.src.applications.convnext.LayerScale}: multiplies its input by a
 * learned vector {@code gamma} of length {@code projectionDim} along the last axis, {@code gamma} starting at
 * {@code initValues} everywhere (ConvNeXt uses 1e-6, so that each residual branch starts nearly closed).
 *
 * <pre>{@code
 * Tensor branch = new LayerScale(1e-6, 96).apply(new Dense(96).apply(h));   // h: (batch, height, width, ...)
 * }</pre>
 *
 * <p>Saved as Keras saves it: module {@code keras.src.applications.convnext}, registered name {@code LayerScale},
 * its one weight unnamed ({@code variable}). The last axis of the input must be {@code projectionDim} (Keras would
 * broadcast an axis of size 1 against gamma and widen the output; Strata refuses it).
 */
@KerasClass(module = "keras.src.applications.convnext", registeredName = "LayerScale")
public class LayerScale extends Layer {
    private final double initValues;
    private final int projectionDim;
    private Variable gamma;

    /**
     * A layer scale of {@code projectionDim} values, each starting at {@code initValues}.
     *
     * @throws IllegalArgumentException if {@code projectionDim} is not positive
     */
    public LayerScale(double initValues, int projectionDim) {
        if (projectionDim <= 0) {
            throw new IllegalArgumentException("LayerScale: projection_dim must be positive, got " + projectionDim);
        }
        this.initValues = initValues;
        this.projectionDim = projectionDim;
    }

    @Override
    public LayerScale named(String name) {
        super.named(name);
        return this;
    }

    /** The value every element of gamma starts at (Keras's {@code init_values}). */
    public double initValues() {
        return initValues;
    }

    /** The length of gamma, which is the size of the input's last axis (Keras's {@code projection_dim}). */
    public int projectionDim() {
        return projectionDim;
    }

    /** The learned scale, of shape (projectionDim); null before the layer is built. */
    public Variable gamma() {
        return gamma;
    }

    @Override
    protected void build(Shape inputShape) {
        checkInput(inputShape);
        // Keras's add_weight without a name: the variable is called "variable".
        gamma = addWeight("variable", Shape.of(projectionDim), Initializers.constant((float) initValues), true);
    }

    @Override
    protected Tensor call(Tensor x) {
        checkInput(x.shape());
        return Ops.multiply(x, gamma);
    }

    private void checkInput(Shape in) {
        if (in.rank() < 2 || (in.get(-1) != Shape.UNKNOWN && in.get(-1) != projectionDim)) {
            throw new ShapeException("expected inputs of rank 2 or more whose last axis is projection_dim = "
                    + projectionDim + ", i.e. shape (None, ..., " + projectionDim + ")"
                    + (isBuilt() ? " (built for shape " + buildInputShapes().getFirst() + ")" : "")
                    + ", but received shape " + in);
        }
    }

    /** Keras's {@code LayerScale.from_config}. */
    public static LayerScale fromConfig(Config c) {
        return new LayerScale(c.requireNumber("init_values"), c.requireInt("projection_dim"));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("init_values", initValues);
        config.put("projection_dim", projectionDim);
        return config;
    }
}
