package dev.strata.layers.rnn;

import dev.strata.config.Config;
import dev.strata.config.KerasObjects;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cells stacked into one, like {@code keras.layers.StackedRNNCells}: at each step the output of a cell is the input
 * of the next. Its states are those of its cells one after another (a flat list, where Keras nests one entry per
 * cell: {@code [[h1, c1], h2]}; saved calls and build configs are written and read in Keras's nesting); its output is
 * the last cell's.
 *
 * <pre>{@code
 * Tensor y = new RNN(new StackedRNNCells(List.of(new LSTMCell(16), new GRUCell(8)))).apply(x); // (batch, 8)
 * }</pre>
 */
public class StackedRNNCells extends RNNCell {
    private final List<RNNCell> cells;

    /** The cells, first to last. */
    public StackedRNNCells(List<? extends RNNCell> cells) {
        if (cells == null || cells.isEmpty()) {
            throw new IllegalArgumentException("StackedRNNCells needs at least one cell");
        }
        this.cells = List.copyOf(cells);
    }

    /** The cells, first to last. */
    public List<RNNCell> cells() {
        return cells;
    }

    @Override
    public List<Integer> stateSize() {
        List<Integer> out = new ArrayList<>();
        for (RNNCell c : cells) {
            out.addAll(c.stateSize());
        }
        return out;
    }

    @Override
    public int outputSize() {
        return cells.getLast().outputSize();
    }

    @Override
    public List<Tensor> getInitialState(int batchSize) {
        List<Tensor> out = new ArrayList<>();
        for (RNNCell c : cells) {
            out.addAll(c.getInitialState(batchSize));
        }
        return out;
    }

    @Override
    protected void build(Shape inputShape) {
        int dim = inputShape.get(-1);
        for (RNNCell c : cells) {
            c.buildForStep(dim);
            dim = c.outputSize();
        }
    }

    @Override
    protected Tensors call(Tensor input, List<Tensor> states) {
        List<Tensor> newStates = new ArrayList<>();
        Tensor x = input;
        int at = 0;
        for (RNNCell c : cells) {
            int n = c.stateSize().size();
            List<Tensor> args = new ArrayList<>(n + 1);
            args.add(x);
            args.addAll(states.subList(at, at + n));
            at += n;
            Tensors r = c.apply(args);
            x = r.get(0);
            newStates.addAll(r.toList().subList(1, r.size()));
        }
        List<Tensor> out = new ArrayList<>(newStates.size() + 1);
        out.add(x);
        out.addAll(newStates);
        return Tensors.of(out);
    }

    @Override
    int outputStateIndex() {
        return stateSize().size() - cells.getLast().stateSize().size() + cells.getLast().outputStateIndex();
    }

    @Override
    void resetDropoutMasks() {
        for (RNNCell c : cells) {
            c.resetDropoutMasks();
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        List<Object> list = new ArrayList<>();
        for (RNNCell c : cells) {
            list.add(KerasObjects.serialize(c));
        }
        config.put("cells", list);
        return config;
    }

    /** Keras's {@code StackedRNNCells.from_config}. */
    public static StackedRNNCells fromConfig(Config config) {
        List<RNNCell> cells = new ArrayList<>();
        List<Object> raw = config.list("cells");
        for (int i = 0; i < raw.size(); i++) {
            Layer l = KerasObjects.deserialize(raw.get(i), Layer.class, config.context(), config.where() + ".cells["
                    + i + "]");
            if (!(l instanceof RNNCell c)) {
                throw config.error("cells[" + i + "] must be an RNN cell, got " + l.getClass().getName());
            }
            cells.add(c);
        }
        return new StackedRNNCells(cells);
    }
}
