package dev.strata.layers.rnn;

import dev.strata.config.Config;

/**
 * 2D convolutional LSTM, like {@code keras.layers.ConvLSTM2D}: an LSTM whose input and recurrent transformations
 * are 2D convolutions (a {@code ConvLSTMCell}). Steps are (*spatial, channels) with 2 spatial axes, or
 * (channels, *spatial) with {@code dataFormat("channels_first")}; weights {@code conv_lstm_cell/kernel}
 * (*kernel_size, channels, 4 filters), {@code recurrent_kernel} (*kernel_size, filters, 4 filters) and {@code bias}
 * (4 filters), gates i, f, c, o as Keras. Keras 3's defaults: tanh, sigmoid gates, {@code unit_forget_bias},
 * "valid" padding. Masks, {@code go_backwards}, {@code stateful}, initial states and dropout work as for {@link LSTM}.
 *
 * <pre>{@code
 * Tensor y = new ConvLSTM2D(16, 3).padding("same").returnSequences(true).apply(frames); // (.., time, r, c, 16)
 * }</pre>
 */
public class ConvLSTM2D extends ConvLSTM<ConvLSTM2D> {

    /** A layer of {@code filters} output channels and this kernel (one size for every spatial axis, or 2). */
    public ConvLSTM2D(int filters, int... kernelSize) {
        super(2, "ConvLSTM2D", filters, kernelSize);
    }

    /** Keras's {@code ConvLSTM2D.from_config}. */
    public static ConvLSTM2D fromConfig(Config config) {
        return read(new ConvLSTM2D(config.requireInt("filters"), config.ints("kernel_size")), config);
    }
}
