package dev.strata.spark;

import dev.strata.Strata;
import dev.strata.data.Datasets;
import dev.strata.data.Split;
import java.nio.file.Path;
import dev.strata.data.StandardScaler;
import dev.strata.data.Table;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * W9, first numbers: steps/s and samples/s of {@link SparkTraining#fit} for the Wide &amp; Deep model (California
 * housing, 20,640 rows, global batch 32, SGD) in {@code local[2]} and on a two-worker standalone cluster on loopback
 * ({@link LocalCluster}), synchronous and local SGD (averaging every 8 steps), against Strata alone on one machine.
 * The all-reduce's share of a synchronous step is estimated against local SGD that averages only at the end of the
 * epoch: the same steps on the same local batches (16 rows per worker), without the per-step all-reduce.
 *
 * <p>Each configuration trains one warm-up epoch, then {@code epochs} timed epochs (each a Spark stage: shipping the
 * model, loading the replicas and reading the shards are part of the cost). Run with this module's test classpath
 * and JVM options (see BENCHMARKS.md, Issue 15).
 */
public final class SparkW9Bench {
    private static final int BATCH = 32;

    private SparkW9Bench() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        if (args.length > 1 && args[1].equals("mlp")) {
            Mlp.run(epochs, args.length > 2 ? Integer.parseInt(args[2]) : 6_400);
            return;
        }
        Table housing = Datasets.californiaHousing();
        Tensor x = new StandardScaler().fit(housing.features()).transform(housing.features());
        Tensor y = housing.targets();
        int n = y.shape().get(0);
        int steps = (n + BATCH - 1) / BATCH;
        System.out.printf(Locale.ROOT, "rows=%d batch=%d steps_per_epoch=%d epochs=%d (+1 warm-up)%n", n, BATCH, steps,
                epochs);

        List<Tensor> xs = List.of(dev.strata.data.Columns.select(x, 0, 5), dev.strata.data.Columns.select(x, 2, 8));
        Model alone = wideAndDeep();
        FitOptions fit = new FitOptions().batchSize(BATCH).shuffle(true).verbose(0);
        alone.fit(xs, List.of(y, y), fit.epochs(1));
        long t0 = System.nanoTime();
        alone.fit(xs, List.of(y, y), fit.epochs(epochs));
        report("strata_alone", "-", steps, n, epochs, (System.nanoTime() - t0) / 1e9);

        SparkSession local = SparkSession.builder().master("local[2]").appName("w9-local")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        local.sparkContext().setLogLevel("WARN");
        try {
            modes("local[2]", housing.featureNames(), frame(local, housing.featureNames(), x, y), steps, n, epochs);
        } finally {
            local.stop();
        }
        try (LocalCluster cluster = LocalCluster.start(2)) {
            SparkSession spark = cluster.session("w9-cluster");
            spark.sparkContext().setLogLevel("WARN");
            modes("standalone_2x1", housing.featureNames(), frame(spark, housing.featureNames(), x, y), steps, n, epochs);
        }
    }

    private static void modes(String where, List<String> names, Dataset<Row> data, int steps, int n, int epochs) {
        ColumnSpec columns = ColumnSpec.input(names.subList(0, 5).toArray(new String[0]))
                .andInput(names.subList(2, 8).toArray(new String[0])).labels("MedHouseVal").labels("MedHouseVal");
        modes(where, data, columns, SparkW9Bench::wideAndDeep, BATCH, steps, n, epochs);
    }

    /** Synchronous, local SGD every 8 steps, and local SGD averaging only at the end of the epoch. */
    static void modes(String where, Dataset<Row> data, ColumnSpec columns, java.util.function.Supplier<Model> model,
                      int batch, int steps, int n, int epochs) {
        data = data.cache();
        data.count();
        double sync = time(data, columns, model, batch, epochs, SparkFitOptions.Mode.SYNCHRONOUS, 1);
        report(where, "synchronous", steps, n, epochs, sync);
        double localSgd = time(data, columns, model, batch, epochs, SparkFitOptions.Mode.LOCAL_SGD, 8);
        report(where, "local_sgd_k8", steps, n, epochs, localSgd);
        double noExchange = time(data, columns, model, batch, epochs, SparkFitOptions.Mode.LOCAL_SGD,
                Integer.MAX_VALUE);
        report(where, "local_sgd_end_of_epoch_only", steps, n, epochs, noExchange);
        System.out.printf(Locale.ROOT, "%s all_reduce_share_of_synchronous_step=%.2f (1 - %.3f / %.3f s)%n", where,
                1 - noExchange / sync, noExchange, sync);
        data.unpersist();
    }

    private static double time(Dataset<Row> data, ColumnSpec columns, java.util.function.Supplier<Model> model,
                               int batch, int epochs, SparkFitOptions.Mode mode, int every) {
        Model m = model.get();
        SparkFitOptions o = new SparkFitOptions().batchSize(batch).workers(2).verbose(0).mode(mode).averageEvery(every);
        SparkTraining.fit(m, data, columns, o.epochs(1));
        long t0 = System.nanoTime();
        SparkTraining.fit(m, data, columns, o.epochs(epochs));
        return (System.nanoTime() - t0) / 1e9;
    }

    static void report(String where, String mode, int steps, int n, int epochs, double seconds) {
        System.out.printf(Locale.ROOT, "RESULT where=%s mode=%s steps_per_s=%.1f samples_per_s=%.0f "
                + "ms_per_step=%.2f seconds=%.2f%n", where, mode, steps * epochs / seconds, n * epochs / seconds,
                1000 * seconds / (steps * epochs), seconds);
    }

    /** The seed's Wide &amp; Deep model (Functional, two inputs, two outputs), compiled as the book compiles it. */
    private static Model wideAndDeep() {
        Strata.setRandomSeed(42);
        Tensor inputA = Input.of("wide_input", 5);
        Tensor inputB = Input.of("deep_input", 6);
        Tensor hidden2 = new Dense(30, "relu").apply(new Dense(30, "relu").apply(inputB));
        Tensor output = new Dense(1).named("main_output").apply(Ops.concatenate(List.of(inputA, hidden2), -1));
        Tensor auxOutput = new Dense(1).named("aux_output").apply(hidden2);
        Model model = Model.of(List.of(inputA, inputB), List.of(output, auxOutput));
        model.compile(new SGD(1e-3f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1));
        return model;
    }

    private static Dataset<Row> frame(SparkSession spark, List<String> names, Tensor x, Tensor y) {
        StructType schema = new StructType();
        for (String name : names) {
            schema = schema.add(name, DataTypes.FloatType);
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

    /**
     * W9 for the W2 MLP (784-256-256-10, Adam 1e-3, sparse categorical crossentropy from logits; 269,322
     * parameters): the first {@code rows} Fashion-MNIST training images as an ML Vector column, global batch 128.
     */
    static final class Mlp {
        private static final int MLP_BATCH = 128;

        static void run(int epochs, int rows) {
            Split data = Datasets.fashionMnist(Path.of(System.getProperty("strata.bench.mnist",
                    "strata-examples/data/fashion-mnist")));
            Tensor x = dev.strata.ops.Ops.slice(data.train().features(), new int[] {0, 0}, new int[] {rows, 784});
            Tensor y = dev.strata.ops.Ops.slice(data.train().targets(), new int[] {0}, new int[] {rows});
            int steps = (rows + MLP_BATCH - 1) / MLP_BATCH;
            System.out.printf(Locale.ROOT, "model=w2_mlp rows=%d batch=%d steps_per_epoch=%d epochs=%d (+1 warm-up)%n",
                    rows, MLP_BATCH, steps, epochs);
            Model alone = model();
            FitOptions fit = new FitOptions().batchSize(MLP_BATCH).shuffle(true).verbose(0);
            alone.fit(x, y, fit.epochs(1));
            long t0 = System.nanoTime();
            alone.fit(x, y, fit.epochs(epochs));
            report("strata_alone", "-", steps, rows, epochs, (System.nanoTime() - t0) / 1e9);

            ColumnSpec columns = ColumnSpec.input("pixels").labels("label");
            SparkSession local = SparkSession.builder().master("local[2]").appName("w9-mlp-local")
                    .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
            local.sparkContext().setLogLevel("WARN");
            try {
                modes("local[2]", frame(local, x, y), columns, Mlp::model, MLP_BATCH, steps, rows, epochs);
            } finally {
                local.stop();
            }
            try (LocalCluster cluster = LocalCluster.start(2)) {
                SparkSession spark = cluster.session("w9-mlp-cluster");
                spark.sparkContext().setLogLevel("WARN");
                modes("standalone_2x1", frame(spark, x, y), columns, Mlp::model, MLP_BATCH, steps, rows, epochs);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Model model() {
            Strata.setRandomSeed(42);
            Model m = new dev.strata.models.Sequential(new dev.strata.layers.core.InputLayer(784),
                    new Dense(256, "relu"), new Dense(256, "relu"), new Dense(10));
            m.compile(new dev.strata.optimizers.Adam(1e-3f),
                    new dev.strata.losses.SparseCategoricalCrossentropy(true));
            return m;
        }

        private static Dataset<Row> frame(SparkSession spark, Tensor x, Tensor y) {
            StructType schema = new StructType().add("pixels", new org.apache.spark.ml.linalg.VectorUDT())
                    .add("label", DataTypes.FloatType);
            float[] xv = x.toFloatArray();
            float[] yv = y.toFloatArray();
            List<Row> rows = new ArrayList<>(yv.length);
            for (int i = 0; i < yv.length; i++) {
                double[] pixels = new double[784];
                for (int k = 0; k < 784; k++) {
                    pixels[k] = xv[i * 784 + k];
                }
                rows.add(RowFactory.create(org.apache.spark.ml.linalg.Vectors.dense(pixels), yv[i]));
            }
            return spark.createDataFrame(rows, schema);
        }
    }
}
