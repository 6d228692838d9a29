package dev.strata.data;

import dev.strata.StrataException;
import java.io.Serial;

/**
 * A file could not be read as IDX (the format of the MNIST and Fashion-MNIST files): a bad magic number, an
 * unknown element type, a header or data section cut short, bytes after the data, or a size that does not fit
 * in memory. The message names the file and says what was expected and what was found.
 */
public final class IdxException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;

    IdxException(String message, String source) {
        super(message);
        this.source = source;
    }

    IdxException(String message, String source, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The file (or other source) that was being read. */
    public String source() {
        return source;
    }
}
