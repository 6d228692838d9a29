package dev.strata.layers.rnn;

import dev.strata.config.Config;

/**
 * 3D convolutional LSTM, like {@code keras.layers.ConvLSTM3D}: an LSTM whose input and recurrent transformations
 * are 3D convolutions (a {@code ConvLSTMCell}). Steps are (*spatial, channels) with 3 spatial axes, or
 * (channels, *spatial) with {@code dataFormat("channels_first")}; weights {@code conv_lstm_cell/kernel}
 * (*kernel_size, channels, 4 filters), {@code recurrent_kernel} (*kernel_size, filters, 4 filters) and {@code bias}
 * (4 filters), gates i, f, c, o as Keras. Keras 3's defaults: tanh, sigmoid gates, {@code unit_forget_bias},
 * "valid" padding. Masks, {@code go_backwards}, {@code stateful}, initial states and dropout work as for {@link LSTM}.
 *
 * <pre>{@code
 * Tensor y = new ConvLSTM3D(4, 3).apply(volumes);   // (batch, time, d, h, w, c) -> (batch, d - 2, h - 2, w - 2, 4)
 * }</pre>
 */
public class ConvLSTM3D extends ConvLSTM<ConvLSTM3D> {

    /** A layer of {@code filters} output channels and this kernel (one size for every spatial axis, or 3). */
    public ConvLSTM3D(int filters, int... kernelSize) {
        super(3, "ConvLSTM3D", filters, kernelSize);
    }

    /** Keras's {@code ConvLSTM3D.from_config}. */
    public static ConvLSTM3D fromConfig(Config config) {
        return read(new ConvLSTM3D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
