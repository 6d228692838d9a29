package dev.strata.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.models.Model;
import dev.strata.optimizers.SGD;
import dev.strata.training.History;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Training and inference across separate JVMs: a Spark standalone master and two workers started here as processes
 * from the test's own classpath (the Maven jars), on loopback, each worker running one executor JVM of one core
 * ({@link LocalCluster}). The
 * all-reduce then goes through the block manager's remote path, which {@code local[2]} never takes.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS) // a stalled cluster fails the test, never hangs CI
class StandaloneClusterTest {
    private static LocalCluster cluster;
    private static SparkSession spark;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void start() throws Exception {
        try {
            cluster = LocalCluster.start(2);
        } catch (LocalCluster.NoLoopback e) {
            Assumptions.abort(e.getMessage());
        }
        spark = cluster.session("strata-standalone-test");
    }

    @AfterAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void synchronousTrainingAcrossJvmsIsSingleMachineTraining() throws Exception {
        Set<String> executors = ConcurrentHashMap.newKeySet();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                executors.add(end.taskInfo().executorId());
            }
        };
        spark.sparkContext().addSparkListener(listener);
        try {
            SparkTrainingTest.assertSynchronousIsSingleMachine(SparkTrainingTest.frame(spark, 0,
                    SparkTrainingTest.N));
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            spark.sparkContext().removeSparkListener(listener);
        }
        // The training ran in both executor JVMs (one core each, so the barrier stage's two tasks were in different
        // JVMs and every all-reduce round fetched a block from the other executor).
        assertThat(executors).hasSize(2).doesNotContain("driver");
        // ... and the driver removed every all-reduce block from both executors after each epoch.
        assertThat(BlockAllReduce.remaining()).isZero();
    }

    @Test
    void localSgdTrainsAcrossJvms() {
        Model m = SparkTrainingTest.mlp(5);
        m.compile(new SGD(0.05f), "mse");
        History h = SparkTraining.fit(m, SparkTrainingTest.frame(spark, 0, SparkTrainingTest.N),
                ColumnSpec.input("a", "b", "c").labels("y"), new SparkFitOptions().epochs(5).batchSize(32).workers(2)
                        .verbose(0).mode(SparkFitOptions.Mode.LOCAL_SGD).averageEvery(2));
        assertThat(h.get("loss").getLast()).isLessThan(h.get("loss").getFirst() / 2);
    }

    @Test
    void transformOnExecutorsIsPredict() {
        Model m = SparkTrainingTest.mlp(6);
        // Two partitions, so that both executors score rows.
        Dataset<Row> rows = SparkTrainingTest.frame(spark, 0, 60).repartition(2);
        List<Row> scored = SparkInference.transform(m, rows, ColumnSpec.input("a", "b", "c"), "pred")
                .collectAsList();
        assertThat(scored).hasSize(60);
        for (Row r : scored) {
            float[] features = {(float) r.getDouble(0), r.getFloat(1), (float) r.getDouble(2)};
            float expected = m.predict(dev.strata.tensor.Tensor.of(features, 1, 3)).toFloatArray()[0];
            assertThat(r.<Float>getAs("pred")).isCloseTo(expected, within(1e-6f));
        }
    }
}
