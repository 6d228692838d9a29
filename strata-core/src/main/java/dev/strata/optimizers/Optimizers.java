package dev.strata.optimizers;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Optimizers by name, like {@code keras.optimizers.get}: what {@code compile(optimizer = "adam")} resolves.
 *
 * <pre>{@code
 * Optimizer opt = Optimizers.get("rmsprop");   // new RMSprop() with Keras's defaults
 * }</pre>
 */
public final class Optimizers {
    /** Lower-case names; class names ({@code "SGD"}, {@code "AdamW"}, ...) match case-insensitively. */
    private static final Map<String, Supplier<Optimizer>> BY_NAME = Map.of(
            "sgd", SGD::new,
            "adam", Adam::new,
            "adamw", AdamW::new,
            "rmsprop", RMSprop::new);

    private Optimizers() {
    }

    /**
     * A new optimizer with Keras's defaults: {@code "sgd"}, {@code "adam"}, {@code "adamw"} or {@code "rmsprop"},
     * in any case (so the class names {@code "SGD"}, {@code "Adam"}, {@code "AdamW"} and {@code "RMSprop"} work
     * too).
     *
     * @throws IllegalArgumentException for any other name; the message lists the known ones
     */
    public static Optimizer get(String name) {
        Supplier<Optimizer> factory = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (factory == null) {
            throw new IllegalArgumentException("Unknown optimizer: '" + name + "'. Known optimizers: adam, "
                    + "adamw, rmsprop, sgd (case-insensitive)");
        }
        return factory.get();
    }
}
