package dev.strata.layers.rnn;

import dev.strata.config.Config;
import java.util.Map;

/**
 * A fully-connected RNN whose output is fed back as the next step's state, like {@code keras.layers.SimpleRNN}: an
 * {@link RNN} over a {@link SimpleRNNCell} (named {@code simple_rnn_cell}; weights at {@code cell/}, as Keras).
 *
 * <pre>{@code
 * Tensor y = new SimpleRNN(16).returnSequences(true).apply(x);   // (batch, time, 16)
 * }</pre>
 */
public class SimpleRNN extends BaseRNNLayer<SimpleRNN, SimpleRNNCell> {

    /** A layer of {@code units} units, with Keras's defaults (tanh, a bias). */
    public SimpleRNN(int units) {
        super(new SimpleRNNCell(units, "simple_rnn_cell"));
    }

    /** A layer of {@code units} units with an activation by Keras name. */
    public SimpleRNN(int units, String activation) {
        this(units);
        activation(activation);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cellConfig = typedCell().getConfig();
        cellConfig.remove("seed"); // Keras's SimpleRNN does not write its seed
        return layerConfig(cellConfig);
    }

    /** Keras's {@code SimpleRNN.from_config} (Keras 2's keys too). */
    public static SimpleRNN fromConfig(Config config) {
        return new SimpleRNN(config.requireInt("units")).readLayerConfig(config);
    }
}
