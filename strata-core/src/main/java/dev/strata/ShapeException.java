package dev.strata;

import java.io.Serial;

/**
 * A shape does not satisfy the rule of the op or layer it was given to. The message names the op or layer,
 * the shapes involved and the rule that was broken, e.g.
 * {@code matmul: shapes (2, 3) and (4, 5) are incompatible: a's last dimension (3) must equal b's
 * second-to-last dimension (4)}.
 */
public class ShapeException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
