package dev.strata.losses;

import dev.strata.config.Config;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.internal.config.AutoConfig;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A loss, like {@code keras.losses.Loss}: {@link #call} computes per-sample values, {@link #apply} aligns ranks,
 * weighs by {@code sampleWeight} and reduces. All of it is differentiable and works on symbolic tensors.
 *
 * <p>To write a loss, extend this class and implement {@link #call}; or wrap a function with
 * {@link LossFunctionWrapper}. A loss is a Keras object: saved as {@code {"module": "keras.losses", "class_name":
 * "Huber", "config": {...}}} ({@link Losses#serialize}); a user's loss gets its config from its fields (see
 * {@link #getConfig()}) and is registered to be loaded again (see {@code dev.strata.config.SavingRegistry}).
 */
public abstract class Loss implements KerasObject {
    /** The keys of every loss's config that this base class reads: Keras's name, reduction and dtype. */
    static final Set<String> BASE_KEYS = Set.of("name", "reduction", "dtype");

    // Not final: a loss made from a config gets the config's name and reduction after construction (readBaseConfig).
    private String name;
    private Reduction reduction;

    /** A loss with the given Keras name (e.g. {@code "mean_squared_error"}) and reduction. */
    protected Loss(String name, Reduction reduction) {
        this.name = Objects.requireNonNull(name, "name");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The loss's name, used in logs. */
    public String name() {
        return name;
    }

    /** Gives the loss the identifier it was looked up by as its name, as Keras names a wrapped loss function. */
    void rename(String newName) {
        this.name = Objects.requireNonNull(newName, "name");
    }

    /** How per-sample values are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    /**
     * Per-sample loss values for already rank-aligned targets and predictions (usually reducing the last axis,
     * e.g. {@code mean(square(yTrue - yPred), axis=-1)}).
     */
    protected abstract Tensor call(Tensor yTrue, Tensor yPred);

    /**
     * Per-sample values and a mask of the samples that count (1) or are ignored (0), or a null mask if all
     * count. The default has no mask; losses that ignore samples (the sparse crossentropy's
     * {@code ignore_class}) override it. Masked samples are left out of the reduction's divisor, as Keras's
     * {@code apply_mask}.
     */
    protected Masked callMasked(Tensor yTrue, Tensor yPred) {
        return new Masked(call(yTrue, yPred), null);
    }

    /**
     * Per-sample values with an optional mask (1 where a sample counts, 0 where it is ignored; same shape as the
     * values, or null).
     *
     * @param values the per-sample values
     * @param mask the mask, or null
     */
    protected record Masked(Tensor values, Tensor mask) {
        /** Checks that the values are present. */
        public Masked {
            Objects.requireNonNull(values, "values");
        }
    }

    /** The reduced loss of predictions against targets. */
    public final Tensor apply(Tensor yTrue, Tensor yPred) {
        return apply(yTrue, yPred, null);
    }

    /**
     * The reduced loss with per-sample weights (null for none), as Keras's {@code Loss.__call__}: ranks are
     * aligned (a trailing axis of size 1 is squeezed or added), values are weighted, then reduced. A mask on
     * {@code yPred} ({@link Tensor#mask()}: a model whose output steps are masked) leaves the masked steps out, the
     * mean reductions dividing by the unmasked count.
     */
    public final Tensor apply(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor inMask = yPred.mask().orElse(null); // the model output's mask (Keras's _keras_mask on y_pred)
        Tensor[] aligned = alignRanks(yTrue, yPred);
        Masked out = callMasked(aligned[0], aligned[1]);
        Tensor values = out.values();
        Tensor mask = out.mask();
        if (inMask != null) {
            mask = mask == null ? inMask : Ops.multiply(inMask, mask);
        }
        Tensor weight = applyMask(sampleWeight, mask);
        if (weight != null) {
            Tensor[] vw = alignRanks(values, weight);
            values = Ops.multiply(vw[0], vw[1]);
            weight = vw[1];
        }
        return reduce(values, weight);
    }

    /**
     * Keras's {@code apply_mask}: merges a mask into the sample weights. For the mean reductions each kept
     * sample weighs {@code total / kept}, so that dividing by the element count divides by the kept count.
     */
    private Tensor applyMask(Tensor sampleWeight, Tensor mask) {
        if (mask == null) {
            return sampleWeight;
        }
        Tensor floatMask = mask;
        if (reduction == Reduction.SUM_OVER_BATCH_SIZE || reduction == Reduction.MEAN) {
            Tensor maskWeight = LossSupport.divideNoNan(LossSupport.elementCount(mask), Ops.sum(mask));
            floatMask = Ops.where(mask, maskWeight, Tensor.scalar(0f));
        }
        if (sampleWeight == null) {
            return floatMask;
        }
        Tensor[] mw = alignRanks(floatMask, sampleWeight);
        return Ops.multiply(mw[1], mw[0]);
    }

    /** Keras's {@code reduce_values}. */
    private Tensor reduce(Tensor values, Tensor sampleWeight) {
        if (reduction == Reduction.NONE || values.rank() == 0) {
            return values;
        }
        Tensor total = Ops.sum(values);
        return switch (reduction) {
            case SUM -> total;
            case SUM_OVER_BATCH_SIZE, MEAN -> LossSupport.divideNoNan(total, LossSupport.elementCount(values));
            case MEAN_WITH_SAMPLE_WEIGHT -> LossSupport.divideNoNan(total, sampleWeight == null
                    ? LossSupport.elementCount(values) : Ops.sum(sampleWeight));
            case NONE -> values;
        };
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when ranks differ by one and the longer has a last axis of
     * size 1, squeeze it (or, if the shorter is rank 1, give the shorter a trailing axis of size 1).
     */
    static Tensor[] alignRanks(Tensor a, Tensor b) {
        int ra = a.rank();
        int rb = b.rank();
        if (ra == rb + 1 && a.shape().get(-1) == 1) {
            return rb == 1 ? new Tensor[] {a, LossSupport.expandDims(b, -1)}
                    : new Tensor[] {LossSupport.squeeze(a, -1), b};
        }
        if (rb == ra + 1 && b.shape().get(-1) == 1) {
            return ra == 1 ? new Tensor[] {LossSupport.expandDims(a, -1), b}
                    : new Tensor[] {a, LossSupport.squeeze(b, -1)};
        }
        return new Tensor[] {a, b}; // equal ranks, or e.g. sparse labels: the loss itself handles the difference
    }

    /**
     * Keras's {@code get_config()}: {@code name} and {@code reduction}, then the auto-config of a user's subclass
     * (its simple fields by snake_case name, see {@link dev.strata.config}), which is how a user's loss has a
     * config without writing this method. Strata's losses add their own arguments and make themselves again with a
     * {@code public static fromConfig(Config)}; the base keys are read for every loss by {@link #FAMILY}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction.keras());
        for (Map.Entry<String, Object> e : AutoConfig.of(this).entrySet()) {
            config.putIfAbsent(e.getKey(), e.getValue());
        }
        return config;
    }

    /**
     * Losses as a family of Keras objects: the keys every loss's config has that this base class reads (see
     * {@link KerasObjects#deserialize(Object, Class, dev.strata.config.ConfigContext, String)}).
     */
    public static final KerasObjects.Family<Loss> FAMILY = new KerasObjects.Family<>(Loss.class, BASE_KEYS,
            Loss::readBaseConfig);

    /**
     * Applies the {@link #BASE_KEYS} of a config to a loss just made from it, as Keras's {@code Loss.__init__} takes
     * them: the name (if given), the reduction (missing: {@code sum_over_batch_size}; null or {@code "none"}: none).
     * A {@code dtype} is accepted and has no effect: Strata computes losses in float32.
     */
    static void readBaseConfig(Loss loss, Config c) {
        String name = c.string("name", null);
        if (name != null) {
            loss.name = name;
        }
        if (c.has("reduction")) {
            Object r = c.raw("reduction");
            try {
                loss.reduction = Reduction.of(r == null ? null : r.toString());
            } catch (IllegalArgumentException e) {
                throw c.error("'reduction' = " + Config.describe(r) + " is not one of Keras's reductions "
                        + "(\"sum_over_batch_size\", \"sum\", \"mean\", \"mean_with_sample_weight\", \"none\", null)");
            }
        }
        c.ignore("dtype");
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
