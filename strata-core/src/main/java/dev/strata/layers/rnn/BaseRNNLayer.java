package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.initializers.Initializer;
import dev.strata.regularizers.Regularizer;
import dev.strata.tensor.Variable;
import java.util.Map;

/**
 * What SimpleRNN, LSTM and GRU share, as Keras's layers over their cell: the cell's arguments are the layer's (set
 * here, kept by the cell), and the config is the RNN's keys followed by the cell's, without a {@code cell} entry.
 *
 * @param <L> the concrete layer, for fluent setters
 * @param <C> its cell
 */
abstract class BaseRNNLayer<L extends BaseRNNLayer<L, C>, C extends BaseCell<C>> extends RNN {
    private final C typedCell;

    BaseRNNLayer(C cell) {
        super(cell, null);
        this.typedCell = cell;
    }

    @SuppressWarnings("unchecked")
    final L self() {
        return (L) this;
    }

    /** The cell, typed. */
    final C typedCell() {
        return typedCell;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    @Override
    public L returnSequences(boolean all) {
        super.returnSequences(all);
        return self();
    }

    @Override
    public L returnState(boolean withStates) {
        super.returnState(withStates);
        return self();
    }

    @Override
    public L goBackwards(boolean backwards) {
        super.goBackwards(backwards);
        return self();
    }

    @Override
    public L stateful(boolean keep) {
        super.stateful(keep);
        return self();
    }

    @Override
    public L unroll(boolean unrolled) {
        super.unroll(unrolled);
        return self();
    }

    @Override
    public L zeroOutputForMask(boolean zeros) {
        super.zeroOutputForMask(zeros);
        return self();
    }

    /** The number of units. */
    public int units() {
        return typedCell.units();
    }

    /** The activation (default {@code tanh}). */
    public L activation(Activation a) {
        typedCell.activation(a);
        return self();
    }

    /** The activation by Keras name. */
    public L activation(String name) {
        typedCell.activation(name);
        return self();
    }

    /** Whether to add a bias (default true). */
    public L useBias(boolean use) {
        typedCell.useBias(use);
        return self();
    }

    /** The kernel's initializer (default {@code glorot_uniform}). */
    public L kernelInitializer(Initializer i) {
        typedCell.kernelInitializer(i);
        return self();
    }

    /** The kernel's initializer by Keras name. */
    public L kernelInitializer(String name) {
        typedCell.kernelInitializer(name);
        return self();
    }

    /** The recurrent kernel's initializer (default {@code orthogonal}). */
    public L recurrentInitializer(Initializer i) {
        typedCell.recurrentInitializer(i);
        return self();
    }

    /** The recurrent kernel's initializer by Keras name. */
    public L recurrentInitializer(String name) {
        typedCell.recurrentInitializer(name);
        return self();
    }

    /** The bias initializer (default {@code zeros}). */
    public L biasInitializer(Initializer i) {
        typedCell.biasInitializer(i);
        return self();
    }

    /** The bias initializer by Keras name. */
    public L biasInitializer(String name) {
        typedCell.biasInitializer(name);
        return self();
    }

    /** A penalty on the kernel (null for none). */
    public L kernelRegularizer(Regularizer r) {
        typedCell.kernelRegularizer(r);
        return self();
    }

    /** A penalty on the recurrent kernel (null for none). */
    public L recurrentRegularizer(Regularizer r) {
        typedCell.recurrentRegularizer(r);
        return self();
    }

    /** A penalty on the bias (null for none). */
    public L biasRegularizer(Regularizer r) {
        typedCell.biasRegularizer(r);
        return self();
    }

    /** A constraint on the kernel (null for none). */
    public L kernelConstraint(Constraint c) {
        typedCell.kernelConstraint(c);
        return self();
    }

    /** A constraint on the recurrent kernel (null for none). */
    public L recurrentConstraint(Constraint c) {
        typedCell.recurrentConstraint(c);
        return self();
    }

    /** A constraint on the bias (null for none). */
    public L biasConstraint(Constraint c) {
        typedCell.biasConstraint(c);
        return self();
    }

    /** The fraction of the inputs dropped in training (one mask per sequence; default 0). */
    public L dropout(double rate) {
        typedCell.dropout(rate);
        return self();
    }

    /** The fraction of the recurrent state dropped in training (one mask per sequence; default 0). */
    public L recurrentDropout(double rate) {
        typedCell.recurrentDropout(rate);
        return self();
    }

    /** Draws the dropout masks from the cell's own generator seeded with {@code seed}. */
    public L seed(long seed) {
        typedCell.seed(seed);
        return self();
    }

    /** The kernel (null before the layer is built). */
    public Variable kernel() {
        return typedCell.kernel();
    }

    /** The recurrent kernel (null before the layer is built). */
    public Variable recurrentKernel() {
        return typedCell.recurrentKernel();
    }

    /** The bias (null before the layer is built or without a bias). */
    public Variable bias() {
        return typedCell.bias();
    }

    /**
     * The RNN's keys, then the cell's (without its name, trainable and dtype, which are the layer's) in Keras's order
     * for the layer: {@code unit_forget_bias} after the initializers, {@code activity_regularizer} after the other
     * regularizers.
     */
    final Map<String, Object> layerConfig(Map<String, Object> cellConfig) {
        Map<String, Object> config = rnnConfig();
        config.remove("activity_regularizer");
        for (Map.Entry<String, Object> e : cellConfig.entrySet()) {
            String key = e.getKey();
            if (key.equals("name") || key.equals("trainable") || key.equals("dtype")
                    || key.equals("unit_forget_bias")) {
                continue;
            }
            config.put(key, e.getValue());
            if (key.equals("bias_initializer") && cellConfig.containsKey("unit_forget_bias")) {
                config.put("unit_forget_bias", cellConfig.get("unit_forget_bias"));
            }
            if (key.equals("bias_regularizer")) {
                config.put("activity_regularizer", activityRegularizer() == null ? null
                        : dev.strata.regularizers.Regularizers.serialize(activityRegularizer()));
            }
        }
        return config;
    }

    /** Reads an RNN layer's config: its RNN keys, then the cell's. */
    final L readLayerConfig(Config config) {
        readRnnConfig(config);
        typedCell.readCellConfig(config);
        return self();
    }
}
