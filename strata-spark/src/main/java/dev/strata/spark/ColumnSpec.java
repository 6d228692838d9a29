package dev.strata.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which columns of a DataFrame feed which input of a model, and which hold the labels of which output: one group of
 * columns per model input (in the model's input order) and one per output. The columns of a group are concatenated
 * in order into one row of floats: a numeric column (double, float, long, int, short, byte, boolean) gives one
 * value, an array column ({@code array<double>}, {@code array<float>}, ...) or a Spark ML {@code Vector} column gives
 * its elements, the same number in every row. When the model's input has a shape beyond one axis (an image), the
 * row is reshaped to it.
 *
 * <pre>{@code
 * ColumnSpec spec = ColumnSpec.input("MedInc", "HouseAge", "AveRooms", "AveBedrms", "Population")   // input 0
 *         .andInput("AveRooms", "AveBedrms", "Population", "AveOccup", "Latitude", "Longitude")       // input 1
 *         .labels("MedHouseVal");                                                                    // output 0
 * ColumnSpec images = ColumnSpec.input("pixels").labels("label");     // one array column, one label column
 * }</pre>
 *
 * @param inputs one list of column names per model input
 * @param labels one list of column names per model output; empty for prediction
 */
public record ColumnSpec(List<List<String>> inputs, List<List<String>> labels) implements Serializable {
    /**
     * Checks and copies the lists.
     *
     * @throws IllegalArgumentException if there is no input group, or a group is empty or names a column twice
     */
    public ColumnSpec {
        Objects.requireNonNull(inputs, "inputs");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("ColumnSpec: no input columns; give one group of columns per model "
                    + "input");
        }
        inputs = copy(inputs, "input");
        labels = labels == null ? List.of() : copy(labels, "label");
    }

    /** The columns of the model's first (or only) input; add more inputs with {@link #andInput}. */
    public static ColumnSpec input(String... columns) {
        return new ColumnSpec(List.of(List.of(columns)), List.of());
    }

    /** The same spec with one more model input fed by {@code columns}. */
    public ColumnSpec andInput(String... columns) {
        List<List<String>> more = new ArrayList<>(inputs);
        more.add(List.of(columns));
        return new ColumnSpec(more, labels);
    }

    /** The same spec with one more model output whose labels are {@code columns}. */
    public ColumnSpec labels(String... columns) {
        List<List<String>> more = new ArrayList<>(labels);
        more.add(List.of(columns));
        return new ColumnSpec(inputs, more);
    }

    /** Every column the spec reads, inputs first, each once, in order. */
    public List<String> allColumns() {
        List<String> out = new ArrayList<>();
        for (List<List<String>> groups : List.of(inputs, labels)) {
            for (List<String> g : groups) {
                for (String c : g) {
                    if (!out.contains(c)) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static List<List<String>> copy(List<List<String>> groups, String what) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<String> g = groups.get(i);
            if (g == null || g.isEmpty()) {
                throw new IllegalArgumentException("ColumnSpec: " + what + " group " + i + " has no columns");
            }
            for (int k = 0; k < g.size(); k++) {
                String c = g.get(k);
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException("ColumnSpec: " + what + " group " + i + " has a blank column "
                            + "name at position " + k);
                }
                if (g.indexOf(c) != k) {
                    throw new IllegalArgumentException("ColumnSpec: " + what + " group " + i + " names column '" + c
                            + "' twice");
                }
            }
            out.add(List.copyOf(g));
        }
        return List.copyOf(out);
    }
}
