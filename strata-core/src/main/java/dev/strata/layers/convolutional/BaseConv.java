package dev.strata.layers.convolutional;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
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
public abstract class BaseConv<L extends BaseConv<L>> extends FilterConvolution<L> {
    int groups = 1;

    BaseConv(int rank, int filters, int... kernelSize) {
        super(rank, filters, kernelSize);
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
        addKernel(shape);
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
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("filters", filters);
        putGeometry(config, Map.of());
        config.put("groups", groups);
        putWeightKeys(config);
        return config;
    }

    /** Reads the keys after filters and kernel_size (Keras's {@code BaseConv.from_config}). */
    static <L extends BaseConv<L>> L read(L layer, Config c) {
        readCommon(layer, c);
        layer.groups(c.integer("groups", 1));
        readKernel(layer, c);
        c.requireDefault("lora_rank", null, "Strata has no LoRA");
        c.ignore("lora_alpha");
        return layer;
    }
}
