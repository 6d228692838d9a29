package dev.strata.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.callbacks.BackupAndRestore;
import dev.strata.callbacks.EarlyStopping;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Data-parallel training and inference in local[2]: the same training as on one machine. */
@Timeout(value = 240, unit = java.util.concurrent.TimeUnit.SECONDS) // a stalled all-reduce fails, never hangs CI
class SparkTrainingTest {
    private static SparkSession spark;
    static final int N = 200;
    static float[] x;
    static float[] y;

    static {
        // The rows every test here (and StandaloneClusterTest) trains on: y = x . (1, -2, 0.5) + 0.3.
        Strata.setRandomSeed(11);
        Tensor features = Tensor.normal(Shape.of(N, 3), 0, 1);
        Tensor target = Ops.add(Ops.matmul(features, Tensor.of(new float[] {1, -2, 0.5f}, 3, 1)), 0.3f);
        x = features.toFloatArray();
        y = target.toFloatArray();
    }

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("strata-spark-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> frame(int from, int to) {
        return frame(spark, from, to);
    }

    /** Rows {@code from} to {@code to} of the data as columns a, b, c (features) and y, in one partition. */
    static Dataset<Row> frame(SparkSession spark, int from, int to) {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.FloatType)
                .add("c", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(RowFactory.create((double) x[i * 3], x[i * 3 + 1], (double) x[i * 3 + 2], (double) y[i]));
        }
        return spark.createDataFrame(rows, schema).coalesce(1); // one partition: the DataFrame's order is the rows'
    }

    static Model mlp(long seed) {
        Strata.setRandomSeed(seed);
        Tensor in = Input.of(3);
        Model m = Model.of(in, new Dense(1).apply(new Dense(8, "relu").apply(in)));
        return m;
    }

    static Tensor tensor(float[] values, int cols, int from, int to) {
        float[] out = new float[(to - from) * cols];
        System.arraycopy(values, from * cols, out, 0, out.length);
        return Tensor.of(out, to - from, cols);
    }

    @Test
    void synchronousTrainingIsSingleMachineTraining() {
        assertSynchronousIsSingleMachine(frame(0, N));
    }

    @Test
    void movingAveragesOfTheWeightsReplaceThemAtTheEndAsInTheCoreFit() {
        Model alone = mlp(3);
        alone.compile(new Adam(0.01f).useEma(true), "mse");
        alone.fit(tensor(x, 3, 0, N), tensor(y, 1, 0, N),
                new FitOptions().epochs(2).batchSize(32).shuffle(false).verbose(0));
        Model spread = mlp(3);
        spread.compile(new Adam(0.01f).useEma(true), "mse");
        SparkTraining.fit(spread, frame(0, N), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(2).batchSize(32).shuffle(false).workers(2).verbose(0));
        List<Tensor> a = alone.getWeights();
        List<Tensor> b = spread.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).as("weight %d", i).containsExactly(a.get(i).toFloatArray(),
                    within(1e-5f));
        }
    }

    @Test
    void aFailedTaskIsRetriedWithoutCorruptingTheStep() throws Exception {
        java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (end.taskInfo().failed()) {
                    failed.incrementAndGet();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            // Worker 1's first attempt of epoch 1 dies at step 3, after worker 0 has put its blocks of steps 0-3:
            // the stage is retried from the epoch's start, and the result is still single-machine training.
            assertSynchronousIsSingleMachine(frame(0, N), new SparkFitOptions().injectFault(1, 1, 3));
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        assertThat(failed.get()).as("task attempts that failed").isGreaterThanOrEqualTo(1);
        assertThat(BlockAllReduce.remaining()).as("all-reduce blocks left, of either attempt").isZero();
    }

    @Test
    void batchNormalizationMovingStatisticsAreAveragedAcrossReplicas() {
        // Batch normalization on the inputs: its batch statistics do not depend on the weights, so its moving
        // statistics can be followed exactly whatever the replicas' local normalization does to the training.
        Model alone = normalized();
        alone.fit(tensor(x, 3, 0, N), tensor(y, 1, 0, N),
                new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));
        Model spread = normalized();
        SparkTraining.fit(spread, frame(0, N), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(3).batchSize(32).shuffle(false).workers(2).verbose(0));

        // The moving mean is single-machine training's: the share-weighted mean of the replicas' batch means is
        // the global batch's mean.
        float[] mean = spread.nonTrainableWeights().get(0).toFloatArray();
        assertThat(mean).containsExactly(alone.nonTrainableWeights().get(0).toFloatArray(), within(1e-5f));
        // The moving variance follows the share-weighted mean of the replicas' own batch variances (each replica
        // normalizes with its own statistics, Keras's synchronized=False): row i is on worker i % 2.
        double[] variance = {1, 1, 1};
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int from = 0; from < N; from += 32) {
                int to = Math.min(N, from + 32);
                double[] batch = new double[3];
                for (int w = 0; w < 2; w++) {
                    for (int f = 0; f < 3; f++) {
                        double sum = 0;
                        double squares = 0;
                        int count = 0;
                        for (int i = from + (from + w) % 2; i < to; i += 2) { // rows from..to of worker w
                            sum += x[i * 3 + f];
                            count++;
                        }
                        double m = sum / count;
                        for (int i = from + (from + w) % 2; i < to; i += 2) {
                            squares += (x[i * 3 + f] - m) * (x[i * 3 + f] - m);
                        }
                        batch[f] += (double) count / (to - from) * squares / count;
                    }
                }
                for (int f = 0; f < 3; f++) {
                    variance[f] = 0.9 * variance[f] + 0.1 * batch[f];
                }
            }
        }
        float[] movingVariance = spread.nonTrainableWeights().get(1).toFloatArray();
        float[] singleMachine = alone.nonTrainableWeights().get(1).toFloatArray();
        for (int f = 0; f < 3; f++) {
            assertThat(movingVariance[f]).as("moving variance %d", f).isCloseTo((float) variance[f], within(1e-5f));
            assertThat(movingVariance[f]).as("the global batch variance is larger").isLessThan(singleMachine[f]);
        }
    }

    @Test
    void synchronizedBatchNormalizationTrainsAsOneMachine() {
        // Batch normalization between two Dense layers, so its statistics depend on the weights and the gradients
        // reach the first layer through them. 161 rows in batches of 32: the last step has one row, so worker 1
        // runs that step on zero rows (and its exchanges still take place).
        int rows = 161;
        Model alone = synchronizedNormalization();
        History h1 = alone.fit(tensor(x, 3, 0, rows), tensor(y, 1, 0, rows),
                new FitOptions().epochs(2).batchSize(32).shuffle(false).verbose(0));
        Model spread = synchronizedNormalization();
        History h2 = SparkTraining.fit(spread, frame(0, rows), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(2).batchSize(32).shuffle(false).workers(2).verbose(0));
        for (int e = 0; e < 2; e++) {
            assertThat(h2.get("loss").get(e)).isCloseTo(h1.get("loss").get(e), within(1e-5));
        }
        List<Tensor> a = alone.getWeights(); // kernel, gamma, beta, moving mean and variance, Dense
        List<Tensor> b = spread.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).as("weight %d", i).containsExactly(a.get(i).toFloatArray(),
                    within(1e-5f));
        }
        assertThat(BlockAllReduce.remaining()).as("all-reduce blocks left").isZero();
    }

    /** Dense 8 without bias, batch normalization with synchronize(true) (momentum 0.9), relu, Dense 1; Adam, compiled. */
    private static Model synchronizedNormalization() {
        Strata.setRandomSeed(23);
        Tensor in = Input.of(3);
        // No bias before the normalization: its gradient is zero but for rounding, which Adam would scale up to
        // steps of the learning rate's size in either run.
        Tensor hidden = new Dense(8).useBias(false).apply(in);
        Tensor normalized = new dev.strata.layers.normalization.BatchNormalization().momentum(0.9).synchronize(true)
                .apply(hidden);
        Model m = Model.of(in, new Dense(1).apply(new dev.strata.layers.core.Activation("relu").apply(normalized)));
        m.compile(new Adam(0.01f), "mse");
        return m;
    }

    /** Batch normalization (momentum 0.9) on the three inputs, then the MLP; SGD, compiled. */
    private static Model normalized() {
        Strata.setRandomSeed(21);
        Tensor in = Input.of(3);
        Tensor normalized = new dev.strata.layers.normalization.BatchNormalization().momentum(0.9).apply(in);
        Model m = Model.of(in, new Dense(1).apply(new Dense(8, "relu").apply(normalized)));
        m.compile(new SGD(0.01f), "mse");
        return m;
    }

    @Test
    void aDriverThatDiesResumesFromItsBackup(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        ColumnSpec spec = ColumnSpec.input("a", "b", "c").labels("y");
        Model whole = mlp(12);
        whole.compile(new Adam(0.01f), "mse");
        SparkTraining.fit(whole, frame(0, N), spec, resumable());

        // The first driver dies at the end of epoch 1, after BackupAndRestore backed up epochs 0 and 1.
        Model first = mlp(12);
        first.compile(new Adam(0.01f), "mse");
        java.nio.file.Path backup = dir.resolve("backup");
        assertThatThrownBy(() -> SparkTraining.fit(first, frame(0, N), spec, resumable().callbacks(
                new BackupAndRestore(backup), new DieAtEpochEnd(1)))).hasMessageContaining("the driver dies");
        // A new driver builds the model again (other initial weights: the backup replaces them) and resumes.
        Model second = mlp(13);
        second.compile(new Adam(0.01f), "mse");
        History h = SparkTraining.fit(second, frame(0, N), spec, resumable().callbacks(new BackupAndRestore(backup)));

        assertThat(h.get("loss")).as("epochs run after resuming").hasSize(2);
        List<Tensor> a = whole.getWeights();
        List<Tensor> b = second.getWeights();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).toFloatArray()).as("weight %d", i).containsExactly(a.get(i).toFloatArray(),
                    within(1e-6f));
        }
        assertThat(second.optimizer().orElseThrow().iterations()).isEqualTo(whole.optimizer().orElseThrow()
                .iterations());
        assertThat(backup).as("deleted when the resumed fit completes").doesNotExist();
    }

    private static SparkFitOptions resumable() {
        return new SparkFitOptions().epochs(4).batchSize(32).workers(2).seed(7).verbose(0);
    }

    /** Stands for a driver that dies: fails the fit at the end of an epoch. */
    private static final class DieAtEpochEnd extends dev.strata.callbacks.Callback {
        private final int epoch;

        DieAtEpochEnd(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public void onEpochEnd(int e, java.util.Map<String, Double> logs) {
            if (e == epoch) {
                throw new IllegalStateException("the driver dies after epoch " + e);
            }
        }
    }

    /** SYNCHRONOUS fit on {@code data} (rows 0 to N, 2 workers) ends where Strata alone ends, within 1e-5. */
    static void assertSynchronousIsSingleMachine(Dataset<Row> data) {
        assertSynchronousIsSingleMachine(data, new SparkFitOptions());
    }

    /** The same, with {@code options} (epochs, batch, shuffle, workers and verbosity are set here). */
    static void assertSynchronousIsSingleMachine(Dataset<Row> data, SparkFitOptions options) {
        Model alone = mlp(3);
        alone.compile(new Adam(0.01f), new CompileOptions().loss("mse").metrics("mae"));
        History h1 = alone.fit(tensor(x, 3, 0, N), tensor(y, 1, 0, N),
                new FitOptions().epochs(3).batchSize(32).shuffle(false).verbose(0));

        Model spread = mlp(3);
        spread.compile(new Adam(0.01f), new CompileOptions().loss("mse").metrics("mae"));
        History h2 = SparkTraining.fit(spread, data, ColumnSpec.input("a", "b", "c").labels("y"),
                options.epochs(3).batchSize(32).shuffle(false).workers(2).verbose(0));

        assertThat(h2.keys()).containsExactly("loss", "mae");
        for (int e = 0; e < 3; e++) {
            assertThat(h2.get("loss").get(e)).isCloseTo(h1.get("loss").get(e), within(1e-5));
            assertThat(h2.get("mae").get(e)).isCloseTo(h1.get("mae").get(e), within(1e-5));
        }
        List<Tensor> a = alone.getWeights();
        List<Tensor> b = spread.getWeights();
        for (int i = 0; i < a.size(); i++) {
            float[] va = a.get(i).toFloatArray();
            float[] vb = b.get(i).toFloatArray();
            for (int k = 0; k < va.length; k++) {
                assertThat(vb[k]).as("weight %d[%d]", i, k).isCloseTo(va[k], within(1e-5f));
            }
        }
        assertThat(spread.optimizer().orElseThrow().iterations()).isEqualTo(alone.optimizer().orElseThrow()
                .iterations());
    }

    @Test
    void validationAndCallbacksRunOnTheDriver() {
        Model m = mlp(4);
        m.compile(new SGD(0f), "mse"); // nothing learns: EarlyStopping stops after its patience
        History h = SparkTraining.fit(m, frame(0, 160), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(10).workers(2).verbose(0).validationData(frame(160, N))
                        .callbacks(new EarlyStopping().monitor("val_loss").patience(1)));
        assertThat(h.keys()).containsExactly("loss", "val_loss");
        assertThat(h.get("loss")).hasSize(2);
        assertThat(h.get("val_loss").getFirst()).isCloseTo(m.evaluate(tensor(x, 3, 160, N), tensor(y, 1, 160, N))
                .get("loss"), within(1e-6));
    }

    @Test
    void localSgdTrains() {
        Model m = mlp(5);
        m.compile(new SGD(0.05f), "mse");
        History h = SparkTraining.fit(m, frame(0, N), ColumnSpec.input("a", "b", "c").labels("y"),
                new SparkFitOptions().epochs(5).batchSize(32).workers(2).verbose(0)
                        .mode(SparkFitOptions.Mode.LOCAL_SGD).averageEvery(2));
        assertThat(h.get("loss").getLast()).isLessThan(h.get("loss").getFirst() / 2);
    }

    @Test
    void transformAddsPredictions() {
        Model m = mlp(6);
        Dataset<Row> scored = SparkInference.transform(m, frame(0, 50), ColumnSpec.input("a", "b", "c"), "pred");
        List<Row> rows = scored.collectAsList();
        float[] expected = m.predict(tensor(x, 3, 0, 50)).toFloatArray();
        assertThat(rows).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(rows.get(i).getFloat(4)).isEqualTo(expected[i]);
        }
    }

    @Test
    void badColumnsFailOnTheDriver() {
        Model m = mlp(7);
        m.compile(new SGD(0.01f), "mse");
        assertThatThrownBy(() -> SparkTraining.fit(m, frame(0, 10), ColumnSpec.input("a", "nope").labels("y"),
                new SparkFitOptions()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'nope' (input 0) is not in the DataFrame");
        Dataset<Row> strings = frame(0, 10).withColumn("s", org.apache.spark.sql.functions.lit("x"));
        assertThatThrownBy(() -> SparkTraining.fit(m, strings, ColumnSpec.input("a", "s").labels("y"),
                new SparkFitOptions()))
                .hasMessageContaining("column 's' (input 0) has type string");
        Model uncompiled = mlp(8);
        assertThatThrownBy(() -> SparkTraining.fit(uncompiled, frame(0, 10), ColumnSpec.input("a", "b", "c")
                .labels("y"), new SparkFitOptions())).hasMessageContaining("must be compiled");
        assertThatThrownBy(() -> SparkTraining.fit(m, frame(0, 10), ColumnSpec.input("a", "b", "c"),
                new SparkFitOptions())).hasMessageContaining("no label columns");
    }

    @Test
    void badRowsFailOnTheDriverBeforeAnyTask() {
        Model m = mlp(9);
        m.compile(new SGD(0.01f), "mse");
        ColumnSpec spec = ColumnSpec.input("a", "b", "c").labels("y");
        Dataset<Row> withNull = frame(0, 10).withColumn("a", org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("y").gt(0), org.apache.spark.sql.functions.col("a")));
        assertThatThrownBy(() -> SparkTraining.fit(m, withNull, spec, new SparkFitOptions()))
                .hasMessageContaining("column 'a' has").hasMessageContaining("null value(s)");
        Dataset<Row> withNaN = frame(0, 10).withColumn("c", org.apache.spark.sql.functions.lit(Double.NaN));
        assertThatThrownBy(() -> SparkTraining.fit(m, withNaN, spec, new SparkFitOptions()))
                .hasMessageContaining("column 'c' has 10 NaN or infinite value(s)");
        Dataset<Row> arrays = frame(0, 10).withColumn("v", org.apache.spark.sql.functions.when(
                org.apache.spark.sql.functions.col("y").gt(0), org.apache.spark.sql.functions.array(
                        org.apache.spark.sql.functions.col("a"), org.apache.spark.sql.functions.col("b"),
                        org.apache.spark.sql.functions.col("c")))
                .otherwise(org.apache.spark.sql.functions.array(org.apache.spark.sql.functions.col("a"))));
        assertThatThrownBy(() -> SparkTraining.fit(m, arrays, ColumnSpec.input("v").labels("y"),
                new SparkFitOptions())).hasMessageContaining("column 'v' holds arrays of 1 to 3 values");
        assertThatThrownBy(() -> SparkTraining.fit(m, frame(0, 10), ColumnSpec.input("a", "b").labels("y"),
                new SparkFitOptions())).hasMessageContaining("give 2 values per row, but the model's input 0 takes "
                + "samples of shape (3,)");
    }

    @Test
    void arrayAndVectorColumnsFeedInputs() {
        Model m = mlp(10);
        Dataset<Row> df = frame(0, 20);
        Dataset<Row> packed = df.withColumn("v", org.apache.spark.sql.functions.array(
                org.apache.spark.sql.functions.col("a"), org.apache.spark.sql.functions.col("b"),
                org.apache.spark.sql.functions.col("c")));
        Dataset<Row> vectors = new org.apache.spark.ml.feature.VectorAssembler().setInputCols(
                new String[] {"a", "b", "c"}).setOutputCol("features").transform(df);
        float[] expected = m.predict(tensor(x, 3, 0, 20)).toFloatArray();
        for (Dataset<Row> scored : List.of(SparkInference.transform(m, packed, ColumnSpec.input("v"), "p"),
                SparkInference.transform(m, vectors, ColumnSpec.input("features"), "p"))) {
            List<Row> rows = scored.collectAsList();
            for (int i = 0; i < 20; i++) {
                assertThat(rows.get(i).<Float>getAs("p")).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }
}
