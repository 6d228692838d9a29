package dev.strata.internal;

import java.util.Arrays;

/**
 * Free float arrays by exact length, for one thread: what {@code internal.autodiff.GradientBuffers} and
 * {@link InferenceArena} keep between uses. Contents of a taken array are undefined. At most a given number of
 * floats is kept; beyond it arrays are left to the garbage collector, and after {@link #MAX_LENGTHS} distinct lengths
 * (sizes that keep changing) everything is dropped.
 */
public final class FloatArrayPool {
    /** Distinct lengths kept at most; beyond, everything is dropped (batch sizes that keep changing). */
    private static final int MAX_LENGTHS = 512;

    private final long maxKeptFloats;
    /** Free arrays by length: open addressing on the length, each slot a stack. */
    private int[] lengths = new int[16];
    private float[][][] stacks = new float[16][][];
    private int[] depths = new int[16];
    private int slotsUsed;
    private long keptFloats;

    /** A pool that keeps at most {@code maxKeptFloats} floats. */
    public FloatArrayPool(long maxKeptFloats) {
        this.maxKeptFloats = maxKeptFloats;
        Arrays.fill(lengths, -1);
    }

    /** A free array of exactly {@code n} floats, or null if none is kept. */
    public float[] pop(int n) {
        int s = slot(n);
        if (lengths[s] != n || depths[s] == 0) {
            return null;
        }
        float[] a = stacks[s][--depths[s]];
        stacks[s][depths[s]] = null;
        keptFloats -= n;
        return a;
    }

    /** Keeps {@code a} for a later {@link #pop}, unless that would exceed the pool's size. */
    public void keep(float[] a) {
        int n = a.length;
        if (keptFloats + n > maxKeptFloats) {
            return;
        }
        int s = slot(n);
        if (lengths[s] != n) {
            if (slotsUsed == MAX_LENGTHS) {
                clear();
            } else if ((slotsUsed + 1) * 2 > lengths.length) {
                grow();
            }
            s = slot(n);
            lengths[s] = n;
            stacks[s] = new float[4][];
            slotsUsed++;
        }
        if (depths[s] == stacks[s].length) {
            stacks[s] = Arrays.copyOf(stacks[s], depths[s] * 2);
        }
        stacks[s][depths[s]++] = a;
        keptFloats += n;
    }

    /** The floats kept now. */
    public long keptFloats() {
        return keptFloats;
    }

    private void clear() {
        Arrays.fill(lengths, -1);
        Arrays.fill(stacks, null);
        Arrays.fill(depths, 0);
        slotsUsed = 0;
        keptFloats = 0;
    }

    /** The slot of length {@code n}: its own, or the empty one where it would go. */
    private int slot(int n) {
        int mask = lengths.length - 1;
        int s = (n * 0x9E3779B9 >>> 16) & mask;
        while (lengths[s] != n && lengths[s] != -1) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private void grow() {
        int[] oldLengths = lengths;
        float[][][] oldStacks = stacks;
        int[] oldDepths = depths;
        lengths = new int[oldLengths.length * 2];
        Arrays.fill(lengths, -1);
        stacks = new float[lengths.length][][];
        depths = new int[lengths.length];
        for (int i = 0; i < oldLengths.length; i++) {
            if (oldLengths[i] != -1) {
                int s = slot(oldLengths[i]);
                lengths[s] = oldLengths[i];
                stacks[s] = oldStacks[i];
                depths[s] = oldDepths[i];
            }
        }
    }
}
