package dev.strata.saving;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Keras files copied from shared/fixtures/keras into the test resources (see their README.md). */
final class Fixtures {
    private Fixtures() {
    }

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/keras-fixtures/MANIFEST.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .keras and .h5 fixture, sorted by name. */
    static List<String> modelFiles() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".keras") || n.endsWith(".h5"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HDF5 weights of a fixture: the model.weights.h5 member of a zip, or the file itself. */
    static byte[] hdf5Bytes(String name) {
        byte[] b = bytes(name);
        if (FileFormat.sniff(b) == FileFormat.KERAS_ZIP) {
            for (ZipCodec.Member m : ZipCodec.read(b, name)) {
                if (m.name().equals(KerasArchive.WEIGHTS)) {
                    return m.data();
                }
            }
            throw new IllegalStateException(name + " has no weights member");
        }
        return b;
    }

    /** The weights of any fixture, read through the public entry points. */
    static WeightsFile weights(String name) {
        Path p = file(name);
        return FileFormat.sniff(bytes(name)) == FileFormat.KERAS_ZIP ? KerasArchive.read(p).weights() : WeightsFile.read(p);
    }
}
