package dev.strata.internal;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The generator's state as it is saved beside a model ({@code metadata.json}'s {@code strata_random_state}, and
     * BackupAndRestore's metadata): four 64-bit words in hex, 16 digits each.
     */
    public static List<String> stateWords() {
        List<String> out = new ArrayList<>();
        for (long w : state()) {
            out.add(String.format("%016x", w));
        }
        return out;
    }

    /**
     * A state from the form {@link #stateWords()} gives (four hex strings of at most 16 digits), checked; restore it
     * with {@link #setState}.
     *
     * @throws IllegalArgumentException naming the first word that is not hex, or if the state is not valid
     */
    public static long[] parseWords(List<?> words) {
        if (words.size() != 4) {
            throw new IllegalArgumentException("expected a list of four hex words, got " + describe(words));
        }
        long[] state = new long[4];
        for (int i = 0; i < 4; i++) {
            if (!(words.get(i) instanceof String s) || s.isEmpty() || s.length() > 16) {
                throw new IllegalArgumentException("word " + i + " is not a hex string of at most 16 digits");
            }
            try {
                state[i] = Long.parseUnsignedLong(s, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("word " + i + " is not hex: '" + s + "'");
            }
        }
        new L64X128MixRandom(state); // validates
        return state;
    }

    /** The words as JSON, shortened to 80 characters, as config messages show values. */
    private static String describe(List<?> words) {
        StringBuilder sb = new StringBuilder("[");
        for (Object w : words) {
            sb.append(sb.length() > 1 ? ", " : "").append(w instanceof String s ? '"' + s + '"' : String.valueOf(w));
        }
        String text = sb.append(']').toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
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
