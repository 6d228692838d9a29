package dev.strata.internal;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The single generator behind all of Strata's randomness. Every draw of a tensor happens under one lock, so
 * one thread that seeds and then draws always sees the same numbers. L64X128MixRandom is a named algorithm,
 * so its sequence does not depend on the JDK build.
 */
public final class RandomState {
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
            RandomGeneratorFactory.of("L64X128MixRandom");
    private static RandomGenerator generator = FACTORY.create();

    private RandomState() {
    }

    public static synchronized void setSeed(long seed) {
        generator = FACTORY.create(seed);
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
