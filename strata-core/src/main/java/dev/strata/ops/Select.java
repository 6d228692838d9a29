package dev.strata.ops;

import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The choice of the first true condition at each position, like
 * {@code keras.ops.select(condlist, choicelist, default=0)} (all broadcast together; the default where none
 * holds). Made as the chain of {@link Where}s it means, {@code where(c0, x0, where(c1, x1, ... default))}, so the
 * gradient is theirs (to the chosen value only), and a graph records (and saves) it as those where ops, which
 * Python Keras loads; Keras's own Select node is not read back from a Keras file (its two lists of tensors are one
 * argument layout Strata's graph entries do not have).
 */
final class Select {
    private Select() {
    }

    static Tensor apply(List<? extends Tensor> condlist, List<? extends Tensor> choicelist, Tensor fallback) {
        if (condlist.size() != choicelist.size()) {
            throw new IllegalArgumentException("select: condlist and choicelist must have the same length, got "
                    + condlist.size() + " and " + choicelist.size());
        }
        if (condlist.isEmpty()) {
            throw new IllegalArgumentException("select: condlist must not be empty");
        }
        Tensor out = fallback;
        for (int i = condlist.size() - 1; i >= 0; i--) {
            try {
                out = Where.apply(condlist.get(i), choicelist.get(i), out);
            } catch (dev.strata.ShapeException e) {
                throw new dev.strata.ShapeException("select: condition " + i + " " + condlist.get(i).shape()
                        + ", choice " + i + " " + choicelist.get(i).shape() + " and the later choices or default "
                        + out.shape() + " cannot be broadcast together (" + e.getMessage() + ")");
            }
        }
        return out;
    }
}
