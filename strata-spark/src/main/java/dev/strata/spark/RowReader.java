package dev.strata.spark;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns DataFrame rows into the float rows of a model's inputs and labels, as a {@link ColumnSpec} says: checked
 * against the schema on the driver ({@link #of}), so that a missing or mistyped column fails before any task runs;
 * then, on the executors, each row's groups of columns are concatenated into floats ({@link #read}), failing on a
 * null, a NaN feature or an array of the wrong length with the column and the row.
 */
final class RowReader implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kind of each column, by its schema type. */
    private enum Kind { SCALAR, ARRAY, VECTOR }

    /** Per group (inputs first, then labels), the positions of its columns in the row, their kinds and names. */
    private final int[][] positions;
    private final Kind[][] kinds;
    private final String[][] names;
    private final int inputCount;
    /** Per group, its width (floats per row), known from the first row that has arrays or vectors; -1 before. */
    private final int[] widths;
    /** Per input group, the model input's per-sample dims to reshape to, or null to keep (rows, width). */
    private final int[][] sampleShapes;

    private RowReader(int[][] positions, Kind[][] kinds, String[][] names, int inputCount, int[][] sampleShapes) {
        this.positions = positions;
        this.kinds = kinds;
        this.names = names;
        this.inputCount = inputCount;
        this.widths = new int[positions.length];
        Arrays.fill(widths, -1);
        this.sampleShapes = sampleShapes;
    }

    /**
     * A reader of {@code spec}'s columns from rows of {@code schema}, with the inputs reshaped to the model's
     * per-sample input shapes where given (null entries, or a null list, keep {@code (rows, width)}).
     *
     * @param withLabels whether the label groups are read (training, evaluation) or not (prediction)
     * @throws IllegalArgumentException naming the column if a column is missing or of a type that holds no numbers
     */
    static RowReader of(StructType schema, ColumnSpec spec, boolean withLabels, List<Shape> sampleShapes) {
        List<List<String>> groups = new ArrayList<>(spec.inputs());
        if (withLabels) {
            if (spec.labels().isEmpty()) {
                throw new IllegalArgumentException("ColumnSpec: no label columns; training needs one group of label "
                        + "columns per model output (ColumnSpec.labels(...))");
            }
            groups.addAll(spec.labels());
        }
        int[][] positions = new int[groups.size()][];
        Kind[][] kinds = new Kind[groups.size()][];
        String[][] names = new String[groups.size()][];
        List<String> available = Arrays.asList(schema.fieldNames());
        for (int g = 0; g < groups.size(); g++) {
            List<String> cols = groups.get(g);
            positions[g] = new int[cols.size()];
            kinds[g] = new Kind[cols.size()];
            names[g] = cols.toArray(new String[0]);
            for (int k = 0; k < cols.size(); k++) {
                String c = cols.get(k);
                int at = available.indexOf(c);
                if (at < 0) {
                    throw new IllegalArgumentException("column '" + c + "' (" + groupName(g, spec.inputs().size())
                            + ") is not in the DataFrame; its columns are " + available);
                }
                positions[g][k] = at;
                kinds[g][k] = kind(schema.fields()[at], groupName(g, spec.inputs().size()));
            }
        }
        int[][] shapes = new int[spec.inputs().size()][];
        if (sampleShapes != null) {
            for (int i = 0; i < Math.min(shapes.length, sampleShapes.size()); i++) {
                Shape s = sampleShapes.get(i);
                shapes[i] = s != null && s.rank() > 1 && s.isFullyDefined() ? s.toArray() : null;
            }
        }
        return new RowReader(positions, kinds, names, spec.inputs().size(), shapes);
    }

    private static Kind kind(StructField field, String group) {
        DataType t = field.dataType();
        if (t instanceof NumericType || t instanceof BooleanType) {
            return Kind.SCALAR;
        }
        if (t instanceof ArrayType a && (a.elementType() instanceof NumericType
                || a.elementType() instanceof BooleanType)) {
            return Kind.ARRAY;
        }
        if (t instanceof VectorUDT) {
            return Kind.VECTOR;
        }
        throw new IllegalArgumentException("column '" + field.name() + "' (" + group + ") has type "
                + t.simpleString() + "; Strata reads numeric columns, arrays of numbers and ML Vector columns");
    }

    private static String groupName(int g, int inputs) {
        return g < inputs ? "input " + g : "label " + (g - inputs);
    }

    /** The number of input groups. */
    int inputCount() {
        return inputCount;
    }

    /** The number of label groups read (0 for prediction). */
    int labelCount() {
        return positions.length - inputCount;
    }

    /**
     * The rows as one float array per group (inputs, then labels), row after row.
     *
     * @param rowIds the rows' numbers, for messages (or null: positions in {@code rows})
     * @throws IllegalArgumentException naming the column and the row for a null, a NaN or infinite feature, or an
     *     array or vector whose length differs from the other rows'
     */
    float[][] read(List<Row> rows, long[] rowIds) {
        int groups = positions.length;
        float[][] out = new float[groups][];
        for (int g = 0; g < groups; g++) {
            int width = widths[g] >= 0 ? widths[g] : rows.isEmpty() ? scalarWidth(g) : width(g, rows.getFirst(),
                    id(rowIds, 0));
            widths[g] = width;
            float[] dst = new float[rows.size() * width];
            for (int r = 0; r < rows.size(); r++) {
                fill(g, rows.get(r), dst, r * width, width, id(rowIds, r));
            }
            out[g] = dst;
        }
        return out;
    }

    /** The tensors of group {@code g} for {@code rows} rows read by {@link #read}: inputs reshaped to the model's. */
    Tensor tensor(int g, float[] values, int rows) {
        int width = rows == 0 ? Math.max(0, widths[g]) : values.length / rows;
        Shape sample = g < inputCount && sampleShapes[g] != null ? Shape.of(sampleShapes[g]) : null;
        if (sample != null) {
            if (sample.size() != width) {
                throw new IllegalArgumentException("input " + g + ": the columns " + Arrays.toString(names[g])
                        + " give " + width + " values per row, but the model's input " + g + " takes samples of shape "
                        + sample + " (" + sample.size() + " values)");
            }
            int[] dims = new int[sample.rank() + 1];
            dims[0] = rows;
            for (int i = 0; i < sample.rank(); i++) {
                dims[i + 1] = sample.get(i);
            }
            return Tensor.of(values, Shape.of(dims));
        }
        return Tensor.of(values, Shape.of(rows, width));
    }

    private int scalarWidth(int g) {
        for (Kind k : kinds[g]) {
            if (k != Kind.SCALAR) {
                return 0; // unknown without a row; an empty partition has no rows to fill anyway
            }
        }
        return kinds[g].length;
    }

    private int width(int g, Row row, long id) {
        int w = 0;
        for (int k = 0; k < positions[g].length; k++) {
            w += length(g, k, row, id);
        }
        return w;
    }

    private int length(int g, int k, Row row, long id) {
        int at = positions[g][k];
        if (row.isNullAt(at)) {
            throw nullValue(g, k, id);
        }
        return switch (kinds[g][k]) {
            case SCALAR -> 1;
            case ARRAY -> row.getList(at).size();
            case VECTOR -> ((Vector) row.get(at)).size();
        };
    }

    private void fill(int g, Row row, float[] dst, int offset, int width, long id) {
        int pos = offset;
        boolean checkFinite = g < inputCount; // features must be numbers; labels may be anything the loss takes
        for (int k = 0; k < positions[g].length; k++) {
            int at = positions[g][k];
            if (row.isNullAt(at)) {
                throw nullValue(g, k, id);
            }
            switch (kinds[g][k]) {
                case SCALAR -> dst[pos++] = check(scalar(row.get(at)), g, k, id, checkFinite);
                case ARRAY -> {
                    List<Object> values = row.getList(at);
                    pos = checkRoom(g, k, id, pos, values.size(), offset, width);
                    for (Object v : values) {
                        if (v == null) {
                            throw nullValue(g, k, id);
                        }
                        dst[pos++] = check(scalar(v), g, k, id, checkFinite);
                    }
                }
                case VECTOR -> {
                    Vector v = (Vector) row.get(at);
                    pos = checkRoom(g, k, id, pos, v.size(), offset, width);
                    for (int i = 0; i < v.size(); i++) {
                        dst[pos++] = check((float) v.apply(i), g, k, id, checkFinite);
                    }
                }
            }
        }
        if (pos != offset + width) {
            throw new IllegalArgumentException(where(g, k(g), id) + ": the row has " + (pos - offset) + " values, but "
                    + "the first row had " + width + "; arrays and vectors must have the same length in every row");
        }
    }

    /** The index of the last column of group g, for a message about the group's length. */
    private int k(int g) {
        return positions[g].length - 1;
    }

    /** Checks there is room for {@code count} more values in the row; returns {@code pos} unchanged. */
    private int checkRoom(int g, int k, long id, int pos, int count, int offset, int width) {
        if (pos + count > offset + width) {
            throw new IllegalArgumentException(where(g, k, id) + ": " + count + " values, more than the first row had ("
                    + width + " values in " + Arrays.toString(names[g]) + "); arrays and vectors must have the same "
                    + "length in every row");
        }
        return pos;
    }

    private static float scalar(Object v) {
        if (v instanceof Number n) {
            return n.floatValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1f : 0f;
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    private float check(float v, int g, int k, long id, boolean finite) {
        if (finite && !Float.isFinite(v)) {
            throw new IllegalArgumentException(where(g, k, id) + ": " + v + " is not a finite number; drop or fill "
                    + "such rows first (e.g. df.na().drop())");
        }
        return v;
    }

    private IllegalArgumentException nullValue(int g, int k, long id) {
        return new IllegalArgumentException(where(g, k, id) + ": null; drop or fill null rows first "
                + "(df.na().drop() or df.na().fill(...))");
    }

    private String where(int g, int k, long id) {
        return "column '" + names[g][k] + "' (" + groupName(g, inputCount) + "), row " + id;
    }

    private static long id(long[] rowIds, int r) {
        return rowIds == null ? r : rowIds[r];
    }
}
