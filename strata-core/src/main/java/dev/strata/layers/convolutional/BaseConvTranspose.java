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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The transposed convolution layers, like Keras's {@code BaseConvTranspose} ({@link Conv1DTranspose},
 * {@link Conv2DTranspose}, {@link Conv3DTranspose}): {@code activation(conv_transpose(inputs, kernel) + bias)} with a
 * kernel of shape (*kernel_size, filters, input_channels), weights {@code kernel} then {@code bias}. The output size
 * is Keras's: {@code input · stride} with "same" padding, {@code (input - 1) · stride + max(kernel, stride)} with
 * "valid", unless {@code output_padding} is given.
 *
 * @param <L> the concrete layer
 */
public abstract class BaseConvTranspose<L extends BaseConvTranspose<L>> extends BaseConvolution<L> {
    final int filters;
    int[] outputPadding;
    Initializer kernelInitializer = Initializers.glorotUniform();
    Regularizer kernelRegularizer;
    Constraint kernelConstraint;
    Variable kernel;

    BaseConvTranspose(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        if (filters <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": filters must be a positive integer, got "
                    + filters);
        }
        this.filters = filters;
    }

    @Override
    boolean allowsStridesWithDilation() {
        return false;
    }

    /**
     * The padding added to one side of the output along each spatial axis (null, the default, for Keras's rule);
     * each value must be below the stride on its axis.
     */
    public L outputPadding(int... values) {
        requireNotBuilt("outputPadding");
        this.outputPadding = values == null ? null : tuple("output_padding", values, true);
        checkOutputPadding();
        return self();
    }

    @Override
    public L strides(int... values) {
        super.strides(values);
        checkOutputPadding();
        return self();
    }

    private void checkOutputPadding() {
        if (outputPadding == null) {
            return;
        }
        for (int i = 0; i < rank; i++) {
            if (outputPadding[i] >= strides[i]) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": output_padding must be strictly "
                        + "less than strides on every axis; at axis " + i + " output_padding is " + outputPadding[i]
                        + " and strides " + strides[i] + " (output_padding " + Arrays.toString(outputPadding)
                        + ", strides " + Arrays.toString(strides) + ")");
            }
        }
    }

    /** The kernel initializer (default {@code glorot_uniform}). */
    public L kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = initializer == null ? Initializers.glorotUniform() : initializer;
        return self();
    }

    /** The kernel initializer by Keras name. */
    public L kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A penalty on the kernel, added to the loss (null for none). */
    public L kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to the kernel after each update (Keras's {@code kernel_constraint}; null for
     * none).
     */
    public L kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return self();
    }

    /** The kernel's constraint by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L kernelConstraint(String name) {
        return kernelConstraint(name == null ? null : Constraints.get(name));
    }

    /** The kernel's constraint, or null. */
    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    /** The number of filters (output channels). */
    public int filters() {
        return filters;
    }

    /** The output padding per spatial axis, or null for Keras's default. */
    public int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    /** The kernel, shape (*kernel_size, filters, input_channels); null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    @Override
    void createWeights(int inputChannels) {
        int[] shape = new int[rank + 2];
        System.arraycopy(kernelSize, 0, shape, 0, rank);
        shape[rank] = filters;
        shape[rank + 1] = inputChannels;
        kernel = addWeight("kernel", Shape.of(shape), kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
    }

    @Override
    Tensor convolve(Tensor x) {
        return Ops.convTranspose(x, kernel, strides, padding, outputPadding, dataFormat, dilationRate);
    }

    @Override
    int outputChannels() {
        return filters;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("filters", filters);
        Map<String, Object> afterPadding = new LinkedHashMap<>();
        afterPadding.put("output_padding", outputPadding == null ? null : list(outputPadding));
        putGeometry(config, afterPadding);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", activityRegularizerConfig());
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        return config;
    }

    /** Reads the keys after filters and kernel_size (Keras's {@code BaseConvTranspose.from_config}). */
    static <L extends BaseConvTranspose<L>> L read(L layer, Config c) {
        readCommon(layer, c);
        int[] op = c.ints("output_padding");
        if (op != null) {
            layer.outputPadding(op);
        }
        Initializer ki = c.object("kernel_initializer", Initializer.class);
        if (ki != null) {
            layer.kernelInitializer(ki);
        }
        layer.kernelRegularizer(c.object("kernel_regularizer", Regularizer.class));
        layer.kernelConstraint(c.object("kernel_constraint", Constraint.class));
        return layer;
    }
}
