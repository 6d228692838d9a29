package dev.strata.spark.examples;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import dev.strata.data.StandardScaler;
import dev.strata.data.Table;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.SGD;
import dev.strata.spark.ColumnSpec;
import dev.strata.spark.SparkFitOptions;
import dev.strata.spark.SparkTraining;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The README's Spark example: the seed's Wide &amp; Deep model (Functional, two inputs, two outputs, the book's
 * compile) trained on California housing as a Spark DataFrame in {@code local[2]}, two workers, synchronous
 * data-parallel SGD; its test MSE is comparable with the single-machine example's (0.4312 for the Functional model).
 */
public final class WideAndDeepOnSpark {
    private WideAndDeepOnSpark() {
    }

    public static void main(String[] args) {
        Strata.setRandomSeed(42);
        Table housing = Datasets.californiaHousing();
        Split testSplit = housing.split(0.25, 42);
        Split validSplit = testSplit.train().split(0.25, 42);
        StandardScaler scaler = new StandardScaler().fit(validSplit.train().features());
        SparkSession spark = SparkSession.builder().master("local[2]").appName("wide-and-deep-on-spark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            List<String> names = housing.featureNames();
            Dataset<Row> train = frame(spark, names, scaler.transform(validSplit.train().features()),
                    validSplit.train().targets());
            Dataset<Row> valid = frame(spark, names, scaler.transform(validSplit.test().features()),
                    validSplit.test().targets());
            Tensor xTest = scaler.transform(testSplit.test().features());
            Tensor yTest = testSplit.test().targets();

            Tensor inputA = Input.of("wide_input", 5);
            Tensor inputB = Input.of("deep_input", 6);
            Tensor hidden2 = new Dense(30, "relu").apply(new Dense(30, "relu").apply(inputB));
            Tensor output = new Dense(1).named("main_output").apply(Ops.concatenate(List.of(inputA, hidden2), -1));
            Tensor auxOutput = new Dense(1).named("aux_output").apply(hidden2);
            Model model = Model.of(List.of(inputA, inputB), List.of(output, auxOutput));
            model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));

            ColumnSpec columns = ColumnSpec.input(names.subList(0, 5).toArray(new String[0]))
                    .andInput(names.subList(2, 8).toArray(new String[0]))
                    .labels("MedHouseVal").labels("MedHouseVal");
            long start = System.nanoTime();
            SparkTraining.fit(model, train, columns, new SparkFitOptions().epochs(20).batchSize(32).workers(2)
                    .seed(42).validationData(valid));
            double seconds = (System.nanoTime() - start) / 1e9;

            List<Tensor> testAB = List.of(dev.strata.data.Columns.select(xTest, 0, 5),
                    dev.strata.data.Columns.select(xTest, 2, 8));
            Map<String, Double> scores = model.evaluate(testAB, List.of(yTest, yTest),
                    new EvaluateOptions().verbose(0));
            System.out.printf(Locale.ROOT, "RESULT example=wide_and_deep_spark test_main_mse=%.4f workers=2 "
                    + "mode=synchronous fit_seconds=%.1f%n", scores.get("main_output_loss"), seconds);
        } finally {
            spark.stop();
        }
    }

    private static Dataset<Row> frame(SparkSession spark, List<String> names, Tensor x, Tensor y) {
        StructType schema = new StructType();
        for (String n : names) {
            schema = schema.add(n, DataTypes.FloatType);
        }
        schema = schema.add("MedHouseVal", DataTypes.FloatType);
        float[] xv = x.toFloatArray();
        float[] yv = y.toFloatArray();
        int d = names.size();
        List<Row> rows = new ArrayList<>(yv.length);
        for (int i = 0; i < yv.length; i++) {
            Object[] cells = new Object[d + 1];
            for (int k = 0; k < d; k++) {
                cells[k] = xv[i * d + k];
            }
            cells[d] = yv[i];
            rows.add(RowFactory.create(cells));
        }
        return spark.createDataFrame(rows, schema);
    }
}
