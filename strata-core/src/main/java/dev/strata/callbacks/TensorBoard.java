package dev.strata.callbacks;

import dev.strata.config.KerasConfigException;
import dev.strata.internal.config.Json;
import dev.strata.internal.tensorboard.EventFileWriter;
import dev.strata.internal.tensorboard.Events;
import dev.strata.internal.tensorboard.Images;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.optimizers.Optimizer;
import dev.strata.saving.ConfigOptions;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes TensorBoard logs during training, like {@code keras.callbacks.TensorBoard}: real event files (TFRecord
 * framing, protobuf {@code Event}s, as TF 2's summary writer makes them) that {@code tensorboard --logdir} reads,
 * without TensorFlow.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(10).validationSplit(0.2)
 *         .callbacks(new TensorBoard("logs/run1").histogramFreq(1)));
 * // then: tensorboard --logdir logs
 * }</pre>
 *
 * <p>What it writes, as Keras does, under {@code logDir/train} and {@code logDir/validation} (one new event file
 * in each per {@code fit}):
 * <ul>
 *   <li>at each epoch end (step = the 0-based epoch): {@code epoch_<name>} for every training log, plus
 *       {@code epoch_learning_rate} (and {@code epoch_steps_per_second} with {@link #writeStepsPerSecond}) in
 *       {@code train}; the {@code val_} logs as {@code epoch_<name>} (prefix removed) in {@code validation};</li>
 *   <li>at the end of every validation or {@code evaluate} (step = the optimizer's iterations):
 *       {@code evaluation_<name>_vs_iterations} in {@code validation};</li>
 *   <li>with {@link #updateFreq(int)} {@code n} (or {@code "batch"}, which is 1): {@code batch_<name>} (the
 *       epoch's running values) and with {@link #writeStepsPerSecond} {@code batch_steps_per_second}, at every
 *       {@code n}-th training batch, counted from 1 across epochs (step = that count);</li>
 *   <li>with {@link #histogramFreq} {@code f > 0}: a histogram of every weight of every layer, tagged
 *       {@code <weight path>/histogram} (Keras's {@code variable.path}, e.g. {@code sequential/dense/kernel}), at
 *       the end of every epoch whose 0-based number is a multiple of {@code f}, 30 buckets as
 *       {@code tf.summary.histogram} makes them; with {@link #writeImages} also each weight as an image;</li>
 *   <li>with {@link #writeGraph} (the default), at the start of {@code fit}: the model's JSON config under the tag
 *       {@code keras} (step 0, plugin {@code graph_keras_model}), which the Graphs dashboard draws. Keras writes it
 *       for Functional and Sequential models; Strata also for a traced subclassed model, as its traced graph.</li>
 * </ul>
 *
 * <p>Differences from Keras: with {@link #updateFreq(int)} greater than 1, Keras 3 only writes the epoch and
 * evaluation scalars when the running batch count happens to be a multiple of it (its {@code record_if} stays
 * active; tensorflow/tensorboard#4975); Strata always writes them, as Keras 2 did. TensorFlow's op-level training
 * graph, profiling and embeddings have no Strata counterpart: {@link #profileBatch}, {@link #embeddingsFreq} and
 * {@link #embeddingsMetadata} accept only their "off" values.
 *
 * <p>Files: a log directory that cannot be written (a file in the way, no permission) fails {@code fit} before its
 * first batch, naming the path, and leaves no directory it created behind. Records reach the file whole at the end
 * of each hook that wrote any (nothing waits in a buffer), so an exception anywhere in training leaves complete,
 * readable files; a failed write is cut off again and surfaces as an {@link UncheckedIOException} naming the file.
 * The files are closed at the end of {@code fit} (and of a standalone {@code evaluate}), and by {@link #close()},
 * which the loop calls when a run ends by an exception.
 */
public class TensorBoard extends Callback implements AutoCloseable {
    private static final String KERAS_MODEL_TAG = "keras";

    private final Path logDir;
    private int histogramFreq;
    private boolean writeGraph = true;
    private boolean writeImages;
    private boolean writeStepsPerSecond;
    private int updateFreq; // 0: "epoch"

    private EventFileWriter trainWriter;
    private EventFileWriter valWriter;
    private boolean inFit;
    private long globalTrainBatch;
    private long globalTestBatch;
    private long previousEpochIterations;
    private double epochStartTime;
    private double batchStartTime;

    /** Logs to {@code logs}, Keras's default directory. */
    public TensorBoard() {
        this("logs");
    }

    /** Logs to {@code logDir} (Keras's {@code log_dir}); it should not be shared with other callbacks. */
    public TensorBoard(String logDir) {
        this(Path.of(Objects.requireNonNull(logDir, "logDir")));
    }

    /** Logs to {@code logDir}. */
    public TensorBoard(Path logDir) {
        this.logDir = Objects.requireNonNull(logDir, "logDir");
    }

    /** The log directory. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Every how many epochs to write weight histograms (Keras's {@code histogram_freq}); 0 (the default) for none.
     *
     * @throws IllegalArgumentException if negative
     */
    public TensorBoard histogramFreq(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("TensorBoard: histogram_freq must be >= 0 (0 writes no histograms), "
                    + "got " + epochs);
        }
        histogramFreq = epochs;
        return this;
    }

    /** Whether to write the model's graph (Keras's {@code write_graph}, default true). */
    public TensorBoard writeGraph(boolean value) {
        writeGraph = value;
        return this;
    }

    /**
     * Whether to also write each weight as an image with its histogram (Keras's {@code write_images}, default
     * false), tagged {@code <weight path>/image}, shaped as Keras shapes it: a bias as a column, a kernel as a
     * matrix with fewer rows than columns, a 1-D convolution kernel as one image per filter; pixel values are the
     * weights times 255, clamped to [0, 255] (so negative weights are black), as {@code tf.summary.image} converts
     * floats. Needs {@code histogramFreq > 0}, as in Keras.
     *
     * @throws IllegalStateException for {@code true} when the {@code java.desktop} module (PNG encoding) is not
     *     in the module graph
     */
    public TensorBoard writeImages(boolean value) {
        if (value && !Images.available()) {
            throw new IllegalStateException("TensorBoard: write_images=True needs the java.desktop module to encode "
                    + "PNG images; add it (--add-modules java.desktop) or leave write_images false");
        }
        writeImages = value;
        return this;
    }

    /** Whether to log training steps per second, per epoch and per batch (Keras's {@code write_steps_per_second}). */
    public TensorBoard writeStepsPerSecond(boolean value) {
        writeStepsPerSecond = value;
        return this;
    }

    /**
     * {@code "epoch"} (the default: scalars at the end of each epoch) or {@code "batch"} (also every batch, the
     * same as {@code updateFreq(1)}).
     *
     * @throws IllegalArgumentException for another string
     */
    public TensorBoard updateFreq(String value) {
        switch (Objects.requireNonNull(value, "updateFreq")) {
            case "epoch" -> updateFreq = 0;
            case "batch" -> updateFreq = 1;
            default -> throw new IllegalArgumentException("TensorBoard: update_freq must be 'epoch', 'batch' or a "
                    + "positive number of batches, got '" + value + "'");
        }
        return this;
    }

    /**
     * Also write {@code batch_*} scalars every {@code batches} training batches (counted across epochs).
     *
     * @throws IllegalArgumentException if not positive
     */
    public TensorBoard updateFreq(int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("TensorBoard: update_freq must be 'epoch', 'batch' or a positive "
                    + "number of batches, got " + batches);
        }
        updateFreq = batches;
        return this;
    }

    /**
     * Keras's {@code profile_batch}: only 0 (the default, no profiling).
     *
     * @throws IllegalArgumentException for another value: Strata has no profiler to sample batches with
     */
    public TensorBoard profileBatch(int batch) {
        if (batch != 0) {
            throw new IllegalArgumentException("TensorBoard: profile_batch=" + batch + " is not supported: Strata "
                    + "has no profiler to sample batches with; profile_batch must be 0 (the default)");
        }
        return this;
    }

    /**
     * Keras's {@code embeddings_freq}: only 0 (the default, no embeddings).
     *
     * @throws IllegalArgumentException for another value: Strata writes no projector checkpoints
     */
    public TensorBoard embeddingsFreq(int epochs) {
        if (epochs != 0) {
            throw new IllegalArgumentException("TensorBoard: embeddings_freq=" + epochs + " is not supported: Strata "
                    + "writes no embedding projector data; embeddings_freq must be 0 (the default)");
        }
        return this;
    }

    /**
     * Keras's {@code embeddings_metadata}: only null (the default), since no embeddings are written.
     *
     * @throws IllegalArgumentException for anything else
     */
    public TensorBoard embeddingsMetadata(Object metadata) {
        if (metadata != null) {
            throw new IllegalArgumentException("TensorBoard: embeddings_metadata is not supported: Strata writes no "
                    + "embedding projector data (embeddings_freq must be 0); embeddings_metadata must be null");
        }
        return this;
    }

    // ---- hooks -----------------------------------------------------------------------------------------------

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeWriters();
        globalTrainBatch = 0;
        previousEpochIterations = 0;
        inFit = true;
        trainWriter = openWriter(logDir.resolve("train"));
        if (writeGraph) {
            String json = modelJson();
            if (json != null) {
                trainWriter.add(Events.kerasModel(EventFileWriter.now(), 0, KERAS_MODEL_TAG, json));
                trainWriter.flush();
            }
        }
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        inFit = false;
        closeWriters();
    }

    @Override
    public void onEpochBegin(int epoch, Map<String, Double> logs) {
        if (writeStepsPerSecond) {
            previousEpochIterations = iterations();
            epochStartTime = System.nanoTime() / 1e9;
        }
    }

    @Override
    public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
        globalTrainBatch++;
        if (writeStepsPerSecond) {
            batchStartTime = System.nanoTime() / 1e9;
        }
    }

    @Override
    public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
        if (updateFreq == 0 || globalTrainBatch % updateFreq != 0 || trainWriter == null) {
            return;
        }
        double wall = EventFileWriter.now();
        if (writeStepsPerSecond) {
            double seconds = System.nanoTime() / 1e9 - batchStartTime;
            trainWriter.add(Events.scalar(wall, globalTrainBatch, "batch_steps_per_second", (float) (1.0 / seconds)));
        }
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            trainWriter.add(Events.scalar(wall, globalTrainBatch, "batch_" + e.getKey(), e.getValue().floatValue()));
        }
        trainWriter.flush();
    }

    @Override
    public void onTestBegin(Map<String, Double> logs) {
        if (valWriter == null) {
            valWriter = openWriter(logDir.resolve("validation"));
        }
    }

    @Override
    public void onTestBatchBegin(int batch, Map<String, Double> logs) {
        globalTestBatch++; // Keras keeps the count; it only decides when a model's own batch summaries record
    }

    @Override
    public void onTestEnd(Map<String, Double> logs) {
        Model m = model();
        if (m != null && m.optimizer().isPresent() && valWriter != null) {
            long step = m.optimizer().get().iterations();
            double wall = EventFileWriter.now();
            for (Map.Entry<String, Double> e : logs.entrySet()) {
                valWriter.add(Events.scalar(wall, step, "evaluation_" + e.getKey() + "_vs_iterations",
                        e.getValue().floatValue()));
            }
            valWriter.flush();
        }
        if (!inFit) {
            closeWriters();
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        logEpochMetrics(epoch, logs);
        if (histogramFreq > 0 && epoch % histogramFreq == 0) {
            logWeights(epoch);
        }
    }

    // ---- what is written -------------------------------------------------------------------------------------

    /** Keras's {@code _log_epoch_metrics}: training logs (and the learning rate) to train, {@code val_} ones to validation. */
    private void logEpochMetrics(int epoch, Map<String, Double> logs) {
        if (logs.isEmpty()) {
            return;
        }
        Map<String, Double> train = new LinkedHashMap<>();
        Map<String, Double> val = new LinkedHashMap<>();
        logs.forEach((k, v) -> (k.startsWith("val_") ? val : train).put(k, v));
        Model m = model();
        Optimizer opt = m == null ? null : m.optimizer().orElse(null);
        if (opt != null) {
            train.put("learning_rate", (double) opt.learningRate());
            if (writeStepsPerSecond) {
                double seconds = System.nanoTime() / 1e9 - epochStartTime;
                train.put("steps_per_second", (opt.iterations() - previousEpochIterations) / seconds);
            }
        }
        double wall = EventFileWriter.now();
        if (!train.isEmpty()) {
            EventFileWriter w = trainWriter();
            train.forEach((k, v) -> w.add(Events.scalar(wall, epoch, "epoch_" + k, v.floatValue())));
            w.flush();
        }
        if (!val.isEmpty()) {
            EventFileWriter w = valWriter();
            val.forEach((k, v) -> w.add(Events.scalar(wall, epoch, "epoch_" + k.substring(4), v.floatValue())));
            w.flush();
        }
    }

    /** Keras's {@code _log_weights}: a histogram of each weight of each of the model's layers, by its path. */
    private void logWeights(int epoch) {
        Model m = model();
        if (m == null) {
            return;
        }
        double wall = EventFileWriter.now();
        EventFileWriter w = trainWriter();
        for (Map.Entry<String, Variable> e : weightPaths(m).entrySet()) {
            String name = e.getKey().replace(':', '_');
            float[] values = e.getValue().toFloatArray();
            w.add(Events.histogram(wall, epoch, name + "/histogram",
                    Events.histogramBuckets(values, Events.DEFAULT_BUCKETS)));
            if (writeImages) {
                int[] nhwc = imageShape(e.getValue().shape().toArray());
                if (nhwc != null) {
                    float[] pixels = nhwc[4] == 1 ? transposed(values, e.getValue().shape().toArray()) : values;
                    w.add(Events.image(wall, epoch, name + "/image", nhwc[2], nhwc[1],
                            Images.pngs(pixels, nhwc[0], nhwc[1], nhwc[2], nhwc[3], 3)));
                }
            }
        }
        w.flush();
    }

    /**
     * Keras's {@code _log_weight_as_image} shapes: {@code {k, h, w, c, transposed}} for a weight it writes as
     * images, null for one it skips. The weight is squeezed; a vector becomes {@code [1, n, 1, 1]}; a matrix is
     * transposed if it has more rows than columns, then {@code [1, rows, cols, 1]}; a rank-3 kernel (channels last)
     * becomes {@code [out, k, in, 1]}; what is then rank 4 with 1, 3 or 4 channels is written.
     */
    static int[] imageShape(int[] dims) {
        int[] s = java.util.Arrays.stream(dims).filter(d -> d != 1).toArray();
        return switch (s.length) {
            case 1 -> new int[] {1, s[0], 1, 1, 0};
            case 2 -> s[0] > s[1] ? new int[] {1, s[1], s[0], 1, 1} : new int[] {1, s[0], s[1], 1, 0};
            case 3 -> new int[] {s[2], s[0], s[1], 1, 1};
            case 4 -> s[3] == 1 || s[3] == 3 || s[3] == 4 ? new int[] {s[0], s[1], s[2], s[3], 0} : null;
            default -> null;
        };
    }

    /** The squeezed weight's values moved last axis first ({@code [a, b] -> [b, a]}, {@code [k, i, o] -> [o, k, i]}). */
    private static float[] transposed(float[] v, int[] dims) {
        int[] s = java.util.Arrays.stream(dims).filter(d -> d != 1).toArray();
        int last = s[s.length - 1];
        int rest = v.length / last;
        float[] out = new float[v.length];
        for (int i = 0; i < rest; i++) {
            for (int j = 0; j < last; j++) {
                out[j * rest + i] = v[i * last + j];
            }
        }
        return out;
    }

    /** Keras's {@code variable.path} of every weight of {@code model}, in Keras's order ({@link Models#variablePaths}). */
    static Map<String, Variable> weightPaths(Model model) {
        return Models.variablePaths(model);
    }

    /**
     * The model's config as Keras's {@code model.to_json()} writes it, for Functional and Sequential models and
     * traced subclassed ones (as their graph); null for a model with no graph form (Keras writes nothing for
     * subclassed models) or one whose config cannot be written (Keras warns and goes on).
     */
    private String modelJson() {
        Model m = model();
        if (m == null) {
            return null;
        }
        ConfigOptions options = new ConfigOptions().subclassedForm(ConfigOptions.SubclassedForm.FUNCTIONAL)
                .registerClasses(false).warnings(w -> { });
        try {
            Map<String, Object> config = KerasConfig.modelToConfig(m, options);
            Object cls = config.get("class_name");
            if (!"Functional".equals(cls) && !"Sequential".equals(cls)) {
                return null;
            }
            return Json.write(config);
        } catch (KerasConfigException | UnsupportedOperationException | IllegalStateException e) {
            System.getLogger("dev.strata.callbacks").log(System.Logger.Level.WARNING,
                    "TensorBoard: the model failed to serialize as JSON; no graph is written: " + e.getMessage());
            return null;
        }
    }

    private long iterations() {
        Model m = model();
        return m == null ? 0 : m.optimizer().map(Optimizer::iterations).orElse(0L);
    }

    // ---- files -----------------------------------------------------------------------------------------------

    private EventFileWriter trainWriter() {
        if (trainWriter == null) {
            trainWriter = openWriter(logDir.resolve("train"));
        }
        return trainWriter;
    }

    private EventFileWriter valWriter() {
        if (valWriter == null) {
            valWriter = openWriter(logDir.resolve("validation"));
        }
        return valWriter;
    }

    /**
     * Closes the run's event files, as at the end of {@code fit}; {@code fit}, {@code evaluate} and {@code predict}
     * call it when they fail. A later run opens new files.
     *
     * @throws UncheckedIOException if a file cannot be closed, naming it
     */
    @Override
    public void close() {
        inFit = false;
        closeWriters();
    }

    /** Closes the run's files (Keras's {@code _close_writers}); a new run makes new ones. */
    private void closeWriters() {
        EventFileWriter t = trainWriter;
        EventFileWriter v = valWriter;
        trainWriter = null;
        valWriter = null;
        try {
            if (t != null) {
                t.close();
            }
        } finally {
            if (v != null) {
                v.close();
            }
        }
    }

    /**
     * A new event file in {@code dir}, made with the directories up to it; at the start of fit, also checks that
     * the validation directory can be made. On failure nothing this call created is left behind.
     *
     * @throws UncheckedIOException naming the path that cannot be written
     */
    private EventFileWriter openWriter(Path dir) {
        List<Path> created = prepareDirectories(dir);
        try {
            if (inFit && dir.endsWith("train")) {
                Path val = logDir.resolve("validation");
                if (Files.exists(val) && !Files.isDirectory(val)) {
                    throw new UncheckedIOException(new FileAlreadyExistsException(val.toString(), null,
                            "a file is in the way of the validation log directory"));
                }
            }
            return EventFileWriter.create(dir);
        } catch (UncheckedIOException e) {
            deleteCreated(created);
            throw new UncheckedIOException("TensorBoard cannot write its log directory " + logDir.toAbsolutePath()
                    + " (" + dir + "): " + e.getCause(), e.getCause());
        }
    }

    /** Creates {@code dir} and its missing parents; the directories it created, outermost first. */
    private List<Path> prepareDirectories(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        List<Path> created = new ArrayList<>();
        try {
            for (Path p : missing) {
                Files.createDirectory(p);
                created.add(p);
            }
            if (!Files.isDirectory(dir)) {
                throw new FileAlreadyExistsException(dir.toString(), null, "not a directory");
            }
        } catch (IOException e) {
            deleteCreated(created);
            throw new UncheckedIOException("TensorBoard cannot write its log directory " + logDir.toAbsolutePath()
                    + " (" + dir + "): " + e, e);
        }
        return created;
    }

    private static void deleteCreated(List<Path> created) {
        for (Path p : created.reversed()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a directory someone else wrote into in the meantime stays
            }
        }
    }
}
