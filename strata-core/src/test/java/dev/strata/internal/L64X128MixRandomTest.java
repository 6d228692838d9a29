package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/** Strata's copy of L64X128MixRandom gives the JDK's sequence, and its state can be saved and restored. */
class L64X128MixRandomTest {
    private static final RandomGeneratorFactory<RandomGenerator> JDK = RandomGeneratorFactory.of("L64X128MixRandom");

    @Test
    void sameSequenceAsTheJdkGeneratorForEveryKindOfDraw() {
        for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE, Long.MIN_VALUE, 0x6A09E667F3BCC909L}) {
            RandomGenerator jdk = JDK.create(seed);
            L64X128MixRandom ours = new L64X128MixRandom(seed);
            for (int i = 0; i < 20_000; i++) {
                switch (i % 6) {
                    case 0 -> assertThat(ours.nextLong()).as("seed %d draw %d", seed, i).isEqualTo(jdk.nextLong());
                    case 1 -> assertThat(ours.nextFloat()).isEqualTo(jdk.nextFloat());
                    case 2 -> assertThat(ours.nextGaussian()).isEqualTo(jdk.nextGaussian());
                    case 3 -> assertThat(ours.nextInt(1000)).isEqualTo(jdk.nextInt(1000));
                    case 4 -> assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
                    default -> assertThat(ours.nextInt()).isEqualTo(jdk.nextInt());
                }
            }
        }
    }

    @Test
    void aRestoredStateContinuesTheSequence() {
        L64X128MixRandom r = new L64X128MixRandom(3);
        for (int i = 0; i < 100; i++) {
            r.nextGaussian();
        }
        long[] saved = r.state();
        double[] expected = new double[50];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = r.nextGaussian() + r.nextFloat();
        }
        L64X128MixRandom again = new L64X128MixRandom(saved);
        for (double e : expected) {
            assertThat(again.nextGaussian() + again.nextFloat()).isEqualTo(e);
        }
    }

    @Test
    void globalStateRoundTrip() {
        RandomState.setSeed(11);
        RandomState.nextSeed();
        long[] s = RandomState.state();
        long a = RandomState.nextSeed();
        float[] f = new float[5];
        RandomState.fillNormal(f, 0, 1);
        RandomState.setState(s);
        assertThat(RandomState.nextSeed()).isEqualTo(a);
        float[] g = new float[5];
        RandomState.fillNormal(g, 0, 1);
        assertThat(g).containsExactly(f);
    }

    @Test
    void invalidStatesAreRefused() {
        assertThatThrownBy(() -> new L64X128MixRandom(new long[] {2, 0, 1, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new L64X128MixRandom(new long[] {1, 0, 0, 0})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new L64X128MixRandom(new long[] {1, 0, 1})).isInstanceOf(IllegalArgumentException.class);
    }
}
