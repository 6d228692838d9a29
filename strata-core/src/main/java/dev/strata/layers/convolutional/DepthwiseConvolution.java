package dev.strata.layers.convolutional;

import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.regularizers.Regularizer;

/**
 * What the depthwise and the separable convolutions share (Keras's {@code BaseDepthwiseConv} and
 * {@code BaseSeparableConv} take the same arguments for it): a depthwise kernel of {@code depth_multiplier} filters
 * per input channel, with its initializer, regularizer and constraint (the fluent setters once, returning the
 * concrete layer).
 *
 * @param <L> the concrete layer
 */
abstract class DepthwiseConvolution<L extends DepthwiseConvolution<L>> extends BaseConvolution<L> {
    int depthMultiplier = 1;
    Initializer depthwiseInitializer = Initializers.glorotUniform();
    Regularizer depthwiseRegularizer;
    Constraint depthwiseConstraint;

    DepthwiseConvolution(int rank, int... kernelSize) {
        super(rank, kernelSize);
    }

    /** The number of depthwise output channels per input channel (default 1). */
    public L depthMultiplier(int value) {
        requireNotBuilt("depthMultiplier");
        if (value <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": depth_multiplier must be a positive "
                    + "integer, got " + value);
        }
        this.depthMultiplier = value;
        return self();
    }

    /** The depthwise kernel's initializer (default {@code glorot_uniform}). */
    public L depthwiseInitializer(Initializer initializer) {
        requireNotBuilt("depthwiseInitializer");
        this.depthwiseInitializer = initializer == null ? Initializers.glorotUniform() : initializer;
        return self();
    }

    /** The depthwise kernel's initializer by Keras name. */
    public L depthwiseInitializer(String name) {
        return depthwiseInitializer(Initializers.get(name));
    }

    /** A penalty on the depthwise kernel, added to the loss (null for none). */
    public L depthwiseRegularizer(Regularizer regularizer) {
        requireNotBuilt("depthwiseRegularizer");
        this.depthwiseRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to the depthwise kernel after each update (Keras's
     * {@code depthwise_constraint}; null for none).
     */
    public L depthwiseConstraint(Constraint constraint) {
        requireNotBuilt("depthwiseConstraint");
        this.depthwiseConstraint = constraint;
        return self();
    }

    /** The depthwise kernel's constraint by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L depthwiseConstraint(String name) {
        return depthwiseConstraint(name == null ? null : Constraints.get(name));
    }

    /** The depthwise kernel's constraint, or null. */
    public Constraint depthwiseConstraint() {
        return depthwiseConstraint;
    }

    /** The number of depthwise output channels per input channel. */
    public int depthMultiplier() {
        return depthMultiplier;
    }

    /** Reads the depthwise kernel's initializer, regularizer and constraint. */
    static <L extends DepthwiseConvolution<L>> void readDepthwise(L layer, Config c) {
        Initializer di = c.object("depthwise_initializer", Initializer.class);
        if (di != null) {
            layer.depthwiseInitializer(di);
        }
        layer.depthwiseRegularizer(c.object("depthwise_regularizer", Regularizer.class));
        layer.depthwiseConstraint(c.object("depthwise_constraint", Constraint.class));
    }
}
