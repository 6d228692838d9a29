package dev.strata.internal;

import dev.strata.tensor.Variable;
import java.util.List;

/**
 * What saving (and TensorBoard's weight paths) need to see of a layer that its public API keeps to subclasses: its own weights (not its
 * sublayers') in creation order, and the sublayers given to {@code track(...)}. The layers package installs the
 * implementation (the "shared secrets" pattern of {@link TensorAccess}), so none of this is public API. Layers
 * are typed {@code Object} here because this package sits below the layers package.
 */
public final class LayerAccess {
    /** Implemented by the layers package. */
    public interface Accessor {
        /** The layer's own weights, in creation order. */
        List<Variable> ownWeights(Object layer);

        /** The sublayers registered with {@code track(...)}, in order. */
        List<?> explicitlyTracked(Object layer);

        /** All the directly tracked sublayers (fields, collections, {@code track(...)}), in order. */
        List<?> sublayers(Object layer);
    }

    private static volatile Accessor accessor;

    private LayerAccess() {
    }

    /** Called once, by {@code Layer}'s class initializer. */
    public static void install(Accessor implementation) {
        if (accessor != null) {
            throw new IllegalStateException("LayerAccess is already installed");
        }
        accessor = implementation;
    }

    /** The layer's own weights, in creation order (Keras's {@code _trainable_variables} then the others, mixed). */
    public static List<Variable> ownWeights(Object layer) {
        return accessor.ownWeights(layer); // an instance exists, so Layer's initializer has run
    }

    /** The sublayers registered with {@code track(...)}. */
    public static List<?> explicitlyTracked(Object layer) {
        return accessor.explicitlyTracked(layer);
    }

    /** All the directly tracked sublayers, in order (the name scopes of nested weights' paths). */
    public static List<?> sublayers(Object layer) {
        return accessor.sublayers(layer);
    }
}
