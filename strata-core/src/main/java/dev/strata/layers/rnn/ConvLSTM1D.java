package dev.strata.layers.rnn;

import dev.strata.config.Config;

/**
 * 1D convolutional LSTM, like {@code keras.layers.ConvLSTM1D}: an LSTM whose input and recurrent transformations
 * are 1D convolutions (a {@code ConvLSTMCell}). Steps are (*spatial, channels) with 1 spatial axis, or
 * (channels, *spatial) with {@code dataFormat("channels_first")}; weights {@code conv_lstm_cell/kernel}
 * (*kernel_size, channels, 4 filters), {@code recurrent_kernel} (*kernel_size, filters, 4 filters) and {@code bias}
 * (4 filters), gates i, f, c, o as Keras. Keras 3's defaults: tanh, sigmoid gates, {@code unit_forget_bias},
 * "valid" padding. Masks, {@code go_backwards}, {@code stateful}, initial states and dropout work as for {@link LSTM}.
 *
 * <pre>{@code
 * Tensor y = new ConvLSTM1D(8, 3).padding("same").apply(x); // (batch, time, width, channels) -> (batch, width, 8)
 * }</pre>
 */
public class ConvLSTM1D extends ConvLSTM<ConvLSTM1D> {

    /** A layer of {@code filters} output channels and this kernel (one size for every spatial axis, or 1). */
    public ConvLSTM1D(int filters, int... kernelSize) {
        super(1, "ConvLSTM1D", filters, kernelSize);
    }

    /** Keras's {@code ConvLSTM1D.from_config}. */
    public static ConvLSTM1D fromConfig(Config config) {
        return read(new ConvLSTM1D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
