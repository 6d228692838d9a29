package dev.strata.data;

import dev.strata.StrataException;
import java.io.Serial;

/**
 * The input data of {@code fit}, {@code evaluate} or {@code predict} failed: a generator, a function given to
 * {@link Dataset#map}, a {@link PyDataset#get} or a file threw while the batch was read. The message names the
 * batch (0-based within its epoch) and the epoch; the cause is the original exception.
 */
public final class DatasetException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int batchIndex;
    private final int epoch;

    /**
     * @param what the operation, for the message ({@code "fit"}, {@code "evaluate"}, ...)
     * @param batchIndex the 0-based batch of the epoch that could not be read
     * @param epoch the 0-based epoch, or -1 outside training
     * @param cause what the input pipeline threw
     */
    public DatasetException(String what, int batchIndex, int epoch, Throwable cause) {
        super(what + ": the input data failed at batch " + batchIndex + (epoch >= 0 ? " of epoch " + (epoch + 1) : "")
                + ": " + cause, cause);
        this.batchIndex = batchIndex;
        this.epoch = epoch;
    }

    /** The 0-based batch of the epoch that could not be read. */
    public int batchIndex() {
        return batchIndex;
    }

    /** The 0-based epoch, or -1 outside training. */
    public int epoch() {
        return epoch;
    }
}
