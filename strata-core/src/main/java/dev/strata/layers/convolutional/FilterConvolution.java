package dev.strata.layers.convolutional;

import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Variable;
import java.util.Map;

/**
 * What the plain and the transposed convolutions share (Keras's {@code BaseConv} and {@code BaseConvTranspose} take
 * the same arguments for them): {@code filters} output channels, one {@code kernel} with its initializer,
 * regularizer and constraint (the fluent setters once, returning the concrete layer), the refusal of strides with
 * dilation, and the config keys from {@code activation} on, which both write in the same order.
 *
 * @param <L> the concrete layer
 */
abstract class FilterConvolution<L extends FilterConvolution<L>> extends BaseConvolution<L> {
    final int filters;
    Initializer kernelInitializer = Initializers.glorotUniform();
    Regularizer kernelRegularizer;
    Constraint kernelConstraint;
    Variable kernel;

    FilterConvolution(int rank, int filters, int... kernelSize) {
        super(rank, kernelSize);
        this.filters = requirePositiveFilters(filters);
    }

    @Override
    boolean allowsStridesWithDilation() {
        return false;
    }

    /** The kernel initializer (default {@code glorot_uniform}). */
    public L kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = initializer == null ? Initializers.glorotUniform() : initializer;
        return self();
    }

    /** The kernel initializer by Keras name. */
    public L kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** A penalty on the kernel, added to the loss (null for none). */
    public L kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return self();
    }

    /**
     * A constraint the optimizer applies to the kernel after each update (Keras's {@code kernel_constraint}; null for
     * none).
     */
    public L kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return self();
    }

    /** The kernel's constraint by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public L kernelConstraint(String name) {
        return kernelConstraint(name == null ? null : Constraints.get(name));
    }

    /** The kernel's constraint, or null. */
    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    /** The number of filters (output channels). */
    public int filters() {
        return filters;
    }

    @Override
    int outputChannels() {
        return filters;
    }

    /** Creates the kernel, of this shape, with the kernel's initializer, regularizer and constraint. */
    final void addKernel(int[] shape) {
        kernel = addWeight("kernel", Shape.of(shape), kernelInitializer, true, kernelRegularizer, kernelConstraint);
    }

    /** Puts {@code activation} ... {@code bias_constraint}, the keys both families write last, in Keras's order. */
    final void putWeightKeys(Map<String, Object> config) {
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("activity_regularizer", activityRegularizerConfig());
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
    }

    /** Reads the kernel's initializer, regularizer and constraint. */
    static <L extends FilterConvolution<L>> void readKernel(L layer, Config c) {
        Initializer ki = c.object("kernel_initializer", Initializer.class);
        if (ki != null) {
            layer.kernelInitializer(ki);
        }
        layer.kernelRegularizer(c.object("kernel_regularizer", Regularizer.class));
        layer.kernelConstraint(c.object("kernel_constraint", Constraint.class));
    }
}
