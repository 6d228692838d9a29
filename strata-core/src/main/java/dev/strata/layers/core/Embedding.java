package dev.strata.layers.core;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.constraints.Constraints;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.TensorAccess;
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
 * Turns non-negative integer ids into dense vectors of fixed size, like {@code keras.layers.Embedding}: input
 * {@code (batch, ...ids)}, output {@code (batch, ...ids, outputDim)}, row {@code id} of the
 * {@code (inputDim, outputDim)} table {@code embeddings}. Defaults are Keras's: a {@code uniform} table in
 * [-0.05, 0.05), no mask.
 *
 * <p>Ids are whole numbers held in float32 tensors (exact up to 2<sup>24</sup>; see DESIGN.md, "Integer and string
 * inputs"): an id outside {@code [0, inputDim)} or with a fraction is an error naming the layer, where Keras's JAX
 * backend would return NaN rows. With {@link #maskZero(boolean) maskZero}, id 0 is padding: the output carries the
 * mask {@code ids != 0} ({@link Tensor#mask()}), which recurrent layers, attention, pooling and the losses honour.
 *
 * <pre>{@code
 * Tensor tokens = Input.integers("tokens", 100);
 * Tensor vectors = new Embedding(20_000, 128).maskZero(true).apply(tokens);   // (None, 100, 128), masked
 * }</pre>
 */
public class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.randomUniform(-0.05f, 0.05f);
    private Regularizer embeddingsRegularizer;
    private Constraint embeddingsConstraint;
    private boolean maskZero;
    private Variable embeddings;

    /**
     * A table of {@code inputDim} ids (the vocabulary size, largest id + 1) by {@code outputDim} features.
     *
     * @throws IllegalArgumentException if either size is not positive
     */
    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive integers, got "
                    + "input_dim=" + inputDim + ", output_dim=" + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    @Override
    public Embedding named(String name) {
        super.named(name);
        return this;
    }

    /** The table's initializer (default Keras's {@code uniform}: RandomUniform in [-0.05, 0.05)). */
    public Embedding embeddingsInitializer(Initializer initializer) {
        requireNotBuilt("embeddingsInitializer");
        this.embeddingsInitializer = java.util.Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The table's initializer by Keras name. */
    public Embedding embeddingsInitializer(String name) {
        return embeddingsInitializer(Initializers.get(name));
    }

    /** A penalty on the table, added to the loss; null for none. */
    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        requireNotBuilt("embeddingsRegularizer");
        this.embeddingsRegularizer = regularizer;
        return this;
    }

    /** A constraint the optimizer applies to the table after each update; null for none. */
    public Embedding embeddingsConstraint(Constraint constraint) {
        requireNotBuilt("embeddingsConstraint");
        this.embeddingsConstraint = constraint;
        return this;
    }

    /** The constraint on the table by Keras name ({@code "max_norm"}, {@code "unit_norm"}, ...). */
    public Embedding embeddingsConstraint(String name) {
        return embeddingsConstraint(name == null ? null : Constraints.get(name));
    }

    /**
     * Whether id 0 is padding (Keras's {@code mask_zero}, default false): the output then carries the mask
     * {@code ids != 0}, and id 0 should not be a word (so {@code inputDim} is the vocabulary size + 1).
     */
    public Embedding maskZero(boolean mask) {
        this.maskZero = mask;
        return this;
    }

    /** Whether id 0 is padding. */
    public boolean maskZero() {
        return maskZero;
    }

    /** The vocabulary size (largest id + 1). */
    public int inputDim() {
        return inputDim;
    }

    /** The size of each vector. */
    public int outputDim() {
        return outputDim;
    }

    /** The table, shape (inputDim, outputDim); null before the layer is built. */
    public Variable embeddings() {
        return embeddings;
    }

    @Override
    protected void build(Shape inputShape) {
        embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), embeddingsInitializer, true,
                embeddingsRegularizer, embeddingsConstraint);
    }

    @Override
    protected Tensor call(Tensor ids) {
        if (!ids.isSymbolic()) {
            checkIds(TensorAccess.data(ids), ids.shape());
        }
        return Ops.take(embeddings, ids, 0);
    }

    /** Keras's JAX backend turns a bad id into a row of NaN; Strata says which id and where. */
    private void checkIds(float[] ids, Shape shape) {
        for (int i = 0; i < ids.length; i++) {
            float id = ids[i];
            if (!(id >= 0 && id < inputDim) || id != Math.rint(id)) {
                throw new IllegalArgumentException(describe() + ": id " + id + " at flat position " + i
                        + " of its input (shape " + shape + ") is outside the vocabulary: ids are whole numbers "
                        + "from 0 to input_dim - 1 = " + (inputDim - 1));
            }
        }
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return inputShape.append(outputDim);
    }

    /** Keras's {@code compute_mask}: {@code ids != 0} with {@code maskZero}, else none. */
    @Override
    protected Tensor computeMask(Tensor ids, Tensor previousMask) {
        return maskZero ? Ops.notEqual(ids, 0f) : null;
    }

    /** Keras sets {@code supports_masking = mask_zero}: without it, a mask on the ids is dropped, with a warning. */
    @Override
    protected boolean supportsMasking() {
        return maskZero;
    }

    /**
     * Keras's {@code Embedding.from_config}; Keras 2's {@code input_length} is accepted and ignored (Keras 3
     * does the same), LoRA and quantization only as off.
     */
    public static Embedding fromConfig(Config c) {
        Embedding e = new Embedding(c.requireInt("input_dim"), c.requireInt("output_dim"));
        Initializer init = c.object("embeddings_initializer", Initializer.class);
        if (init != null) {
            e.embeddingsInitializer(init);
        }
        e.embeddingsRegularizer(c.object("embeddings_regularizer", Regularizer.class));
        e.embeddingsConstraint(c.object("embeddings_constraint", Constraint.class));
        e.maskZero(c.bool("mask_zero", false));
        c.ignore("input_length");
        c.requireDefault("quantization_config", null, "Strata has no quantization");
        c.requireDefault("lora_rank", null, "Strata has no LoRA");
        c.ignore("lora_alpha");
        return e;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("input_dim", inputDim);
        config.put("output_dim", outputDim);
        config.put("embeddings_initializer", Initializers.serialize(embeddingsInitializer));
        config.put("embeddings_regularizer", Regularizers.serialize(embeddingsRegularizer));
        config.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        config.put("embeddings_constraint", Constraints.serialize(embeddingsConstraint));
        config.put("mask_zero", maskZero);
        config.put("quantization_config", null);
        return config;
    }
}
