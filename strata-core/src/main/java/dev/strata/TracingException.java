package dev.strata;

import java.io.Serial;

/**
 * Tracing (running code on symbolic tensors, which carry a shape but no data) met something that needs
 * real values, such as reading a tensor's elements to decide a branch. The message says what was read and
 * where in the caller's code.
 */
public class TracingException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    public TracingException(String message) {
        super(message);
    }
}
