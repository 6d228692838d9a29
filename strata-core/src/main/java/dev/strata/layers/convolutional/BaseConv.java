package dev.strata.layers.convolutional;

import dev.strata.ShapeException;
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
 * The N-D convolution layers, like Keras's {@code BaseConv} ({@link Conv1D}, {@link Conv2D}, {@link Conv3D}):
 * {@code activation(conv(inputs, kernel) + bias)} with a kernel of shape (*kernel_size, input_channels / groups,
 * filters), weights {@code kernel} then {@code bias} as Keras names and orders them.
 *
 * @param <L> the concrete layer
 */
public abstract class BaseConv<L extends BaseConv<L>> extends BaseConvolution<L> {
    final int filters;
    int groups = 1;
    Initializer kernelInitializer = Initializers.glorotUniform();
    Regularizer kernelRegularizer;
    Constraint kernelConstraint;
    Variable kernel;

    BaseConv(int rank, int filters, int... kernelSize) {
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
     * The number of groups the input channels are split into (default 1); each is convolved with
     * {@code filters / groups} filters. Filters and input channels must both divide by it.
     */
    public L groups(int value) {
        requireNotBuilt("groups");
        if (value <= 0 || filters % value != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": groups must be a positive integer "
                    + "dividing filters (" + filters + "), got " + value);
        }
        this.groups = value;
        return self();
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

    /** The number of groups. */
    public int groups() {
        return groups;
    }

    /** The kernel, shape (*kernel_size, input_channels / groups, filters); null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    @Override
    void createWeights(int inputChannels) {
        if (inputChannels % groups != 0) {
            throw new ShapeException(describe() + ": the number of input channels (" + inputChannels + ", data_format '"
                    + dataFormat + "') must divide by groups (" + groups + ")");
        }
        int[] shape = new int[rank + 2];
        System.arraycopy(kernelSize, 0, shape, 0, rank);
        shape[rank] = inputChannels / groups;
        shape[rank + 1] = filters;
        kernel = addWeight("kernel", Shape.of(shape), kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
    }

    @Override
    protected Tensor call(Tensor inputs) {
        // channels last with a linear or relu activation: one fused op (convolution, bias, relu, one gradient rule)
        if (dataFormat.equals(CHANNELS_LAST) && Ops.isFusedConvActivation(activation.name())) {
            checkInput(inputs.shape());
            Tensor in = padding.equals("causal") ? causalPad(inputs) : inputs;
            return Ops.fusedConv(in, kernel, useBias ? bias : null, strides,
                    padding.equals("causal") ? "valid" : padding, dilationRate, activation.name());
        }
        return super.call(inputs);
    }

    /** Keras's causal padding: the time axis padded on the left by the dilated kernel's reach. */
    private Tensor causalPad(Tensor x) {
        int[][] widths = new int[3][];
        widths[0] = new int[] {0, 0};
        int[] time = {dilationRate[0] * (kernelSize[0] - 1), 0};
        boolean last = dataFormat.equals(CHANNELS_LAST);
        widths[1] = last ? time : new int[] {0, 0};
        widths[2] = last ? new int[] {0, 0} : time;
        return Ops.pad(x, widths);
    }

    @Override
    Tensor convolve(Tensor x) {
        Tensor in = x;
        String pad = padding;
        if (padding.equals("causal")) { // Keras pads the time axis on the left, then convolves "valid"
            in = causalPad(x);
            pad = "valid";
        }
        return Ops.conv(in, kernel, strides, pad, dataFormat, dilationRate);
    }

    @Override
    int outputChannels() {
        return filters;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("filters", filters);
        putGeometry(config, Map.of());
        config.put("groups", groups);
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

    /** Reads the keys after filters and kernel_size (Keras's {@code BaseConv.from_config}). */
    static <L extends BaseConv<L>> L read(L layer, Config c) {
        readCommon(layer, c);
        layer.groups(c.integer("groups", 1));
        Initializer ki = c.object("kernel_initializer", Initializer.class);
        if (ki != null) {
            layer.kernelInitializer(ki);
        }
        layer.kernelRegularizer(c.object("kernel_regularizer", Regularizer.class));
        layer.kernelConstraint(c.object("kernel_constraint", Constraint.class));
        c.requireDefault("lora_rank", null, "Strata has no LoRA");
        c.ignore("lora_alpha");
        return layer;
    }
}
