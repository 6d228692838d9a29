package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 1-D separable convolution, like {@code keras.layers.SeparableConv1D}: a depthwise convolution of (batch, steps, channels) (or (batch, channels, steps) with {@code channels_first}), then a pointwise (1-wide) one mixing the channels into {@code filters} outputs.
 * Defaults are Keras's: depth_multiplier 1, stride 1, {@code "valid"} padding, no activation, a bias,
 * {@code glorot_uniform} kernels, {@code zeros} bias.
 *
 * <pre>{@code
 * Tensor h = new SeparableConv1D(64, 3).padding("same").activation("relu").apply(x);
 * }</pre>
 */
public class SeparableConv1D extends BaseSeparableConv<SeparableConv1D> {
    /** A layer of {@code filters} outputs with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public SeparableConv1D(int filters, int... kernelSize) {
        super(1, filters, kernelSize);
    }

    /** A layer with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public SeparableConv1D(int filters, int kernelSize, String activation) {
        this(filters, kernelSize);
        activation(activation);
    }

    /** Keras's {@code SeparableConv1D.from_config}. */
    public static SeparableConv1D fromConfig(Config config) {
        return read(new SeparableConv1D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
