package dev.strata.internal.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ModelFormatException;
import dev.strata.testing.Fixtures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated and bit-flipped versions of every fixture (the zip and, separately, its HDF5 member) either read
 * or fail with a {@link ModelFormatException}, each within a time bound: never another exception, an
 * OutOfMemoryError or a hang. Seeds are fixed, so a failure names a reproducible case.
 */
class FuzzTest {
    private static final int TRUNCATIONS = 60;
    private static final int FLIPS = 300;
    private static final long MAX_MILLIS_PER_CASE = 3000;

    static List<String> files() {
        return Fixtures.modelFiles();
    }

    @ParameterizedTest
    @MethodSource("files")
    @Timeout(300)
    void damagedCopiesFailCleanly(String name) {
        byte[] file = Fixtures.bytes(name);
        List<String> problems = new ArrayList<>();
        fuzz(name, file, FuzzTest::readAnything, problems, name.hashCode());
        if (FileFormat.sniff(file) == FileFormat.KERAS_ZIP) {
            byte[] h5 = FixtureMembers.hdf5Bytes(name);
            fuzz(name + "!model.weights.h5", h5, b -> WeightsFile.read(b, "fuzz"), problems, ~name.hashCode());
        }
        assertThat(problems).as("cases that did not end in success or ModelFormatException").isEmpty();
    }

    /** What a loader does with unknown bytes: sniff, then read as archive, Keras 3 weights or legacy model. */
    private static void readAnything(byte[] b) {
        if (FileFormat.sniff(b) == FileFormat.KERAS_ZIP) {
            KerasArchive.read(b, "fuzz");
        } else {
            WeightsFile w = WeightsFile.read(b, "fuzz");
            if (LegacyH5.isLegacy(w)) {
                LegacyH5.from(w);
            }
        }
    }

    private static void fuzz(String name, byte[] original, Consumer<byte[]> read, List<String> problems, long seed) {
        Random r = new Random(seed);
        int[] cuts = new int[TRUNCATIONS];
        for (int i = 0; i < TRUNCATIONS; i++) {
            // Half spread over the file, half in the first 4 KiB where headers and heaps start.
            cuts[i] = i % 2 == 0 ? (int) ((long) original.length * i / TRUNCATIONS) : r.nextInt(Math.min(4096, original.length));
        }
        for (int cut : cuts) {
            run(name + " truncated to " + cut, Arrays.copyOf(original, cut), read, problems);
        }
        for (int i = 0; i < FLIPS; i++) {
            byte[] b = original.clone();
            StringBuilder where = new StringBuilder();
            int n = 1 + r.nextInt(4);
            for (int k = 0; k < n; k++) {
                int pos = i % 2 == 0 ? r.nextInt(b.length) : r.nextInt(Math.min(8192, b.length));
                int bit = r.nextInt(8);
                b[pos] ^= (byte) (1 << bit);
                where.append(' ').append(pos).append(':').append(bit);
            }
            run(name + " bits flipped at" + where, b, read, problems);
        }
    }

    private static void run(String what, byte[] b, Consumer<byte[]> read, List<String> problems) {
        long t0 = System.nanoTime();
        try {
            read.accept(b);
        } catch (ModelFormatException expected) {
            assertThat(expected.getMessage()).startsWith("Cannot read fuzz");
        } catch (Throwable t) {
            problems.add(what + ": " + t);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (ms > MAX_MILLIS_PER_CASE) {
            problems.add(what + ": took " + ms + " ms");
        }
    }
}
