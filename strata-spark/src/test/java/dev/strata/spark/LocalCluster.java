package dev.strata.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark standalone cluster on loopback for tests and benchmarks: a master and {@code n} workers (one core, one
 * executor each) started as JVM processes from this JVM's java, classpath and module options (the Maven jars), with
 * temporary work directories. {@link #close} stops the session and every process started (a shutdown hook does
 * too, should the JVM end first).
 */
final class LocalCluster implements AutoCloseable {
    static final String HOST = "127.0.0.1";

    /** Loopback ports cannot be bound here: the cluster cannot run on this machine. */
    static final class NoLoopback extends Exception {
        private static final long serialVersionUID = 1L;

        NoLoopback(String message) {
            super(message);
        }
    }

    private final List<Process> processes = new ArrayList<>();
    private final Thread cleanup = new Thread(this::stopProcesses, "strata-cluster-cleanup");
    private final Path dir;
    private final int workers;
    private String url;
    private SparkSession spark;

    private LocalCluster(Path dir, int workers) {
        this.dir = dir;
        this.workers = workers;
    }

    /** Starts the master and {@code workers} workers; returns once they are launched (see {@link #session}). */
    static LocalCluster start(int workers) throws IOException, NoLoopback {
        int masterPort;
        int[] uiPorts = new int[workers + 1];
        try {
            masterPort = freePort();
            for (int i = 0; i < uiPorts.length; i++) {
                uiPorts[i] = freePort();
            }
        } catch (IOException e) {
            throw new NoLoopback("cannot bind a loopback port on " + HOST + " for a standalone cluster: " + e);
        }
        LocalCluster c = new LocalCluster(Files.createTempDirectory("strata-spark-cluster"), workers);
        Runtime.getRuntime().addShutdownHook(c.cleanup);
        try {
            // Spark's launcher, building the executors' command lines, wants a Spark home with a jars directory and
            // a Scala version; the jars themselves come from the classpath.
            Files.createDirectories(c.dir.resolve("spark-home/jars"));
            c.url = "spark://" + HOST + ":" + masterPort;
            c.launch("master", "org.apache.spark.deploy.master.Master", "--host", HOST, "--port",
                    String.valueOf(masterPort), "--webui-port", String.valueOf(uiPorts[0]));
            for (int w = 1; w <= workers; w++) {
                Path work = Files.createDirectories(c.dir.resolve("worker" + w));
                c.launch("worker" + w, "org.apache.spark.deploy.worker.Worker", c.url, "--host", HOST, "--cores",
                        "1", "--memory", "640m", "--webui-port", String.valueOf(uiPorts[w]), "--work-dir",
                        work.toString());
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * A session on the cluster with one executor of one core per worker, the executors given this JVM's classpath
     * and module options; returns once every executor has registered (a barrier stage needs all its slots at once).
     */
    SparkSession session(String appName) throws IOException, InterruptedException {
        spark = SparkSession.builder().master(url).appName(appName)
                .config("spark.driver.host", HOST).config("spark.driver.bindAddress", HOST)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", String.valueOf(workers))
                .config("spark.executor.cores", "1").config("spark.cores.max", String.valueOf(workers))
                .config("spark.executor.memory", "512m")
                .config("spark.executor.extraJavaOptions", String.join(" ", jvmOptions()))
                .config("spark.executor.extraClassPath", classPath())
                .config("spark.executorEnv.SPARK_LOCAL_IP", HOST)
                .config("spark.local.dir", Files.createDirectories(dir.resolve("driver")).toString())
                .getOrCreate();
        awaitExecutors();
        return spark;
    }

    @Override
    public void close() {
        try {
            if (spark != null) {
                spark.stop();
            }
        } finally {
            stopProcesses();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException | IllegalArgumentException ignored) {
                // shutting down already: the processes are stopped either way
            }
            deleteQuietly(dir);
        }
    }

    /** Starts a Spark daemon in its own JVM with this JVM's java, classpath and module options; output to a log. */
    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        // The master and workers only schedule: the client compiler and the serial collector start them sooner and
        // leave the loopback machine's cores to the driver and executors (which keep the test JVM's options).
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", HOST);
        pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().remove("SPARK_CONF_DIR");
        synchronized (processes) {
            processes.add(pb.start());
        }
    }

    /** This JVM's classpath with absolute entries: the daemons and executors run in other directories. */
    private static String classPath() {
        return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
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

    /** Waits for the executors to register with the driver; a barrier stage needs all its slots at once. */
    private void awaitExecutors() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < workers + 1) { // + the driver
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + p.exitValue() + "; logs: "
                            + logs());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(workers + " executors did not register within 90 s; logs: " + logs());
            }
            Thread.sleep(200);
        }
    }

    private String logs() {
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

    /**
     * Kills every process started here and what they started (the workers' executors), and waits up to 10 s for them
     * to end. Forcibly at once: the driver has stopped its application already, nothing of the cluster is kept, and
     * a graceful stop of the daemons took seconds of each test class.
     */
    private void stopProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        synchronized (processes) {
            // Workers first (they are listed after the master), each after its executors.
            for (Process p : processes.reversed()) {
                p.toHandle().descendants().forEach(all::add);
                all.add(p.toHandle());
            }
            processes.clear();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // a process that outlives SIGKILL by 10 s is beyond this JVM's reach: nothing more to do
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
