package dev.strata;

import java.io.Serial;

/**
 * The root of Strata's exceptions. All of them are unchecked: bad input is a programming error that the
 * message explains (which op or layer, which shapes, what was expected).
 */
public class StrataException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    public StrataException(String message) {
        super(message);
    }

    public StrataException(String message, Throwable cause) {
        super(message, cause);
    }
}
