package dev.strata.spark;

import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.training.PredictOptions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.api.java.UDF8;
import org.apache.spark.sql.api.java.UDF9;
import org.apache.spark.sql.api.java.UDF10;
import org.apache.spark.sql.api.java.UDF11;
import org.apache.spark.sql.api.java.UDF12;
import org.apache.spark.sql.api.java.UDF13;
import org.apache.spark.sql.api.java.UDF14;
import org.apache.spark.sql.api.java.UDF15;
import org.apache.spark.sql.api.java.UDF16;
import org.apache.spark.sql.api.java.UDF17;
import org.apache.spark.sql.api.java.UDF18;
import org.apache.spark.sql.api.java.UDF19;
import org.apache.spark.sql.api.java.UDF20;
import org.apache.spark.sql.api.java.UDF21;
import org.apache.spark.sql.api.java.UDF22;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * The Spark SQL function behind {@link SparkInference#registerUdf}: one row per call, the arguments concatenated
 * into the model's inputs, predicted with the executor's shared model (broadcast once, loaded once per JVM).
 */
final class ModelUdf implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Spark's Java UDF interfaces stop at UDF22. */
    private static final int MAX_ARGUMENTS = 22;

    private final Broadcast<byte[]> shipped;
    /** Per model input, how many arguments feed it. */
    private final int[] argumentsPerInput;
    /** Per model input, its per-sample dims (reshaped to), or null to feed {@code (1, width)}. */
    private final int[][] sampleDims;
    private final int width;

    private ModelUdf(Broadcast<byte[]> shipped, int[] argumentsPerInput, int[][] sampleDims, int width) {
        this.shipped = shipped;
        this.argumentsPerInput = argumentsPerInput;
        this.sampleDims = sampleDims;
        this.width = width;
    }

    static void register(SparkSession spark, String name, Model model, int[] argumentsPerInput) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("registerUdf: the function name is blank");
        }
        int[] widths = SparkInference.tracedOutputWidths(model);
        if (widths == null) {
            throw new IllegalArgumentException("registerUdf: the output shapes of " + model.describe() + " are not "
                    + "known; build or call the model once (or use SparkInference.transform, which predicts a row "
                    + "to find them)");
        }
        List<Shape> shapes = SparkTraining.sampleShapes(model);
        int inputs = shapes != null ? shapes.size() : argumentsPerInput != null ? argumentsPerInput.length : 1;
        int[] perInput = argumentsPerInput == null ? filled(inputs) : argumentsPerInput.clone();
        if (perInput.length != inputs) {
            throw new IllegalArgumentException("registerUdf: argumentsPerInput has " + perInput.length + " entries "
                    + "but " + model.describe() + " has " + inputs + " input(s)");
        }
        int total = 0;
        for (int i = 0; i < perInput.length; i++) {
            if (perInput[i] < 1) {
                throw new IllegalArgumentException("registerUdf: argumentsPerInput[" + i + "] must be >= 1, got "
                        + perInput[i]);
            }
            total += perInput[i];
        }
        if (total > MAX_ARGUMENTS) {
            throw new IllegalArgumentException("registerUdf: " + total + " arguments; Spark's Java functions take at "
                    + "most " + MAX_ARGUMENTS + ", so pack columns into an array or a Vector (VectorAssembler)");
        }
        int[][] dims = new int[inputs][];
        for (int i = 0; shapes != null && i < inputs; i++) {
            Shape s = shapes.get(i);
            dims[i] = s != null && s.isFullyDefined() ? s.toArray() : null;
        }
        Broadcast<byte[]> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(ModelBytes.save(model));
        ModelUdf f = new ModelUdf(shipped, perInput, dims, widths[0]);
        DataType type = widths[0] == 1 ? DataTypes.FloatType : DataTypes.createArrayType(DataTypes.FloatType, false);
        switch (total) {
            case 1 -> spark.udf().register(name, (UDF1<Object, Object>) (a0) -> f.call(a0), type);
            case 2 -> spark.udf().register(name, (UDF2<Object, Object, Object>) (a0, a1) -> f.call(a0, a1), type);
            case 3 -> spark.udf().register(name, (UDF3<Object, Object, Object, Object>) (a0, a1, a2) -> f.call(a0, a1, a2), type);
            case 4 -> spark.udf().register(name, (UDF4<Object, Object, Object, Object, Object>) (a0, a1, a2, a3) -> f.call(a0, a1, a2, a3), type);
            case 5 -> spark.udf().register(name, (UDF5<Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4) -> f.call(a0, a1, a2, a3, a4), type);
            case 6 -> spark.udf().register(name, (UDF6<Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5) -> f.call(a0, a1, a2, a3, a4, a5), type);
            case 7 -> spark.udf().register(name, (UDF7<Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6) -> f.call(a0, a1, a2, a3, a4, a5, a6), type);
            case 8 -> spark.udf().register(name, (UDF8<Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7), type);
            case 9 -> spark.udf().register(name, (UDF9<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8), type);
            case 10 -> spark.udf().register(name, (UDF10<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9), type);
            case 11 -> spark.udf().register(name, (UDF11<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10), type);
            case 12 -> spark.udf().register(name, (UDF12<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11), type);
            case 13 -> spark.udf().register(name, (UDF13<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12), type);
            case 14 -> spark.udf().register(name, (UDF14<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13), type);
            case 15 -> spark.udf().register(name, (UDF15<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14), type);
            case 16 -> spark.udf().register(name, (UDF16<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15), type);
            case 17 -> spark.udf().register(name, (UDF17<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16), type);
            case 18 -> spark.udf().register(name, (UDF18<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17), type);
            case 19 -> spark.udf().register(name, (UDF19<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18), type);
            case 20 -> spark.udf().register(name, (UDF20<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19), type);
            case 21 -> spark.udf().register(name, (UDF21<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20), type);
            case 22 -> spark.udf().register(name, (UDF22<Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object, Object>) (a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21) -> f.call(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21), type);
            default -> throw new IllegalStateException("unreachable: " + total + " arguments");
        }
    }

    private static int[] filled(int n) {
        int[] out = new int[n];
        Arrays.fill(out, 1);
        return out;
    }

    /** Predicts one row: NULL for a NULL argument, the first output as a Float or a Float[]. */
    Object call(Object... args) {
        for (Object a : args) {
            if (a == null) {
                return null;
            }
        }
        Model model = ModelBytes.shared(shipped.id(), shipped.value());
        List<Tensor> x = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < argumentsPerInput.length; i++) {
            List<Float> values = new ArrayList<>();
            for (int k = 0; k < argumentsPerInput[i]; k++) {
                append(values, args[next++], next - 1);
            }
            float[] row = new float[values.size()];
            for (int k = 0; k < row.length; k++) {
                row[k] = values.get(k);
            }
            x.add(tensor(i, row));
        }
        Tensors out = model.predict(x, new PredictOptions().batchSize(1).verbose(0));
        float[] y = out.get(0).toFloatArray();
        if (width == 1) {
            return y[0];
        }
        Float[] boxed = new Float[y.length];
        for (int k = 0; k < y.length; k++) {
            boxed[k] = y[k];
        }
        return boxed;
    }

    private Tensor tensor(int input, float[] row) {
        int[] dims = sampleDims[input];
        if (dims == null) {
            return Tensor.of(row, Shape.of(1, row.length));
        }
        Shape sample = Shape.of(dims);
        if (sample.size() != row.length) {
            throw new IllegalArgumentException("model input " + input + " takes samples of shape " + sample + " ("
                    + sample.size() + " values), but its arguments give " + row.length);
        }
        int[] full = new int[dims.length + 1];
        full[0] = 1;
        System.arraycopy(dims, 0, full, 1, dims.length);
        return Tensor.of(row, Shape.of(full));
    }

    private static void append(List<Float> values, Object arg, int position) {
        switch (arg) {
            case Number n -> values.add(n.floatValue());
            case Boolean b -> values.add(b ? 1f : 0f);
            case Vector v -> {
                for (int i = 0; i < v.size(); i++) {
                    values.add((float) v.apply(i));
                }
            }
            case scala.collection.Iterable<?> seq -> {
                scala.collection.Iterator<?> it = seq.iterator();
                while (it.hasNext()) {
                    Object e = it.next();
                    if (!(e instanceof Number) && !(e instanceof Boolean)) {
                        throw new IllegalArgumentException("argument " + position + ": an array element is " + e
                                + "; arrays must hold numbers");
                    }
                    append(values, e, position);
                }
            }
            default -> throw new IllegalArgumentException("argument " + position + " is a "
                    + arg.getClass().getSimpleName() + "; the function takes numbers, arrays of numbers and Vectors");
        }
    }
}
