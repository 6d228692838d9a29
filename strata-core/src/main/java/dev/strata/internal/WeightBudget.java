package dev.strata.internal;

import java.util.function.Supplier;

/**
 * A limit on the weights a thread may create, set while a model is loaded from a file: the architecture in a file
 * could ask for layers far larger than the weights the same file holds (a hostile {@code "units": 2000000000}), and
 * creating them would exhaust memory before the weights are even compared. Loading sets the budget to the number
 * of values the file holds; {@code Layer.addWeight} charges each new weight to it.
 */
public final class WeightBudget {
    private static final ThreadLocal<long[]> REMAINING = new ThreadLocal<>();

    private WeightBudget() {
    }

    /** The weights made beyond the budget: the message says which and how many values were left. */
    public static final class ExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExceededException(String message) {
            super(message);
        }
    }

    /** Runs {@code body} with at most {@code elements} weight values to create on this thread (nesting keeps the outer budget). */
    public static <T> T with(long elements, Supplier<T> body) {
        long[] outer = REMAINING.get();
        if (outer != null) {
            return body.get();
        }
        REMAINING.set(new long[] {elements});
        try {
            return body.get();
        } finally {
            REMAINING.remove();
        }
    }

    /**
     * Charges a new weight of {@code elements} values (counted in long, so that a product of huge dimensions is
     * caught before it overflows an int).
     *
     * @throws ExceededException if a budget is set and this weight does not fit in what remains
     */
    public static void charge(long elements, String what) {
        long[] remaining = REMAINING.get();
        if (remaining == null) {
            return;
        }
        if (elements > remaining[0]) {
            throw new ExceededException(what + " needs " + elements + " values, but the file being loaded holds only "
                    + remaining[0] + " more: the architecture does not fit the weights it came with");
        }
        remaining[0] -= elements;
    }
}
