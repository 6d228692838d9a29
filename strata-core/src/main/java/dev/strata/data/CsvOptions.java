package dev.strata.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link Csv} reads a file: the delimiter, whether the first line is a header, which columns are targets
 * and which to skip. Immutable: each method returns a changed copy.
 *
 * <pre>{@code
 * CsvOptions options = CsvOptions.defaults()
 *         .targetColumns("MedHouseVal")   // by header name; or targetColumns(8) by index
 *         .skipColumns("id");             // not read at all, so it may hold text
 * Table data = Csv.read(Path.of("housing.csv"), options);
 * }</pre>
 *
 * <p>Column indices count from 0, in the file's order. Every column that is neither a target nor skipped is a
 * feature, in the file's order; the targets come in the order given here.
 */
public final class CsvOptions {
    /** A column named by header name or by index. */
    sealed interface ColumnRef permits ByName, ByIndex {
    }

    /** A column by header name. */
    record ByName(String name) implements ColumnRef {
        @Override
        public String toString() {
            return "'" + name + "'";
        }
    }

    /** A column by 0-based index. */
    record ByIndex(int index) implements ColumnRef {
        @Override
        public String toString() {
            return Integer.toString(index);
        }
    }

    private static final CsvOptions DEFAULTS = new CsvOptions(',', true, List.of(), List.of(), List.of(), List.of());

    private final char delimiter;
    private final boolean header;
    private final List<ColumnRef> targets;
    private final List<ColumnRef> skipped;
    private final List<ColumnRef> selected;
    private final List<ColumnRef> strings;

    private CsvOptions(char delimiter, boolean header, List<ColumnRef> targets, List<ColumnRef> skipped,
                       List<ColumnRef> selected, List<ColumnRef> strings) {
        this.delimiter = delimiter;
        this.header = header;
        this.targets = targets;
        this.skipped = skipped;
        this.selected = selected;
        this.strings = strings;
    }

    /** Comma-delimited, with a header line, no target columns, nothing skipped. */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    /**
     * These options with another delimiter, e.g. {@code ';'} or {@code '\t'}.
     *
     * @throws IllegalArgumentException unless it is an ASCII character other than the quote, CR and LF
     */
    public CsvOptions delimiter(char delimiter) {
        if (delimiter >= 128 || delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new IllegalArgumentException("CsvOptions.delimiter: '" + delimiter + "' (U+"
                    + String.format("%04X", (int) delimiter) + ") cannot be a delimiter; use an ASCII character"
                    + " other than the double quote, CR and LF");
        }
        return new CsvOptions(delimiter, header, targets, skipped, selected, strings);
    }

    /**
     * These options with or without a header line. Without one, columns are named {@code column_0},
     * {@code column_1}, ... and can be chosen only by index.
     */
    public CsvOptions header(boolean header) {
        return new CsvOptions(delimiter, header, targets, skipped, selected, strings);
    }

    /** These options with the named columns as the targets, in this order (replacing earlier targets). */
    public CsvOptions targetColumns(String... names) {
        return new CsvOptions(delimiter, header, byName(names, "targetColumns"), skipped, selected, strings);
    }

    /** These options with the columns at these 0-based indices as the targets, in this order (replacing
     * earlier targets). */
    public CsvOptions targetColumns(int... indices) {
        return new CsvOptions(delimiter, header, byIndex(indices, "targetColumns"), skipped, selected, strings);
    }

    /** These options skipping the named columns (replacing earlier skipped columns); they are not parsed. */
    public CsvOptions skipColumns(String... names) {
        return new CsvOptions(delimiter, header, targets, byName(names, "skipColumns"), selected, strings);
    }

    /** These options skipping the columns at these 0-based indices (replacing earlier skipped columns). */
    public CsvOptions skipColumns(int... indices) {
        return new CsvOptions(delimiter, header, targets, byIndex(indices, "skipColumns"), selected, strings);
    }

    /**
     * These options reading only the named feature columns (tf.data's {@code select_cols}; replacing an earlier
     * selection): the other columns that are not targets are skipped.
     */
    public CsvOptions selectColumns(String... names) {
        return new CsvOptions(delimiter, header, targets, skipped, byName(names, "selectColumns"), strings);
    }

    /** These options reading only the feature columns at these 0-based indices (see {@link #selectColumns(String...)}). */
    public CsvOptions selectColumns(int... indices) {
        return new CsvOptions(delimiter, header, targets, skipped, byIndex(indices, "selectColumns"), strings);
    }

    /**
     * These options reading the named columns as text, not numbers (replacing earlier string columns): for the
     * lookup layers, through {@link Dataset#csvRows}. {@link Csv#read} refuses them, since a table holds numbers.
     */
    public CsvOptions stringColumns(String... names) {
        return new CsvOptions(delimiter, header, targets, skipped, selected, byName(names, "stringColumns"));
    }

    /** These options reading the columns at these 0-based indices as text (see {@link #stringColumns(String...)}). */
    public CsvOptions stringColumns(int... indices) {
        return new CsvOptions(delimiter, header, targets, skipped, selected, byIndex(indices, "stringColumns"));
    }

    /** The field delimiter. */
    public char delimiter() {
        return delimiter;
    }

    /** Whether the first line is a header of column names. */
    public boolean header() {
        return header;
    }

    List<ColumnRef> targets() {
        return targets;
    }

    List<ColumnRef> skipped() {
        return skipped;
    }

    List<ColumnRef> selected() {
        return selected;
    }

    List<ColumnRef> stringSelections() {
        return strings;
    }

    private static List<ColumnRef> byName(String[] names, String method) {
        List<ColumnRef> refs = new ArrayList<>(names.length);
        for (String n : names) {
            refs.add(new ByName(Objects.requireNonNull(n, () -> "CsvOptions." + method + ": a name is null")));
        }
        return List.copyOf(refs);
    }

    private static List<ColumnRef> byIndex(int[] indices, String method) {
        List<ColumnRef> refs = new ArrayList<>(indices.length);
        for (int i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("CsvOptions." + method + ": column index " + i
                        + " is negative; indices count from 0");
            }
            refs.add(new ByIndex(i));
        }
        return List.copyOf(refs);
    }

    /** The settings, for messages and debugging. */
    @Override
    public String toString() {
        String d = delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
        return "CsvOptions(delimiter='" + d + "', header=" + header + ", targets=" + targets + ", skip=" + skipped
                + (selected.isEmpty() ? "" : ", select=" + selected) + (strings.isEmpty() ? "" : ", strings=" + strings)
                + ")";
    }
}
