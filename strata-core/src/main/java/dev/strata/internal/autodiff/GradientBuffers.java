package dev.strata.internal.autodiff;

import dev.strata.internal.FloatArrayPool;
import dev.strata.internal.InferenceArena;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The float arrays of gradients, reused from one training step to the next on the same thread, so that a step
 * does not allocate its backward pass anew (it was half of what a small model's step allocated).
 *
 * <p><b>The invariant</b> (tensors never change once a user can see them): an array is handed out again only when
 * no tensor over it can still be reached. Two kinds of array qualify:
 * <ul>
 *   <li>arrays made during a reverse pass that no tape records (a pass whose ops a tape records makes values an
 *       outer tape differentiates, which must live on): the intermediate gradients and the temporaries of the
 *       gradient rules exist only inside the pass, so every array the pass made is free again when it ends,
 *       except those the pass returns ({@link #endPass});
 *   <li>arrays the pass returned, once their one holder gives them back ({@link #recycle}): the trainer does,
 *       after one of Strata's own optimizers applied the gradients (they read the values and keep nothing).
 * </ul>
 * The gradient rules are all Strata's own (there is no user-defined gradient) and none keeps its upstream
 * gradient or its result past the call. An exception in a pass leaves its arrays to the garbage collector.
 *
 * <p>Arrays are matched by exact length (a tensor's array is exactly its size); contents are undefined, so every
 * user writes all of an array it takes. At most {@link #MAX_KEPT_FLOATS} floats are kept per thread.
 */
public final class GradientBuffers {
    /** Floats kept between passes per thread (4 MB), as for the other per-thread scratch arrays. */
    static final int MAX_KEPT_FLOATS = 1 << 20;
    private static final ThreadLocal<GradientBuffers> CURRENT = ThreadLocal.withInitial(GradientBuffers::new);

    private final FloatArrayPool free = new FloatArrayPool(MAX_KEPT_FLOATS);
    /** Arrays handed out during the current pass. */
    private float[][] lent = new float[32][];
    private int lentCount;
    /** Arrays the last pass returned, which {@link #recycle} may take back. */
    private final IdentityHashMap<float[], Boolean> given = new IdentityHashMap<>();
    /** The returned arrays while a pass ends (kept to avoid a new map per step). */
    private final IdentityHashMap<float[], Boolean> returned = new IdentityHashMap<>();
    private boolean inPass;

    private GradientBuffers() {
    }

    /**
     * An array of {@code n} floats for a gradient (or a temporary of a gradient rule), contents undefined: a
     * reused one inside a reverse pass that {@link #beginPass} started on this thread, otherwise one of the
     * {@link InferenceArena} open on this thread, otherwise a new one.
     */
    public static float[] array(int n) {
        GradientBuffers b = CURRENT.get();
        return b.inPass ? b.take(n) : InferenceArena.array(n);
    }

    /**
     * Starts a reverse pass whose arrays are reused, unless one is already under way on this thread or a tape
     * records right now (the pass's values then feed an outer tape). Returns this thread's buffers to hand to
     * {@link #endPass} or {@link #abandonPass}, or null when the pass allocates as usual.
     */
    public static GradientBuffers beginPass() {
        if (Tape.isRecordingNow()) {
            return null;
        }
        GradientBuffers b = CURRENT.get();
        if (b.inPass) {
            return null;
        }
        b.inPass = true;
        b.lentCount = 0;
        b.given.clear(); // what the last pass returned and nobody gave back stays with its holder
        return b;
    }

    /**
     * Ends the pass: the arrays it made that none of {@code results} uses become free; those that a result uses are
     * the caller's (see {@link #recycle}).
     */
    public void endPass(List<? extends Tensor> results) {
        for (Tensor t : results) {
            if (t != null) {
                returned.put(TensorAccess.data(t), Boolean.TRUE);
            }
        }
        for (int i = 0; i < lentCount; i++) {
            float[] a = lent[i];
            lent[i] = null;
            if (returned.containsKey(a)) {
                given.put(a, Boolean.TRUE);
            } else {
                free.keep(a);
            }
        }
        returned.clear();
        lentCount = 0;
        inPass = false;
    }

    /** Ends a pass that failed: its arrays are left to the garbage collector. */
    public void abandonPass() {
        Arrays.fill(lent, 0, lentCount, null);
        lentCount = 0;
        inPass = false;
    }

    /**
     * Takes back the arrays of gradients that the last reverse pass on this thread returned, when their holder is
     * done with them and no one else can see them. Other tensors are ignored.
     */
    public static void recycle(List<? extends Tensor> gradients) {
        GradientBuffers b = CURRENT.get();
        if (b.inPass || b.given.isEmpty()) {
            return;
        }
        for (Tensor t : gradients) {
            if (t != null) {
                float[] a = TensorAccess.data(t);
                if (b.given.remove(a) != null) {
                    b.free.keep(a);
                }
            }
        }
    }

    private float[] take(int n) {
        float[] a = free.pop(n);
        if (a == null) {
            a = new float[n];
        }
        if (lentCount == lent.length) {
            lent = Arrays.copyOf(lent, lentCount * 2);
        }
        lent[lentCount++] = a;
        return a;
    }
}
