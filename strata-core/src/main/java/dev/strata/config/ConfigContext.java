package dev.strata.config;

import dev.strata.internal.config.Registry;
import java.util.Map;
import java.util.Optional;

/**
 * What reading configs may use besides the configs themselves, like the {@code custom_objects} and
 * {@code safe_mode} arguments of Keras's {@code deserialize_keras_object}: custom classes and objects given for this
 * read (by registered name or class name), and whether safe mode is on (then configs that would run code they carry,
 * such as a Lambda layer's function, are refused). Classes registered with {@link SavingRegistry} are found
 * without being given. Subclasses may watch what is made ({@link #made}).
 */
public class ConfigContext {
    /** Safe mode, no custom objects beyond the registered classes. */
    public static final ConfigContext DEFAULT = new ConfigContext(true, Map.of());

    private final boolean safeMode;
    private final boolean compile;
    private final Map<String, Object> customObjects;

    /**
     * A context that compiles models from their {@code compile_config}.
     *
     * @param customObjects classes ({@code Class}) and other objects (a Lambda layer's function) by the name a
     *     config uses for them
     */
    public ConfigContext(boolean safeMode, Map<String, ?> customObjects) {
        this(safeMode, true, customObjects);
    }

    /**
     * @param compile whether models are compiled from their {@code compile_config} (Keras's {@code compile} argument
     *     of {@code load_model})
     */
    public ConfigContext(boolean safeMode, boolean compile, Map<String, ?> customObjects) {
        this.safeMode = safeMode;
        this.compile = compile;
        this.customObjects = Map.copyOf(customObjects);
    }

    /** Whether models are compiled from their {@code compile_config}. */
    public boolean compile() {
        return compile;
    }

    /** Whether configs that carry code are refused (Keras's {@code safe_mode}). */
    public boolean safeMode() {
        return safeMode;
    }

    /** The custom object given for this read under {@code name}, if any. */
    public Optional<Object> customObject(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(customObjects.get(name));
    }

    /**
     * The user class a config names: given in this context (by registered name, then class name), else registered
     * in {@link SavingRegistry} (by registered name, then by class name if exactly one class has it); null if none.
     * Loading never instantiates a class just because a file names it.
     */
    public Class<?> customClass(String className, String registeredName) {
        for (String key : new String[] {registeredName, className}) {
            if (key != null && customObjects.get(key) instanceof Class<?> c) {
                return c;
            }
        }
        if (registeredName != null) {
            Optional<Class<?>> c = SavingRegistry.lookup(registeredName);
            if (c.isPresent()) {
                return c.get();
            }
        }
        return Registry.lookupByName(className).orElse(null);
    }

    /**
     * Reports something left out or worked around while reading (a metric Strata lacks, a model left uncompiled).
     * Logs it to the {@code dev.strata.config} {@link System.Logger} at level WARNING by default; loading sends it to
     * its options' warning sink.
     */
    public void warn(String message) {
        System.getLogger("dev.strata.config").log(System.Logger.Level.WARNING, "Strata: " + message);
    }

    /**
     * Reads a serialized object itself, or returns null to have the generic reader do it. Called for every
     * serialized dict first. Loading uses it for forms only its files carry (a subclassed model written beside its
     * traced graph, Keras 2's Sequential configs); a reader that hands a dict on to
     * {@link KerasObjects#deserialize} again must change it first, or it is asked again.
     *
     * @param kind what the caller expects (Layer, Initializer...)
     */
    protected Object read(Map<String, Object> serialized, Class<?> kind, String where) {
        return null;
    }

    /**
     * Called for every object made from a serialized dict, with the class name the dict gave (which may differ from
     * the Java class's simple name for a registered class). Does nothing by default; loading uses it to follow the
     * names Keras's weight paths are built from.
     */
    protected void made(Object object, String className) {
    }

    final void notifyMade(Object object, String className) {
        made(object, className);
    }
}
