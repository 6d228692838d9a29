package dev.strata.data;

import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * One row of a CSV file streamed by {@link Dataset#csvRows}: its numeric feature and target columns (as
 * {@link CsvOptions} chose them) and its string columns, by name. Map rows to {@link Batch}es, e.g. with a
 * {@code StringLookup} for a string column:
 *
 * <pre>{@code
 * Dataset<Batch> data = Dataset.csvRows(file, CsvOptions.defaults().targetColumns("price").stringColumns("city"))
 *         .map(row -> new Batch(List.of(row.features(), Tensor.of(new float[] {cityIndex(row.string("city"))})),
 *                 List.of(row.targets()), null));
 * }</pre>
 */
public final class CsvRow {
    /** The columns of a file, shared by its rows. */
    record Columns(String source, List<String> featureNames, List<String> targetNames, List<String> stringNames,
                   Map<String, Integer> numberIndex, Map<String, Integer> stringIndex) {
    }

    private final Columns columns;
    private final int line;
    private final float[] features;
    private final float[] targets;
    private final String[] strings;

    CsvRow(Columns columns, int line, float[] features, float[] targets, String[] strings) {
        this.columns = columns;
        this.line = line;
        this.features = features;
        this.targets = targets;
        this.strings = strings;
    }

    /** The file (or other source) the row comes from. */
    public String source() {
        return columns.source;
    }

    /** The 1-based line on which the row starts (counting the header). */
    public int line() {
        return line;
    }

    /** The numeric feature columns, in file order, as a tensor {@code (features,)}. */
    public Tensor features() {
        return TensorAccess.wrap(features.clone(), Shape.of(features.length));
    }

    /** The target columns, in the order given to {@link CsvOptions#targetColumns}, as a tensor {@code (targets,)}. */
    public Tensor targets() {
        return TensorAccess.wrap(targets.clone(), Shape.of(targets.length));
    }

    /** The names of the numeric feature columns. */
    public List<String> featureNames() {
        return columns.featureNames;
    }

    /** The names of the target columns. */
    public List<String> targetNames() {
        return columns.targetNames;
    }

    /** The names of the string columns. */
    public List<String> stringNames() {
        return columns.stringNames;
    }

    /**
     * The value of a numeric (feature or target) column.
     *
     * @throws IllegalArgumentException if no numeric column read has that name
     */
    public float number(String column) {
        Integer i = columns.numberIndex.get(column);
        if (i == null) {
            throw new IllegalArgumentException("CsvRow.number: no numeric column '" + column + "' was read from "
                    + columns.source + "; numeric columns: " + columns.numberIndex.keySet());
        }
        return i < features.length ? features[i] : targets[i - features.length];
    }

    /**
     * The text of a string column.
     *
     * @throws IllegalArgumentException if no string column has that name
     */
    public String string(String column) {
        Integer i = columns.stringIndex.get(column);
        if (i == null) {
            throw new IllegalArgumentException("CsvRow.string: no string column '" + column + "' was read from "
                    + columns.source + "; string columns: " + columns.stringNames
                    + " (choose them with CsvOptions.stringColumns)");
        }
        return strings[i];
    }

    /** The row as one sample: its features as the input, its targets (if any) as the target. */
    public Batch toBatch() {
        Tensor x = TensorAccess.wrap(features, Shape.of(features.length));
        return targets.length == 0 ? Batch.inputs(List.of(x))
                : new Batch(List.of(x), List.of(TensorAccess.wrap(targets, Shape.of(targets.length))), null);
    }

    /** The row, for messages. */
    @Override
    public String toString() {
        return "CsvRow(" + columns.source + ", line " + line + ")";
    }
}
