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
    /**
     * Identifies the current recording. Each recorded output is marked with it and its entry index (a slot in
     * the tensor), so looking up the tape's own tensors needs no hashing; a new key on every clear makes older
     * marks stale.
     */
    private Object key = new Object();
    /** Outputs of this recording whose slot an enclosing tape already holds, with their entry index. */
    private final Map<Tensor, Integer> unslotted = new IdentityHashMap<>();
    /** Tensors watched explicitly that are not variables (rare; plain inputs are checked against it). */
    private final Set<Tensor> watchedTensors = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Variable> watchedVariableSet = Collections.newSetFromMap(new IdentityHashMap<>());
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
                    if (x instanceof Variable v && t.watchedVariableSet.add(v)) {
                        t.watchedVariables.add(v);
                    }
                }
            }
            if (any) {
                int index = t.entries.size();
                t.entries.add(new Entry(output, inputs, backward));
                // (an output recorded twice keeps its first index: its gradient is one, as the tensor is one)
                if (!TensorAccess.claimTapeSlot(output, t.key, index) && t.indexOf(output) < 0) {
                    t.unslotted.put(output, index);
                }
            }
        }
    }

    private boolean tracks(Tensor x) {
        if (x instanceof Variable v) {
            return (watchAccessedVariables && v.trainable()) || watchedVariableSet.contains(v);
        }
        return indexOf(x) >= 0 || (!watchedTensors.isEmpty() && watchedTensors.contains(x));
    }

    /** The entry that recorded {@code x} as its output in the current recording, or -1. */
    private int indexOf(Tensor x) {
        int i = TensorAccess.tapeIndex(x, key);
        if (i >= 0 || unslotted.isEmpty()) {
            return i;
        }
        Integer j = unslotted.get(x);
        return j == null ? -1 : j;
    }

    /** Whether {@code x} was watched (explicitly, as a variable seen, or as an output recorded here). */
    private boolean isWatched(Tensor x) {
        return x instanceof Variable v ? watchedVariableSet.contains(v) : indexOf(x) >= 0 || watchedTensors.contains(x);
    }

    /** Forgets the recording: entries, watched tensors and the marks on recorded outputs. */
    private void clearRecording() {
        entries.clear();
        unslotted.clear();
        watchedTensors.clear();
        watchedVariableSet.clear();
        key = new Object();
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
        if (t instanceof Variable v) {
            if (watchedVariableSet.add(v)) {
                watchedVariables.add(v);
            }
        } else if (indexOf(t) < 0) {
            watchedTensors.add(t);
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
        clearRecording();
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
            List<Tensor> result = reverse(target, sources, outputGradient);
            for (int i = 0; i < result.size(); i++) {
                Tensor s = sources.get(i);
                if (result.get(i) == null && zerosForUnconnected) {
                    result.set(i, TensorAccess.wrap(new float[s.size()], s.shape()));
                }
            }
            return result;
        } finally {
            paused--;
            if (!persistent) {
                clearRecording();
            }
        }
    }

    /**
     * The gradient of each source (null when unconnected). Tensors recorded here are addressed by their entry
     * index (arrays, no hashing); only leaves (variables, watched inputs) go through identity maps.
     */
    private List<Tensor> reverse(Tensor target, List<? extends Tensor> sources, Tensor outputGradient) {
        int n = entries.size();
        // Forward sweep: which recorded tensors depend on a source. Only those entries are differentiated,
        // and only their inputs that depend on a source get gradients (so dL/dx of a first layer is skipped).
        boolean[] outputDepends = new boolean[n];
        boolean[] relevant = new boolean[n];
        Set<Tensor> leafSources = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor s : sources) {
            int i = indexOf(s);
            if (i >= 0) {
                outputDepends[i] = true;
            } else if (isWatched(s)) { // an unwatched source gets no gradient, as in TensorFlow
                leafSources.add(s);
            }
        }
        // An entry's output is addressed by the index it was first recorded at (the same, unless recorded twice).
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            out[i] = indexOf(e.output);
            for (Tensor x : e.inputs) {
                if (depends(x, outputDepends, leafSources)) {
                    relevant[i] = true;
                    outputDepends[out[i]] = true;
                    break;
                }
            }
        }
        List<Tensor> result = new ArrayList<>(Collections.nCopies(sources.size(), null));
        if (!depends(target, outputDepends, leafSources)) {
            return result;
        }
        GradientMath m = math;
        Tensor[] outputGrads = new Tensor[n];
        Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
        accumulate(target, outputGradient != null ? outputGradient : m.onesLike(target), outputGrads, leafGrads, m);
        for (int i = n - 1; i >= 0; i--) {
            Tensor upstream = outputGrads[out[i]];
            if (!relevant[i] || upstream == null) {
                continue;
            }
            Entry e = entries.get(i);
            boolean[] needed = new boolean[e.inputs.length];
            for (int k = 0; k < needed.length; k++) {
                needed[k] = depends(e.inputs[k], outputDepends, leafSources);
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
                accumulate(x, g, outputGrads, leafGrads, m);
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            Tensor s = sources.get(i);
            int j = indexOf(s);
            result.set(i, j >= 0 ? outputGrads[j] : leafGrads.get(s));
        }
        return result;
    }

    private boolean depends(Tensor x, boolean[] outputDepends, Set<Tensor> leafSources) {
        int i = indexOf(x);
        return i >= 0 ? outputDepends[i] : !leafSources.isEmpty() && leafSources.contains(x);
    }

    private void accumulate(Tensor x, Tensor g, Tensor[] outputGrads, Map<Tensor, Tensor> leafGrads,
                            GradientMath m) {
        int i = indexOf(x);
        if (i >= 0) {
            outputGrads[i] = outputGrads[i] == null ? g : m.add(outputGrads[i], g);
        } else {
            leafGrads.merge(x, g, m::add);
        }
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("GradientTape." + what + ": a tape belongs to the thread that made it ("
                    + owner.getName() + "), not " + Thread.currentThread().getName());
        }
    }
}
