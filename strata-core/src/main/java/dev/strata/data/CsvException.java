package dev.strata.data;

import dev.strata.StrataException;
import java.io.Serial;

/**
 * A CSV file could not be read as numbers: a malformed value, a row with the wrong number of fields, an
 * unclosed quote, or options that do not fit the file (an unknown column name, an index out of range). The
 * message names the file and, where there is one, the line (1-based, counting the header) and the column
 * (name and 0-based index), and quotes the offending text.
 */
public final class CsvException extends StrataException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final int column;
    private final String columnName;

    CsvException(String message, String source, int line, int column, String columnName) {
        super(message);
        this.source = source;
        this.line = line;
        this.column = column;
        this.columnName = columnName;
    }

    /** The file (or other source) that was being read. */
    public String source() {
        return source;
    }

    /** The 1-based line number (counting the header), or 0 if the problem is not on one line. */
    public int line() {
        return line;
    }

    /** The 0-based column index, or -1 if the problem is not in one column. */
    public int column() {
        return column;
    }

    /** The column's name, or {@code null} if the problem is not in one column. */
    public String columnName() {
        return columnName;
    }
}
