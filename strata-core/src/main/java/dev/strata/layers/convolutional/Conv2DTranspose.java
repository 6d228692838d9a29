package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * Transposed 2-D convolution (sometimes called deconvolution), like {@code keras.layers.Conv2DTranspose}: inputs (batch, rows, cols, channels), or (batch, channels, rows, cols) with {@code channels_first}.
 * Defaults are Keras's: stride 1, {@code "valid"} padding, Keras's output size, no activation, a bias,
 * {@code glorot_uniform} kernel, {@code zeros} bias; the kernel has shape (*kernel_size, filters, input_channels).
 *
 * <pre>{@code
 * Tensor up = new Conv2DTranspose(16, 3).strides(2).padding("same").apply(x);
 * }</pre>
 */
public class Conv2DTranspose extends BaseConvTranspose<Conv2DTranspose> {
    /** A layer of {@code filters} filters with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public Conv2DTranspose(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public Conv2DTranspose(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /** Keras's {@code Conv2DTranspose.from_config}. */
    public static Conv2DTranspose fromConfig(Config config) {
        return read(new Conv2DTranspose(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
