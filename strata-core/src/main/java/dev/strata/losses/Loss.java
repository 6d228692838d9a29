package dev.strata.losses;

import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A loss, like {@code keras.losses.Loss}: {@link #call} computes per-sample values, {@link #apply} aligns ranks,
 * weighs by {@code sampleWeight} and reduces. All of it is differentiable and works on symbolic tensors.
 */
public abstract class Loss {
    private final String name;
    private final Reduction reduction;

    /** A loss with the given Keras name (e.g. {@code "mean_squared_error"}) and reduction. */
    protected Loss(String name, Reduction reduction) {
        this.name = Objects.requireNonNull(name, "name");
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** The loss's name, used in logs. */
    public String name() {
        return name;
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

    /** The reduced loss of predictions against targets. */
    public final Tensor apply(Tensor yTrue, Tensor yPred) {
        return apply(yTrue, yPred, null);
    }

    /**
     * The reduced loss with per-sample weights (null for none), as Keras's {@code Loss.__call__}: ranks are
     * aligned (a trailing axis of size 1 is squeezed or added), values are weighted, then reduced.
     */
    public final Tensor apply(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor[] aligned = alignRanks(yTrue, yPred);
        Tensor values = call(aligned[0], aligned[1]);
        if (sampleWeight != null) {
            Tensor[] vw = alignRanks(values, sampleWeight);
            values = Ops.multiply(vw[0], vw[1]);
        }
        return reduce(values, sampleWeight);
    }

    private Tensor reduce(Tensor values, Tensor sampleWeight) {
        if (reduction == Reduction.NONE || values.rank() == 0) {
            return values;
        }
        Tensor total = Ops.sum(values);
        return switch (reduction) {
            case SUM -> total;
            case SUM_OVER_BATCH_SIZE, MEAN -> divideNoNan(total, count(values));
            case MEAN_WITH_SAMPLE_WEIGHT -> sampleWeight == null ? divideNoNan(total, count(values))
                    : divideNoNan(total, Ops.sum(sampleWeight));
            case NONE -> values;
        };
    }

    private static Tensor count(Tensor values) {
        Shape s = values.shape();
        if (s.isFullyDefined()) {
            return Tensor.scalar(s.size());
        }
        // symbolic with an unknown batch: count at run time from the values' shape
        return Ops.sum(Ops.add(Ops.multiply(values, 0f), 1f));
    }

    /** {@code a / b}, or 0 where b is 0 (Keras's {@code divide_no_nan}). */
    static Tensor divideNoNan(Tensor a, Tensor b) {
        if (!b.isSymbolic() && b.rank() == 0 && !a.isSymbolic()) {
            float d = b.item();
            return d == 0f ? Ops.multiply(a, 0f) : Ops.divide(a, d);
        }
        return Ops.divide(a, b);
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank}: when ranks differ by one and the longer has a last axis of
     * size 1, squeeze it (or, if the shorter is rank 1, expand the shorter).
     */
    static Tensor[] alignRanks(Tensor a, Tensor b) {
        int ra = a.rank();
        int rb = b.rank();
        if (ra == rb) {
            return new Tensor[] {a, b};
        }
        if (ra == rb + 1 && a.shape().get(-1) == 1) {
            return rb == 1 ? new Tensor[] {a, Ops.reshape(b, b.shape().get(0) < 0 ? -1 : b.shape().get(0), 1)}
                    : new Tensor[] {squeezeLast(a), b};
        }
        if (rb == ra + 1 && b.shape().get(-1) == 1) {
            return ra == 1 ? new Tensor[] {Ops.reshape(a, a.shape().get(0) < 0 ? -1 : a.shape().get(0), 1), b}
                    : new Tensor[] {a, squeezeLast(b)};
        }
        return new Tensor[] {a, b}; // e.g. sparse labels: the loss itself handles the difference
    }

    private static Tensor squeezeLast(Tensor t) {
        int[] dims = t.shape().subShape(0, t.rank() - 1).toArray();
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == Shape.UNKNOWN) {
                dims[i] = -1;
            }
        }
        return Ops.reshape(t, dims);
    }

    /** Keras's config: {@code name}, {@code reduction}, plus the loss's own arguments. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", reduction.keras());
        return config;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + name + ")";
    }
}
