package dev.strata.internal;

import dev.strata.tensor.Tensor;
import java.lang.ref.SoftReference;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * The arrays of a model's intermediate values during {@code predict}, reused from one layer to the next and from
 * one call to the next on the same thread. A batch of 32 images makes intermediates of 100-250 MB each; allocated
 * afresh, every one is zeroed by the JVM and faulted in by the OS again (measured: 6-10x the time of the layers
 * themselves on W6, unless the heap is committed and touched up front with {@code -Xms -XX:+AlwaysPreTouch}).
 *
 * <p><b>The invariant</b> (tensors never change once a user can see them): an array goes back to the pool only
 * when no tensor over it can still be reached. The model's graph replay knows that: it opens the arena (only when
 * every layer in the model is one of Strata's own, which keep no tensor of a call past it, and no tape records),
 * ops take their result arrays from it ({@code OpSupport.newArray}), and the replay gives back
 * <ul>
 *   <li>an intermediate once its last consumer ran and no other live value shares its array
 *       ({@link #release}, with {@link #madeSince} to tell the arrays it made from those it was given);
 *   <li>the temporaries of one layer (arrays made during its call that are not its outputs) right after the call
 *       ({@link #releaseSince});
 *   <li>when the call ends, everything made during it except the returned outputs ({@link #close}), which are the
 *       caller's for good.
 * </ul>
 * An exception leaves the call's arrays to the garbage collector ({@link #abandon}).
 *
 * <p>One arena per thread, so many threads may predict at once. Between calls the free arrays are held through a
 * {@link SoftReference}: the garbage collector takes them back before it would run out of memory. Arrays are
 * matched by exact length; contents of a taken array are undefined, so every op writes all of the array it takes.
 */
public final class InferenceArena {
    private static final ThreadLocal<InferenceArena> CURRENT = ThreadLocal.withInitial(InferenceArena::new);
    /** Floats kept per thread at most: a third of the heap, so a few threads predicting at once still fit. */
    private static final long MAX_KEPT_FLOATS = Runtime.getRuntime().maxMemory() / 3 / Float.BYTES;

    /** The free arrays between calls, which memory pressure may clear. */
    private SoftReference<FloatArrayPool> kept = new SoftReference<>(null);
    /** The free arrays during a call (strongly held); null when no call is open. */
    private FloatArrayPool pool;
    /** Arrays made during the open call, in order; null where given back. */
    private float[][] lent = new float[64][];
    private int lentCount;
    /** Each outstanding array's index in {@link #lent}. */
    private final IdentityHashMap<float[], Integer> outstanding = new IdentityHashMap<>();

    private InferenceArena() {
    }

    /**
     * Opens this thread's arena for one inference call, or returns null when one is already open (a nested call
     * shares the outer one's). The caller must {@link #close} or {@link #abandon} it.
     */
    public static InferenceArena open() {
        InferenceArena a = CURRENT.get();
        if (a.pool != null) {
            return null;
        }
        FloatArrayPool p = a.kept.get();
        a.pool = p != null ? p : new FloatArrayPool(MAX_KEPT_FLOATS);
        a.lentCount = 0;
        return a;
    }

    /** This thread's open arena, or null. */
    public static InferenceArena current() {
        InferenceArena a = CURRENT.get();
        return a.pool == null ? null : a;
    }

    /** An array of {@code n} floats, contents undefined: from the open arena on this thread, else a new one. */
    public static float[] array(int n) {
        InferenceArena a = CURRENT.get();
        return a.pool == null ? new float[n] : a.take(n);
    }

    /** A point in the call: {@link #madeSince} and {@link #releaseSince} count arrays made after it. */
    public int mark() {
        return lentCount;
    }

    /** Whether {@code a} was made by this arena after {@code mark} and is not given back yet. */
    public boolean madeSince(float[] a, int mark) {
        Integer i = outstanding.get(a);
        return i != null && i >= mark;
    }

    /** Gives back an array the arena made, which no reachable tensor uses any more; others are ignored. */
    public void release(float[] a) {
        Integer i = outstanding.remove(a);
        if (i != null) {
            lent[i] = null;
            pool.keep(a);
        }
    }

    /**
     * Hands {@code a} over for good (a mask attached to a value, which a user may reach through the value's
     * {@code mask()} after the call): the arena forgets it, so it never goes back to the pool.
     */
    public void giveAway(float[] a) {
        Integer i = outstanding.remove(a);
        if (i != null) {
            lent[i] = null;
        }
    }

    /** Gives back every array made after {@code mark} except those under {@code keep} (which may hold nulls). */
    public void releaseSince(int mark, List<? extends Tensor> keep) {
        for (int i = mark; i < lentCount; i++) {
            float[] a = lent[i];
            if (a != null && !holds(keep, a)) {
                lent[i] = null;
                outstanding.remove(a);
                pool.keep(a);
            }
        }
    }

    /** Ends the call: every array it made goes back to the pool except those of {@code results}, now the caller's. */
    public void close(List<? extends Tensor> results) {
        releaseSince(0, results);
        end();
    }

    /** Ends a call that failed: the arrays it made are left to the garbage collector. */
    public void abandon() {
        end();
    }

    private void end() {
        Arrays.fill(lent, 0, lentCount, null);
        lentCount = 0;
        outstanding.clear();
        if (kept.get() != pool) {
            kept = new SoftReference<>(pool);
        }
        pool = null;
    }

    private static boolean holds(List<? extends Tensor> tensors, float[] a) {
        for (Tensor t : tensors) {
            if (t != null && !t.isSymbolic() && TensorAccess.data(t) == a) {
                return true;
            }
        }
        return false;
    }

    private float[] take(int n) {
        float[] a = pool.pop(n);
        if (a == null) {
            a = new float[n];
        }
        if (lentCount == lent.length) {
            lent = Arrays.copyOf(lent, lentCount * 2);
        }
        outstanding.put(a, lentCount);
        lent[lentCount++] = a;
        return a;
    }
}
