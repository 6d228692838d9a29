package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 2-D separable convolution, like {@code keras.layers.SeparableConv2D}: a depthwise convolution of (batch, rows, cols, channels) (or (batch, channels, rows, cols) with {@code channels_first}), then a pointwise (1x1) one mixing the channels into {@code filters} outputs.
 * Defaults are Keras's: depth_multiplier 1, stride 1, {@code "valid"} padding, no activation, a bias,
 * {@code glorot_uniform} kernels, {@code zeros} bias.
 *
 * <pre>{@code
 * Tensor h = new SeparableConv2D(64, 3).padding("same").activation("relu").apply(x);
 * }</pre>
 */
public class SeparableConv2D extends BaseSeparableConv<SeparableConv2D> {
    /** A layer of {@code filters} outputs with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public SeparableConv2D(int filters, int... kernelSize) {
        super(2, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public SeparableConv2D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /** Keras's {@code SeparableConv2D.from_config}. */
    public static SeparableConv2D fromConfig(Config config) {
        return read(new SeparableConv2D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
