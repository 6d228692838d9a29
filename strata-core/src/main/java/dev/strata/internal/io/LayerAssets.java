package dev.strata.internal.io;

import dev.strata.tensor.Tensor;
import java.util.Map;

/**
 * A layer that keeps files beside its weights in a {@code .keras} archive, as Keras's {@code save_assets} /
 * {@code load_assets} (the lookup layers' {@code vocabulary.txt}): the files go to
 * {@code assets/<the layer's path in the object walk>/<name>}.
 */
public interface LayerAssets {
    /** The files to write, by name (no directories); empty for none. */
    Map<String, byte[]> saveAssets();

    /**
     * Reads the files saved for the layer (by name; possibly none), after its weights were loaded.
     *
     * @param where the files' directory in the archive, for messages (ends in {@code /})
     * @throws IllegalArgumentException if a file is missing or malformed; the message names the layer
     */
    void loadAssets(Map<String, byte[]> files, String where);

    /**
     * Values the layer keeps in its {@code vars} group under names of their own rather than as numbered variables
     * (Keras's {@code save_own_variables} writing {@code store["idf_weights"]}); empty by default.
     */
    default Map<String, Tensor> saveNamedValues() {
        return Map.of();
    }

    /** Whether a dataset of this name in the layer's {@code vars} group is one of its named values. */
    default boolean readsNamedValue(String name) {
        return false;
    }

    /** Receives a named value read from the file, before {@link #loadAssets}. */
    default void loadNamedValue(String name, Tensor value) {
    }
}
