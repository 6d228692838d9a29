package dev.strata.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.models.Model;
import dev.strata.optimizers.SGD;
import dev.strata.training.History;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.SparkEnv;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.BlockId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import scala.runtime.AbstractFunction1;

/**
 * Training and inference across separate JVMs: a Spark standalone master and two workers started here as processes
 * from the test's own classpath (the Maven jars), on loopback, each worker running one executor JVM of one core. The
 * all-reduce then goes through the block manager's remote path, which {@code local[2]} never takes.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS) // a stalled cluster fails the test, never hangs CI
class StandaloneClusterTest {
    private static final String HOST = "127.0.0.1";
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static final Thread CLEANUP = new Thread(StandaloneClusterTest::stopProcesses, "strata-cluster-cleanup");
    private static Path dir;
    private static SparkSession spark;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    static void start() throws Exception {
        int masterPort;
        int[] uiPorts = new int[3];
        try {
            masterPort = freePort();
            for (int i = 0; i < uiPorts.length; i++) {
                uiPorts[i] = freePort();
            }
        } catch (IOException e) {
            Assumptions.abort("cannot bind a loopback port on " + HOST + " for a standalone cluster: " + e);
            return;
        }
        Runtime.getRuntime().addShutdownHook(CLEANUP);
        dir = Files.createTempDirectory("strata-spark-cluster");
        // Spark's launcher, building the executors' command lines, wants a Spark home with a jars directory and a
        // Scala version; the jars themselves come from the classpath given below.
        Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars"));
        String url = "spark://" + HOST + ":" + masterPort;
        launch("master", "org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                String.valueOf(masterPort), "--webui-port", String.valueOf(uiPorts[0]));
        for (int w = 1; w <= 2; w++) {
            Path work = Files.createDirectories(dir.resolve("worker" + w));
            launch("worker" + w, "org.apache.spark.deploy.worker.Worker", url, "--host", HOST, "--cores", "1",
                    "--memory", "640m", "--webui-port", String.valueOf(uiPorts[w]), "--work-dir", work.toString());
        }
        String jvmOptions = String.join(" ", jvmOptions());
        spark = SparkSession.builder().master(url).appName("strata-standalone-test")
                .config("spark.driver.host", HOST).config("spark.driver.bindAddress", HOST)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.executor.cores", "1").config("spark.cores.max", "2")
                .config("spark.executor.memory", "512m")
                .config("spark.executor.extraJavaOptions", jvmOptions)
                .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .config("spark.executorEnv.SPARK_LOCAL_IP", HOST)
                .config("spark.local.dir", Files.createDirectories(dir.resolve("driver")).toString())
                .getOrCreate();
        awaitExecutors(2, sparkHome);
    }

    @AfterAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void stop() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            stopProcesses();
            try {
                Runtime.getRuntime().removeShutdownHook(CLEANUP);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down already, or never added: the processes are stopped either way
            }
            deleteQuietly(dir);
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
        var blocks = SparkEnv.get().blockManager().master().getMatchingBlockIds(new StrataBlocks(), true);
        assertThat(scala.jdk.javaapi.CollectionConverters.asJava(blocks)).isEmpty();
    }

    /** Matches the all-reduce's blocks (see BlockAllReduce); runs in the executors' block managers. */
    private static final class StrataBlocks extends AbstractFunction1<BlockId, Object> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(BlockId id) {
            return id.name().startsWith("test_strata_");
        }
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

    /** Starts a Spark daemon in its own JVM with this JVM's java, classpath and module options; output to a log. */
    private static void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", HOST);
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SPARK_CONF_DIR");
        synchronized (PROCESSES) {
            PROCESSES.add(pb.start());
        }
    }

    /** This JVM's module and reflection options (Spark's --add-opens, jdk.incubator.vector), for the JVMs it starts. */
    private static List<String> jvmOptions() {
        List<String> out = new ArrayList<>();
        List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < in.size(); i++) {
            String a = in.get(i);
            if ((a.equals("--add-modules") || a.equals("--add-opens") || a.equals("--add-exports"))
                    && i + 1 < in.size()) {
                out.add(a + "=" + in.get(++i));
            } else if (a.startsWith("--add-") || a.startsWith("--enable-native-access") || a.startsWith("-Xss")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djdk.reflect.")
                    || a.startsWith("-Dio.netty.")) {
                out.add(a);
            }
        }
        return out;
    }

    /** Waits for {@code count} executors to register with the driver; a barrier stage needs all its slots at once. */
    private static void awaitExecutors(int count, Path sparkHome) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < count + 1) { // + the driver
            for (Process p : PROCESSES) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + p.exitValue() + "; logs: "
                            + logs());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(count + " executors did not register within 90 s (Spark home "
                        + sparkHome + "); logs: " + logs());
            }
            Thread.sleep(200);
        }
    }

    private static String logs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".log") || f.getFileName().toString()
                    .equals("stderr")).toList()) {
                List<String> lines = Files.readAllLines(p);
                out.append("\n== ").append(p).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(logs unreadable: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Stops every process started here and what they started (the workers' executors), forcibly after 10 s. */
    private static void stopProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        synchronized (PROCESSES) {
            // Workers first (they are listed after the master), each after its executors.
            for (Process p : PROCESSES.reversed()) {
                p.toHandle().descendants().forEach(all::add);
                all.add(p.toHandle());
            }
            PROCESSES.clear();
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
