package dev.strata.spark;

import dev.strata.graph.Trace;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Distributed inference: {@link #transform} adds a model's predictions to a DataFrame as new columns, one per model
 * output. The model is shipped once (a broadcast of its {@code .keras} bytes), loaded once per executor JVM and shared
 * by its tasks, and called on batches of rows.
 *
 * <pre>{@code
 * Dataset<Row> scored = SparkInference.transform(model, df, ColumnSpec.input("a", "b", "c"), "prediction");
 * }</pre>
 *
 * <p>An output with one value per row becomes a {@code float} column, a wider one an {@code array<float>} column
 * (flattened row-major for outputs of rank above 2).
 */
public final class SparkInference {
    /** Rows per predict call on the executors. */
    private static final int BATCH = 1024;

    private SparkInference() {
    }

    /**
     * The rows of {@code data} with one more column per model output, named {@code outputColumns} in output order.
     *
     * @param inputs which columns feed which model input (its labels, if any, are ignored)
     * @throws IllegalArgumentException before any task runs, naming the column: a missing input column or one of a
     *     type that holds no numbers, nulls or non-finite features, arrays of varying or wrong length, an output
     *     column that already exists, or a name count that differs from the model's outputs
     */
    public static Dataset<Row> transform(Model model, Dataset<Row> data, ColumnSpec inputs, String... outputColumns) {
        ColumnSpec spec = new ColumnSpec(inputs.inputs(), List.of());
        RowReader reader = RowReader.of(data.schema(), spec, false, SparkTraining.sampleShapes(model));
        DataCheck.check(data, spec, SparkTraining.sampleShapes(model), "SparkInference.transform");
        int[] widths = outputWidths(model, data, spec, reader);
        if (outputColumns.length != widths.length) {
            throw new IllegalArgumentException("transform: " + outputColumns.length + " output column names for the "
                    + widths.length + " outputs of " + model.describe());
        }
        StructType schema = data.schema();
        for (int i = 0; i < widths.length; i++) {
            if (List.of(schema.fieldNames()).contains(outputColumns[i])) {
                throw new IllegalArgumentException("transform: the output column '" + outputColumns[i] + "' is already"
                        + " a column of the DataFrame");
            }
            schema = schema.add(new StructField(outputColumns[i], widths[i] == 1 ? DataTypes.FloatType
                    : DataTypes.createArrayType(DataTypes.FloatType, false), false,
                    org.apache.spark.sql.types.Metadata.empty()));
        }
        Broadcast<byte[]> shipped = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(
                data.sparkSession().sparkContext()).broadcast(ModelBytes.save(model));
        return data.mapPartitions(new Predictor(shipped, reader, widths), Encoders.row(schema));
    }

    /**
     * Registers a Spark SQL function {@code name} that predicts with {@code model}: {@code name(x0, x1, ...)} takes
     * one argument per model input (a number, an array of numbers or an ML Vector, concatenated into the input's
     * sample) and returns the model's first output, a {@code float} for one value per row, else an
     * {@code array<float>}. The model is broadcast once and loaded once per executor JVM; a NULL argument gives NULL.
     *
     * <pre>{@code
     * SparkInference.registerUdf(spark, "price", model);
     * spark.sql("SELECT price(features) FROM houses");
     * }</pre>
     *
     * @throws IllegalArgumentException if the model's output shapes are unknown (not traced)
     */
    public static void registerUdf(SparkSession spark, String name, Model model) {
        ModelUdf.register(spark, name, model, null);
    }

    /**
     * As {@link #registerUdf(SparkSession, String, Model)}, with {@code argumentsPerInput[i]} arguments concatenated
     * in order into model input {@code i}: {@code registerUdf(spark, "price", model, 3)} gives {@code price(a, b, c)}
     * for a model of one input of three features (at most 22 arguments in all, Spark's limit for Java functions).
     */
    public static void registerUdf(SparkSession spark, String name, Model model, int... argumentsPerInput) {
        ModelUdf.register(spark, name, model, argumentsPerInput);
    }

    /** The values per row of each traced output, or null when the model is not traced or a shape is not known. */
    static int[] tracedOutputWidths(Model model) {
        Trace trace = model.trace();
        if (trace == null) {
            return null;
        }
        int[] widths = new int[trace.outputs().size()];
        for (int i = 0; i < widths.length; i++) {
            Shape s = trace.outputs().get(i).shape();
            Shape sample = s.subShape(1, s.rank());
            if (!sample.isFullyDefined()) {
                return null;
            }
            widths[i] = sample.size();
        }
        return widths;
    }

    /** The values per row of each output: from the traced output shapes, or by predicting the first row. */
    private static int[] outputWidths(Model model, Dataset<Row> data, ColumnSpec spec, RowReader reader) {
        int[] traced = tracedOutputWidths(model);
        if (traced != null) {
            return traced;
        }
        // collect reads the selected columns: a reader of their positions, not of the whole row's
        RowReader selected = RowReader.of(SparkTraining.select(data, spec).schema(), spec, false, SparkTraining.sampleShapes(model));
        List<Tensor> first = SparkTraining.collect(data.limit(1), spec, selected);
        if (first.getFirst().shape().get(0) == 0) {
            throw new IllegalArgumentException("transform: the DataFrame is empty and " + model.describe() + " is not "
                    + "traced, so its output widths are unknown");
        }
        Tensors out = model.predict(first, new PredictOptions().verbose(0));
        int[] widths = new int[out.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = out.get(i).size();
        }
        return widths;
    }

    /** Predicts a partition batch by batch with the executor's shared model. */
    private record Predictor(Broadcast<byte[]> shipped, RowReader reader, int[] widths)
            implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Model model = ModelBytes.shared(shipped.id(), shipped.value());
            return new Iterator<>() {
                private final List<Row> pending = new ArrayList<>();
                private int next;

                @Override
                public boolean hasNext() {
                    if (next < pending.size()) {
                        return true;
                    }
                    pending.clear();
                    next = 0;
                    List<Row> batch = new ArrayList<>(BATCH);
                    while (batch.size() < BATCH && rows.hasNext()) {
                        batch.add(rows.next());
                    }
                    if (batch.isEmpty()) {
                        return false;
                    }
                    pending.addAll(predict(model, batch));
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return pending.get(next++);
                }
            };
        }

        private List<Row> predict(Model model, List<Row> batch) {
            float[][] groups = reader.read(batch, null);
            List<Tensor> x = new ArrayList<>();
            for (int g = 0; g < groups.length; g++) {
                x.add(reader.tensor(g, groups[g], batch.size()));
            }
            Tensors out = model.predict(x, new PredictOptions().batchSize(batch.size()).verbose(0));
            float[][] values = new float[out.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] = out.get(i).toFloatArray();
            }
            List<Row> result = new ArrayList<>(batch.size());
            for (int r = 0; r < batch.size(); r++) {
                Row row = batch.get(r);
                Object[] cells = new Object[row.length() + widths.length];
                for (int c = 0; c < row.length(); c++) {
                    cells[c] = row.get(c);
                }
                for (int i = 0; i < widths.length; i++) {
                    if (widths[i] == 1) {
                        cells[row.length() + i] = values[i][r];
                    } else {
                        Float[] v = new Float[widths[i]];
                        for (int k = 0; k < v.length; k++) {
                            v[k] = values[i][r * widths[i] + k];
                        }
                        cells[row.length() + i] = v;
                    }
                }
                result.add(RowFactory.create(cells));
            }
            return result;
        }
    }
}
