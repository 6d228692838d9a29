package dev.strata.layers.convolutional;

import dev.strata.config.Config;

/**
 * 2-D depthwise convolution, like {@code keras.layers.DepthwiseConv2D}: each input channel of (batch, rows, cols, channels) (or (batch, channels, rows, cols) with {@code channels_first}) convolved on its own by {@code depth_multiplier} filters.
 * Defaults are Keras's: depth_multiplier 1, stride 1, {@code "valid"} padding, no activation, a bias,
 * {@code glorot_uniform} depthwise kernel, {@code zeros} bias.
 *
 * <pre>{@code
 * Tensor h = new DepthwiseConv2D(3).padding("same").activation("relu").apply(x);
 * }</pre>
 */
public class DepthwiseConv2D extends BaseDepthwiseConv<DepthwiseConv2D> {
    /** A layer with a window of {@code kernelSize} (one size, or one per spatial axis). */
    public DepthwiseConv2D(int... kernelSize) {
        super(2, kernelSize);
    }

    /** Keras's {@code DepthwiseConv2D.from_config}. */
    public static DepthwiseConv2D fromConfig(Config config) {
        return read(new DepthwiseConv2D(config.ints("kernel_size")), config);
    }
}
