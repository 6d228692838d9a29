package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 3-D convolution (over volumes), like {@code keras.layers.Conv3D}: inputs (batch, depth, rows, cols, channels), or (batch, channels, depth, rows, cols) with {@code channels_first}.
 * Defaults are Keras's: stride 1, {@code "valid"} padding, no activation, a bias, {@code glorot_uniform} kernel,
 * {@code zeros} bias; the kernel has shape (*kernel_size, input_channels / groups, filters).
 *
 * <pre>{@code
 * Tensor h = new Conv3D(32, 3).activation("relu").padding("same").apply(x);
 * }</pre>
 */
public class Conv3D extends BaseConv<Conv3D> {
    /** A layer of {@code filters} filters with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public Conv3D(int filters, int... kernelSize) {
        super(3, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public Conv3D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /** Keras's {@code Conv3D.from_config}; LoRA is accepted only as off. */
    public static Conv3D fromConfig(Config config) {
        return read(new Conv3D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
