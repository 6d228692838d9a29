package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import java.util.Map;

/**
 * What {@link ConvLSTM1D}, {@link ConvLSTM2D} and {@link ConvLSTM3D} share, as Keras's {@code ConvLSTM} base: an
 * {@link RNN} over a {@link ConvLSTMCell} (named {@code conv_lstm_cell}), whose arguments are the layer's. Input
 * (batch, time, *spatial, channels), or channels first (batch, time, channels, *spatial); output the last step's h
 * (batch, *spatial', filters), or every step's with {@link #returnSequences}; with {@link #returnState} h and c
 * follow. The spatial sizes must be known (Keras's rule); the time axis may be unknown while tracing.
 *
 * @param <L> the concrete layer, for fluent setters
 */
abstract class ConvLSTM<L extends ConvLSTM<L>> extends BaseRNNLayer<L, ConvLSTMCell> {

    ConvLSTM(int rank, String kind, int filters, int[] kernelSize) {
        super(new ConvLSTMCell(kind, rank, filters, kernelSize, "conv_lstm_cell"));
    }

    /** The number of output channels (filters) of h and c. */
    public int filters() {
        return typedCell().units();
    }

    /** The size of the convolution window along each spatial axis. */
    public int[] kernelSize() {
        return typedCell().kernelSize();
    }

    /** The strides of the input convolution, one value for all spatial axes or one each (default 1). */
    public L strides(int... values) {
        typedCell().strides(values);
        return self();
    }

    /** The strides of the input convolution along each spatial axis. */
    public int[] strides() {
        return typedCell().strides();
    }

    /** The input convolution's padding: "valid" (the default) or "same" (the recurrent one is always "same"). */
    public L padding(String value) {
        typedCell().padding(value);
        return self();
    }

    /** "valid" or "same". */
    public String padding() {
        return typedCell().padding();
    }

    /** "channels_last" (the default: steps (*spatial, channels)) or "channels_first" (steps (channels, *spatial)). */
    public L dataFormat(String value) {
        typedCell().dataFormat(value);
        return self();
    }

    /** "channels_last" or "channels_first". */
    public String dataFormat() {
        return typedCell().dataFormat();
    }

    /** The dilation rate of the input convolution, one value or one per spatial axis (default 1). */
    public L dilationRate(int... values) {
        typedCell().dilationRate(values);
        return self();
    }

    /** The dilation rate along each spatial axis. */
    public int[] dilationRate() {
        return typedCell().dilationRate();
    }

    /** The activation of the gates (default sigmoid). */
    public L recurrentActivation(Activation a) {
        typedCell().recurrentActivation(a);
        return self();
    }

    /** The activation of the gates by Keras name. */
    public L recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** The activation of the gates. */
    public Activation recurrentActivation() {
        return typedCell().recurrentActivation();
    }

    /** Whether the forget gate's bias starts at 1 (default true, Keras's {@code unit_forget_bias}). */
    public L unitForgetBias(boolean unitForget) {
        typedCell().unitForgetBias(unitForget);
        return self();
    }

    /** Whether the forget gate's bias starts at 1. */
    public boolean unitForgetBias() {
        return typedCell().unitForgetBias();
    }

    /** Keras's config: the RNN's keys, then the cell's (filters, the geometry, the LSTM's keys, seed). */
    @Override
    public Map<String, Object> getConfig() {
        return layerConfig(typedCell().getConfig());
    }

    /** Reads Keras's config (after filters and kernel_size, which the constructor took) into {@code layer}. */
    static <L extends ConvLSTM<L>> L read(L layer, Config config) {
        int[] s = config.ints("strides");
        if (s != null) {
            layer.strides(s);
        }
        layer.padding(config.string("padding", "valid"));
        layer.dataFormat(config.string("data_format", ConvLSTMCell.CHANNELS_LAST));
        int[] d = config.ints("dilation_rate");
        if (d != null) {
            layer.dilationRate(d);
        }
        layer.recurrentActivation(BaseCell.recurrentActivation(config));
        layer.unitForgetBias(config.bool("unit_forget_bias", true));
        return layer.readLayerConfig(config);
    }
}
