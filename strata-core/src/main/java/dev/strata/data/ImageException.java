package dev.strata.data;

import dev.strata.StrataException;
import java.io.Serial;

/**
 * An image file that cannot be read or written (missing, corrupt, of a format the JDK cannot decode), naming the
 * file; thrown by {@link ImageUtils} and {@link ImageDatasets}.
 */
public final class ImageException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;

    ImageException(String message, String file) {
        super(message);
        this.file = file;
    }

    ImageException(String message, String file, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file that was being read or written. */
    public String file() {
        return file;
    }
}
