package dev.strata.layers;

import dev.strata.internal.Names;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a call of a layer runs under, bound for the dynamic extent of the outermost call (a
 * {@link ScopedValue}, so concurrent {@code predict} calls on one model never see each other's settings).
 *
 * <p>The outermost call also names the layers made while it runs ({@code Layers.concatenate} in a model's
 * {@code call} makes a new layer every call): they are named from counters of that call, not from the session's,
 * so the trace and every later call name them alike ({@code concatenate}, not {@code concatenate_9849} after
 * training), and no name clashes with one the model's own layers have. The counters are made only when a layer is.
 */
final class CallContext {
    private static final ScopedValue<CallContext> CURRENT = ScopedValue.newInstance();
    /** Outside any call. */
    private static final CallContext DEFAULT = new CallContext(false, false, true, null);

    final boolean training;
    /**
     * Whether {@link #training} was set ({@code fit}, {@code predict}, {@code apply(x, training)}) rather than left
     * open, as Keras's {@code training=None}: a layer called with it open uses its own default
     * ({@link Layer#trainingByDefault}).
     */
    final boolean trainingGiven;
    /** Whether {@code addLoss} keeps losses (not during {@code predict}, which may run on many threads). */
    final boolean collectLosses;
    /** The context of the outermost call (this one, if it is), which names the layers made during the call. */
    private final CallContext root;
    /** The root's: the layer called outermost (the first one applied in it). */
    private Layer outermost;
    /** The root's: the names of layers made during the call, made with the first such layer. */
    private Names.Scope names;

    private CallContext(boolean training, boolean trainingGiven, boolean collectLosses, CallContext enclosing) {
        this.training = training;
        this.trainingGiven = trainingGiven;
        this.collectLosses = collectLosses;
        this.root = enclosing == null ? this : enclosing.root;
    }

    static CallContext current() {
        return CURRENT.orElse(DEFAULT);
    }

    /** Runs {@code body} with these settings; inside a call, layers made by it are still named by that call. */
    static <T> T with(boolean training, boolean collectLosses, Supplier<T> body) {
        CallContext enclosing = current();
        CallContext c = new CallContext(training, true, collectLosses, enclosing == DEFAULT ? null : enclosing);
        return ScopedValue.where(CURRENT, c).call(body::get);
    }

    /**
     * Runs {@code body} as a call of {@code layer}: within the call under way, or, outside any call, as the
     * outermost call of {@code layer} (with the default settings).
     */
    static <T> T within(Layer layer, Supplier<T> body) {
        CallContext c = current();
        if (c != DEFAULT) {
            c.enter(layer);
            return body.get();
        }
        c = new CallContext(DEFAULT.training, false, DEFAULT.collectLosses, null);
        c.outermost = layer;
        return ScopedValue.where(CURRENT, c).call(body::get);
    }

    /** Whether a call is under way on this thread. */
    boolean inCall() {
        return this != DEFAULT;
    }

    /** Notes that {@code layer} is being applied; the first layer applied in a call is its outermost. */
    void enter(Layer layer) {
        if (root.outermost == null) {
            root.outermost = layer;
        }
    }

    /**
     * The automatic name of a layer of class {@code className} made now: during a call, from the call's counters
     * (passing over the names of the outermost layer's own layers); otherwise from the session's, as Keras does.
     */
    static String autoName(String className) {
        CallContext c = current();
        return c == DEFAULT ? Names.autoName(className) : c.root.scopedName(className);
    }

    private synchronized String scopedName(String className) {
        if (names == null) {
            Set<String> taken = new HashSet<>();
            if (outermost != null) {
                collectNames(outermost, taken, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
            names = new Names.Scope(taken);
        }
        return names.autoName(className);
    }

    private static void collectNames(Layer layer, Set<String> out, Set<Layer> seen) {
        if (!seen.add(layer)) {
            return;
        }
        for (Layer l : layer.layersTracked()) {
            out.add(l.name());
            collectNames(l, out, seen);
        }
    }
}
