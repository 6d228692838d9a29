package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.config.Config;
import java.util.Map;

/**
 * Gated recurrent unit, like {@code keras.layers.GRU}: an {@link RNN} over a {@link GRUCell} (named
 * {@code gru_cell}; weights at {@code cell/}, gates z, r, h, as Keras). Keras 3's default {@code reset_after=True}
 * (bias shape (2, 3 units)).
 *
 * <pre>{@code
 * Tensor y = new GRU(32).returnSequences(true).apply(x);   // (batch, time, 32)
 * }</pre>
 */
public class GRU extends BaseRNNLayer<GRU, GRUCell> {

    /** A layer of {@code units} units, with Keras 3's defaults. */
    public GRU(int units) {
        super(new GRUCell(units, "gru_cell"));
    }

    /** The activation of the gates (default sigmoid). */
    public GRU recurrentActivation(Activation a) {
        typedCell().recurrentActivation(a);
        return this;
    }

    /** The activation of the gates by Keras name. */
    public GRU recurrentActivation(String name) {
        typedCell().recurrentActivation(name);
        return this;
    }

    /** Whether the reset gate is applied after the recurrent product (default true). */
    public GRU resetAfter(boolean after) {
        typedCell().resetAfter(after);
        return this;
    }

    @Override
    public Map<String, Object> getConfig() {
        return layerConfig(typedCell().getConfig());
    }

    /** Keras's {@code GRU.from_config} (Keras 2's keys too). */
    public static GRU fromConfig(Config config) {
        GRU gru = new GRU(config.requireInt("units"));
        gru.recurrentActivation(BaseCell.recurrentActivation(config));
        gru.resetAfter(config.bool("reset_after", true));
        config.ignore("implementation", "use_cudnn");
        return gru.readLayerConfig(config);
    }
}
