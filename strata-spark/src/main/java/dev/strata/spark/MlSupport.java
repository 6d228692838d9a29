package dev.strata.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.models.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link StrataEstimator} and {@link StrataModel} share: the column-groups param, the schema checks, and their
 * saved layout (Spark's {@code DefaultParamsWriter} metadata, plus the model's {@code .keras} file beside it).
 */
final class MlSupport {
    /** The model's file inside a saved estimator's or model's directory. */
    static final String KERAS_FILE = "model.keras";

    private MlSupport() {
    }

    /** A param holding groups of column names, one group per model input or output, saved as a JSON array of arrays. */
    static final class ColumnGroupsParam extends Param<String[][]> {
        private static final ObjectMapper JSON = new ObjectMapper();

        ColumnGroupsParam(Params parent, String name, String doc) {
            super(parent, name, doc,
                    (scala.Function1<String[][], Object> & java.io.Serializable) ColumnGroupsParam::valid);
        }

        private static Object valid(String[][] groups) {
            try {
                spec(groups, new String[0][]);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        @Override
        public String jsonEncode(String[][] value) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String[][] jsonDecode(String json) {
            try {
                return JSON.readValue(json, String[][].class);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(name() + ": not an array of arrays of column names: " + json, e);
            }
        }
    }

    /** The column spec of the given groups (labels may be empty). */
    static ColumnSpec spec(String[][] inputs, String[][] labels) {
        return new ColumnSpec(lists(inputs), lists(labels));
    }

    private static List<List<String>> lists(String[][] groups) {
        List<List<String>> out = new ArrayList<>();
        for (String[] g : groups) {
            out.add(g == null ? null : Arrays.asList(g));
        }
        return out;
    }

    /**
     * Checks {@code schema} holds the spec's columns, of types that hold numbers, and returns it with the prediction
     * columns added (a float column for one value per row, else an array of floats).
     *
     * @throws IllegalArgumentException naming the stage and the column
     */
    static StructType outputSchema(String stage, Model model, StructType schema, ColumnSpec spec, boolean withLabels,
                                   String[] predictionCols) {
        try {
            RowReader.of(schema, spec, withLabels, SparkTraining.sampleShapes(model));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(stage + ": " + e.getMessage(), e);
        }
        int[] widths = SparkInference.tracedOutputWidths(model);
        if (widths == null) {
            throw new IllegalArgumentException(stage + ": the output shapes of " + model.describe() + " are not known, "
                    + "so the prediction columns' types are not; build or call the model once before using it in a "
                    + "Pipeline");
        }
        if (predictionCols.length != widths.length) {
            throw new IllegalArgumentException(stage + ": predictionCols names " + predictionCols.length
                    + " column(s) " + Arrays.toString(predictionCols) + " for the " + widths.length + " output(s) of "
                    + model.describe());
        }
        StructType out = schema;
        for (int i = 0; i < widths.length; i++) {
            if (Arrays.asList(out.fieldNames()).contains(predictionCols[i])) {
                throw new IllegalArgumentException(stage + ": the prediction column '" + predictionCols[i] + "' is "
                        + "already a column of the DataFrame");
            }
            out = out.add(new StructField(predictionCols[i], widths[i] == 1 ? DataTypes.FloatType
                    : DataTypes.createArrayType(DataTypes.FloatType, false), false, Metadata.empty()));
        }
        return out;
    }

    /** Saves the params' metadata and the model's bytes into directory {@code path}. */
    static void save(Params instance, byte[] keras, String path, SparkSession spark) {
        DefaultParamsWriter.saveMetadata(instance, path, spark);
        if (keras == null) {
            return;
        }
        Path file = new Path(path, KERAS_FILE);
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (OutputStream out = fs.create(file, false)) {
                out.write(keras);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The metadata saved in {@code path} (uid and params), checking it was saved by {@code type}. */
    static DefaultParamsReader.Metadata metadata(String path, SparkSession spark, Class<?> type) {
        return DefaultParamsReader.loadMetadata(path, spark, type.getName());
    }

    /** The saved model's bytes, or null when the directory holds none. */
    static byte[] loadKeras(String path, SparkSession spark) {
        Path file = new Path(path, KERAS_FILE);
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) {
                return null;
            }
            try (InputStream in = fs.open(file)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
