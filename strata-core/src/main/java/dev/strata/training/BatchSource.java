package dev.strata.training;

import dev.strata.data.Batch;

/**
 * Where the batch loop gets its batches (Keras's {@code EpochIterator} over a data adapter): in-memory arrays
 * ({@link EpochIterator}) or a dataset ({@link DatasetSource}). A source lives for one {@code fit} (or
 * {@code evaluate}, {@code predict}) and is closed after it, whatever way it ends.
 */
interface BatchSource extends AutoCloseable {
    /** The steps of an epoch if known before it runs; null until a pass of unknown length has ended. */
    Integer steps();

    /** Starts an epoch's pass. */
    Pass start();

    /** Releases what the source holds (an open pass kept between epochs, its threads). */
    @Override
    void close();

    /** The batches of one epoch. */
    interface Pass extends AutoCloseable {
        /** The next batch, or null when the epoch's batches are done. */
        Batch next();

        /** Ends the pass; {@code failed} when the loop stopped on an exception. */
        void end(boolean failed);

        @Override
        default void close() {
            end(false);
        }
    }
}
