package dev.strata.saving;

import dev.strata.config.SavingRegistry;
import dev.strata.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How to load a model config, like the arguments of Keras's {@code load_model} / {@code from_config}.
 *
 * <pre>{@code
 * Model m = KerasConfig.modelFromJson(json, new LoadOptions()
 *         .customObject("Custom>WideAndDeepModel", WideAndDeepModel.class)
 *         .safeMode(false).lambda("scale", x -> Ops.multiply(x, 2f)));
 * }</pre>
 */
public final class LoadOptions {
    private boolean safeMode = true;
    private boolean compile = true;
    private boolean requireSubclass;
    private boolean restoreRandomState;
    private final Map<String, Class<?>> customObjects = new LinkedHashMap<>();
    private final Map<String, Function<Tensor, Tensor>> lambdas = new LinkedHashMap<>();
    private java.util.function.Consumer<String> warnings = ConfigOptions::log;

    /** Keras's defaults: safe mode, compile from the saved compile config. */
    public LoadOptions() {
    }

    /**
     * Keras's {@code safe_mode} (default true): Lambda layers in a config are refused, since their code cannot be
     * checked. With {@code false}, a Lambda layer loads when its function is given with {@link #lambda}.
     */
    public LoadOptions safeMode(boolean safe) {
        this.safeMode = safe;
        return this;
    }

    /** Whether Lambda layers are refused. */
    public boolean safeMode() {
        return safeMode;
    }

    /**
     * Whether to compile the loaded model from the saved {@code compile_config} (default true, as Keras's
     * {@code compile=True}): optimizer, losses, loss weights and metrics, so training can continue.
     */
    public LoadOptions compile(boolean compile) {
        this.compile = compile;
        return this;
    }

    /** Whether the loaded model is compiled from the saved compile config. */
    public boolean compile() {
        return compile;
    }

    /**
     * A class loading may instantiate under {@code registeredName} (or its class name), for this load only, like
     * Keras's {@code custom_objects}; see {@link SavingRegistry} for registering it for good.
     */
    public LoadOptions customObject(String registeredName, Class<?> type) {
        customObjects.put(Objects.requireNonNull(registeredName, "registeredName"), Objects.requireNonNull(type,
                "type"));
        return this;
    }

    /** The classes given with {@link #customObject}, by name. */
    public Map<String, Class<?>> customObjects() {
        return Collections.unmodifiableMap(customObjects);
    }

    /**
     * The function of the Lambda layer named {@code layerName}: a config cannot carry Java code, so the caller
     * supplies it. Used only with {@link #safeMode(boolean) safeMode(false)}.
     */
    public LoadOptions lambda(String layerName, Function<Tensor, Tensor> function) {
        lambdas.put(Objects.requireNonNull(layerName, "layerName"), Objects.requireNonNull(function, "function"));
        return this;
    }

    /** The Lambda functions given, by layer name. */
    public Map<String, Function<Tensor, Tensor>> lambdas() {
        return Collections.unmodifiableMap(lambdas);
    }

    /**
     * For a subclassed model saved with its traced graph (see {@link ConfigOptions.SubclassedForm}): fail when its
     * class is not registered, instead of loading the graph as a Functional model (default false).
     */
    public LoadOptions requireSubclass(boolean require) {
        this.requireSubclass = require;
        return this;
    }

    /** Whether a subclassed model must load as its class. */
    public boolean requireSubclass() {
        return requireSubclass;
    }

    /**
     * Whether loading a {@code .keras} file that Strata saved also restores Strata's global random generator (see
     * {@link dev.strata.Strata#setRandomSeed}) to its state at saving (default false). With it, training that
     * continues from the file draws the same shuffles and dropout masks as training that never stopped, to the
     * last bit; {@code BackupAndRestore} does this. It is off by default because it resets randomness for the whole
     * program: loading one file twice would then repeat the same random draws.
     */
    public LoadOptions restoreRandomState(boolean restore) {
        this.restoreRandomState = restore;
        return this;
    }

    /** Whether loading restores the random generator's saved state. */
    public boolean restoreRandomState() {
        return restoreRandomState;
    }

    /**
     * Where warnings go, such as a class that could not be made from its config so that its saved graph was loaded
     * instead (default: the {@code dev.strata.saving} {@link System.Logger}, level WARNING).
     */
    public LoadOptions warnings(java.util.function.Consumer<String> sink) {
        this.warnings = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /** Sends a warning to the sink. */
    void warn(String message) {
        warnings.accept(message);
    }

    /** A copy, for adding entries without touching the caller's options. */
    LoadOptions copy() {
        LoadOptions c = new LoadOptions().safeMode(safeMode).compile(compile).requireSubclass(requireSubclass)
                .restoreRandomState(restoreRandomState).warnings(warnings);
        c.customObjects.putAll(customObjects);
        c.lambdas.putAll(lambdas);
        return c;
    }
}
