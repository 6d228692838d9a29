package dev.strata.callbacks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams the results of every epoch to a CSV file, like {@code keras.callbacks.CSVLogger}, writing exactly what
 * Keras writes: a header {@code epoch,<log names sorted>} (with {@code val_} twins of every name when the first
 * epoch had no validation values), one row per epoch with the 0-based epoch and each value as Python prints a
 * float ({@code 0.4302417039871216}, {@code 1e-05}, {@code nan}, {@code inf}), {@code NA} for a value missing
 * from an epoch, Python's {@code csv} quoting (a field holding the separator or a quote is quoted) and
 * {@code \r\n} line ends. The row is flushed at each epoch end.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2).callbacks(new CSVLogger("run/log.csv")));
 * }</pre>
 *
 * <p>The file is opened when training begins: truncated, or with {@link #append(boolean) append(true)} appended
 * to (the header is written only if the file is new or empty). Like Keras it does not create missing directories;
 * a file that cannot be opened is an error naming it before any epoch runs, so nothing is written.
 */
public class CSVLogger extends Callback implements AutoCloseable {
    private final Path filename;
    private char separator = ',';
    private boolean append;

    private BufferedWriter out;
    private List<String> keys;
    private boolean appendHeader = true;
    private boolean headerDone;

    /** A logger writing to {@code filename}, with Keras's defaults (separator {@code ,}, overwrite). */
    public CSVLogger(Path filename) {
        this.filename = Objects.requireNonNull(filename, "filename");
    }

    /** A logger writing to the file named {@code filename}. */
    public CSVLogger(String filename) {
        this(Path.of(Objects.requireNonNull(filename, "filename")));
    }

    /**
     * The string that separates fields (default {@code ","}): one character, as Python's {@code csv} requires.
     *
     * @throws IllegalArgumentException for another length, or a quote or line break (which would make rows that
     *     cannot be read back)
     */
    public CSVLogger separator(String value) {
        if (value == null || value.length() != 1) {
            throw new IllegalArgumentException("CSVLogger separator must be a 1-character string (Python's \"delimiter\""
                    + " must be a 1-character string), got " + (value == null ? "null" : "'" + value + "'"));
        }
        char c = value.charAt(0);
        if (c == '"' || c == '\r' || c == '\n') {
            throw new IllegalArgumentException("CSVLogger separator cannot be a quote or a line break, got "
                    + (c == '"' ? "'\"'" : c == '\r' ? "'\\r'" : "'\\n'"));
        }
        separator = c;
        return this;
    }

    /** True to append to an existing file (to continue a run) instead of overwriting it (default false). */
    public CSVLogger append(boolean value) {
        append = value;
        return this;
    }

    /** The file written. */
    public Path filename() {
        return filename;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        close();
        try {
            if (append) {
                appendHeader = !Files.exists(filename) || Files.size(filename) == 0;
                out = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } else {
                out = Files.newBufferedWriter(filename, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot open '" + filename + "' for writing"
                    + (append ? " (append)" : "") + ": " + e, e);
        }
        keys = null;
        headerDone = false;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (out == null) {
            throw new IllegalStateException("CSVLogger: onEpochEnd before onTrainBegin; the file '" + filename
                    + "' is not open");
        }
        Map<String, Double> values = logs == null ? Map.of() : logs;
        if (keys == null) {
            keys = new ArrayList<>(values.keySet());
            keys.sort(null); // Python's sorted(): by code point, which String order matches for these names
            if (!keys.isEmpty() && keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                List<String> twins = keys.stream().map(k -> "val_" + k).toList();
                keys.addAll(twins);
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!headerDone) {
            headerDone = true;
            if (appendHeader) {
                sb.append("epoch");
                for (String k : keys) {
                    sb.append(separator).append(field(k));
                }
                sb.append("\r\n");
            }
        }
        sb.append(epoch);
        for (String k : keys) {
            String text;
            if (!values.containsKey(k)) {
                text = "NA";
            } else {
                Double v = values.get(k);
                text = v == null ? "" : PythonFormat.pythonRepr(v); // csv writes None as an empty field
            }
            sb.append(separator).append(field(text));
        }
        sb.append("\r\n");
        try {
            out.write(sb.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write epoch " + epoch + " to '" + filename + "': " + e, e);
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        close();
    }

    /** Python's {@code csv} QUOTE_MINIMAL: quoted when it holds the separator, a quote or a line break. */
    private String field(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == separator || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * Writes out and closes the file, as at the end of {@code fit}; {@code fit} calls it when it fails, so the
     * epochs logged before the failure are on disk. A later fit opens the file again.
     *
     * @throws UncheckedIOException if the file cannot be closed, naming it
     */
    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("CSVLogger cannot close '" + filename + "': " + e, e);
            } finally {
                out = null;
            }
        }
    }
}
