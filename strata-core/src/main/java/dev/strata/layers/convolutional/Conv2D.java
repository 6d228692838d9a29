package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 2-D convolution (spatial, over images), like {@code keras.layers.Conv2D}: inputs (batch, rows, cols, channels), or (batch, channels, rows, cols) with {@code channels_first}.
 * Defaults are Keras's: stride 1, {@code "valid"} padding, no activation, a bias, {@code glorot_uniform} kernel,
 * {@code zeros} bias; the kernel has shape (*kernel_size, input_channels / groups, filters).
 *
 * <pre>{@code
 * Tensor h = new Conv2D(32, 3).activation("relu").padding("same").apply(x);
 * }</pre>
 */
public class Conv2D extends BaseConv<Conv2D> {
    /** A layer of {@code filters} filters with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public Conv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public Conv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /** Keras's {@code Conv2D.from_config}; LoRA is accepted only as off. */
    public static Conv2D fromConfig(Config config) {
        return read(new Conv2D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
