package dev.strata.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The record of a {@code fit}: one value per epoch for each log name, like {@code keras.callbacks.History};
 * {@code fit} returns it (the one given among its callbacks, else one it adds).
 *
 * <pre>{@code
 * History h = model.fit(x, y, new FitOptions().epochs(20).validationSplit(0.2));
 * List<Double> valLoss = h.get("val_loss");
 * }</pre>
 */
public class History implements TrainingListener {
    private final List<Integer> epochs = new ArrayList<>();
    private final Map<String, List<Double>> history = new LinkedHashMap<>();

    /** An empty history, filled by the run it is given to. */
    public History() {
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        epochs.clear();
        history.clear();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        epochs.add(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            history.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
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

    @Override
    public String toString() {
        return "History" + history;
    }
}
