package dev.strata.internal.io;

import java.util.HexFormat;

/**
 * What a model file is, told by its first bytes rather than its name: Keras 3 {@code .keras} files are zip
 * archives ({@code PK\x03\x04}); {@code .weights.h5} and legacy {@code .h5} files are HDF5
 * ({@code \x89HDF\r\n\x1a\n}). Public projects hold legacy HDF5 files saved under a {@code .keras} name, so
 * loaders sniff.
 */
public enum FileFormat {
    /** A zip archive: the Keras 3 {@code .keras} format. */
    KERAS_ZIP,
    /** An HDF5 file: {@code .weights.h5}, a legacy Keras 2 full model, or a Keras 2 {@code save_weights} file. */
    HDF5,
    /** Neither. */
    UNKNOWN;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    /**
     * The format of a file whose first bytes are {@code head} (at least 8 bytes for a definite answer). HDF5
     * files may start after a user block of 512, 1024, 2048, ... bytes; those offsets are checked too when
     * {@code head} reaches them.
     */
    public static FileFormat sniff(byte[] head) {
        if (startsWith(head, 0, ZIP_MAGIC)) {
            return KERAS_ZIP;
        }
        for (long at = 0; at + HDF5_MAGIC.length <= head.length; at = at == 0 ? 512 : at * 2) {
            if (startsWith(head, (int) at, HDF5_MAGIC)) {
                return HDF5;
            }
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] b, int at, byte[] magic) {
        if (b.length < at + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b[at + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first bytes of {@code b} in hex, for messages ("starts with 7b 22 6b 65 ..." or "empty"). */
    public static String describeStart(byte[] b) {
        if (b.length == 0) {
            return "the data is empty";
        }
        int n = Math.min(8, b.length);
        return b.length + " bytes starting with " + HexFormat.ofDelimiter(" ").formatHex(b, 0, n);
    }
}
