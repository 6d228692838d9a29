package dev.strata.internal.autodiff;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording of op applications on one thread, as in TensorFlow's {@code GradientTape}: an op is recorded
 * when one of its inputs is watched (explicitly, as a trainable variable the tape saw, or as the output of
 * a recorded op). Tapes are thread-confined: recording only sees the tapes opened on the current thread.
 *
 * <p>Cost when nothing records: ops test {@link #isRecording()}, one volatile read while no tape is open
 * anywhere, so inference pays nothing measurable.
 */
public final class Tape {
    private static final AtomicInteger OPEN_TAPES = new AtomicInteger();
    private static final ThreadLocal<ArrayDeque<Tape>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);
    private static volatile GradientMath math;

    private final boolean persistent;
    private final boolean watchAccessedVariables;
    private final Thread owner = Thread.currentThread();
    private final List<Entry> entries = new ArrayList<>();
    private final Set<Tensor> watched = Collections.newSetFromMap(new IdentityHashMap<>(64));
    private final List<Variable> watchedVariables = new ArrayList<>();
    private boolean open;
    private int paused;
    private boolean used;

    private record Entry(Tensor output, Tensor[] inputs, Backward backward) {
    }

    public Tape(boolean persistent, boolean watchAccessedVariables) {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
    }

    /** Installed once by the ops package. */
    public static void installMath(GradientMath implementation) {
        math = implementation;
    }

    // ---- the recording side, used by ops -------------------------------------------------------------------

    /** Whether a tape is recording on this thread; ops skip all tape work when not. */
    public static boolean isRecording() {
        return OPEN_TAPES.get() != 0 && !ACTIVE.get().isEmpty();
    }

    /**
     * Whether a tape on this thread is recording right now (open and not paused): a gradient rule computed while
     * this holds is itself being differentiated (a second derivative), so it must use differentiable ops.
     */
    public static boolean isRecordingNow() {
        if (!isRecording()) {
            return false;
        }
        for (Tape t : ACTIVE.get()) {
            if (t.paused == 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether some tape on this thread would record an op with this input. */
    public static boolean shouldRecord(Tensor a) {
        if (!isRecording()) {
            return false;
        }
        for (Tape t : ACTIVE.get()) {
            if (t.paused == 0 && t.tracks(a)) {
                return true;
            }
        }
        return false;
    }

    /** Whether some tape on this thread would record an op with these inputs. */
    public static boolean shouldRecord(Tensor a, Tensor b) {
        if (!isRecording()) {
            return false;
        }
        for (Tape t : ACTIVE.get()) {
            if (t.paused == 0 && (t.tracks(a) || t.tracks(b))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some tape on this thread would record an op with these inputs. */
    public static boolean shouldRecord(List<? extends Tensor> inputs) {
        if (!isRecording()) {
            return false;
        }
        for (Tape t : ACTIVE.get()) {
            if (t.paused == 0) {
                for (Tensor x : inputs) {
                    if (t.tracks(x)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Records {@code output = op(inputs)} on every tape of this thread that watches one of the inputs.
     */
    public static void record(Tensor output, Tensor[] inputs, Backward backward) {
        if (!isRecording()) {
            return;
        }
        for (Tape t : ACTIVE.get()) {
            if (t.paused != 0) {
                continue;
            }
            boolean any = false;
            for (Tensor x : inputs) {
                if (t.tracks(x)) {
                    any = true;
                    if (x instanceof Variable v && !t.watched.contains(v)) {
                        t.watched.add(v);
                        t.watchedVariables.add(v);
                    }
                }
            }
            if (any) {
                t.entries.add(new Entry(output, inputs, backward));
                t.watched.add(output);
            }
        }
    }

    private boolean tracks(Tensor x) {
        return watched.contains(x) || (watchAccessedVariables && x instanceof Variable v && v.trainable());
    }

    // ---- the user side, through GradientTape ---------------------------------------------------------------

    /** Starts recording on the current thread. */
    public void open() {
        checkOwner("open");
        if (open) {
            throw new IllegalStateException("this tape is already recording");
        }
        open = true;
        ACTIVE.get().push(this);
        OPEN_TAPES.incrementAndGet();
    }

    /** Stops recording. Tapes close in the reverse order of opening (as try-with-resources does). */
    public void close() {
        checkOwner("close");
        if (!open) {
            return;
        }
        ArrayDeque<Tape> stack = ACTIVE.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("gradient tapes must be closed in the reverse order they were opened");
        }
        stack.pop();
        open = false;
        OPEN_TAPES.decrementAndGet();
    }

    /** Watches a tensor, so ops on it are recorded. */
    public void watch(Tensor t) {
        checkOwner("watch");
        if (t.isSymbolic()) {
            throw new IllegalArgumentException("GradientTape.watch: cannot watch a symbolic tensor " + t);
        }
        if (watched.add(t) && t instanceof Variable v) {
            watchedVariables.add(v);
        }
    }

    /** The variables watched so far, in the order they were first seen. */
    public List<Variable> watchedVariables() {
        return List.copyOf(watchedVariables);
    }

    /** Suspends recording on this tape until {@link #resume} is called. */
    public void pause() {
        checkOwner("stopRecording");
        paused++;
    }

    /** Ends one {@link #pause}. */
    public void resume() {
        checkOwner("stopRecording");
        if (paused == 0) {
            throw new IllegalStateException("the tape is not paused");
        }
        paused--;
    }

    /** Forgets everything recorded so far (the tape keeps recording if it is open). */
    public void reset() {
        checkOwner("reset");
        entries.clear();
        watched.clear();
        watchedVariables.clear();
        used = false;
    }

    /**
     * Gradients of {@code target} with respect to each source, summed over the target's elements when it is
     * not a scalar (or weighted by {@code outputGradient} if given). A source the target does not depend on
     * gets {@code null}, or zeros if {@code zerosForUnconnected}.
     */
    public List<Tensor> gradient(Tensor target, List<? extends Tensor> sources, Tensor outputGradient,
                                 boolean zerosForUnconnected) {
        checkOwner("gradient");
        if (used && !persistent) {
            throw new IllegalStateException("a non-persistent GradientTape can compute gradients only once; "
                    + "use GradientTape.record(true) to call gradient() several times");
        }
        if (outputGradient != null && !outputGradient.shape().equals(target.shape())) {
            throw new IllegalArgumentException("GradientTape.gradient: outputGradient has shape "
                    + outputGradient.shape() + " but the target has shape " + target.shape());
        }
        used = true;
        paused++; // the backward ops are recorded by other (outer) tapes only
        try {
            Map<Tensor, Tensor> grads = reverse(target, sources, outputGradient);
            List<Tensor> result = new ArrayList<>(sources.size());
            for (Tensor s : sources) {
                Tensor g = grads.get(s);
                if (g == null && zerosForUnconnected) {
                    g = TensorAccess.wrap(new float[s.size()], s.shape());
                }
                result.add(g);
            }
            return result;
        } finally {
            paused--;
            if (!persistent) {
                entries.clear();
                watched.clear();
            }
        }
    }

    private Map<Tensor, Tensor> reverse(Tensor target, List<? extends Tensor> sources, Tensor outputGradient) {
        // Forward sweep: which recorded tensors depend on a source. Only those entries are differentiated,
        // and only their inputs that depend on a source get gradients (so dL/dx of a first layer is skipped).
        Set<Tensor> dependsOnSource = Collections.newSetFromMap(new IdentityHashMap<>(2 * entries.size() + 8));
        for (Tensor s : sources) {
            if (watched.contains(s)) { // an unwatched source gets no gradient, as in TensorFlow
                dependsOnSource.add(s);
            }
        }
        boolean[] relevant = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            for (Tensor x : e.inputs) {
                if (dependsOnSource.contains(x)) {
                    relevant[i] = true;
                    dependsOnSource.add(e.output);
                    break;
                }
            }
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>(2 * entries.size() + 8);
        if (!dependsOnSource.contains(target)) {
            return grads;
        }
        GradientMath m = math;
        grads.put(target, outputGradient != null ? outputGradient : m.onesLike(target));
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!relevant[i]) {
                continue;
            }
            Entry e = entries.get(i);
            Tensor upstream = grads.get(e.output);
            if (upstream == null) {
                continue;
            }
            boolean[] needed = new boolean[e.inputs.length];
            for (int k = 0; k < needed.length; k++) {
                needed[k] = dependsOnSource.contains(e.inputs[k]);
            }
            Tensor[] inputGrads = e.backward.gradients(upstream, needed);
            for (int k = 0; k < needed.length; k++) {
                Tensor g = inputGrads[k];
                if (!needed[k] || g == null) {
                    continue;
                }
                Tensor x = e.inputs[k];
                if (!g.shape().equals(x.shape())) {
                    throw new IllegalStateException("internal: gradient of shape " + g.shape()
                            + " for an input of shape " + x.shape());
                }
                grads.merge(x, g, m::add);
            }
        }
        return grads;
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("GradientTape." + what + ": a tape belongs to the thread that made it ("
                    + owner.getName() + "), not " + Thread.currentThread().getName());
        }
    }
}
