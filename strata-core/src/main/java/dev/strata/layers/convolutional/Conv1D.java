package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 1-D convolution (temporal), like {@code keras.layers.Conv1D}: inputs (batch, steps, channels), or (batch, channels, steps) with {@code channels_first}; padding may also be {@code "causal"} (the output at step t sees inputs up to t only).
 * Defaults are Keras's: stride 1, {@code "valid"} padding, no activation, a bias, {@code glorot_uniform} kernel,
 * {@code zeros} bias; the kernel has shape (*kernel_size, input_channels / groups, filters).
 *
 * <pre>{@code
 * Tensor h = new Conv1D(32, 3).activation("relu").padding("same").apply(x);
 * }</pre>
 */
public class Conv1D extends BaseConv<Conv1D> {
    /** A layer of {@code filters} filters with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public Conv1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public Conv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    @Override
    boolean allowsCausal() {
        return true;
    }

    /** Keras's {@code Conv1D.from_config}; LoRA is accepted only as off. */
    public static Conv1D fromConfig(Config config) {
        return read(new Conv1D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
