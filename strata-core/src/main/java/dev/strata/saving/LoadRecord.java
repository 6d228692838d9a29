package dev.strata.saving;

import dev.strata.layers.Layer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What reading a config learned that the weight walk needs: the subclassed models made from a traced graph's entry
 * (their weights are at the graph's paths) and the Keras class names of custom objects whose Java class has another
 * name (list items are named after the class).
 */
final class LoadRecord {
    final Set<Layer> graphForm = Collections.newSetFromMap(new IdentityHashMap<>());
    final Map<Layer, String> classNames = new IdentityHashMap<>();
}
