package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.initializers.Initializer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell of a long short-term memory layer, like {@code keras.layers.LSTMCell}. Gates in Keras's order i, f, c, o
 * in the columns of {@code kernel} (input_dim, 4 units), {@code recurrent_kernel} (units, 4 units) and {@code bias}
 * (4 units): {@code z = x · kernel + h_prev · recurrent_kernel + bias}, {@code c = f * c_prev + i * activation(z_c)},
 * {@code h = o * activation(c)} with the gates {@code recurrent_activation(z_g)}. States: {@code [h, c]}. Keras 3's
 * defaults: tanh, sigmoid recurrent activation, {@code unit_forget_bias} (the forget gate's bias starts at 1). Keras 2
 * files name {@code hard_sigmoid}, which is then used.
 */
public class LSTMCell extends BaseCell<LSTMCell> {
    private Activation recurrentActivation = Activations.SIGMOID;
    private boolean unitForgetBias = true;

    /** A cell of {@code units} units, with Keras 3's defaults. */
    public LSTMCell(int units) {
        this(units, null);
    }

    LSTMCell(int units, String name) {
        super("LSTMCell", units, name);
    }

    /** The activation of the gates (default sigmoid). */
    public LSTMCell recurrentActivation(Activation a) {
        requireNotBuilt("recurrentActivation");
        this.recurrentActivation = a == null ? Activations.LINEAR : a;
        return this;
    }

    /** The activation of the gates by Keras name. */
    public LSTMCell recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** The activation of the gates. */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the forget gate's bias starts at 1 (default true, Keras's {@code unit_forget_bias}). */
    public LSTMCell unitForgetBias(boolean unitForget) {
        requireNotBuilt("unitForgetBias");
        this.unitForgetBias = unitForget;
        return this;
    }

    /** Whether the forget gate's bias starts at 1. */
    public boolean unitForgetBias() {
        return unitForgetBias;
    }

    @Override
    int gates() {
        return 4;
    }

    /**
     * Whether a sequence can run through the fused recurrence: Keras's default activations (tanh, sigmoid gates), and
     * no recurrent dropout in effect (its masks act inside the step).
     */
    boolean fusable() {
        return activation.name().equals("tanh") && recurrentActivation.name().equals("sigmoid")
                && !(recurrentDropout > 0 && recurrentDropout < 1 && training());
    }

    @Override
    public List<Integer> stateSize() {
        return List.of(units, units);
    }

    @Override
    Initializer biasInitializerForBuild() {
        if (!unitForgetBias) {
            return biasInitializer;
        }
        return new UnitForgetBias(biasInitializer, units);
    }

    @Override
    Tensors recur(Tensor projected, List<Tensor> states) {
        Tensor h = states.get(0);
        Tensor c = states.get(1);
        Tensor z = Ops.add(projected, recurrentProduct(h, recurrentKernel, 0, 4));
        return lstmStep(z, c, activation, recurrentActivation, -1);
    }

    /**
     * The LSTM step from the pre-activations {@code z} (the i, f, c, o blocks along {@code axis}) and the previous
     * carry: {@code c = f * c_prev + i * activation(z_c)}, {@code h = o * activation(c)}; returns h, h, c. Shared
     * with {@link ConvLSTMCell}, whose blocks are channels of images.
     */
    static Tensors lstmStep(Tensor z, Tensor c, Activation activation, Activation recurrentActivation, int axis) {
        List<Tensor> g = Ops.split(z, 4, axis);
        Tensor i = recurrentActivation.apply(g.get(0));
        Tensor f = recurrentActivation.apply(g.get(1));
        Tensor cNew = Ops.add(Ops.multiply(f, c), Ops.multiply(i, activation.apply(g.get(2))));
        Tensor o = recurrentActivation.apply(g.get(3));
        Tensor hNew = Ops.multiply(o, activation.apply(cNew));
        return Tensors.of(hNew, hNew, cNew);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.putAll(cellConfig(true, recurrentActivation, Map.of("unit_forget_bias", unitForgetBias)));
        config.put("seed", seedConfig());
        return config;
    }

    /** Keras's {@code LSTMCell.from_config}; Keras 2's {@code implementation} is accepted (the same numbers). */
    public static LSTMCell fromConfig(Config config) {
        LSTMCell cell = new LSTMCell(config.requireInt("units"));
        cell.recurrentActivation(recurrentActivation(config));
        cell.unitForgetBias(config.bool("unit_forget_bias", true));
        config.ignore("implementation");
        return cell.readCellConfig(config);
    }

    /**
     * Keras's bias initializer with {@code unit_forget_bias}: the given initializer for the i, c and o blocks, ones for
     * f. Used only to build; the config keeps the given initializer.
     */
    record UnitForgetBias(Initializer base, int units) implements Initializer {
        @Override
        public Tensor apply(Shape shape) {
            return Ops.concatenate(List.of(base.apply(Shape.of(units)), Tensor.ones(units),
                    base.apply(Shape.of(2 * units))), 0);
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of();
        }
    }
}
