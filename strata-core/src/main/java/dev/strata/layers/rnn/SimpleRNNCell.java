package dev.strata.layers.rnn;

import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell of a fully-connected RNN, like {@code keras.layers.SimpleRNNCell}:
 * {@code h = activation(x · kernel + bias + h_prev · recurrent_kernel)}; the output is the new state. Weights
 * {@code kernel} (input_dim, units), {@code recurrent_kernel} (units, units), {@code bias} (units), as Keras.
 */
public class SimpleRNNCell extends BaseCell<SimpleRNNCell> {

    /** A cell of {@code units} units, with Keras's defaults (tanh, a bias, no dropout). */
    public SimpleRNNCell(int units) {
        this(units, null);
    }

    SimpleRNNCell(int units, String name) {
        super("SimpleRNNCell", units, name);
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    Tensors recur(Tensor projected, List<Tensor> states) {
        Tensor h = activation.apply(Ops.add(projected, recurrentProduct(states.getFirst(), recurrentKernel, 0, 1)));
        return Tensors.of(h, h);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.putAll(cellConfig(false, null, Map.of()));
        config.put("seed", seedConfig());
        return config;
    }

    /** Keras's {@code SimpleRNNCell.from_config}. */
    public static SimpleRNNCell fromConfig(Config config) {
        return new SimpleRNNCell(config.requireInt("units")).readCellConfig(config);
    }
}
