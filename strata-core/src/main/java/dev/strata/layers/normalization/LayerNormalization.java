package dev.strata.layers.normalization;

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
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Normalizes each sample over {@code axis} (default the last), then scales by {@code gamma} and shifts by
 * {@code beta}; like {@code keras.layers.LayerNormalization}. It behaves the same in training and inference.
 * Defaults are Keras's: axis -1, epsilon 1e-3, center and scale on.
 *
 * <pre>{@code
 * Tensor y = new LayerNormalization().apply(x);
 * Layer overTwo = new LayerNormalization().axis(-2, -1);
 * }</pre>
 *
 * <p>The output is computed as Keras does: {@code x·inv + (beta - mean·inv)} with
 * {@code inv = gamma / √(variance + epsilon)}, the mean and (population) variance taken over the axes.
 * Weights: {@code gamma}, then {@code beta}, shaped like the normalized axes.
 */
public class LayerNormalization extends Layer {
    private int[] axes = {-1};
    private boolean axisGivenAsList;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.zeros();
    private Initializer gammaInitializer = Initializers.ones();
    private Regularizer betaRegularizer;
    private Constraint betaConstraint;
    private Regularizer gammaRegularizer;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;
    private int[] normalized; // the axes, non-negative and sorted
    private Shape broadcastShape;

    /** A layer with Keras's defaults. */
    public LayerNormalization() {
    }

    @Override
    public LayerNormalization named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The axis or axes to normalize over (default -1). Several axes act as one group: one mean and variance per
     * sample over all of them, and gamma/beta shaped like those axes.
     *
     * @throws IllegalArgumentException if no axis is given
     */
    public LayerNormalization axis(int... axes) {
        requireNotBuilt("axis");
        if (axes.length == 0) {
            throw new IllegalArgumentException(describe() + ": give at least one axis");
        }
        this.axes = axes.clone();
        this.axisGivenAsList = axes.length > 1;
        return this;
    }

    /**
     * The small value added to the variance (default 1e-3).
     *
     * @throws IllegalArgumentException if negative
     */
    public LayerNormalization epsilon(double epsilon) {
        requireNotBuilt("epsilon");
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** Whether to add the offset {@code beta} (default true). */
    public LayerNormalization center(boolean center) {
        requireNotBuilt("center");
        this.center = center;
        return this;
    }

    /** Whether to multiply by {@code gamma} (default true). */
    public LayerNormalization scale(boolean scale) {
        requireNotBuilt("scale");
        this.scale = scale;
        return this;
    }

    /** The initializer of {@code beta} (default {@code zeros}). */
    public LayerNormalization betaInitializer(Initializer initializer) {
        requireNotBuilt("betaInitializer");
        this.betaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The initializer of {@code gamma} (default {@code ones}). */
    public LayerNormalization gammaInitializer(Initializer initializer) {
        requireNotBuilt("gammaInitializer");
        this.gammaInitializer = Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** A penalty on {@code beta}. */
    public LayerNormalization betaRegularizer(Regularizer regularizer) {
        requireNotBuilt("betaRegularizer");
        this.betaRegularizer = regularizer;
        return this;
    }

    /**
     * A constraint the optimizer applies to {@code beta} after each update (Keras's {@code beta_constraint});
     * null for none.
     */
    public LayerNormalization betaConstraint(Constraint constraint) {
        requireNotBuilt("betaConstraint");
        this.betaConstraint = constraint;
        return this;
    }

    /** The constraint on {@code beta} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public LayerNormalization betaConstraint(String name) {
        return betaConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code beta}, or null. */
    public Constraint betaConstraint() {
        return betaConstraint;
    }

    /** A penalty on {@code gamma}. */
    public LayerNormalization gammaRegularizer(Regularizer regularizer) {
        requireNotBuilt("gammaRegularizer");
        this.gammaRegularizer = regularizer;
        return this;
    }

    /**
     * A constraint the optimizer applies to {@code gamma} after each update (Keras's {@code gamma_constraint});
     * null for none.
     */
    public LayerNormalization gammaConstraint(Constraint constraint) {
        requireNotBuilt("gammaConstraint");
        this.gammaConstraint = constraint;
        return this;
    }

    /** The constraint on {@code gamma} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public LayerNormalization gammaConstraint(String name) {
        return gammaConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code gamma}, or null. */
    public Constraint gammaConstraint() {
        return gammaConstraint;
    }

    /** {@code gamma}, or null before the build or without scale. */
    public Variable gamma() {
        return gamma;
    }

    /** {@code beta}, or null before the build or without center. */
    public Variable beta() {
        return beta;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw new ShapeException(describe() + ": axis " + axes[i] + " is out of bounds for input shape "
                        + inputShape);
            }
            sorted[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        Arrays.sort(sorted);
        int[] paramShape = new int[sorted.length];
        int[] bshape = new int[rank];
        Arrays.fill(bshape, 1);
        for (int i = 0; i < sorted.length; i++) {
            int d = inputShape.get(sorted[i]);
            if (d == Shape.UNKNOWN) {
                throw new ShapeException(describe() + " needs the size of axis " + sorted[i] + " to be known, got "
                        + "input shape " + inputShape);
            }
            paramShape[i] = d;
            bshape[sorted[i]] = d;
        }
        normalized = sorted;
        broadcastShape = Shape.of(bshape);
        if (scale) {
            gamma = addWeight("gamma", Shape.of(paramShape), gammaInitializer, true, gammaRegularizer, gammaConstraint);
        }
        if (center) {
            beta = addWeight("beta", Shape.of(paramShape), betaInitializer, true, betaRegularizer, betaConstraint);
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        if (in.rank() != broadcastShape.rank()) {
            throw new ShapeException(describe() + " was built for inputs of rank " + broadcastShape.rank()
                    + " (shape " + buildInputShapes().getFirst() + "), but received shape " + in);
        }
        for (int a : normalized) {
            if (in.get(a) != Shape.UNKNOWN && in.get(a) != broadcastShape.get(a)) {
                throw new ShapeException(describe() + " expected axis " + a + " of size " + broadcastShape.get(a)
                        + " (built for shape " + buildInputShapes().getFirst() + "), but received shape " + in);
            }
        }
        // keras.ops.layer_normalization, as Keras's layer calls it: the same operations in the same order
        return Ops.layerNormalization(input, gamma == null ? null : broadcastable(gamma),
                beta == null ? null : broadcastable(beta), normalized, (float) epsilon);
    }

    private Tensor broadcastable(Tensor param) {
        boolean lastOnly = normalized.length == 1 && normalized[0] == broadcastShape.rank() - 1;
        return lastOnly ? param : Ops.reshape(param, broadcastShape);
    }

    /** Keras's {@code LayerNormalization.from_config}; RMS scaling is accepted only as off. */
    public static LayerNormalization fromConfig(Config c) {
        LayerNormalization ln = new LayerNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            ln.axis(axis);
        }
        ln.epsilon(c.number("epsilon", 1e-3));
        ln.center(c.bool("center", true));
        ln.scale(c.bool("scale", true));
        c.requireDefault("rms_scaling", false, "Strata's LayerNormalization has no RMS scaling");
        Initializer i;
        if ((i = c.object("beta_initializer", Initializer.class)) != null) {
            ln.betaInitializer(i);
        }
        if ((i = c.object("gamma_initializer", Initializer.class)) != null) {
            ln.gammaInitializer(i);
        }
        ln.betaRegularizer(c.object("beta_regularizer", Regularizer.class));
        ln.gammaRegularizer(c.object("gamma_regularizer", Regularizer.class));
        ln.betaConstraint(c.object("beta_constraint", Constraint.class));
        ln.gammaConstraint(c.object("gamma_constraint", Constraint.class));
        return ln;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        // Keras keeps the axis as given until build, then stores it as a sorted list.
        Object axisValue;
        if (isBuilt() || axisGivenAsList) {
            int[] shown = axes.clone();
            if (isBuilt()) {
                Arrays.sort(shown);
            }
            axisValue = Arrays.stream(shown).boxed().toList();
        } else {
            axisValue = axes[0];
        }
        config.put("axis", axisValue);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("rms_scaling", false);
        config.put("beta_initializer", Initializers.serialize(betaInitializer));
        config.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        config.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        config.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        config.put("beta_constraint", Constraints.serialize(betaConstraint));
        config.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return config;
    }

    /** The axes, as given. */
    public List<Integer> axes() {
        return Arrays.stream(axes).boxed().toList();
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
