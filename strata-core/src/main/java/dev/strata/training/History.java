package dev.strata.training;

import dev.strata.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The record of a {@code fit}: one value per epoch for each log name, like {@code keras.callbacks.History};
 * {@code fit} returns it (the one given among its callbacks, else one it adds).
 *
 * <pre>{@code
 * History h = model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2));
 * List<Double> valLoss = h.get("val_loss");
 * h.plot(Path.of("history.png"));   // or .svg: one panel per metric, training against validation
 * }</pre>
 */
public class History implements TrainingListener {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> history = new LinkedHashMap<>();
    /** The epoch of each value (a value can be missing from some epochs, as with {@code validationFreq}). */
    private final Map<String, List<Integer>> valueEpochs = new LinkedHashMap<>();

    /** An empty history, filled by the run it is given to. */
    public History() {
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochs.clear();
        history.clear();
        valueEpochs.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            valueEpochs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(epoch);
        }
    }

    /** The values of every log name, epoch by epoch ({@code history.history} in Keras). */
    public Map<String, List<Double>> history() {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The values of one log name, epoch by epoch.
     *
     * @throws NoSuchElementException naming the keys there are
     */
    public List<Double> get(String key) {
        List<Double> v = history.get(key);
        if (v == null) {
            throw new NoSuchElementException("History has no '" + key + "'; keys are " + history.keySet());
        }
        return List.copyOf(v);
    }

    /** The log names recorded, in order. */
    public List<String> keys() {
        return List.copyOf(history.keySet());
    }

    /** The (0-based) epochs recorded. */
    public List<Integer> epochs() {
        return List.copyOf(epochs);
    }

    /**
     * Draws the training curves to {@code file}: a PNG or an SVG picture by the file's extension ({@code .png},
     * {@code .svg}), 800 x 500, one panel per metric with the training values against the validation ones
     * ({@code loss} and {@code val_loss} together), epochs (from 1) on the x axis. See
     * {@link #plot(Path, PlotOptions)}.
     *
     * @throws IllegalArgumentException if the extension is neither {@code .png} nor {@code .svg}
     * @throws UncheckedIOException if the file cannot be written (an existing file is then left as it was)
     */
    public void plot(Path file) {
        plot(file, new PlotOptions());
    }

    /**
     * Draws the training curves to {@code file} (PNG or SVG by its extension) with the given size, metrics and
     * title. Values that are NaN or infinite leave a gap in their curve; a panel with no finite value says so, and
     * an empty history gives a picture saying that no epoch was recorded. Missing directories are created and the
     * file is written atomically, so a failed write leaves no partial picture.
     *
     * @throws IllegalArgumentException for another extension, or a metric the history does not have
     * @throws UncheckedIOException if the file cannot be written
     */
    public void plot(Path file, PlotOptions options) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean png = name.endsWith(".png");
        if (!png && !name.endsWith(".svg")) {
            throw new IllegalArgumentException("History.plot writes a .png or an .svg picture, chosen by the file's "
                    + "extension; got '" + file + "'");
        }
        CurveChart chart = chart(options);
        byte[] bytes = png ? CurvePng.encode(chart) : chart.svg().getBytes(StandardCharsets.UTF_8);
        Path dir = file.toAbsolutePath().getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("History.plot cannot write '" + file + "': " + e, e);
        }
        try {
            AtomicFiles.write(file, bytes);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("History.plot cannot write '" + file + "': " + e.getCause(), e.getCause());
        }
    }

    /**
     * The curves as SVG text, as {@link #plot(Path, PlotOptions)} writes them to an {@code .svg} file.
     *
     * @throws IllegalArgumentException for a metric the history does not have
     */
    public String toSvg(PlotOptions options) {
        return chart(options).svg();
    }

    private CurveChart chart(PlotOptions options) {
        return CurveChart.of(history, valueEpochs, options);
    }

    @Override
    public String toString() {
        return "History" + history;
    }
}
