package dev.strata.internal.io;

import dev.strata.testing.Fixtures;

/** The members of the Keras fixtures' zips, as the codec's tests need them (raw, before any parsing). */
final class FixtureMembers {
    private FixtureMembers() {
    }

    /** The HDF5 weights of a fixture: the model.weights.h5 member of a zip, or the file itself. */
    static byte[] hdf5Bytes(String name) {
        byte[] b = Fixtures.bytes(name);
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
}
