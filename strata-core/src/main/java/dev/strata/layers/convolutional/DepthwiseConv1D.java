package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 1-D depthwise convolution, like {@code keras.layers.DepthwiseConv1D}: each input channel of (batch, steps, channels) (or (batch, channels, steps) with {@code channels_first}) convolved on its own by {@code depth_multiplier} filters.
 * Defaults are Keras's: depth_multiplier 1, stride 1, {@code "valid"} padding, no activation, a bias,
 * {@code glorot_uniform} depthwise kernel, {@code zeros} bias.
 *
 * <pre>{@code
 * Tensor h = new DepthwiseConv1D(3).padding("same").activation("relu").apply(x);
 * }</pre>
 */
public class DepthwiseConv1D extends BaseDepthwiseConv<DepthwiseConv1D> {
    /** A layer with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public DepthwiseConv1D(int... kernelSize) {
        super(1, kernelSize);
    }

    /** Keras's {@code DepthwiseConv1D.from_config}. */
    public static DepthwiseConv1D fromConfig(Config config) {
        return read(new DepthwiseConv1D(config.ints("kernel_size")), config);
    }
}
