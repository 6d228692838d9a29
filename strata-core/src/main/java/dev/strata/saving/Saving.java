package dev.strata.saving;

import dev.strata.ModelFormatException;
import dev.strata.config.Config;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.RandomState;
import dev.strata.internal.WeightBudget;
import dev.strata.internal.config.Json;
import dev.strata.internal.io.FileFormat;
import dev.strata.internal.io.H5Dataset;
import dev.strata.internal.io.KerasArchive;
import dev.strata.internal.io.LayerAssets;
import dev.strata.internal.io.LegacyH5;
import dev.strata.internal.io.WeightsFile;
import dev.strata.models.Model;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Model files, like {@code keras.saving}: the Keras 3 {@code .keras} format (a zip of {@code metadata.json},
 * {@code config.json} and {@code model.weights.h5}, written exactly as Keras 3.15 writes it) and {@code .weights.h5}
 * files, both ways, and legacy Keras 2 {@code .h5} models for reading. {@link Model#save(Path)},
 * {@link Model#saveWeights(Path)} and {@link Model#loadWeights(Path)} call these. Like Keras's {@code save_model}
 * and {@code load_model} with a file object, each also works on a stream (the same bytes as the file; a database
 * column, a network response, a test's memory).
 *
 * <pre>{@code
 * model.save(Path.of("wide_and_deep.keras"));                 // Python: keras.saving.load_model(...) loads it
 * Model again = Saving.loadModel(Path.of("wide_and_deep.keras"));
 * }</pre>
 *
 * <p>Weights go where Keras's object walk puts them (see the package's {@code WeightWalk}): a Python-written file
 * loads into the Strata model its config describes, and the other way round. A subclassed model is by default
 * written as its traced Functional graph plus its class (see {@link ConfigOptions.SubclassedForm}), with weights at
 * the graph's paths, so Python loads it without the Java class.
 *
 * <p>Saving is atomic (a temporary file renamed over the target). Loading checks everything before it builds
 * anything: any failure is a {@link ModelFormatException} naming the file, the path inside it and what was wrong.
 */
public final class Saving {
    /** The Keras version Strata's files declare in {@code metadata.json}: the format they follow. */
    public static final String KERAS_VERSION = "3.15.1";
    /**
     * The extra key in {@code metadata.json} holding Strata's random generator state at saving (four 64-bit words in
     * hex); Keras does not read the metadata when loading. See {@link LoadOptions#restoreRandomState(boolean)}.
     */
    public static final String RANDOM_STATE_KEY = "strata_random_state";

    /** How messages name data read from a stream. */
    private static final String STREAM = "<input stream>";

    private static final DateTimeFormatter KERAS_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss");

    private Saving() {
    }

    // ---- .keras --------------------------------------------------------------------------------------------------

    /** {@link #saveModel(Model, Path, ConfigOptions)} with the default options. */
    public static void saveModel(Model model, Path path) {
        saveModel(model, path, new ConfigOptions());
    }

    /**
     * Saves the model as a Keras 3 {@code .keras} file: its config (architecture, compile settings), its weights and
     * its optimizer's state. Custom classes met on the way are registered (see {@link ConfigOptions}).
     *
     * @throws IllegalArgumentException if the name does not end in {@code .keras}
     * @throws KerasConfigException if part of the model has no config form (the message says which)
     * @throws java.io.UncheckedIOException if writing fails; a previous file at {@code path} is then intact
     */
    public static void saveModel(Model model, Path path, ConfigOptions options) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!name.endsWith(".keras")) {
            throw new IllegalArgumentException("The file name must end in .keras (Keras's model format), got '" + path
                    + "'; for weights only, use saveWeights with a .weights.h5 name");
        }
        archive(model, options).write(path);
    }

    /** {@link #saveModel(Model, OutputStream, ConfigOptions)} with the default options. */
    public static void saveModel(Model model, OutputStream out) {
        saveModel(model, out, new ConfigOptions());
    }

    /**
     * Writes the model to {@code out} in the Keras 3 {@code .keras} format, the bytes {@link #saveModel(Model, Path,
     * ConfigOptions)} writes to a file (Keras's {@code save_model} with a file object). Nothing is written unless the
     * whole archive could be made. The stream is not closed.
     *
     * @throws KerasConfigException if part of the model has no config form (the message says which)
     * @throws UncheckedIOException if writing to the stream fails
     */
    public static void saveModel(Model model, OutputStream out, ConfigOptions options) {
        write(archive(model, options).toBytes(), out);
    }

    /** The model as a {@code .keras} archive in memory (what {@link #saveModel} writes). */
    static KerasArchive archive(Model model, ConfigOptions options) {
        String config = KerasConfig.modelToJson(model, options);
        WeightsFile weights = WeightsIO.write(model, WeightWalk.graphRule(options.subclassedForm()));
        Map<String, byte[]> assets = new LinkedHashMap<>();
        for (WeightWalk.Entry e : WeightWalk.walk(model, WeightWalk.graphRule(options.subclassedForm()), Map.of())) {
            if (e.layer() instanceof LayerAssets owner) { // Keras's save_assets, at the layer's path under assets/
                for (Map.Entry<String, byte[]> f : owner.saveAssets().entrySet()) {
                    assets.put(assetDirectory(e) + f.getKey(), f.getValue());
                }
            }
        }
        return new KerasArchive(metadata(LocalDateTime.now()), config, weights, assets);
    }

    /** The directory of a walked object's assets, relative to {@code assets/}, ending in {@code /} (or empty). */
    private static String assetDirectory(WeightWalk.Entry e) {
        return e.path().isEmpty() ? "" : e.path() + "/";
    }

    /** Keras's {@code load_assets}, after the weights: each asset-owning layer reads the files at its path. */
    private static void loadAssets(Model model, KerasArchive archive, LoadRecord record, String source) {
        for (WeightWalk.Entry e : WeightWalk.walk(model, record.graphForm::contains, record.classNames)) {
            if (!(e.layer() instanceof LayerAssets owner)) {
                continue;
            }
            String dir = assetDirectory(e);
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> a : archive.assets().entrySet()) {
                String rel = a.getKey();
                if (rel.startsWith(dir) && rel.indexOf('/', dir.length()) < 0) {
                    files.put(rel.substring(dir.length()), a.getValue());
                }
            }
            try {
                owner.loadAssets(files, KerasArchive.ASSETS + dir);
            } catch (IllegalArgumentException | IllegalStateException ex) {
                throw new ModelFormatException(source, KerasArchive.ASSETS + dir, ex.getMessage(), ex);
            }
        }
    }

    /** {@code metadata.json}: Keras's two keys, then the random generator state. */
    static String metadata(LocalDateTime saved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keras_version", KERAS_VERSION);
        m.put("date_saved", KERAS_DATE.format(saved));
        m.put(RANDOM_STATE_KEY, RandomState.stateWords());
        return Json.write(m);
    }

    /** {@link #loadModel(Path, LoadOptions)} with Keras's defaults (safe mode, compiled). */
    public static Model loadModel(Path path) {
        return loadModel(path, new LoadOptions());
    }

    /**
     * Loads a model from a {@code .keras} file (Keras 3, or Keras 2.13-2.15's form of it) or a legacy HDF5 model file
     * ({@code .h5}; the format is told from the file's first bytes, not its name): the architecture, the weights, and
     * when {@code options.compile()} the compile settings and the optimizer's state, so training continues where it
     * stopped. Only built-in and registered classes are instantiated; a subclassed model saved with its traced
     * graph loads as its class when registered, else as the Functional graph.
     *
     * @throws ModelFormatException for anything wrong with the file: not a model file, damaged or hostile, a config
     *     Strata cannot build (an unknown or unregistered class, a refused Lambda), weights missing, extra or of the
     *     wrong shape; the message names the file, the path in it and the problem
     * @throws java.io.UncheckedIOException if the file cannot be read at all
     */
    public static Model loadModel(Path path, LoadOptions options) {
        return loadModel(WeightsFile.readFile(path), path.toString(), options);
    }

    /** {@link #loadModel(InputStream, LoadOptions)} with Keras's defaults (safe mode, compiled). */
    public static Model loadModel(InputStream in) {
        return loadModel(in, new LoadOptions());
    }

    /**
     * Loads a model from the bytes of a model file read from {@code in} to its end (Keras's {@code load_model} with a
     * file object); see {@link #loadModel(Path, LoadOptions)}. Messages name the source {@code <input stream>}. The
     * stream is not closed.
     *
     * @throws ModelFormatException for anything wrong with the data, as for a file, or if it is longer than the
     *     2 GiB Strata reads
     * @throws UncheckedIOException if reading the stream fails
     */
    public static Model loadModel(InputStream in, LoadOptions options) {
        return loadModel(readStream(in), STREAM, options);
    }

    private static Model loadModel(byte[] bytes, String source, LoadOptions options) {
        return switch (FileFormat.sniff(bytes)) {
            case KERAS_ZIP -> fromArchive(KerasArchive.read(bytes, source), source, options);
            case HDF5 -> {
                WeightsFile f = WeightsFile.read(bytes, source);
                if (!f.root().attributes().containsKey("model_config")) {
                    throw new ModelFormatException(source, "/", "an HDF5 weights file, not a model (it has no "
                            + "model_config); build the model and call loadWeights on it");
                }
                yield LegacyModels.load(LegacyH5.from(f), source, options);
            }
            case UNKNOWN -> throw new ModelFormatException(source, null, "neither a .keras zip archive nor an HDF5 "
                    + "file (" + FileFormat.describeStart(bytes) + ")");
        };
    }

    /** A model from an archive already read; see {@link #loadModel(Path, LoadOptions)}. */
    static Model fromArchive(KerasArchive archive, String source, LoadOptions options) {
        Object config = parse(source, KerasArchive.CONFIG, archive.configJson());
        ConfigReader reader = new ConfigReader(options);
        Model model = readConfig(source, KerasArchive.CONFIG, totalValues(archive.weights()),
                () -> reader.model(config, "model"));
        LoadRecord record = reader.record();
        String version = archive.kerasVersion();
        WeightsIO.read(model, archive.weights(), new WeightsIO.ReadSpec(source, KerasArchive.WEIGHTS + ":",
                record.graphForm::contains, false, record.classNames, options.compile() && model.isCompiled(),
                version != null && version.startsWith("2.")));
        loadAssets(model, archive, record, source);
        if (options.restoreRandomState()) {
            restoreRandomState(archive, source);
        }
        return model;
    }

    private static void restoreRandomState(KerasArchive archive, String source) {
        Object meta = parse(source, KerasArchive.METADATA, archive.metadataJson());
        if (!(meta instanceof Map<?, ?> m) || !m.containsKey(RANDOM_STATE_KEY)) {
            return; // a file from Keras, or saved before Strata recorded it: nothing to restore
        }
        try {
            RandomState.setState(parseState(m.get(RANDOM_STATE_KEY)));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(source, KerasArchive.METADATA + ": " + RANDOM_STATE_KEY, e.getMessage(), e);
        }
    }

    /** The generator state from its JSON form (four 16-digit hex strings). */
    static long[] parseState(Object value) {
        if (!(value instanceof List<?> l) || l.size() != 4) {
            throw new IllegalArgumentException("expected a list of four hex words, got " + Config.describe(value));
        }
        return RandomState.parseWords(l);
    }

    // ---- .weights.h5 ---------------------------------------------------------------------------------------------

    /** {@link #saveWeights(Model, Path, ConfigOptions)} with the default options. */
    public static void saveWeights(Model model, Path path) {
        saveWeights(model, path, new ConfigOptions());
    }

    /**
     * Saves the weights and the optimizer state in a {@code .weights.h5} file, at Keras's paths (Keras's
     * {@code save_weights}). A traced subclassed model's weights are at the paths of its Functional form unless
     * {@code options} say {@link ConfigOptions.SubclassedForm#NATIVE}, where they follow its fields (as Keras saves
     * a Python subclass); {@link #loadWeights} reads either.
     *
     * @throws IllegalArgumentException if the name does not end in {@code .weights.h5}
     * @throws IllegalStateException if the model is not built (it has no weights yet)
     * @throws java.io.UncheckedIOException if writing fails; a previous file is then intact
     */
    public static void saveWeights(Model model, Path path, ConfigOptions options) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!name.endsWith(".weights.h5")) {
            throw new IllegalArgumentException("The file name must end in .weights.h5 (Keras's weights format), got '"
                    + path + "'");
        }
        requireBuiltForSaving(model);
        weights(model, options).write(path);
    }

    /** {@link #saveWeights(Model, OutputStream, ConfigOptions)} with the default options. */
    public static void saveWeights(Model model, OutputStream out) {
        saveWeights(model, out, new ConfigOptions());
    }

    /**
     * Writes the weights and the optimizer state to {@code out}: the bytes {@link #saveWeights(Model, Path,
     * ConfigOptions)} writes to a {@code .weights.h5} file. The stream is not closed.
     *
     * @throws IllegalStateException if the model is not built (it has no weights yet)
     * @throws UncheckedIOException if writing to the stream fails
     */
    public static void saveWeights(Model model, OutputStream out, ConfigOptions options) {
        requireBuiltForSaving(model);
        write(weights(model, options).toBytes(), out);
    }

    private static void requireBuiltForSaving(Model model) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("You are saving a model that has not yet been built: "
                    + model.describe() + " has no weights yet. Build it first (buildForSamples(...), or call it on "
                    + "data)");
        }
    }

    /** The model's weights (and optimizer state) as the HDF5 tree {@link #saveWeights} writes. */
    static WeightsFile weights(Model model, ConfigOptions options) {
        return WeightsIO.write(model, WeightWalk.graphRule(options.subclassedForm()));
    }

    /**
     * Loads weights (and the optimizer's state, if the model is compiled and the file has it) into a model with the
     * same architecture, like Keras's {@code load_weights}: from a {@code .weights.h5} file, the weights of a
     * {@code .keras} file, or a legacy Keras 2 weights or model file (by layer order, as Keras does). Everything is
     * checked first (every weight present, of the right shape, nothing left over), so a failure changes nothing.
     *
     * @throws ModelFormatException naming the file, the first wrong path in it and every problem (missing or extra
     *     weights, shapes in the file and in the model)
     * @throws IllegalStateException if the model is not built (it has no weights to load into)
     */
    public static void loadWeights(Model model, Path path) {
        loadWeights(model, WeightsFile.readFile(path), path.toString());
    }

    /**
     * Loads weights from the bytes of a weights or model file read from {@code in} to its end; see
     * {@link #loadWeights(Model, Path)}. Messages name the source {@code <input stream>}. The stream is not closed.
     *
     * @throws ModelFormatException as for a file, or if the data is longer than the 2 GiB Strata reads
     * @throws IllegalStateException if the model is not built
     * @throws UncheckedIOException if reading the stream fails
     */
    public static void loadWeights(Model model, InputStream in) {
        loadWeights(model, readStream(in), STREAM);
    }

    private static void loadWeights(Model model, byte[] bytes, String source) {
        switch (FileFormat.sniff(bytes)) {
            case KERAS_ZIP -> {
                KerasArchive archive = KerasArchive.read(bytes, source);
                loadWeights(model, archive.weights(), source, KerasArchive.WEIGHTS + ":");
            }
            case HDF5 -> loadWeights(model, WeightsFile.read(bytes, source), source, "");
            case UNKNOWN -> throw new ModelFormatException(source, null, "neither a .weights.h5 (HDF5) nor a .keras "
                    + "file (" + FileFormat.describeStart(bytes) + ")");
        }
    }

    /** Loads weights from an HDF5 tree already read; see {@link #loadWeights(Model, Path)}. */
    static void loadWeights(Model model, WeightsFile file) {
        loadWeights(model, file, file.source() == null ? "<in-memory weights>" : file.source(), "");
    }

    private static void loadWeights(Model model, WeightsFile file, String source, String prefix) {
        if (!model.isBuilt()) {
            throw new IllegalStateException(model.describe() + " is not built yet, so it has no weights to load "
                    + source + " into; build it first (buildForSamples(...) with its input shapes, or call it on "
                    + "data)");
        }
        if (LegacyH5.isLegacy(file)) {
            LegacyH5 legacy = LegacyH5.from(file);
            LegacyModels.assignByOrder(model, legacy, source,
                    legacy.kind() == LegacyH5.Kind.FULL_MODEL ? "/model_weights" : "/");
            return;
        }
        Predicate<Model> preferred = WeightWalk.graphRule(ConfigOptions.SubclassedForm.FUNCTIONAL_WITH_CLASS);
        WeightsIO.read(model, file, new WeightsIO.ReadSpec(source, prefix, preferred, true, Map.of(),
                model.isCompiled(), false));
    }

    // ---- shared --------------------------------------------------------------------------------------------------

    private static byte[] readStream(InputStream in) {
        return WeightsFile.readStream(in, STREAM, WeightsFile.MAX_FILE_BYTES, "data");
    }

    private static void write(byte[] bytes, OutputStream out) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the stream: " + e, e);
        }
    }

    private static Object parse(String source, String member, String json) {
        try {
            return KerasConfig.parseJson(json);
        } catch (KerasConfigException e) {
            throw new ModelFormatException(source, member, e.getMessage(), e);
        }
    }

    /**
     * Runs a config reader under a weight budget of {@code budget} values, turning every failure into a
     * {@link ModelFormatException} at {@code where}: the reader's own errors, and whatever a layer's constructor or
     * build throws for values the file chose.
     */
    static <T> T readConfig(String source, String where, long budget, Supplier<T> read) {
        try {
            return WeightBudget.with(budget, read);
        } catch (ModelFormatException e) {
            throw e;
        } catch (KerasConfigException e) {
            throw new ModelFormatException(source, where, e.getMessage(), e);
        } catch (WeightBudget.ExceededException e) {
            throw new ModelFormatException(source, where, e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelFormatException(source, where, "cannot build the model it describes: " + e, e);
        } catch (StackOverflowError e) {
            throw new ModelFormatException(source, where, "the config is nested too deeply to build", null);
        }
    }

    /** The number of values in all datasets of a file: no architecture loaded with it may need more. */
    static long totalValues(WeightsFile file) {
        long[] n = {0};
        file.root().walk(node -> {
            if (node instanceof H5Dataset d) {
                n[0] += d.size();
            }
        });
        return n[0];
    }
}
