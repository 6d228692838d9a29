package dev.strata.layers.activations;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parametric rectified linear unit, like {@code keras.layers.PReLU}: {@code x} for {@code x >= 0}, else
 * {@code alpha · x}, where {@code alpha} is a learned weight with the shape of one sample (Keras computes
 * {@code relu(x) - alpha · relu(-x)}, and so does Strata). {@link #sharedAxes} shares one alpha along the given axes:
 * for images of shape (batch, height, width, channels), {@code sharedAxes(1, 2)} learns one alpha per channel.
 * Defaults are Keras's: alpha starts at zeros, no regularizer, no shared axes.
 *
 * <pre>{@code
 * Tensor h = new PReLU().apply(x);                                  // alpha of shape (features)
 * Layer perChannel = new PReLU().sharedAxes(1, 2).alphaInitializer(new Constant(0.25f));
 * }</pre>
 *
 * <p>Axes count as in Keras: 1 is the first axis after the batch, up to rank - 1. (Keras reads a shared axis
 * {@code i} as entry {@code i - 1} of the sample shape, so 0 and negative axes would share an axis other than the
 * one they name there; Strata refuses them.) The input must keep the rank and the unshared sizes the layer was built
 * for. {@link #alphaConstraint(dev.strata.constraints.Constraint)} (Keras's {@code alpha_constraint}) projects alpha
 * after each optimizer update.
 */
public class PReLU extends Layer {
    private Initializer alphaInitializer = Initializers.zeros();
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;
    private Shape accepted;

    /** A PReLU with alpha starting at zeros (so it starts as {@code max(x, 0)}), shared along no axis. */
    public PReLU() {
    }

    @Override
    public PReLU named(String name) {
        super.named(name);
        return this;
    }

    /** How alpha starts (Keras's {@code alpha_initializer}; default {@code zeros}). Only before it is built. */
    public PReLU alphaInitializer(Initializer initializer) {
        requireNotBuilt("alphaInitializer");
        this.alphaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** How alpha starts, by Keras name ({@code "ones"}, {@code "glorot_uniform"}...). */
    public PReLU alphaInitializer(String name) {
        return alphaInitializer(Initializers.get(name));
    }

    /** A penalty on alpha, added to the loss (Keras's {@code alpha_regularizer}; default none). */
    public PReLU alphaRegularizer(Regularizer regularizer) {
        requireNotBuilt("alphaRegularizer");
        this.alphaRegularizer = regularizer;
        return this;
    }

    /**
     * A constraint the optimizer applies to {@code alpha} after each update (Keras's {@code alpha_constraint});
     * null for none.
     */
    public PReLU alphaConstraint(Constraint constraint) {
        requireNotBuilt("alphaConstraint");
        this.alphaConstraint = constraint;
        return this;
    }

    /** The constraint on {@code alpha} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public PReLU alphaConstraint(String name) {
        return alphaConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code alpha}, or null. */
    public Constraint alphaConstraint() {
        return alphaConstraint;
    }

    /**
     * The axes along which one alpha is shared (Keras's {@code shared_axes}; default none): 1 is the first axis after
     * the batch. Only before the layer is built.
     *
     * @throws IllegalArgumentException if no axis is given, or an axis is 0 (the batch) or negative
     */
    public PReLU sharedAxes(int... axes) {
        requireNotBuilt("sharedAxes");
        if (axes.length == 0) {
            throw new IllegalArgumentException(describe() + ": shared_axes must name at least one axis (or be left "
                    + "unset)");
        }
        for (int a : axes) {
            if (a < 1) {
                throw new IllegalArgumentException(describe() + ": shared_axes " + Arrays.toString(axes) + " must name "
                        + "axes after the batch axis, counted from 1 (Keras reads axis " + a + " as another axis)");
            }
        }
        this.sharedAxes = axes.clone();
        return this;
    }

    /** The learned slopes, shaped like one sample with 1 along the shared axes; null before the layer is built. */
    public Variable alpha() {
        return alpha;
    }

    /** The shared axes, or null for none. */
    public int[] sharedAxes() {
        return sharedAxes == null ? null : sharedAxes.clone();
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        if (rank < 1) {
            throw new ShapeException("needs inputs with a batch axis, got shape " + inputShape);
        }
        int[] param = inputShape.subShape(1, rank).toArray();
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a >= rank) {
                    throw new ShapeException("shared_axes " + Arrays.toString(sharedAxes) + " names "
                            + "axis " + a + ", but the input shape " + inputShape + " has axes 1 to " + (rank - 1));
                }
                param[a - 1] = 1;
            }
        }
        for (int i = 0; i < param.length; i++) {
            if (param[i] == Shape.UNKNOWN) {
                throw new ShapeException("needs the size of axis " + (i + 1) + " to be known (or the "
                        + "axis to be in shared_axes), got input shape " + inputShape);
            }
        }
        alpha = addWeight("alpha", Shape.of(param), alphaInitializer, true, alphaRegularizer, alphaConstraint);
        int[] accepts = inputShape.toArray();
        accepts[0] = Shape.UNKNOWN;
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                accepts[a] = Shape.UNKNOWN;
            }
        }
        accepted = Shape.of(accepts);
    }

    @Override
    protected Tensor call(Tensor x) {
        checkInput(x.shape());
        return Ops.add(Ops.relu(x), Ops.multiply(Ops.negative(alpha), Ops.relu(Ops.negative(x))));
    }

    /**
     * Keras's input spec: the rank the layer was built for and, along the axes that are not shared, the same sizes
     * (Keras checks those only with shared axes; without, a size 1 would broadcast to a wrong output shape).
     */
    private void checkInput(Shape in) {
        boolean fits = in.rank() == accepted.rank();
        for (int i = 1; fits && i < in.rank(); i++) {
            fits = accepted.get(i) == Shape.UNKNOWN || in.get(i) == Shape.UNKNOWN || in.get(i) == accepted.get(i);
        }
        if (!fits) {
            throw new ShapeException("expected inputs of shape " + accepted + " (None: any size; alpha has shape "
                    + alpha.shape() + "; built for shape " + buildInputShapes().getFirst() + "), but received shape "
                    + in);
        }
    }

    /** Keras's {@code PReLU.from_config}. */
    public static PReLU fromConfig(Config c) {
        PReLU p = new PReLU();
        Initializer init = c.object("alpha_initializer", Initializer.class);
        if (init != null) {
            p.alphaInitializer(init);
        }
        p.alphaRegularizer(c.object("alpha_regularizer", Regularizer.class));
        p.alphaConstraint(c.object("alpha_constraint", Constraint.class));
        int[] shared = c.ints("shared_axes");
        if (shared != null) {
            p.sharedAxes(shared);
        }
        return p;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("alpha_initializer", Initializers.serialize(alphaInitializer));
        config.put("alpha_regularizer", Regularizers.serialize(alphaRegularizer));
        config.put("alpha_constraint", Constraints.serialize(alphaConstraint));
        config.put("shared_axes", sharedAxes == null ? null : Arrays.stream(sharedAxes).boxed().toList());
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
