package dev.strata.optimizers;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Optimizers by name, like {@code keras.optimizers.get} (what {@code compile(optimizer = "adam")} resolves), and
 * Keras's {@code keras.optimizers.serialize} and {@code deserialize}. The names are those of the optimizer classes
 * Strata has, found by discovery as every Keras class is (see {@link dev.strata.config.KerasObject}): a new
 * optimizer class is known here by existing.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");   // new RMSprop() with Keras's defaults
 * Map<String, Object> saved = Optimizers.serialize(opt);
 *     // {"module": "keras.optimizers", "class_name": "RMSprop", "config": {"name": "rm_sprop", ...}, ...}
 * Optimizer again = Optimizers.deserialize(saved, ConfigContext.DEFAULT);
 * }</pre>
 */
public final class Optimizers {
    private Optimizers() {
    }

    /**
     * A new optimizer with Keras's defaults, by the name of its class in any case ({@code "sgd"}, {@code "adam"},
     * {@code "adamw"}, {@code "rmsprop"}, {@code "SGD"}, {@code "AdamW"}, {@code "RMSprop"}, ...).
     *
     * @throws IllegalArgumentException for any other name; the message lists the known ones
     */
    public static Optimizer get(String name) {
        Optimizer optimizer = name == null ? null : KerasObjects.builtIn(name, Optimizer.class);
        if (optimizer == null) {
            throw new IllegalArgumentException("Unknown optimizer: '" + name + "'. Known optimizers: "
                    + KerasObjects.builtInNames(Optimizer.class).stream().map(n -> n.toLowerCase(Locale.ROOT))
                    .sorted().collect(Collectors.joining(", ")) + " (case-insensitive)");
        }
        return optimizer;
    }

    /**
     * Keras's {@code keras.optimizers.serialize}: {@code {"module": "keras.optimizers", "class_name": "Adam",
     * "config": {...}, "registered_name": null}} for Strata's optimizers; a user's optimizer is written with
     * {@code "module": null} and its registered name.
     *
     * @throws dev.strata.config.KerasConfigException if a user's optimizer could not be made again from what is
     *     written (the message names the class and what to add)
     */
    public static Map<String, Object> serialize(Optimizer optimizer) {
        return optimizer == null ? null : KerasObjects.serialize(optimizer, optimizer.describe());
    }

    /**
     * Keras's {@code keras.optimizers.deserialize}: an optimizer from its serialized dict (Keras 3's, or Keras 2's
     * with {@code lr} or {@code "Custom>Adam"}), or from a name as {@link #get(String)} reads it.
     *
     * @throws dev.strata.config.KerasConfigException if the dict names an optimizer Strata lacks (and that is not
     *     registered), or has a key or value the optimizer does not take; the message names the class and the key
     */
    public static Optimizer deserialize(Object serialized, ConfigContext context) {
        return KerasObjects.deserialize(serialized, Optimizer.class, context, "optimizer");
    }
}
