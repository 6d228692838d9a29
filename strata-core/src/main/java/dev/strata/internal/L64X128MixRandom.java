package dev.strata.internal;

import java.util.random.RandomGenerator;

/**
 * The JDK's {@code L64X128MixRandom} algorithm (an LCG and a xoroshiro128 generator combined by the Lea mixing
 * function), written out so that its state can be read and restored: the JDK's own class keeps its state private.
 * Seeded with the same {@code long}, it produces exactly the JDK generator's sequence (checked by a test), so
 * switching to it changed no result; its derived values ({@code nextFloat}, {@code nextGaussian}, ...) are
 * {@link RandomGenerator}'s default methods, which the JDK class uses too.
 *
 * <p>The state is four longs: the LCG's additive constant {@code a} (odd) and state {@code s}, and the xoroshiro
 * state {@code x0, x1} (not both zero). Not thread-safe; {@link RandomState} guards it.
 */
public final class L64X128MixRandom implements RandomGenerator {
    private static final long M = 0xd1342543de82ef95L;
    private static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;
    private static final long SILVER_RATIO_64 = 0x6A09E667F3BCC909L;

    private long a;
    private long s;
    private long x0;
    private long x1;

    /** The generator the JDK's {@code new L64X128MixRandom(seed)} (and its factory's {@code create(seed)}) makes. */
    public L64X128MixRandom(long seed) {
        seed ^= SILVER_RATIO_64;
        // As the JDK constructor: a forced odd; x0 and x1 from SplitMix steps, redrawn from s if both are zero.
        long x0 = mixStafford13(seed);
        long x1 = mixStafford13(seed + GOLDEN_RATIO_64);
        if ((x0 | x1) == 0) {
            x0 = mixStafford13(1 + GOLDEN_RATIO_64);
            x1 = mixStafford13(1 + 2 * GOLDEN_RATIO_64);
        }
        setState(new long[] {mixMurmur64(seed) | 1, 1, x0, x1});
    }

    /** A generator in the given {@linkplain #state() state}. */
    public L64X128MixRandom(long[] state) {
        setState(state);
    }

    /** The state {@code {a, s, x0, x1}}: with {@link #setState} it continues the sequence exactly. */
    public long[] state() {
        return new long[] {a, s, x0, x1};
    }

    /**
     * Puts the generator in a state from {@link #state()}.
     *
     * @throws IllegalArgumentException if it is not four longs with an odd {@code a} and {@code x0, x1} not both 0
     *     (no state of this generator looks like that)
     */
    public void setState(long[] state) {
        if (state.length != 4 || (state[0] & 1) == 0 || (state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("not an L64X128MixRandom state: it needs four longs {a, s, x0, x1}"
                    + " with a odd and x0, x1 not both zero");
        }
        a = state[0];
        s = state[1];
        x0 = state[2];
        x1 = state[3];
    }

    @Override
    public long nextLong() {
        long result = mixLea64(s + x0);
        s = M * s + a;
        long q0 = x0;
        long q1 = x1;
        q1 ^= q0; // xoroshiro128 v1.0
        q0 = Long.rotateLeft(q0, 24);
        q0 = q0 ^ q1 ^ (q1 << 16);
        q1 = Long.rotateLeft(q1, 37);
        x0 = q0;
        x1 = q1;
        return result;
    }

    private static long mixMurmur64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long mixStafford13(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static long mixLea64(long z) {
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        return z ^ (z >>> 32);
    }
}
