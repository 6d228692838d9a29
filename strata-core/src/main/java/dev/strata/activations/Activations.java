package dev.strata.activations;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The built-in activations, with Keras 3's {@code keras.activations} names and defaults. Each is a constant
 * ({@code Activations.SIGMOID}) and is found by name ({@code Activations.get("sigmoid")}); the factories
 * ({@link #leakyRelu(float)}, {@link #softmax(int)}, ...) give the ones with other arguments.
 *
 * <pre>{@code
 * Tensor p = Activations.SOFTMAX.apply(logits);
 * Layer hidden = new Dense(30, Activations.get("gelu"));
 * }</pre>
 *
 * <p>Differences from {@code keras.ops} that Keras itself makes: the activation {@code gelu} is exact
 * ({@code approximate=false}), while {@code Ops.gelu} defaults to the tanh approximation. Aliases resolve to
 * the same object, so {@code "swish"} saves as {@code "silu"} and {@code "hard_swish"} as {@code "hard_silu"},
 * as in Keras. Not provided: {@code glu} and {@code sparsemax} (they need split and sort ops) and
 * {@code threshold} (it has no defaults to call it with).
 */
public final class Activations {
    private static final Map<String, Activation> BY_NAME = new LinkedHashMap<>();

    /** The identity; what {@code null} or {@code "linear"} mean. */
    public static final Activation LINEAR = register(of("linear", x -> x));
    /** {@code max(x, 0)}. */
    public static final Activation RELU = register(of("relu", Ops::relu));
    /** Leaky ReLU with Keras's default slope 0.2: {@code x} for {@code x >= 0}, else {@code 0.2·x}. */
    public static final Activation LEAKY_RELU = register(of("leaky_relu", x -> Ops.leakyRelu(x, 0.2f)));
    /** {@code min(max(x, 0), 6)}. */
    public static final Activation RELU6 = register(of("relu6", Ops::relu6));
    /** Softmax over the last axis. */
    public static final Activation SOFTMAX = register(of("softmax", x -> Ops.softmax(x, -1)));
    /** Log-softmax over the last axis. */
    public static final Activation LOG_SOFTMAX = register(of("log_softmax", x -> Ops.logSoftmax(x, -1)));
    /** ELU with {@code alpha = 1}. */
    public static final Activation ELU = register(of("elu", x -> Ops.elu(x, 1f)));
    /** SELU, with Keras's constants. */
    public static final Activation SELU = register(of("selu", Ops::selu));
    /** {@code log(1 + e^x)}. */
    public static final Activation SOFTPLUS = register(of("softplus", Ops::softplus));
    /** {@code x / (1 + |x|)}. */
    public static final Activation SOFTSIGN = register(of("softsign", Ops::softsign));
    /** SiLU (swish), {@code x·sigmoid(x)}. */
    public static final Activation SILU = register(of("silu", Ops::silu));
    /** Swish: the same object as {@link #SILU} (Keras's alias; it saves as {@code "silu"}). */
    public static final Activation SWISH = SILU;
    /** Exact GELU, {@code x·Φ(x)} (Keras's activation default, {@code approximate=false}). */
    public static final Activation GELU = register(of("gelu", x -> Ops.gelu(x, false)));
    /** The hyperbolic tangent. */
    public static final Activation TANH = register(of("tanh", Ops::tanh));
    /** {@code 1 / (1 + e^-x)}. */
    public static final Activation SIGMOID = register(of("sigmoid", Ops::sigmoid));
    /** Keras 3's hard sigmoid, {@code relu6(x + 3) / 6}. */
    public static final Activation HARD_SIGMOID = register(of("hard_sigmoid", Ops::hardSigmoid));
    /** {@code e^x}. */
    public static final Activation EXPONENTIAL = register(of("exponential", Ops::exp));
    /** Mish, {@code x·tanh(softplus(x))}. */
    public static final Activation MISH = register(of("mish", x -> Ops.multiply(x, Ops.tanh(Ops.softplus(x)))));
    /** {@code log(sigmoid(x)) = -softplus(-x)}, finite for finite x. */
    public static final Activation LOG_SIGMOID = register(of("log_sigmoid", Ops::logSigmoid));
    /** CELU with {@code alpha = 1}: {@code max(x, 0) + alpha·expm1(min(x, 0) / alpha)}. */
    public static final Activation CELU = register(celuNamed(1f));
    /** Hard SiLU (hard swish), {@code x·hard_sigmoid(x)}. */
    public static final Activation HARD_SILU = register(of("hard_silu", Ops::hardSilu));
    /** Hard swish: the same object as {@link #HARD_SILU} (it saves as {@code "hard_silu"}). */
    public static final Activation HARD_SWISH = HARD_SILU;
    /** {@code x} limited to {@code [-1, 1]}. */
    public static final Activation HARD_TANH = register(of("hard_tanh", Ops::hardTanh));
    /** {@code x - tanh(x)}. */
    public static final Activation TANH_SHRINK = register(of("tanh_shrink", Ops::tanhShrink));
    /** Soft shrink with threshold 0.5: {@code x ∓ 0.5} outside {@code [-0.5, 0.5]}, else 0. */
    public static final Activation SOFT_SHRINK = register(softShrinkNamed(0.5f));
    /** Hard shrink with threshold 0.5: {@code x} where {@code |x| > 0.5}, else 0. */
    public static final Activation HARD_SHRINK = register(hardShrinkNamed(0.5f));
    /** Squareplus with {@code b = 4}: {@code (x + √(x² + b)) / 2}. */
    public static final Activation SQUAREPLUS = register(squareplusNamed(4f));
    /** Sparse plus: 0 for {@code x <= -1}, {@code x} for {@code x >= 1}, else {@code (x + 1)² / 4}. */
    public static final Activation SPARSE_PLUS = register(of("sparse_plus", Ops::sparsePlus));
    /** Sparse sigmoid, {@code clip((x + 1) / 2, 0, 1)}. */
    public static final Activation SPARSE_SIGMOID = register(of("sparse_sigmoid", Ops::sparseSigmoid));

    static {
        // Keras's aliases: the same function under a second name.
        BY_NAME.put("swish", SILU);
        BY_NAME.put("hard_swish", HARD_SILU);
    }

    private Activations() {
    }

    /**
     * The activation with Keras's name; {@code null} and {@code "linear"} give the identity.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Activation get(String name) {
        if (name == null) {
            return LINEAR;
        }
        Activation a = BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + BY_NAME.keySet());
        }
        return a;
    }

    /**
     * The activation a config value names, like Keras's {@code activations.get}: null is {@code linear}, a string is
     * looked up by {@link #get}.
     *
     * @throws IllegalArgumentException for an unknown name or a value that is not a name
     */
    public static Activation deserialize(Object value) {
        if (value == null || value instanceof String) {
            return get((String) value);
        }
        throw new IllegalArgumentException("an activation must be saved as its name, got " + value);
    }

    /** The names {@link #get} knows, aliases included, in registration order. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** An activation from a function and a name (for your own; it saves under that name). */
    public static Activation of(String name, UnaryOperator<Tensor> function) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        return new Named(name, function);
    }

    // ---- the ones with arguments (Keras's keyword arguments); they keep Keras's name --------------------------

    /** Leaky ReLU with the given slope for negative inputs. */
    public static Activation leakyRelu(float negativeSlope) {
        return of("leaky_relu", x -> Ops.leakyRelu(x, negativeSlope));
    }

    /** ELU with the given {@code alpha}. */
    public static Activation elu(float alpha) {
        return of("elu", x -> Ops.elu(x, alpha));
    }

    /** Softmax over {@code axis}. */
    public static Activation softmax(int axis) {
        return of("softmax", x -> Ops.softmax(x, axis));
    }

    /** Log-softmax over {@code axis}. */
    public static Activation logSoftmax(int axis) {
        return of("log_softmax", x -> Ops.logSoftmax(x, axis));
    }

    /** GELU, exact or (with {@code approximate}) the tanh approximation. */
    public static Activation gelu(boolean approximate) {
        return of("gelu", x -> Ops.gelu(x, approximate));
    }

    /** CELU with the given {@code alpha}. */
    public static Activation celu(float alpha) {
        return celuNamed(alpha);
    }

    /** Soft shrink with the given threshold. */
    public static Activation softShrink(float threshold) {
        return softShrinkNamed(threshold);
    }

    /** Hard shrink with the given threshold. */
    public static Activation hardShrink(float threshold) {
        return hardShrinkNamed(threshold);
    }

    /** Squareplus with smoothness {@code b}. */
    public static Activation squareplus(float b) {
        return squareplusNamed(b);
    }

    // ---- definitions -----------------------------------------------------------------------------------------

    private static Activation celuNamed(float alpha) {
        return of("celu", x -> Ops.celu(x, alpha));
    }

    private static Activation softShrinkNamed(float t) {
        return of("soft_shrink", x -> Ops.softShrink(x, t));
    }

    private static Activation hardShrinkNamed(float t) {
        return of("hard_shrink", x -> Ops.hardShrink(x, t));
    }

    private static Activation squareplusNamed(float b) {
        return of("squareplus", x -> Ops.squareplus(x, b));
    }

    private static Activation register(Activation a) {
        BY_NAME.put(a.name(), a);
        return a;
    }

    private record Named(String name, UnaryOperator<Tensor> function) implements Activation {
        @Override
        public Tensor apply(Tensor x) {
            return function.apply(x);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
