package dev.strata.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.strata.tensor.Shape;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructType;

/**
 * The data checks that run on the driver before any training task: one aggregate query over the columns a
 * {@link ColumnSpec} reads counts nulls, NaNs and infinities in the features and the lengths of array and vector
 * columns, so that bad rows and columns that do not fit the model's inputs are reported with the column and what
 * was expected, instead of failing inside a barrier stage.
 */
final class DataCheck {
    private DataCheck() {
    }

    /**
     * Checks {@code data} against {@code spec} and the model's per-sample input shapes (null when unknown).
     *
     * @throws IllegalArgumentException naming the column: nulls, NaN or infinite features, arrays or vectors of
     *     varying or wrong length, a group whose width differs from the model input's
     */
    static void check(Dataset<Row> data, ColumnSpec spec, List<Shape> sampleShapes, String what) {
        StructType schema = data.schema();
        List<String> columns = spec.allColumns();
        List<Column> aggregates = new ArrayList<>();
        for (String c : columns) {
            DataType t = schema.apply(c).dataType();
            Column v = col(c);
            aggregates.add(sum(when(v.isNull(), 1).otherwise(0)).as(c + "#null"));
            boolean feature = spec.inputs().stream().anyMatch(g -> g.contains(c));
            if (feature && (t instanceof DoubleType || t instanceof FloatType)) {
                aggregates.add(sum(when(isnan(v).or(v.equalTo(lit(Double.POSITIVE_INFINITY)))
                        .or(v.equalTo(lit(Double.NEGATIVE_INFINITY))), 1).otherwise(0)).as(c + "#nan"));
            }
            Column length = lengthOf(v, t);
            if (length != null) {
                aggregates.add(min(length).as(c + "#min"));
                aggregates.add(max(length).as(c + "#max"));
            }
        }
        Row r = data.agg(aggregates.getFirst(), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
                .first();
        int[] lengths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            long nulls = number(r, c + "#null");
            if (nulls > 0) {
                throw new IllegalArgumentException(what + ": column '" + c + "' has " + nulls + " null value(s); drop "
                        + "or fill them first (df.na().drop() or df.na().fill(...))");
            }
            if (has(r, c + "#nan") && number(r, c + "#nan") > 0) {
                throw new IllegalArgumentException(what + ": column '" + c + "' has " + number(r, c + "#nan")
                        + " NaN or infinite value(s); features must be finite numbers");
            }
            if (has(r, c + "#min")) {
                long lo = number(r, c + "#min");
                long hi = number(r, c + "#max");
                if (lo != hi) {
                    throw new IllegalArgumentException(what + ": column '" + c + "' holds arrays of " + lo + " to " + hi
                            + " values; every row must have the same length");
                }
                lengths[i] = (int) lo;
            } else {
                lengths[i] = 1;
            }
        }
        if (sampleShapes == null) {
            return;
        }
        for (int g = 0; g < Math.min(spec.inputs().size(), sampleShapes.size()); g++) {
            Shape s = sampleShapes.get(g);
            if (s == null || !s.isFullyDefined()) {
                continue;
            }
            int width = 0;
            for (String c : spec.inputs().get(g)) {
                width += lengths[columns.indexOf(c)];
            }
            if (width != s.size()) {
                throw new IllegalArgumentException(what + ": the columns " + spec.inputs().get(g) + " give " + width
                        + " values per row, but the model's input " + g + " takes samples of shape " + s + " ("
                        + s.size() + " values)");
            }
        }
    }

    /** The length of an array or vector column, or null for a scalar one. */
    private static Column lengthOf(Column v, DataType t) {
        if (t instanceof ArrayType) {
            return size(v);
        }
        if (t instanceof VectorUDT) {
            return size(org.apache.spark.ml.functions.vector_to_array(v, "float32"));
        }
        return null;
    }

    private static boolean has(Row r, String field) {
        return List.of(r.schema().fieldNames()).contains(field);
    }

    private static long number(Row r, String field) {
        Object v = r.get(r.fieldIndex(field));
        return v == null ? 0 : ((Number) v).longValue();
    }
}
