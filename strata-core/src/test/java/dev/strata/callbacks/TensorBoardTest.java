package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.Strata;
import dev.strata.internal.tensorboard.Events;
import dev.strata.internal.tensorboard.Events.Event;
import dev.strata.internal.tensorboard.Events.Value;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.normalization.BatchNormalization;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TensorBoard: the event files a fit writes, read back record by record (CRC-checked) and decoded: tags, steps and
 * values as Keras writes them, histograms, the model graph, and the errors for unwritable directories.
 * {@code tools/tensorboard/check_events.py} reads {@link #exportForTensorBoard}'s files with TensorBoard itself.
 */
class TensorBoardTest {
    @TempDir
    Path dir;

    private static int threads;
    private static final Tensor X;
    private static final Tensor Y;
    private static final Tensor VX;
    private static final Tensor VY;

    static {
        Strata.setRandomSeed(5);
        X = Tensor.normal(Shape.of(40, 4), 0, 1);
        Y = Tensor.normal(Shape.of(40, 1), 0, 1);
        VX = Tensor.normal(Shape.of(12, 4), 0, 1);
        VY = Tensor.normal(Shape.of(12, 1), 0, 1);
    }

    @BeforeAll
    static void oneThread() {
        threads = Strata.numThreads();
        Strata.setNumThreads(1);
    }

    @AfterAll
    static void restore() {
        Strata.setNumThreads(threads);
    }

    private static Model sequential() {
        Strata.setRandomSeed(11);
        Model m = new Sequential(new InputLayer(4), new Dense(6, "relu"), new BatchNormalization(), new Dense(1));
        m.compile(new Adam(0.01f), new CompileOptions().loss("mse").metrics("mae"));
        return m;
    }

    /** A subclassed model: Keras writes no graph for one; Strata writes its traced graph. */
    public static class TwoDense extends Model {
        private final Dense hidden = new Dense(5, "relu");
        private final Dense out = new Dense(1);

        public TwoDense() {
        }

        @Override
        protected Tensor call(Tensor x) {
            return out.apply(hidden.apply(x));
        }
    }

    /** Every event of every file under {@code sub}, in file order. */
    private static List<Event> events(Path sub) throws IOException {
        List<Event> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(sub)) {
            for (Path f : s.sorted().toList()) {
                assertThat(f.getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d{10}\\..+\\.\\d+\\.\\d+\\.v2");
                List<Event> events = Events.read(f);
                assertThat(events.getFirst().fileVersion()).isEqualTo("brain.Event:2");
                assertThat(events.getFirst().values()).isEmpty();
                out.addAll(events);
            }
        }
        return out;
    }

    /** tag -> step -> the scalar's value, checking that each is a float32 scalar of the scalars plugin. */
    private static Map<String, TreeMap<Long, Float>> scalars(List<Event> events) {
        Map<String, TreeMap<Long, Float>> out = new LinkedHashMap<>();
        for (Event e : events) {
            for (Value v : e.values()) {
                if (!"scalars".equals(v.pluginName())) {
                    continue;
                }
                assertThat(v.tensor().dtype()).isEqualTo(Events.DT_FLOAT);
                assertThat(v.tensor().shape()).isEmpty();
                assertThat(v.pluginContent()).isEmpty();
                out.computeIfAbsent(v.tag(), k -> new TreeMap<>()).put(e.step(), (float) v.tensor().doubles()[0]);
            }
        }
        return out;
    }

    private static List<Value> plugin(List<Event> events, String plugin) {
        return events.stream().flatMap(e -> e.values().stream()).filter(v -> plugin.equals(v.pluginName())).toList();
    }

    private static float[] floats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }

    @Test
    void fitWithValidationWritesKerasEpochScalarsHistogramsAndTheGraph() throws IOException {
        Model m = sequential();
        Map<Integer, List<Float>> finalWeightsByEpoch = new TreeMap<>();
        LambdaCallback weights = new LambdaCallback().onEpochEnd((epoch, logs) ->
                finalWeightsByEpoch.put(epoch, floatsOf(m.layers().getFirst().weights().getFirst())));
        History h = m.fit(X, Y, new FitOptions().epochs(3).batchSize(16).verbose(0).validationData(VX, VY)
                .callbacks(weights, new TensorBoard(dir).histogramFreq(1)));

        List<Event> train = events(dir.resolve("train"));
        List<Event> val = events(dir.resolve("validation"));
        Map<String, TreeMap<Long, Float>> ts = scalars(train);
        assertThat(ts.keySet()).containsExactly("epoch_loss", "epoch_mae", "epoch_learning_rate");
        for (String name : List.of("loss", "mae")) {
            assertThat(ts.get("epoch_" + name)).containsExactly(Map.entry(0L, h.history().get(name).get(0).floatValue()),
                    Map.entry(1L, h.history().get(name).get(1).floatValue()),
                    Map.entry(2L, h.history().get(name).get(2).floatValue()));
        }
        assertThat(ts.get("epoch_learning_rate").values()).containsOnly(0.01f);

        Map<String, TreeMap<Long, Float>> vs = scalars(val);
        assertThat(vs.keySet()).containsExactlyInAnyOrder("epoch_loss", "epoch_mae", "evaluation_loss_vs_iterations",
                "evaluation_mae_vs_iterations");
        assertThat(vs.get("epoch_loss").values()).containsExactlyElementsOf(floatList(h.history().get("val_loss")));
        // evaluation_* at the optimizer's iterations: 3 batches per epoch
        assertThat(vs.get("evaluation_loss_vs_iterations").keySet()).containsExactly(3L, 6L, 9L);
        assertThat(vs.get("evaluation_loss_vs_iterations").values())
                .containsExactlyElementsOf(floatList(h.history().get("val_loss")));

        // the graph: Keras's model JSON under the tag "keras", step 0, plugin graph_keras_model with content "1"
        List<Value> graph = plugin(train, "graph_keras_model");
        assertThat(graph).hasSize(1);
        assertThat(graph.getFirst().tag()).isEqualTo("keras");
        assertThat(new String(graph.getFirst().pluginContent())).isEqualTo("1");
        assertThat(graph.getFirst().tensor().dtype()).isEqualTo(Events.DT_STRING);
        assertThat(graph.getFirst().tensor().string()).startsWith("{\"module\": \"keras\", \"class_name\": \"Sequential\"")
                .contains("\"class_name\": \"BatchNormalization\"");

        // histograms: every weight of every layer (BatchNormalization's moving statistics too), per epoch
        List<Value> hist = plugin(train, "histograms");
        List<String> tags = hist.stream().map(Value::tag).distinct().toList();
        String seq = m.name();
        String d0 = seq + "/" + m.layers().get(0).name();
        String bn = seq + "/" + m.layers().get(1).name();
        String d1 = seq + "/" + m.layers().get(2).name();
        assertThat(tags).containsExactly(d0 + "/kernel/histogram", d0 + "/bias/histogram", bn + "/gamma/histogram",
                bn + "/beta/histogram", bn + "/moving_mean/histogram", bn + "/moving_variance/histogram",
                d1 + "/kernel/histogram", d1 + "/bias/histogram");
        assertThat(hist).hasSize(3 * tags.size());
        for (Value v : hist) {
            assertThat(v.tensor().dtype()).isEqualTo(Events.DT_DOUBLE);
            assertThat(v.tensor().shape()).containsExactly(30, 3);
        }
        // each epoch's kernel histogram is the bucketing of that epoch's weights
        List<Event> kernelEvents = train.stream().filter(e -> e.values().stream()
                .anyMatch(v -> v.tag().equals(d0 + "/kernel/histogram"))).toList();
        assertThat(kernelEvents).extracting(Event::step).containsExactly(0L, 1L, 2L);
        for (Event e : kernelEvents) {
            float[] w = toArray(finalWeightsByEpoch.get((int) e.step()));
            double[][] expected = Events.histogramBuckets(w, 30);
            double[] got = e.values().getFirst().tensor().doubles();
            double count = 0;
            for (int i = 0; i < 30; i++) {
                assertThat(got[3 * i]).isEqualTo(expected[i][0]);
                assertThat(got[3 * i + 1]).isEqualTo(expected[i][1]);
                assertThat(got[3 * i + 2]).isEqualTo(expected[i][2]);
                count += got[3 * i + 2];
            }
            assertThat(count).isEqualTo(4 * 6);
        }
    }

    @Test
    void histogramFreqCountsEpochsFromZero() throws IOException {
        Model m = sequential();
        m.fit(X, Y, new FitOptions().epochs(5).batchSize(20).verbose(0).callbacks(new TensorBoard(dir)
                .histogramFreq(2).writeGraph(false)));
        List<Event> train = events(dir.resolve("train"));
        assertThat(train.stream().filter(e -> e.values().stream().anyMatch(v -> "histograms".equals(v.pluginName())))
                .map(Event::step).distinct()).containsExactly(0L, 2L, 4L);
        assertThat(plugin(train, "graph_keras_model")).isEmpty();
        assertThat(dir.resolve("validation")).doesNotExist(); // no validation, no validation writer
    }

    @Test
    void updateFreqBatchWritesEveryBatchAcrossEpochs() throws IOException {
        Model m = sequential();
        List<Map<String, Double>> batchLogs = new ArrayList<>();
        LambdaCallback record = new LambdaCallback().onBatchEnd((b, logs) -> batchLogs.add(Map.copyOf(logs)));
        m.fit(X, Y, new FitOptions().epochs(2).batchSize(16).verbose(0).validationData(VX, VY)
                .callbacks(record, new TensorBoard(dir).updateFreq("batch").writeStepsPerSecond(true)));
        Map<String, TreeMap<Long, Float>> ts = scalars(events(dir.resolve("train")));
        assertThat(ts.keySet()).containsExactly("batch_steps_per_second", "batch_loss", "batch_mae", "epoch_loss",
                "epoch_mae", "epoch_learning_rate", "epoch_steps_per_second");
        assertThat(ts.get("batch_loss").keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        for (int i = 0; i < 6; i++) {
            assertThat(ts.get("batch_loss").get(i + 1L)).isEqualTo(batchLogs.get(i).get("loss").floatValue());
            assertThat(ts.get("batch_mae").get(i + 1L)).isEqualTo(batchLogs.get(i).get("mae").floatValue());
        }
        assertThat(ts.get("batch_steps_per_second").values()).allMatch(v -> v > 0 && Float.isFinite(v));
        assertThat(ts.get("epoch_steps_per_second").keySet()).containsExactly(0L, 1L);
        assertThat(ts.get("epoch_steps_per_second").values()).allMatch(v -> v > 0 && Float.isFinite(v));
        // no batch scalars for validation batches (Keras writes none)
        assertThat(scalars(events(dir.resolve("validation"))).keySet()).noneMatch(k -> k.startsWith("batch_"));
    }

    @Test
    void updateFreqIntWritesEveryNthBatchAndStillEveryEpoch() throws IOException {
        Model m = sequential();
        m.fit(X, Y, new FitOptions().epochs(3).batchSize(16).verbose(0).validationData(VX, VY)
                .callbacks(new TensorBoard(dir).updateFreq(2)));
        Map<String, TreeMap<Long, Float>> ts = scalars(events(dir.resolve("train")));
        assertThat(ts.get("batch_loss").keySet()).containsExactly(2L, 4L, 6L, 8L);
        assertThat(ts).doesNotContainKey("batch_steps_per_second");
        // Keras 3 would drop the epochs whose batch count (3, 9) is odd; Strata writes every epoch
        assertThat(ts.get("epoch_loss").keySet()).containsExactly(0L, 1L, 2L);
        assertThat(scalars(events(dir.resolve("validation"))).get("epoch_loss").keySet()).containsExactly(0L, 1L, 2L);
    }

    @Test
    void subclassedModelsGraphIsItsTracedGraph() throws IOException {
        Strata.setRandomSeed(3);
        Model m = new TwoDense();
        m.compile(new Adam(0.01f), new CompileOptions().loss("mse"));
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(new TensorBoard(dir)
                .histogramFreq(1)));
        List<Event> train = events(dir.resolve("train"));
        List<Value> graph = plugin(train, "graph_keras_model");
        assertThat(graph).hasSize(1);
        String json = graph.getFirst().tensor().string();
        assertThat(json).contains("\"class_name\": \"Functional\"").contains("\"name\": \"hidden\"")
                .contains("\"name\": \"out\"").contains("\"inbound_nodes\"").doesNotContain("strata_subclass");
        assertThat(plugin(train, "histograms").stream().map(Value::tag)).containsExactly(
                m.name() + "/hidden/kernel/histogram", m.name() + "/hidden/bias/histogram",
                m.name() + "/out/kernel/histogram", m.name() + "/out/bias/histogram");
    }

    /** Reads a value in {@code call}, so it cannot be traced: it has no graph form. */
    public static class ReadsValues extends Model {
        private final Dense out = new Dense(1);

        public ReadsValues() {
        }

        @Override
        protected Tensor call(Tensor x) {
            Tensor y = out.apply(x);
            return dev.strata.ops.Ops.sum(y).item() > 1e9f ? dev.strata.ops.Ops.multiply(y, 0f) : y;
        }
    }

    @Test
    void anUntraceableSubclassedModelGetsNoGraphAsInKeras() throws IOException {
        Strata.setRandomSeed(3);
        Model m = new ReadsValues();
        m.compile(new Adam(0.01f), new CompileOptions().loss("mse"));
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(new TensorBoard(dir)));
        List<Event> train = events(dir.resolve("train"));
        assertThat(plugin(train, "graph_keras_model")).isEmpty();
        assertThat(scalars(train)).containsKey("epoch_loss");
    }

    @Test
    void functionalWeightPathsHaveNoModelScope() {
        Tensor in = Input.of(3);
        Tensor out = new Dense(2).named("head").apply(new Dense(4).named("body").apply(in));
        Model m = Model.of(in, out);
        assertThat(TensorBoard.weightPaths(m).keySet()).containsExactly("body/kernel", "body/bias", "head/kernel",
                "head/bias");
    }

    @Test
    void standaloneEvaluateWritesEvaluationScalars() throws IOException {
        Model m = sequential();
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0));
        Map<String, Double> result = m.evaluate(VX, VY, new EvaluateOptions().verbose(0)
                .callbacks(new TensorBoard(dir)));
        Map<String, TreeMap<Long, Float>> vs = scalars(events(dir.resolve("validation")));
        assertThat(vs.keySet()).containsExactly("evaluation_loss_vs_iterations", "evaluation_mae_vs_iterations");
        assertThat(vs.get("evaluation_loss_vs_iterations")).containsExactly(Map.entry(2L,
                result.get("loss").floatValue()));
        assertThat(dir.resolve("train")).doesNotExist();
    }

    @Test
    void eachFitWritesNewFilesAndKeepsTheOldOnes() throws IOException {
        Model m = sequential();
        TensorBoard tb = new TensorBoard(dir);
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(tb));
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(tb));
        try (Stream<Path> s = Files.list(dir.resolve("train"))) {
            assertThat(s.count()).isEqualTo(2);
        }
        assertThat(scalars(events(dir.resolve("train"))).get("epoch_loss")).hasSize(1); // both at step 0
    }

    // ---- files that cannot be written, and damage -------------------------------------------------------------

    @Test
    void aFileInTheWayFailsBeforeTrainingNamingThePathAndLeavesNothing() throws IOException {
        Path blocker = dir.resolve("runs");
        Files.writeString(blocker, "not a directory");
        Model m = sequential();
        List<Integer> batches = new ArrayList<>();
        LambdaCallback count = new LambdaCallback().onBatchBegin((b, logs) -> batches.add(b));
        assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().epochs(1).verbose(0)
                .callbacks(count, new TensorBoard(blocker.resolve("run1")))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("TensorBoard cannot write its log directory")
                .hasMessageContaining(blocker.resolve("run1").toString());
        assertThat(batches).isEmpty();
        assertThat(Files.readString(blocker)).isEqualTo("not a directory");

        // a file where the validation directory goes: caught at the start too, and the directories made are removed
        Path log = dir.resolve("logs");
        Path fresh = log.resolve("run2");
        Files.createDirectories(fresh);
        Files.writeString(fresh.resolve("validation"), "x");
        assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().epochs(1).verbose(0).validationData(VX, VY)
                .callbacks(count, new TensorBoard(fresh))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(fresh.resolve("validation").toString());
        assertThat(batches).isEmpty();
        assertThat(fresh.resolve("train")).doesNotExist();
    }

    @Test
    void aDirectoryWithoutWritePermissionFailsBeforeTraining() throws IOException {
        assumeThat(System.getProperty("user.name")).as("root ignores permissions").isNotEqualTo("root");
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Model m = sequential();
            assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().epochs(1).verbose(0)
                    .callbacks(new TensorBoard(locked.resolve("logs")))))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(locked.resolve("logs").toString());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anUnwritableProcPathFailsBeforeTraining() {
        Path proc = Path.of("/proc/strata-tensorboard-test");
        assumeThat(Files.isDirectory(Path.of("/proc/self"))).as("a Linux /proc").isTrue();
        Model m = sequential();
        assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().epochs(1).verbose(0)
                .callbacks(new TensorBoard(proc))))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(proc.toString());
        assertThat(proc).doesNotExist();
    }

    @Test
    void anExceptionInTrainingLeavesWholeReadableFiles() throws IOException {
        Model m = sequential();
        LambdaCallback boom = new LambdaCallback().onEpochEnd((epoch, l) -> {
            if (epoch == 1) {
                throw new IllegalStateException("boom");
            }
        });
        assertThatThrownBy(() -> m.fit(X, Y, new FitOptions().epochs(4).batchSize(16).verbose(0)
                .validationData(VX, VY).callbacks(new TensorBoard(dir).updateFreq(1), boom)))
                .hasMessage("boom");
        // TensorBoard ran before the failing callback at each epoch end: epochs 0 and 1 are on disk, whole
        Map<String, TreeMap<Long, Float>> ts = scalars(events(dir.resolve("train")));
        assertThat(ts.get("epoch_loss").keySet()).containsExactly(0L, 1L);
        assertThat(ts.get("batch_loss").keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void aCorruptByteIsDetected() throws IOException {
        Model m = sequential();
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(new TensorBoard(dir)));
        Path file;
        try (Stream<Path> s = Files.list(dir.resolve("train"))) {
            file = s.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        int n = Events.read(file).size();
        assertThat(n).isGreaterThan(2);
        // a byte in the second record's payload (the first record is 12 + payload + 4 bytes long)
        long firstLen = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8;
        int at = (int) (16 + firstLen + 12 + 3);
        bytes[at] ^= 0x01;
        Files.write(file, bytes);
        assertThatThrownBy(() -> Events.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("record 1")
                .hasMessageContaining("corrupt payload");
    }

    @Test
    void writeImagesWritesEachWeightAsKerasShapesIt() throws IOException {
        Model m = sequential();
        m.fit(X, Y, new FitOptions().epochs(1).batchSize(20).verbose(0).callbacks(new TensorBoard(dir)
                .histogramFreq(1).writeImages(true)));
        List<Value> images = plugin(events(dir.resolve("train")), "images");
        Map<String, Variable> weights = TensorBoard.weightPaths(m);
        // every weight but the last bias, which has one value (squeezed to a scalar, which Keras skips)
        assertThat(images).extracting(Value::tag).containsExactlyElementsOf(weights.entrySet().stream()
                .filter(e -> e.getValue().shape().size() > 1).map(e -> e.getKey() + "/image").toList());
        for (Value v : images) {
            Variable w = weights.get(v.tag().substring(0, v.tag().length() - "/image".length()));
            int[] dims = java.util.Arrays.stream(w.shape().toArray()).filter(d -> d != 1).toArray(); // squeezed
            List<byte[]> strings = v.tensor().strings();
            assertThat(v.tensor().dtype()).isEqualTo(Events.DT_STRING);
            assertThat(v.tensor().shape()).containsExactly(3);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(strings.get(2)));
            int width = Integer.parseInt(new String(strings.get(0), StandardCharsets.US_ASCII));
            int height = Integer.parseInt(new String(strings.get(1), StandardCharsets.US_ASCII));
            assertThat(img.getWidth()).isEqualTo(width);
            assertThat(img.getHeight()).isEqualTo(height);
            float[] values = w.toFloatArray();
            if (dims.length == 1) { // a bias: a column of n pixels
                assertThat(width).isEqualTo(1);
                assertThat(height).isEqualTo(dims[0]);
                for (int i = 0; i < dims[0]; i++) {
                    assertThat(img.getRaster().getSample(0, i, 0)).isEqualTo(pixel(values[i]));
                }
            } else { // a kernel [in, out]: transposed when it has more rows than columns
                boolean t = dims[0] > dims[1];
                assertThat(height).isEqualTo(t ? dims[1] : dims[0]);
                assertThat(width).isEqualTo(t ? dims[0] : dims[1]);
                for (int r = 0; r < dims[0]; r++) {
                    for (int c = 0; c < dims[1]; c++) {
                        int sample = t ? img.getRaster().getSample(r, c, 0) : img.getRaster().getSample(c, r, 0);
                        assertThat(sample).isEqualTo(pixel(values[r * dims[1] + c]));
                    }
                }
            }
        }
    }

    /** tf.image.convert_image_dtype(x, tf.uint8, saturate=True): x * 255.5 clamped to [0, 255], truncated. */
    private static int pixel(float v) {
        return (int) Math.max(0, Math.min(255, v * 255.5f));
    }

    @Test
    void imageShapesFollowKerasLogWeightAsImage() {
        assertThat(TensorBoard.imageShape(new int[] {7})).containsExactly(1, 7, 1, 1, 0);
        assertThat(TensorBoard.imageShape(new int[] {3, 8})).containsExactly(1, 3, 8, 1, 0);
        assertThat(TensorBoard.imageShape(new int[] {8, 3})).containsExactly(1, 3, 8, 1, 1);
        assertThat(TensorBoard.imageShape(new int[] {8, 1})).containsExactly(1, 8, 1, 1, 0); // squeezed
        assertThat(TensorBoard.imageShape(new int[] {3, 4, 5})).containsExactly(5, 3, 4, 1, 1); // conv1d
        assertThat(TensorBoard.imageShape(new int[] {3, 3, 2, 4})).containsExactly(3, 3, 2, 4, 0); // 4 filters
        assertThat(TensorBoard.imageShape(new int[] {3, 3, 2, 8})).isNull(); // Keras skips it
        assertThat(TensorBoard.imageShape(new int[] {1})).isNull(); // a scalar
    }

    // ---- arguments Strata cannot honour ----------------------------------------------------------------------

    @Test
    void argumentsWithoutAStrataCounterpartAreAcceptedOnlyOff() {
        TensorBoard tb = new TensorBoard(dir).profileBatch(0).embeddingsFreq(0)
                .embeddingsMetadata(null);
        assertThat(tb.logDir()).isEqualTo(dir);
        assertThat(new TensorBoard().logDir()).isEqualTo(Path.of("logs"));
        assertThatThrownBy(() -> tb.profileBatch(5)).hasMessageContaining("profile_batch=5")
                .hasMessageContaining("must be 0");
        assertThatThrownBy(() -> tb.embeddingsFreq(1)).hasMessageContaining("embeddings_freq=1");
        assertThatThrownBy(() -> tb.embeddingsMetadata("meta.tsv")).hasMessageContaining("embeddings_metadata");
        assertThatThrownBy(() -> tb.updateFreq("sometimes")).hasMessageContaining("update_freq")
                .hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> tb.updateFreq(0)).hasMessageContaining("update_freq");
        assertThatThrownBy(() -> tb.histogramFreq(-1)).hasMessageContaining("histogram_freq");
    }

    // ---- for TensorBoard itself ------------------------------------------------------------------------------

    /**
     * Writes two runs to {@code target/tensorboard-interop} for {@code tools/tensorboard/check_events.py}: a
     * Sequential fit with validation data, histograms and weight images every epoch and batch scalars every 2
     * batches, and a
     * subclassed model's fit; with {@code expected.json} listing the scalars (from History and the batch logs)
     * and each epoch's weights, which the script compares with what TensorBoard reads.
     */
    @Test
    void exportForTensorBoard() throws IOException {
        Path root = Path.of("target", "tensorboard-interop");
        if (Files.exists(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Map<String, Object> expected = new LinkedHashMap<>();
        Model m = sequential();
        Map<String, Map<String, List<Float>>> weights = new LinkedHashMap<>();
        List<Map<String, Double>> batchLogs = new ArrayList<>();
        LambdaCallback record = new LambdaCallback()
                .onBatchEnd((b, logs) -> batchLogs.add(Map.copyOf(logs)))
                .onEpochEnd((epoch, logs) -> {
                    Map<String, List<Float>> byPath = new LinkedHashMap<>();
                    TensorBoard.weightPaths(m).forEach((p, v) -> byPath.put(p, floatsOf(v)));
                    weights.put(String.valueOf(epoch), byPath);
                });
        History h = m.fit(X, Y, new FitOptions().epochs(3).batchSize(16).verbose(0).validationData(VX, VY)
                .callbacks(record, new TensorBoard(root.resolve("sequential")).histogramFreq(1).updateFreq(2)
                        .writeImages(true)));
        Map<String, Object> seq = new LinkedHashMap<>();
        seq.put("history", h.history());
        List<Double> batchLoss = new ArrayList<>();
        for (int i = 1; i < batchLogs.size(); i += 2) {
            batchLoss.add(batchLogs.get(i).get("loss"));
        }
        seq.put("batch_loss_every_2", batchLoss);
        seq.put("iterations_per_epoch", 3);
        seq.put("learning_rate", 0.01);
        seq.put("weights", weights);
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        TensorBoard.weightPaths(m).forEach((p, v) -> shapes.put(p, java.util.Arrays.stream(v.shape().toArray())
                .boxed().toList()));
        seq.put("shapes", shapes);
        seq.put("layers", m.layers().stream().map(l -> l.name()).toList());
        expected.put("sequential", seq);

        Strata.setRandomSeed(3);
        Model sub = new TwoDense().named("two_dense");
        sub.compile(new Adam(0.01f), new CompileOptions().loss("mse"));
        History hs = sub.fit(X, Y, new FitOptions().epochs(2).batchSize(20).verbose(0)
                .callbacks(new TensorBoard(root.resolve("subclassed"))));
        expected.put("subclassed", Map.of("history", hs.history(), "layers", List.of("hidden", "out")));
        Files.writeString(root.resolve("expected.json"), dev.strata.internal.config.Json.write(expected));
        assertThat(root.resolve("sequential").resolve("train")).isDirectory();
    }

    private static List<Float> floatsOf(Variable v) {
        List<Float> out = new ArrayList<>();
        for (float f : v.toFloatArray()) {
            out.add(f);
        }
        return out;
    }

    private static List<Float> floatList(List<Double> values) {
        List<Float> out = new ArrayList<>();
        for (float f : floats(values)) {
            out.add(f);
        }
        return out;
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
