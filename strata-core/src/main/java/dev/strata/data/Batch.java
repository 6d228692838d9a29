package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * One batch of data as a training step receives it: Keras's {@code data} tuple {@code (x, y, sample_weight)}, what
 * {@code keras.utils.unpack_x_y_sample_weight(data)} unpacks in a {@code train_step}. The inputs are one tensor per
 * model input, the targets one per model output (none for {@code predict}), the sample weights one per output or
 * none; all share their first (batch) axis.
 *
 * <pre>{@code
 * @Override
 * public Map<String, Double> trainStep(Batch data) {
 *     Tensor x = data.x().getFirst();
 *     Tensor y = data.y().getFirst();
 *     ...
 * }
 * }</pre>
 *
 * @param x the inputs, one per model input, at least one
 * @param y the targets, one per model output; empty when there are none
 * @param sampleWeights the sample weights, one per output; null when there are none
 */
public record Batch(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights) {
    /**
     * Copies the lists.
     *
     * @throws IllegalArgumentException if there is no input, or a list holds a null
     */
    public Batch {
        Objects.requireNonNull(x, "Batch: x is null");
        if (x.isEmpty()) {
            throw new IllegalArgumentException("Batch: no inputs (x is empty)");
        }
        x = copy(x, "x");
        y = y == null ? List.of() : copy(y, "y");
        sampleWeights = sampleWeights == null ? null : copy(sampleWeights, "sampleWeights");
    }

    /** A batch of one input and one target, without sample weights. */
    public static Batch of(Tensor x, Tensor y) {
        return new Batch(List.of(x), List.of(y), null);
    }

    /** A batch of inputs only (for {@code predict}). */
    public static Batch inputs(List<Tensor> x) {
        return new Batch(x, List.of(), null);
    }

    /** The number of samples: the first axis of the first input. */
    public int size() {
        Tensor first = x.getFirst();
        return first.rank() == 0 ? 1 : first.shape().get(0);
    }

    /** Whether the batch has targets. */
    public boolean hasTargets() {
        return !y.isEmpty();
    }

    private static List<Tensor> copy(List<Tensor> list, String what) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new IllegalArgumentException("Batch: " + what + "[" + i + "] is null");
            }
        }
        return List.copyOf(list);
    }
}
