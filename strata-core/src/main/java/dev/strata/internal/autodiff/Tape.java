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
 * <p>This is the recording half of the tape, below the ops (which record onto it). The reverse pass that reads a
 * recording back lives above the ops, beside the public {@link dev.strata.autodiff.GradientTape}, so that it can
 * call them directly.
 *
 * <p>Cost when nothing records: ops test {@link #isRecording()}, one volatile read while no tape is open
 * anywhere, so inference pays nothing measurable.
 */
public final class Tape {
    private static final AtomicInteger OPEN_TAPES = new AtomicInteger();
    private static final ThreadLocal<ArrayDeque<Tape>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

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
    /**
     * Outputs of this recording whose slot an enclosing tape already holds, with their entry index. Empty (and
     * shared) until needed, as is {@link #watchedTensors}: both are rare, and a tape is made every training step.
     */
    private Map<Tensor, Integer> unslotted = Map.of();
    /** Tensors watched explicitly that are not variables (rare; plain inputs are checked against it). */
    private Set<Tensor> watchedTensors = Set.of();
    private final Set<Variable> watchedVariableSet = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Variable> watchedVariables = new ArrayList<>();
    private boolean open;
    private int paused;
    private boolean used;

    /**
     * One recorded op application: {@code output = op(inputs)}, with the rule giving its input gradients. An op with
     * several outputs is recorded as one consecutive entry per output, each naming the shared {@link Group} and its
     * place in it ({@code member}); its {@code backward} is null and the group's rule runs once for all outputs.
     */
    public record Entry(Tensor output, Tensor[] inputs, Backward backward, Group group, int member) {
        public Entry(Tensor output, Tensor[] inputs, Backward backward) {
            this(output, inputs, backward, null, -1);
        }
    }

    /**
     * The outputs of one op with several outputs and the rule giving its input gradients from all of theirs at once
     * (so that, e.g., unstacking a sequence writes each step's gradient into one buffer rather than summing one
     * input-sized gradient per step).
     */
    public record Group(int size, MultiBackward backward) {
    }

    /** The gradient rule of an op with several outputs. */
    @FunctionalInterface
    public interface MultiBackward {
        /**
         * @param upstream one gradient per output, {@code null} where no gradient reached that output (zero)
         * @param needed   as in {@link Backward#gradients}
         * @return one gradient per input, shaped like that input, or {@code null} where there is none
         */
        Tensor[] gradients(Tensor[] upstream, boolean[] needed);
    }

    public Tape(boolean persistent, boolean watchAccessedVariables) {
        this.persistent = persistent;
        this.watchAccessedVariables = watchAccessedVariables;
    }

    // ---- the recording side, used by ops -------------------------------------------------------------------

    static {
        // a tensor given a mask (Tensor.withMask) is the same value: an identity on the tape
        TensorAccess.installAliasRecorder((alias, original) -> record(alias, new Tensor[] {original},
                (upstream, needed) -> new Tensor[] {upstream}));
    }

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
            if (t.paused == 0 && t.watchInputs(inputs)) {
                t.add(new Entry(output, inputs, backward));
            }
        }
    }

    /** Whether this tape tracks one of the inputs; the variables among them it tracks count as watched. */
    private boolean watchInputs(Tensor[] inputs) {
        boolean any = false;
        for (Tensor x : inputs) {
            if (tracks(x)) {
                any = true;
                if (x instanceof Variable v && watchedVariableSet.add(v)) {
                    watchedVariables.add(v);
                }
            }
        }
        return any;
    }

    /** Appends an entry and marks its output with the entry's index. */
    private void add(Entry e) {
        int index = entries.size();
        entries.add(e);
        // (an output recorded twice keeps its first index: its gradient is one, as the tensor is one)
        if (!TensorAccess.claimTapeSlot(e.output(), key, index) && indexOf(e.output()) < 0) {
            if (unslotted.isEmpty()) {
                unslotted = new IdentityHashMap<>();
            }
            unslotted.put(e.output(), index);
        }
    }

    /**
     * Records {@code outputs = op(inputs)}, an op with several outputs whose gradient rule takes all of their
     * gradients at once, on every tape of this thread that watches one of the inputs: one consecutive entry per
     * output, sharing one {@link Group}. The reverse pass runs the rule once, when it reaches the group (after every
     * use of every output, all of which are recorded later).
     */
    public static void recordMulti(Tensor[] outputs, Tensor[] inputs, MultiBackward backward) {
        if (!isRecording()) {
            return;
        }
        Group group = new Group(outputs.length, backward);
        for (Tape t : ACTIVE.get()) {
            if (t.paused == 0 && t.watchInputs(inputs)) {
                for (int j = 0; j < outputs.length; j++) {
                    t.add(new Entry(outputs[j], inputs, null, group, j));
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
    public int indexOf(Tensor x) {
        int i = TensorAccess.tapeIndex(x, key);
        if (i >= 0 || unslotted.isEmpty()) {
            return i;
        }
        Integer j = unslotted.get(x);
        return j == null ? -1 : j;
    }

    /** Whether {@code x} was watched (explicitly, as a variable seen, or as an output recorded here). */
    public boolean isWatched(Tensor x) {
        return x instanceof Variable v ? watchedVariableSet.contains(v) : indexOf(x) >= 0
                || (!watchedTensors.isEmpty() && watchedTensors.contains(x));
    }

    /** Forgets the recording: entries, watched tensors and the marks on recorded outputs. */
    private void clearRecording() {
        entries.clear();
        unslotted = Map.of();
        watchedTensors = Set.of();
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
            if (watchedTensors.isEmpty()) {
                watchedTensors = Collections.newSetFromMap(new IdentityHashMap<>());
            }
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

    // ---- reading the recording back, for the reverse pass in dev.strata.autodiff ---------------------------

    /**
     * Checks that this tape may compute gradients now: on its own thread, and not a second time unless persistent.
     *
     * @throws IllegalStateException otherwise
     */
    public void checkCanDifferentiate() {
        checkOwner("gradient");
        if (used && !persistent) {
            throw new IllegalStateException("a non-persistent GradientTape can compute gradients only once; "
                    + "use GradientTape.record(true) to call gradient() several times");
        }
    }

    /**
     * Starts a reverse pass over this recording: this tape stops recording (the backward ops are recorded by
     * other, outer tapes only) until {@link #endDifferentiation}.
     */
    public void beginDifferentiation() {
        checkCanDifferentiate();
        used = true;
        paused++;
    }

    /** Ends a reverse pass: recording resumes, and a non-persistent tape forgets its recording. */
    public void endDifferentiation() {
        paused--;
        if (!persistent) {
            clearRecording();
        }
    }

    /** The number of entries recorded. */
    public int entryCount() {
        return entries.size();
    }

    /** The entry recorded {@code i}-th (0 is the oldest). */
    public Entry entry(int i) {
        return entries.get(i);
    }

    private void checkOwner(String what) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("GradientTape." + what + ": a tape belongs to the thread that made it ("
                    + owner.getName() + "), not " + Thread.currentThread().getName());
        }
    }
}
