package dev.strata.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The single generator behind all of Strata's randomness. Every draw of a tensor happens under one lock, so
 * one thread that seeds and then draws always sees the same numbers. L64X128MixRandom is a named algorithm,
 * so its sequence does not depend on the JDK build; Strata's copy of it ({@link L64X128MixRandom}) lets the
 * state be saved with a model and restored, so that training resumed from a file draws the same shuffles and
 * dropout masks as training that never stopped.
 */
public final class RandomState {
    private static final L64X128MixRandom generator =
            new L64X128MixRandom(ThreadLocalRandom.current().nextLong() ^ System.nanoTime());

    private RandomState() {
    }

    public static synchronized void setSeed(long seed) {
        generator.setState(new L64X128MixRandom(seed).state());
    }

    /** The generator's state, four longs; {@link #setState} continues from it exactly. */
    public static synchronized long[] state() {
        return generator.state();
    }

    /**
     * Restores a state from {@link #state()}.
     *
     * @throws IllegalArgumentException if it is not a valid state
     */
    public static synchronized void setState(long[] state) {
        generator.setState(state);
    }

    /** A seed for a derived, independent stream (e.g. a shuffle or a dropout layer's own generator). */
    public static synchronized long nextSeed() {
        return generator.nextLong();
    }

    public static synchronized void fillUniform(float[] out, float min, float max) {
        float range = max - min;
        for (int i = 0; i < out.length; i++) {
            out[i] = min + range * generator.nextFloat();
        }
    }

    public static synchronized void fillNormal(float[] out, float mean, float stddev) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + stddev * generator.nextGaussian());
        }
    }

    /** Normal values, redrawn until they fall within two standard deviations of the mean (as Keras does). */
    public static synchronized void fillTruncatedNormal(float[] out, float mean, float stddev) {
        for (int i = 0; i < out.length; i++) {
            double z;
            do {
                z = generator.nextGaussian();
            } while (z < -2.0 || z > 2.0);
            out[i] = (float) (mean + stddev * z);
        }
    }
}
