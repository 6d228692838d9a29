package dev.strata.layers.normalization;

import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Variable;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link BatchNormalization}, {@link LayerNormalization} and {@link GroupNormalization} share, as Keras gives
 * them the same arguments for it: {@code epsilon}, {@code center} and {@code scale}, and the initializer, regularizer and constraint of
 * {@code beta} and {@code gamma} (the fluent setters once, returning the concrete layer; the config keys read and
 * written once, in Keras's order), the creation of {@code gamma} then {@code beta}, and passing masks on. How the
 * statistics are taken (the axes, the groups) is each layer's own.
 *
 * @param <L> the concrete layer
 */
abstract class BaseNormalization<L extends BaseNormalization<L>> extends Layer {
    double epsilon = 1e-3;
    boolean center = true;
    boolean scale = true;
    Initializer betaInitializer = Initializers.zeros();
    Initializer gammaInitializer = Initializers.ones();
    Regularizer betaRegularizer;
    Regularizer gammaRegularizer;
    Constraint betaConstraint;
    Constraint gammaConstraint;
    Variable gamma;
    Variable beta;

    BaseNormalization() {
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public L named(String name) {
        super.named(name);
        return self();
    }

    /**
     * The small value added to the variance (default 1e-3).
     *
     * @throws IllegalArgumentException if negative
     */
    public L epsilon(double epsilon) {
        requireNotBuilt("epsilon");
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return self();
    }

    /** Whether to add the offset {@code beta} (default true). */
    public L center(boolean center) {
        requireNotBuilt("center");
        this.center = center;
        return self();
    }

    /** Whether to multiply by {@code gamma} (default true). */
    public L scale(boolean scale) {
        requireNotBuilt("scale");
        this.scale = scale;
        return self();
    }

    /** The initializer of {@code beta} (default {@code zeros}). */
    public L betaInitializer(Initializer initializer) {
        requireNotBuilt("betaInitializer");
        this.betaInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** The initializer of {@code gamma} (default {@code ones}). */
    public L gammaInitializer(Initializer initializer) {
        requireNotBuilt("gammaInitializer");
        this.gammaInitializer = Objects.requireNonNull(initializer, "initializer");
        return self();
    }

    /** A penalty on {@code beta}. */
    public L betaRegularizer(Regularizer regularizer) {
        requireNotBuilt("betaRegularizer");
        this.betaRegularizer = regularizer;
        return self();
    }

    /** A penalty on {@code gamma}. */
    public L gammaRegularizer(Regularizer regularizer) {
        requireNotBuilt("gammaRegularizer");
        this.gammaRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to {@code beta} after each update (Keras's {@code beta_constraint});
     * null for none.
     */
    public L betaConstraint(Constraint constraint) {
        requireNotBuilt("betaConstraint");
        this.betaConstraint = constraint;
        return self();
    }

    /** The constraint on {@code beta} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L betaConstraint(String name) {
        return betaConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code beta}, or null. */
    public Constraint betaConstraint() {
        return betaConstraint;
    }

    /**
     * A constraint the optimizer applies to {@code gamma} after each update (Keras's {@code gamma_constraint});
     * null for none.
     */
    public L gammaConstraint(Constraint constraint) {
        requireNotBuilt("gammaConstraint");
        this.gammaConstraint = constraint;
        return self();
    }

    /** The constraint on {@code gamma} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L gammaConstraint(String name) {
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

    /** Creates {@code gamma} (without {@code scale}, none) then {@code beta} (without {@code center}, none). */
    final void addGammaAndBeta(Shape shape) {
        gamma = scale ? addWeight("gamma", shape, gammaInitializer, true, gammaRegularizer, gammaConstraint) : null;
        beta = center ? addWeight("beta", shape, betaInitializer, true, betaRegularizer, betaConstraint) : null;
    }

    /** Reads epsilon, center, scale and the beta/gamma keys (Keras's names and defaults). */
    final L readCommon(Config c) {
        epsilon(c.number("epsilon", 1e-3));
        center(c.bool("center", true));
        scale(c.bool("scale", true));
        Initializer i;
        if ((i = c.object("beta_initializer", Initializer.class)) != null) {
            betaInitializer(i);
        }
        if ((i = c.object("gamma_initializer", Initializer.class)) != null) {
            gammaInitializer(i);
        }
        betaRegularizer(c.object("beta_regularizer", Regularizer.class));
        gammaRegularizer(c.object("gamma_regularizer", Regularizer.class));
        betaConstraint(c.object("beta_constraint", Constraint.class));
        gammaConstraint(c.object("gamma_constraint", Constraint.class));
        return self();
    }

    /** Puts the beta/gamma initializer, regularizer and constraint keys, which Layer/GroupNormalization write last. */
    final void putWeightOptions(Map<String, Object> config) {
        putInitializers(config);
        putRegularizersAndConstraints(config);
    }

    /** Puts the beta/gamma initializer keys (BatchNormalization writes its moving ones after them, as Keras). */
    final void putInitializers(Map<String, Object> config) {
        config.put("beta_initializer", Initializers.serialize(betaInitializer));
        config.put("gamma_initializer", Initializers.serialize(gammaInitializer));
    }

    /** Puts the beta/gamma regularizer and constraint keys. */
    final void putRegularizersAndConstraints(Map<String, Object> config) {
        config.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        config.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        config.put("beta_constraint", Constraints.serialize(betaConstraint));
        config.put("gamma_constraint", Constraints.serialize(gammaConstraint));
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
