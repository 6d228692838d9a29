package dev.strata.layers.convolutional;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
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
public abstract class BaseConvTranspose<L extends BaseConvTranspose<L>> extends FilterConvolution<L> {
    int[] outputPadding;

    BaseConvTranspose(int rank, int filters, int... kernelSize) {
        super(rank, filters, kernelSize);
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
        addKernel(shape);
    }

    @Override
    Tensor convolve(Tensor x) {
        return Ops.convTranspose(x, kernel, strides, padding, outputPadding, dataFormat, dilationRate);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = baseConfig();
        config.put("filters", filters);
        Map<String, Object> afterPadding = new LinkedHashMap<>();
        afterPadding.put("output_padding", outputPadding == null ? null : list(outputPadding));
        putGeometry(config, afterPadding);
        putWeightKeys(config);
        return config;
    }

    /** Reads the keys after filters and kernel_size (Keras's {@code BaseConvTranspose.from_config}). */
    static <L extends BaseConvTranspose<L>> L read(L layer, Config c) {
        readCommon(layer, c);
        int[] op = c.ints("output_padding");
        if (op != null) {
            layer.outputPadding(op);
        }
        readKernel(layer, c);
        return layer;
    }
}
