package dev.strata;

import dev.strata.config.KerasConfigException;
import java.io.Serial;

/**
 * A model or weights file could not be read: it is truncated, corrupt, not the format its name says, or
 * hostile (a zip bomb, a dataset declaring more data than the file holds, an architecture far larger than its
 * weights), it lacks a member or weight the loader needs or holds one the model has no place for, a weight has
 * the wrong shape, or its config cannot be built (an unknown or unregistered class, a refused Lambda: then the
 * {@link KerasConfigException} is the cause). The message names the file, the path inside it (a zip member, an
 * HDF5 path, or both; for the config, the member and the JSON path) and what was wrong. Loading fails with this
 * exception rather than with an {@code OutOfMemoryError}, a hang or a partly loaded model.
 */
public class ModelFormatException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String pathInFile;

    /**
     * An error in {@code file} at {@code pathInFile}.
     *
     * @param file the file (or other source) being read, as the user named it
     * @param pathInFile the zip member and/or HDF5 path where the problem is, or {@code null} for the file as a
     *     whole
     * @param problem what was wrong, as a sentence fragment ("dataset declares 10^12 elements but ...")
     */
    public ModelFormatException(String file, String pathInFile, String problem) {
        this(file, pathInFile, problem, null);
    }

    /**
     * An error in {@code file} at {@code pathInFile}, caused by {@code cause}.
     *
     * @param file the file (or other source) being read
     * @param pathInFile the zip member and/or HDF5 path, or {@code null}
     * @param problem what was wrong
     * @param cause the low-level exception, kept for debugging
     */
    public ModelFormatException(String file, String pathInFile, String problem, Throwable cause) {
        super(message(file, pathInFile, problem), cause);
        this.file = file;
        this.pathInFile = pathInFile;
    }

    private static String message(String file, String pathInFile, String problem) {
        StringBuilder sb = new StringBuilder("Cannot read ").append(file == null ? "<unnamed source>" : file);
        if (pathInFile != null && !pathInFile.isEmpty()) {
            sb.append(" at ").append(pathInFile);
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file (or other source) that was being read. */
    public String file() {
        return file;
    }

    /** The zip member and/or HDF5 path where the problem is, or {@code null} if it concerns the whole file. */
    public String pathInFile() {
        return pathInFile;
    }
}
