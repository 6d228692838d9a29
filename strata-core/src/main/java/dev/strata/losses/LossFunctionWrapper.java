package dev.strata.losses;

import dev.strata.tensor.Tensor;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A loss from a per-sample function {@code fn(yTrue, yPred)}, as {@code keras.losses.LossFunctionWrapper}: the
 * function receives rank-aligned targets and predictions and returns one value per sample; weighting and the
 * reduction are the {@link Loss}'s. The function must use {@link dev.strata.ops.Ops} for the loss to be
 * differentiable and to work on symbolic tensors.
 *
 * <p>It saves its name and reduction but not the function, which no file can hold: to save and load such a loss,
 * extend {@link Loss} instead (a subclass's config is its fields) and register the class.
 */
public final class LossFunctionWrapper extends Loss {
    private final BiFunction<Tensor, Tensor, Tensor> fn;

    /** Wraps {@code fn} with the default reduction ({@code sum_over_batch_size}). */
    public LossFunctionWrapper(BiFunction<Tensor, Tensor, Tensor> fn, String name) {
        this(fn, name, Reduction.SUM_OVER_BATCH_SIZE);
    }

    /** Wraps {@code fn} with the given name and reduction. */
    public LossFunctionWrapper(BiFunction<Tensor, Tensor, Tensor> fn, String name, Reduction reduction) {
        super(name, reduction);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    protected Tensor call(Tensor yTrue, Tensor yPred) {
        return fn.apply(yTrue, yPred);
    }
}
