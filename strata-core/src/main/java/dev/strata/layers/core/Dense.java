package dev.strata.layers.core;

import dev.strata.activations.Activation;
import dev.strata.activations.Activations;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.layers.InputSpec;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.regularizers.Regularizers;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A densely-connected layer: {@code activation(inputs · kernel + bias)}, like {@code keras.layers.Dense}.
 * The kernel has shape (input_dim, units) and is applied to the last axis, so inputs of any rank >= 2 work.
 * Defaults are Keras's: no activation, a bias, {@code glorot_uniform} kernel, {@code zeros} bias.
 *
 * <pre>{@code
 * Tensor h = new Dense(30, "relu").apply(x);
 * Layer out = new Dense(1).named("main_output").kernelInitializer("he_normal");
 * }</pre>
 */
public class Dense extends Layer {
    private final int units;
    private Activation activation = Activations.LINEAR;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Constraint kernelConstraint;
    private Regularizer biasRegularizer;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    /** A layer of {@code units} outputs, with no activation. */
    public Dense(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be a positive integer, got " + units);
        }
        this.units = units;
    }

    /** A layer of {@code units} outputs with an activation by Keras name ({@code "relu"}, ...; null for none). */
    public Dense(int units, String activation) {
        this(units);
        this.activation = Activations.get(activation);
    }

    /** A layer of {@code units} outputs with an activation. */
    public Dense(int units, Activation activation) {
        this(units);
        this.activation = activation == null ? Activations.LINEAR : activation;
    }

    @Override
    public Dense named(String name) {
        super.named(name);
        return this;
    }

    /** Whether to add a bias (default true). */
    public Dense useBias(boolean use) {
        requireNotBuilt("useBias");
        this.useBias = use;
        return this;
    }

    /** The kernel initializer (default {@code glorot_uniform}). */
    public Dense kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernelInitializer");
        this.kernelInitializer = initializer;
        return this;
    }

    /** The kernel initializer by Keras name. */
    public Dense kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** The bias initializer (default {@code zeros}). */
    public Dense biasInitializer(Initializer initializer) {
        requireNotBuilt("biasInitializer");
        this.biasInitializer = initializer;
        return this;
    }

    /** The bias initializer by Keras name. */
    public Dense biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    /** A penalty on the kernel, added to the loss. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernelRegularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /**
     * A constraint the optimizer applies to {@code kernel} after each update (Keras's {@code kernel_constraint});
     * null for none.
     */
    public Dense kernelConstraint(Constraint constraint) {
        requireNotBuilt("kernelConstraint");
        this.kernelConstraint = constraint;
        return this;
    }

    /** The constraint on {@code kernel} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public Dense kernelConstraint(String name) {
        return kernelConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code kernel}, or null. */
    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    /** A penalty on the bias, added to the loss. */
    public Dense biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("biasRegularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /**
     * A constraint the optimizer applies to {@code bias} after each update (Keras's {@code bias_constraint});
     * null for none.
     */
    public Dense biasConstraint(Constraint constraint) {
        requireNotBuilt("biasConstraint");
        this.biasConstraint = constraint;
        return this;
    }

    /** The constraint on {@code bias} by Keras name ({@code "max_norm"}, {@code "non_neg"}, ...). */
    public Dense biasConstraint(String name) {
        return biasConstraint(name == null ? null : Constraints.get(name));
    }

    /** The constraint on {@code bias}, or null. */
    public Constraint biasConstraint() {
        return biasConstraint;
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    /** The activation applied to the output. */
    public Activation activation() {
        return activation;
    }

    /** The kernel, shape (input_dim, units); null before the layer is built. */
    public Variable kernel() {
        return kernel;
    }

    /** The bias, shape (units); null before the layer is built or without a bias. */
    public Variable bias() {
        return bias;
    }

    @Override
    protected void build(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw new dev.strata.ShapeException(describe() + " needs inputs of rank >= 2 (batch, ..., features), "
                    + "got shape " + inputShape);
        }
        int inputDim = inputShape.get(-1);
        if (inputDim == Shape.UNKNOWN) {
            throw new dev.strata.ShapeException(describe() + " needs the last dimension of its input to be known, got "
                    + "shape " + inputShape);
        }
        kernel = addWeight("kernel", Shape.of(inputDim, units), kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
        if (useBias) {
            bias = addWeight("bias", Shape.of(units), biasInitializer, true, biasRegularizer, biasConstraint);
        }
        setInputSpec(InputSpec.lastAxis(2, inputDim));
    }

    @Override
    protected Tensor call(Tensor inputs) {
        // one fused op (matmul + bias + activation, one gradient rule) where the activation allows it
        if (Ops.isFusedDenseActivation(activation.name())) {
            return Ops.dense(inputs, kernel, bias, activation.name());
        }
        return activation.apply(Ops.dense(inputs, kernel, bias, "linear"));
    }

    /**
     * Keras's {@code Dense.from_config}. Quantization and LoRA are accepted only as off (Strata has neither).
     */
    public static Dense fromConfig(Config config) {
        Dense d = new Dense(config.requireInt("units"), config.object("activation", Activation.class));
        d.useBias(config.bool("use_bias", true));
        Initializer kernel = config.object("kernel_initializer", Initializer.class);
        if (kernel != null) {
            d.kernelInitializer(kernel);
        }
        Initializer bias = config.object("bias_initializer", Initializer.class);
        if (bias != null) {
            d.biasInitializer(bias);
        }
        d.kernelRegularizer(config.object("kernel_regularizer", Regularizer.class));
        d.biasRegularizer(config.object("bias_regularizer", Regularizer.class));
        d.kernelConstraint(config.object("kernel_constraint", Constraint.class));
        d.biasConstraint(config.object("bias_constraint", Constraint.class));
        config.requireDefault("quantization_config", null, "Strata has no quantization");
        config.requireDefault("lora_rank", null, "Strata has no LoRA");
        config.ignore("lora_alpha");
        return d;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("units", units);
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        config.put("bias_initializer", Initializers.serialize(biasInitializer));
        config.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        config.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        config.put("bias_constraint", Constraints.serialize(biasConstraint));
        config.put("quantization_config", null);
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
