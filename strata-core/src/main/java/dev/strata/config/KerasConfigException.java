package dev.strata.config;

import dev.strata.StrataException;
import java.io.Serial;

/**
 * A model config (Keras's {@code config.json}) that Strata cannot read or write: an unknown layer class or key, a
 * value of the wrong type, an unregistered custom class, a refused Lambda. The message says where in the config
 * the problem is (e.g. {@code layers[3] 'dense_1' (Dense): unknown key 'foo'}) and, when there is one, what to do.
 *
 * <p>This is what the JSON API ({@link dev.strata.saving.KerasConfig}) throws. Loading a file
 * ({@link dev.strata.saving.Saving#loadModel}) reports every failure as a {@link dev.strata.ModelFormatException}
 * naming the file and the member ({@code config.json}, or the legacy
 * {@code model_config} attribute), with this exception as its cause and its message (the JSON path and the problem)
 * in the file's message.
 */
public class KerasConfigException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public KerasConfigException(String message) {
        super(message);
    }

    /** An error with its message and cause. */
    public KerasConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
