package dev.strata.layers;

import java.util.function.Supplier;

/**
 * What a call of a layer runs under, bound for the dynamic extent of the outermost call (a
 * {@link ScopedValue}, so concurrent {@code predict} calls on one model never see each other's settings).
 */
final class CallContext {
    private static final ScopedValue<CallContext> CURRENT = ScopedValue.newInstance();
    private static final CallContext DEFAULT = new CallContext(false, true);

    final boolean training;
    /** Whether {@code addLoss} keeps losses (not during {@code predict}, which may run on many threads). */
    final boolean collectLosses;

    private CallContext(boolean training, boolean collectLosses) {
        this.training = training;
        this.collectLosses = collectLosses;
    }

    static CallContext current() {
        return CURRENT.orElse(DEFAULT);
    }

    static <T> T with(boolean training, boolean collectLosses, Supplier<T> body) {
        return ScopedValue.where(CURRENT, new CallContext(training, collectLosses)).call(body::get);
    }
}
