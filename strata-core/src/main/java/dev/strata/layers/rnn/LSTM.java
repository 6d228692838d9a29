package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.config.Config;
import java.util.Map;

/**
 * Long short-term memory, like {@code keras.layers.LSTM}: an {@link RNN} over an {@link LSTMCell} (named
 * {@code lstm_cell}; weights {@code cell/kernel}, {@code cell/recurrent_kernel}, {@code cell/bias}, gates i, f, c, o,
 * as Keras). Keras 3's defaults: tanh, sigmoid gates, {@code unit_forget_bias}. The input projection of all steps
 * is one GEMM, then one GEMM per step with the recurrent kernel.
 *
 * <pre>{@code
 * Tensor y = new LSTM(64).apply(embedded);                        // (batch, 64)
 * Tensors out = new LSTM(64).returnState(true).apply(List.of(x)); // output, h, c
 * }</pre>
 */
public class LSTM extends BaseRNNLayer<LSTM, LSTMCell> {

    /** A layer of {@code units} units, with Keras 3's defaults. */
    public LSTM(int units) {
        super(new LSTMCell(units, "lstm_cell"));
    }

    /** The activation of the gates (default sigmoid). */
    public LSTM recurrentActivation(Activation a) {
        typedCell().recurrentActivation(a);
        return this;
    }

    /** The activation of the gates by Keras name. */
    public LSTM recurrentActivation(String name) {
        typedCell().recurrentActivation(name);
        return this;
    }

    /** Whether the forget gate's bias starts at 1 (default true). */
    public LSTM unitForgetBias(boolean unitForget) {
        typedCell().unitForgetBias(unitForget);
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        return layerConfig(typedCell().getConfig());
    }

    /**
     * Keras's {@code LSTM.from_config} (Keras 2's keys too: {@code implementation} gives the same numbers;
     * {@code use_cudnn} is a device choice).
     */
    public static LSTM fromConfig(Config config) {
        LSTM lstm = new LSTM(config.requireInt("units"));
        lstm.recurrentActivation(BaseCell.recurrentActivation(config));
        lstm.unitForgetBias(config.bool("unit_forget_bias", true));
        config.ignore("implementation", "use_cudnn");
        return lstm.readLayerConfig(config);
    }
}
