package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file of numbers into a {@link Table}: the feature columns become a float32 matrix
 * {@code (rows, features)}, the target columns a matrix {@code (rows, targets)}.
 *
 * <pre>{@code
 * Table data = Csv.read(Path.of("housing.csv"), CsvOptions.defaults().targetColumns("MedHouseVal"));
 * }</pre>
 *
 * <p>The file is UTF-8 (a byte order mark is skipped), with LF or CRLF line ends; fields may be quoted
 * ({@code "1.5"}); empty lines (including trailing ones) are skipped. Every value read must be a decimal number
 * ({@code 1}, {@code -2.5}, {@code 1e-3}, {@code nan}, {@code inf}), rounded to the nearest float as
 * {@link Float#parseFloat} does; skipped columns may hold anything. A file whose name ends in {@code .gz} is
 * decompressed. Reading streams through the file once and keeps only the numbers.
 *
 * <p>Problems raise {@link CsvException} naming the file, the line (1-based, counting the header) and the
 * column (name and 0-based index) and quoting the text, e.g.
 * {@code housing.csv, line 7, column 'AveRooms' (index 2): cannot read "6.9x" as a number}.
 */
public final class Csv {
    private static final int ROLE_SKIP = -1;
    private static final int ROLE_FEATURE = -2;
    private static final int MAX_VALUES = Integer.MAX_VALUE - 16;

    private Csv() {
    }

    /**
     * Reads a comma-separated file with a header line; every column is a feature and there are no targets
     * (the targets have shape {@code (rows, 0)}).
     *
     * @throws CsvException if the file is not a CSV of numbers
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file) {
        return read(file, CsvOptions.defaults());
    }

    /**
     * Reads a CSV file with the given options.
     *
     * @throws CsvException if the file is not a CSV of numbers or does not fit the options
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Table read(Path file, CsvOptions options) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = file.getFileName() != null && file.getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(raw, 1 << 16)
                    : raw;
            return readStream(in, file.toString(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("Csv.read: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads CSV text from a stream (left open), for data that is not in a file of its own, such as a
     * resource. {@code sourceName} names it in messages.
     *
     * @throws CsvException if the text is not a CSV of numbers or does not fit the options
     * @throws UncheckedIOException if reading fails
     */
    public static Table read(InputStream in, String sourceName, CsvOptions options) {
        try {
            return readStream(in, sourceName, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Csv.read: cannot read " + sourceName + ": " + e.getMessage(), e);
        }
    }

    private static Table readStream(InputStream in, String source, CsvOptions options) throws IOException {
        CsvTokenizer tok = new CsvTokenizer(in, options.delimiter());
        if (!options.stringSelections().isEmpty()) {
            throw new CsvException(source + ": string columns " + options.stringSelections() + " cannot go into a"
                    + " table of numbers; stream the rows with Dataset.csvRows, or skip the columns", source, 0, -1,
                    null);
        }
        List<String> names = new ArrayList<>();
        boolean hasRow = header(tok, options, source, names);
        int columns = names.size();
        int[] role = new int[columns];
        Arrays.fill(role, ROLE_FEATURE);
        List<ColumnPlan> plan = plan(names, options, source, role);
        int[] featureCols = plan.stream().filter(p -> !p.target).mapToInt(p -> p.column).toArray();
        int[] targetCols = plan.stream().filter(p -> p.target).mapToInt(p -> p.column).toArray();

        FloatStore features = new FloatStore(featureCols.length, source);
        FloatStore targets = new FloatStore(targetCols.length, source);
        int rows = 0;
        while (hasRow) {
            checkRecord(tok, columns, options, source);
            features.addRow(tok, featureCols, names);
            targets.addRow(tok, targetCols, names);
            rows++;
            hasRow = tok.next();
        }
        List<String> featureNames = new ArrayList<>();
        for (int c : featureCols) {
            featureNames.add(names.get(c));
        }
        List<String> targetNames = new ArrayList<>();
        for (int c : targetCols) {
            targetNames.add(names.get(c));
        }
        Tensor x = DataSupport.wrap(features.toArray(), rows, featureCols.length);
        Tensor y = DataSupport.wrap(targets.toArray(), rows, targetCols.length);
        return new Table(x, y, featureNames, targetNames);
    }

    /**
     * Reads the header (or, without one, names the columns of the first line {@code column_0, ...}) into
     * {@code names}; returns whether a data record is current.
     */
    static boolean header(CsvTokenizer tok, CsvOptions options, String source, List<String> names)
            throws IOException {
        boolean hasRow;
        if (options.header()) {
            if (!tok.next()) {
                throw new CsvException(source + ": the file is empty; expected a header line (or use "
                        + "CsvOptions.header(false))", source, 0, -1, null);
            }
            checkClosed(tok, source);
            for (int i = 0; i < tok.fieldCount(); i++) {
                names.add(tok.field(i));
            }
            hasRow = tok.next();
        } else {
            hasRow = tok.next();
            if (!hasRow) {
                throw new CsvException(source + ": the file is empty", source, 0, -1, null);
            }
            for (int i = 0; i < tok.fieldCount(); i++) {
                names.add("column_" + i);
            }
        }
        return hasRow;
    }

    record ColumnPlan(int column, boolean target) {
    }

    /** Features in file order, then targets in the order given; marks each column's role. */
    static List<ColumnPlan> plan(List<String> names, CsvOptions options, String source, int[] role) {
        List<Integer> targets = new ArrayList<>();
        for (CsvOptions.ColumnRef ref : options.targets()) {
            int c = resolve(ref, names, options, source, "target");
            if (role[c] != ROLE_FEATURE) {
                throw new CsvException(source + ": column " + describe(c, names) + " is listed twice as a target",
                        source, 0, c, names.get(c));
            }
            role[c] = targets.size();
            targets.add(c);
        }
        for (CsvOptions.ColumnRef ref : options.skipped()) {
            int c = resolve(ref, names, options, source, "skipped");
            if (role[c] >= 0) {
                throw new CsvException(source + ": column " + describe(c, names)
                        + " is both a target and skipped", source, 0, c, names.get(c));
            }
            role[c] = ROLE_SKIP;
        }
        if (!options.selected().isEmpty()) {
            boolean[] chosen = new boolean[names.size()];
            for (CsvOptions.ColumnRef ref : options.selected()) {
                chosen[resolve(ref, names, options, source, "selected")] = true;
            }
            for (int c = 0; c < names.size(); c++) {
                if (!chosen[c] && role[c] == ROLE_FEATURE) {
                    role[c] = ROLE_SKIP; // tf.data's select_cols: only these features (and the targets) are read
                }
            }
        }
        List<ColumnPlan> plan = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (role[c] == ROLE_FEATURE) {
                plan.add(new ColumnPlan(c, false));
            }
        }
        for (int c : targets) {
            plan.add(new ColumnPlan(c, true));
        }
        return plan;
    }

    static int resolve(CsvOptions.ColumnRef ref, List<String> names, CsvOptions options, String source,
            String kind) {
        return switch (ref) {
            case CsvOptions.ByIndex(int index) -> {
                if (index >= names.size()) {
                    throw new CsvException(source + ": " + kind + " column index " + index + " is out of range; the"
                            + " file has " + names.size() + " columns (indices 0 to " + (names.size() - 1) + ")",
                            source, 0, index, null);
                }
                yield index;
            }
            case CsvOptions.ByName(String name) -> {
                if (!options.header()) {
                    throw new CsvException(source + ": " + kind + " column '" + name + "' is given by name, but the"
                            + " file has no header (CsvOptions.header(false)); give columns by index", source, 0,
                            -1, name);
                }
                int first = names.indexOf(name);
                if (first < 0) {
                    throw new CsvException(source + ": no column named '" + name + "' (" + kind + " column); the "
                            + "header has " + quoted(names), source, 1, -1, name);
                }
                int last = names.lastIndexOf(name);
                if (last != first) {
                    throw new CsvException(source + ": " + kind + " column '" + name + "' is ambiguous: columns "
                            + first + " and " + last + " both have that name; give the column by index", source,
                            1, first, name);
                }
                yield first;
            }
        };
    }

    private static String quoted(List<String> names) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "'" : ", '").append(names.get(i)).append('\'');
        }
        return sb.append(']').toString();
    }

    static String describe(int c, List<String> names) {
        return "'" + names.get(c) + "' (index " + c + ")";
    }

    /** Checks that the current record is complete and has as many fields as the first. */
    static void checkRecord(CsvTokenizer tok, int columns, CsvOptions options, String source) {
        checkClosed(tok, source);
        if (tok.fieldCount() != columns) {
            String expectedFrom = options.header() ? "as in the header" : "as in the first line";
            throw new CsvException(source + ", line " + tok.recordLine() + ": expected " + columns + " fields ("
                    + expectedFrom + ") but found " + tok.fieldCount(), source, tok.recordLine(), -1, null);
        }
    }

    static void checkClosed(CsvTokenizer tok, String source) {
        if (tok.unclosedQuoteLine() != 0) {
            int line = tok.unclosedQuoteLine();
            throw new CsvException(source + ", line " + line + ": a quoted field that starts on this line has no"
                    + " closing quote before the end of the file", source, line, -1, null);
        }
    }

    /** The error of a value that does not parse: file, line, column and the text. */
    static CsvException badValue(CsvTokenizer tok, int column, List<String> names, String source) {
        String raw = tok.field(column);
        int line = tok.fieldLine(column);
        String where = source + ", line " + line + ", column " + describe(column, names) + ": ";
        String what;
        if (raw.isBlank()) {
            what = "the value is empty; every feature and target value must be a number (skip the column"
                    + " with CsvOptions.skipColumns if it is not one)";
        } else {
            String shown = raw.length() > 80 ? raw.substring(0, 80) + "..." : raw;
            what = "cannot read \"" + shown + "\" as a number";
        }
        return new CsvException(where + what, source, line, column, names.get(column));
    }

    /** Floats of a fixed number of columns per row, growing as rows arrive. */
    private static final class FloatStore {
        private final int width;
        private final String source;
        private float[] data;
        private int size;

        FloatStore(int width, String source) {
            this.width = width;
            this.source = source;
            this.data = new float[width * 1024];
        }

        void addRow(CsvTokenizer tok, int[] columns, List<String> names) {
            if (width == 0) {
                return;
            }
            if (size + width > data.length) {
                grow();
            }
            byte[] text = tok.text();
            for (int column : columns) {
                int from = tok.start(column);
                int to = tok.end(column);
                float v;
                try {
                    v = DecimalParser.parse(text, from, to);
                } catch (NumberFormatException e) {
                    throw badValue(tok, column, names, source);
                }
                data[size++] = v;
            }
        }

        private void grow() {
            long wanted = Math.max((long) data.length * 3 / 2, (long) size + width);
            if (wanted > MAX_VALUES) {
                if ((long) size + width > MAX_VALUES) {
                    throw new CsvException(source + ": too many values for one tensor (more than " + MAX_VALUES
                            + " floats in " + width + " columns)", source, 0, -1, null);
                }
                wanted = MAX_VALUES;
            }
            data = Arrays.copyOf(data, (int) wanted);
        }

        float[] toArray() {
            return data.length == size ? data : Arrays.copyOf(data, size);
        }
    }
}
