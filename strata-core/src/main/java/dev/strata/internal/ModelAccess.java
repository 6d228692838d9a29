package dev.strata.internal;

/**
 * Lets a callback move the start of the {@code fit} that is beginning (Keras's {@code model._initial_epoch}, which
 * {@code BackupAndRestore} sets to resume an interrupted run). Installed by the models package; not public API.
 * Models are typed {@code Object} here because this package sits below the models package.
 */
public final class ModelAccess {
    /** Implemented by the models package. */
    public interface Accessor {
        /** Makes the current {@code fit}, from its {@code onTrainBegin}, start at {@code epoch} (0-based). */
        void resumeAtEpoch(Object model, int epoch);
    }

    private static volatile Accessor accessor;

    private ModelAccess() {
    }

    /** Called once, by {@code Model}'s class initializer. */
    public static void install(Accessor implementation) {
        if (accessor != null) {
            throw new IllegalStateException("ModelAccess is already installed");
        }
        accessor = implementation;
    }

    /** See {@link Accessor#resumeAtEpoch}. */
    public static void resumeAtEpoch(Object model, int epoch) {
        accessor.resumeAtEpoch(model, epoch);
    }
}
