package dev.strata.testing;

import dev.strata.internal.io.FileFormat;
import dev.strata.internal.io.KerasArchive;
import dev.strata.internal.io.WeightsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Keras files copied from shared/fixtures/keras into the test resources (see their README.md), for the tests of
 * loading ({@code saving}) and of the file codec ({@code internal.io}).
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** The fixtures' directory. */
    public static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/keras-fixtures/MANIFEST.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture file {@code name}. */
    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** The bytes of the fixture file {@code name}. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .keras and .h5 fixture, sorted by name. */
    public static List<String> modelFiles() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".keras") || n.endsWith(".h5"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The weights of any fixture, read through the public entry points. */
    public static WeightsFile weights(String name) {
        Path p = file(name);
        return FileFormat.sniff(bytes(name)) == FileFormat.KERAS_ZIP ? KerasArchive.read(p).weights() : WeightsFile.read(p);
    }
}
