package dev.strata.saving;

import dev.strata.config.SavingRegistry;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to write a model config.
 *
 * <pre>{@code
 * String json = KerasConfig.modelToJson(model, new ConfigOptions().subclassedForm(SubclassedForm.NATIVE));
 * }</pre>
 */
public final class ConfigOptions {
    /** How a subclassed model (one whose class is the user's) is written. */
    public enum SubclassedForm {
        /**
         * As Keras writes a subclassed model: {@code "module": null}, its class and registered name, and its config
         * (the auto-config: name, trainable, dtype and the constructor arguments). Loading needs the class.
         */
        NATIVE,
        /**
         * As the Functional model its trace gives: the same layers, wired as {@code call} used them. Python Keras
         * and Strata load it without the class, as a Functional model.
         */
        FUNCTIONAL,
        /**
         * The default: the traced Functional form, plus the native form under the extra top-level key
         * {@value KerasConfig#SUBCLASS_KEY}, which Keras ignores. Strata loads the class when it is registered and
         * the Functional graph otherwise; Python Keras loads the graph. A model that was never traced is written
         * {@link #NATIVE}.
         */
        FUNCTIONAL_WITH_CLASS
    }

    private SubclassedForm subclassedForm = SubclassedForm.FUNCTIONAL_WITH_CLASS;
    private boolean includeCompile = true;
    private boolean registerClasses = true;
    private Consumer<String> warnings = ConfigOptions::log;

    /** The defaults: subclassed models as graph plus class, compile configs, classes registered. */
    public ConfigOptions() {
    }

    /** How subclassed models are written (default {@link SubclassedForm#FUNCTIONAL_WITH_CLASS}). */
    public ConfigOptions subclassedForm(SubclassedForm form) {
        this.subclassedForm = Objects.requireNonNull(form, "form");
        return this;
    }

    /** How subclassed models are written. */
    public SubclassedForm subclassedForm() {
        return subclassedForm;
    }

    /** Whether models carry their {@code compile_config} (default true; false writes {@code {}}). */
    public ConfigOptions includeCompile(boolean include) {
        this.includeCompile = include;
        return this;
    }

    /** Whether models carry their {@code compile_config}. */
    public boolean includeCompile() {
        return includeCompile;
    }

    /**
     * Whether custom classes met while writing are registered with {@link SavingRegistry} (default true), so that
     * a model saved in this JVM loads again without registering its classes by hand.
     */
    public ConfigOptions registerClasses(boolean register) {
        this.registerClasses = register;
        return this;
    }

    /** Whether custom classes are registered while writing. */
    public boolean registerClasses() {
        return registerClasses;
    }

    /**
     * Where warnings go, such as a subclassed model saved as its graph only because its class could not be made
     * again from its config (default: the {@code dev.strata.saving} {@link System.Logger}, level WARNING).
     */
    public ConfigOptions warnings(Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** Sends a warning to the sink. */
    void warn(String message) {
        warnings.accept(message);
    }

    /** The default sink: Strata's saving logger. */
    static void log(String message) {
        System.getLogger("dev.strata.saving").log(System.Logger.Level.WARNING, "Strata: " + message);
    }
}
