package dev.strata.layers.rnn;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cell of a gated recurrent unit layer, like {@code keras.layers.GRUCell}. Gates in Keras's order z (update),
 * r (reset), h (candidate) in the columns of {@code kernel} (input_dim, 3 units) and {@code recurrent_kernel}
 * (units, 3 units); {@code h = z * h_prev + (1 - z) * hh}. Keras 3's default {@code reset_after=True} applies the reset
 * gate after the recurrent product, with a bias of shape (2, 3 units) (input bias, recurrent bias, as CuDNN);
 * {@code reset_after=False} applies it before, with a bias of (3 units).
 */
public class GRUCell extends BaseCell<GRUCell> {
    private Activation recurrentActivation = Activations.SIGMOID;
    private boolean resetAfter = true;

    /** A cell of {@code units} units, with Keras 3's defaults. */
    public GRUCell(int units) {
        this(units, null);
    }

    GRUCell(int units, String name) {
        super("GRUCell", units, name);
    }

    /** The activation of the gates (default sigmoid). */
    public GRUCell recurrentActivation(Activation a) {
        requireNotBuilt("recurrentActivation");
        this.recurrentActivation = a == null ? Activations.LINEAR : a;
        return this;
    }

    /** The activation of the gates by Keras name. */
    public GRUCell recurrentActivation(String name) {
        return recurrentActivation(Activations.get(name));
    }

    /** The activation of the gates. */
    public Activation recurrentActivation() {
        return recurrentActivation;
    }

    /** Whether the reset gate is applied after the recurrent product (default true, Keras 3's). */
    public GRUCell resetAfter(boolean after) {
        requireNotBuilt("resetAfter");
        this.resetAfter = after;
        return this;
    }

    /** Whether the reset gate is applied after the recurrent product. */
    public boolean resetAfter() {
        return resetAfter;
    }

    @Override
    int gates() {
        return 3;
    }

    /**
     * Whether a sequence can run through the fused recurrence: {@code reset_after}, Keras's default activations, and no
     * recurrent dropout in effect.
     */
    boolean fusable() {
        return resetAfter && activation.name().equals("tanh") && recurrentActivation.name().equals("sigmoid")
                && !(recurrentDropout > 0 && recurrentDropout < 1 && training());
    }

    /** The recurrent half of the bias (reset_after), or null. */
    Tensor recurrentBias() {
        return bias == null || !resetAfter ? null : biasRow(1);
    }

    @Override
    Shape biasShape() {
        return resetAfter ? Shape.of(2, 3 * units) : Shape.of(3 * units);
    }

    @Override
    Tensor inputBias() {
        return bias == null || !resetAfter ? bias : biasRow(0);
    }

    private Tensor biasRow(int row) {
        return Ops.reshape(Ops.slice(bias, new int[] {row, 0}, new int[] {1, 3 * units}), 3 * units);
    }

    @Override
    Tensors recur(Tensor projected, List<Tensor> states) {
        Tensor h = states.getFirst();
        List<Tensor> x = Ops.split(projected, 3, -1);
        Tensor z;
        Tensor r;
        Tensor hh;
        if (resetAfter) {
            Tensor inner = recurrentProduct(h, recurrentKernel, 0, 3);
            if (bias != null) {
                inner = Ops.add(inner, biasRow(1));
            }
            List<Tensor> rec = Ops.split(inner, 3, -1);
            z = recurrentActivation.apply(Ops.add(x.get(0), rec.get(0)));
            r = recurrentActivation.apply(Ops.add(x.get(1), rec.get(1)));
            hh = activation.apply(Ops.add(x.get(2), Ops.multiply(r, rec.get(2))));
        } else {
            List<Tensor> kernels = Ops.split(recurrentKernel, new int[] {2 * units}, 1);
            List<Tensor> rec = Ops.split(recurrentProduct(h, kernels.get(0), 0, 2), 2, -1);
            z = recurrentActivation.apply(Ops.add(x.get(0), rec.get(0)));
            r = recurrentActivation.apply(Ops.add(x.get(1), rec.get(1)));
            hh = activation.apply(Ops.add(x.get(2), Ops.matmul(Ops.multiply(r, recurrentMasked(h, 2)),
                    kernels.get(1))));
        }
        // Keras's z * h_prev + (1 - z) * hh, in its order
        Tensor hNew = Ops.add(Ops.multiply(z, h), Ops.multiply(Ops.negative(Ops.subtract(z, 1f)), hh));
        return Tensors.of(hNew, hNew);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.putAll(cellConfig(true, recurrentActivation, Map.of()));
        config.put("reset_after", resetAfter);
        config.put("seed", seedConfig());
        return config;
    }

    /** Keras's {@code GRUCell.from_config}; Keras 2's {@code implementation} is accepted (the same numbers). */
    public static GRUCell fromConfig(Config config) {
        GRUCell cell = new GRUCell(config.requireInt("units"));
        cell.recurrentActivation(recurrentActivation(config));
        cell.resetAfter(config.bool("reset_after", true));
        config.ignore("implementation");
        return cell.readCellConfig(config);
    }
}
