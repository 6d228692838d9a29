package dev.strata.internal;

/**
 * What a training loop outside {@code dev.strata.training} (Strata on Spark drives its epochs on the driver) needs
 * of a {@code TrainingState} to honour {@code BackupAndRestore} as {@code fit} does: opening the window in which a
 * callback's {@code resumeAtEpoch} counts, and reading the epoch it asked for. Installed by the training package
 * (the "shared secrets" pattern of {@link TensorAccess}); not public API. States are typed {@code Object} here
 * because this package sits below the training package.
 */
public final class TrainingAccess {
    /** Implemented by the training package. */
    public interface Accessor {
        /** Opens ({@code true}) or closes the window of {@code resumeAtEpoch} (the fit's {@code onTrainBegin}). */
        void acceptResume(Object state, boolean accept);

        /** The epoch a callback asked the beginning fit to resume at, or null. */
        Integer resumeEpoch(Object state);
    }

    private static volatile Accessor accessor;

    private TrainingAccess() {
    }

    /** Called once, by {@code TrainingState}'s class initializer. */
    public static void install(Accessor implementation) {
        if (accessor != null) {
            throw new IllegalStateException("TrainingAccess is already installed");
        }
        accessor = implementation;
    }

    /** See {@link Accessor#acceptResume}. */
    public static void acceptResume(Object state, boolean accept) {
        accessor.acceptResume(state, accept); // a state exists, so TrainingState's initializer has run
    }

    /** See {@link Accessor#resumeEpoch}. */
    public static Integer resumeEpoch(Object state) {
        return accessor.resumeEpoch(state);
    }
}
