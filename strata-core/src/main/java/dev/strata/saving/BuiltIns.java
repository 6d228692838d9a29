package dev.strata.saving;

import dev.strata.config.KerasObjects;
import java.util.Map;

/**
 * What is left of the hand-kept table of built-in classes: the envelope of the few objects saving writes itself
 * (the {@code Sequential} model, its {@code InputLayer} and the dtype policy). Layers, initializers, regularizers,
 * losses, metrics and optimizers declare their Keras identity, config and from-config in their own classes and are
 * found by discovery ({@link dev.strata.config.KerasObject}).
 */
final class BuiltIns {
    private BuiltIns() {
    }

    /** {@code {"module": module, "class_name": className, "config": config, "registered_name": null}}. */
    static Map<String, Object> object(String module, String className, Map<String, Object> config) {
        return KerasObjects.envelope(module, className, config, null);
    }
}
