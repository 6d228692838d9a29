package dev.strata.layers.convolutional;

import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Map;

/**
 * The separable convolution layers, like Keras's {@code BaseSeparableConv} ({@link SeparableConv1D},
 * {@link SeparableConv2D}): a depthwise convolution (kernel (*kernel_size, input_channels, depth_multiplier)), then a
 * pointwise one (kernel (1, ..., input_channels · depth_multiplier, filters)), then bias and activation. Weights
 * {@code depthwise_kernel}, {@code pointwise_kernel}, {@code bias}, as Keras names and orders them.
 *
 * @param <L> the concrete layer
 */
public abstract class BaseSeparableConv<L extends BaseSeparableConv<L>> extends DepthwiseConvolution<L> {
    final int filters;
    Initializer pointwiseInitializer = Initializers.glorotUniform();
    Regularizer pointwiseRegularizer;
    Constraint pointwiseConstraint;
    Variable depthwiseKernel;
    Variable pointwiseKernel;

    BaseSeparableConv(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        this.filters = requirePositiveFilters(filters);
    }

    /** The pointwise kernel's initializer (default {@code glorot_uniform}). */
    public L pointwiseInitializer(Initializer initializer) {
        requireNotBuilt("pointwiseInitializer");
        this.pointwiseInitializer = initializer == null ? Initializers.glorotUniform() : initializer;
        return self();
    }

    /** A penalty on the pointwise kernel, added to the loss (null for none). */
    public L pointwiseRegularizer(Regularizer regularizer) {
        requireNotBuilt("pointwiseRegularizer");
        this.pointwiseRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to the pointwise kernel after each update (Keras's {@code pointwise_constraint}; null for
     * none).
     */
    public L pointwiseConstraint(Constraint constraint) {
        requireNotBuilt("pointwiseConstraint");
        this.pointwiseConstraint = constraint;
        return self();
    }

    /** The pointwise kernel's constraint by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L pointwiseConstraint(String name) {
        return pointwiseConstraint(name == null ? null : Constraints.get(name));
    }

    /** The pointwise kernel's constraint, or null. */
    public Constraint pointwiseConstraint() {
        return pointwiseConstraint;
    }

    /** The number of filters (output channels). */
    public int filters() {
        return filters;
    }

    /** The depthwise kernel, (*kernel_size, input_channels, depth_multiplier); null before the layer is built. */
    public Variable depthwiseKernel() {
        return depthwiseKernel;
    }

    /** The pointwise kernel, (1, ..., input_channels · depth_multiplier, filters); null before the layer is built. */
    public Variable pointwiseKernel() {
        return pointwiseKernel;
    }

    @Override
    void createWeights(int inputChannels) {
        int[] dw = new int[rank + 2];
        int[] pw = new int[rank + 2];
        for (int i = 0; i < rank; i++) {
            dw[i] = kernelSize[i];
            pw[i] = 1;
        }
        dw[rank] = inputChannels;
        dw[rank + 1] = depthMultiplier;
        pw[rank] = inputChannels * depthMultiplier;
        pw[rank + 1] = filters;
        depthwiseKernel = addWeight("depthwise_kernel", Shape.of(dw), depthwiseInitializer, true,
                depthwiseRegularizer, depthwiseConstraint);
        pointwiseKernel = addWeight("pointwise_kernel", Shape.of(pw), pointwiseInitializer, true,
                pointwiseRegularizer, pointwiseConstraint);
    }

    @Override
    Tensor convolve(Tensor x) {
        return Ops.separableConv(x, depthwiseKernel, pointwiseKernel, strides, padding, dataFormat, dilationRate);
    }

    @Override
    int outputChannels() {
        return filters;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("depth_multiplier", depthMultiplier);
        config.put("filters", filters);
        putGeometry(config, Map.of());
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("depthwise_initializer", Initializers.serialize(depthwiseInitializer));
        config.put("pointwise_initializer", Initializers.serialize(pointwiseInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("depthwise_regularizer", Regularizers.serialize(depthwiseRegularizer));
        config.put("pointwise_regularizer", Regularizers.serialize(pointwiseRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", activityRegularizerConfig());
        config.put("depthwise_constraint", Constraints.serialize(depthwiseConstraint));
        config.put("pointwise_constraint", Constraints.serialize(pointwiseConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        return config;
    }

    /** Reads the keys after filters and kernel_size (Keras's {@code BaseSeparableConv.from_config}). */
    static <L extends BaseSeparableConv<L>> L read(L layer, Config c) {
        layer.depthMultiplier(c.integer("depth_multiplier", 1));
        readCommon(layer, c);
        readDepthwise(layer, c);
        Initializer pi = c.object("pointwise_initializer", Initializer.class);
        if (pi != null) {
            layer.pointwiseInitializer(pi);
        }
        layer.pointwiseRegularizer(c.object("pointwise_regularizer", Regularizer.class));
        layer.pointwiseConstraint(c.object("pointwise_constraint", Constraint.class));
        return layer;
    }
}
