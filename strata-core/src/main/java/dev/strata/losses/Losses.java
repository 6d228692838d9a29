package dev.strata.losses;

import dev.strata.ShapeException;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The built-in losses by Keras name, {@link #serialize}/{@link #deserialize} of any loss (Keras's
 * {@code keras.losses.serialize} and {@code deserialize}), and Keras's per-sample loss functions
 * ({@code keras.losses.mean_squared_error} and friends). The functions return one value per sample (the last axis
 * reduced), are differentiable and work on symbolic tensors.
 */
public final class Losses {
    /**
     * Keras's short names of losses ({@code keras.losses}' aliases) and Keras 2's {@code logcosh}, each also in upper
     * case. Every other name is a class found by discovery: its Keras class name in any case, or its snake_case form
     * (the name of Keras's loss function), so a new loss class is known here by existing.
     */
    private static final Map<String, String> ALIASES = aliases("mse", "MeanSquaredError", "mae", "MeanAbsoluteError",
            "mape", "MeanAbsolutePercentageError", "msle", "MeanSquaredLogarithmicError", "bce", "BinaryCrossentropy",
            "logcosh", "LogCosh");

    private Losses() {
    }

    // ---- serialization -----------------------------------------------------------------------------------

    /**
     * Keras's {@code keras.losses.serialize}: {@code {"module": "keras.losses", "class_name": "Huber", "config":
     * {"name": "huber_loss", "reduction": "sum_over_batch_size", "delta": 1.0}, "registered_name": null}}, or null for
     * none. A user's loss class is written with {@code module} null and its registered name.
     */
    public static Map<String, Object> serialize(Loss loss) {
        return loss == null ? null : KerasObjects.serialize(loss, loss.toString());
    }

    /**
     * Keras's {@code keras.losses.deserialize}: a loss from its serialized dict, or from a name as {@link #get(String)}
     * reads it; null for null. Strata's losses and registered user classes only.
     *
     * @throws IllegalArgumentException for an unknown name
     * @throws dev.strata.config.KerasConfigException for an unknown class, or a config key or value the class does not
     *     take, naming the class and the key
     */
    public static Loss deserialize(Object serialized, ConfigContext context) {
        return deserialize(serialized, context, "loss");
    }

    /** {@link #deserialize(Object, ConfigContext)}, with {@code where} naming the loss's place in messages. */
    public static Loss deserialize(Object serialized, ConfigContext context, String where) {
        if (serialized instanceof String name) {
            return get(name);
        }
        return KerasObjects.deserialize(serialized, Loss.class, context, where);
    }

    // ---- lookup ------------------------------------------------------------------------------------------

    /**
     * The loss for a Keras identifier, as {@code compile(loss=...)} resolves it: a class name
     * ({@code "MeanSquaredError"}) gives the loss with its default name; a function name or alias
     * ({@code "mean_squared_error"}, {@code "mse"}, {@code "MSE"}, {@code "mae"}, {@code "mape"}, {@code "msle"},
     * {@code "huber"}, {@code "log_cosh"}, {@code "binary_crossentropy"}, {@code "bce"},
     * {@code "categorical_crossentropy"}, {@code "sparse_categorical_crossentropy"}) gives the loss named with the
     * string itself, as Keras wraps such functions. {@code "logcosh"} (Keras 2's alias) is accepted too.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Loss get(String name) {
        Loss loss = name == null ? null : KerasObjects.builtIn(ALIASES.getOrDefault(name, name), Loss.class);
        if (loss == null) {
            String hint = name != null && isAutoCrossentropy(name) ? " ('" + name + "' picks binary, sparse or "
                    + "categorical crossentropy from the shapes: use get(name, yTrueShape, yPredShape))" : "";
            throw new IllegalArgumentException("unknown loss '" + name + "'" + hint + "; known losses: " + names()
                    + " (class names in any case, snake_case)");
        }
        if (!KerasObjects.builtInNames(Loss.class).contains(name)) {
            loss.rename(name); // a function name or alias: Keras wraps the function in a loss named with it
        }
        return loss;
    }

    /**
     * The loss for a Keras identifier given the shapes of the targets and predictions: as {@link #get(String)},
     * and {@code "crossentropy"} / {@code "ce"} (any case) choose binary crossentropy when y_pred's last
     * dimension is 1, sparse categorical when y_true has lower rank than y_pred or a last dimension of 1 while
     * y_pred's is larger, else categorical (Keras's {@code compile_utils.get_loss}), named with the string.
     */
    public static Loss get(String name, Shape yTrue, Shape yPred) {
        if (!isAutoCrossentropy(name)) {
            return get(name);
        }
        int tLast = yTrue.rank() == 0 ? Shape.UNKNOWN : yTrue.get(-1);
        int pLast = yPred.rank() == 0 ? Shape.UNKNOWN : yPred.get(-1);
        if (pLast == 1) {
            return new BinaryCrossentropy(false, 0.0, -1, Reduction.SUM_OVER_BATCH_SIZE, name);
        }
        if (yTrue.rank() < yPred.rank() || (tLast == 1 && pLast > 1)) {
            return new SparseCategoricalCrossentropy(false, null, Reduction.SUM_OVER_BATCH_SIZE, name);
        }
        return new CategoricalCrossentropy(false, 0.0, -1, Reduction.SUM_OVER_BATCH_SIZE, name);
    }

    /** One loss per identifier, for models with several outputs. */
    public static List<Loss> of(String... names) {
        List<Loss> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(get(n));
        }
        return out;
    }

    /**
     * The identifiers {@link #get(String)} knows, sorted: the built-in loss classes' names, their snake_case forms
     * (Keras's function names) and Keras's aliases.
     */
    public static Set<String> names() {
        TreeSet<String> out = new TreeSet<>(ALIASES.keySet());
        for (String className : KerasObjects.builtInNames(Loss.class)) {
            out.add(className);
            out.add(dev.strata.internal.Names.toSnakeCase(className));
        }
        return out;
    }

    /** Pairs of alias and class name, each alias also in upper case. */
    private static Map<String, String> aliases(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
            m.put(pairs[i].toUpperCase(Locale.ROOT), pairs[i + 1]);
        }
        return Map.copyOf(m);
    }

    private static boolean isAutoCrossentropy(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("crossentropy") || lower.equals("ce");
    }

    // ---- regression functions ----------------------------------------------------------------------------

    /** {@code mean(square(yTrue - yPred), axis=-1)}. */
    public static Tensor meanSquaredError(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        return Ops.meanSquaredError(a[0], a[1]);
    }

    /** {@code mean(abs(yTrue - yPred), axis=-1)}. */
    public static Tensor meanAbsoluteError(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        return Ops.mean(Ops.abs(Ops.subtract(a[0], a[1])), -1);
    }

    /**
     * {@code 100 * mean(abs((yTrue - yPred) / maximum(abs(yTrue), epsilon)), axis=-1)} with epsilon 1e-7, so a
     * zero target gives a huge but finite value.
     */
    public static Tensor meanAbsolutePercentageError(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor diff = Ops.abs(Ops.divide(Ops.subtract(a[0], a[1]), Ops.maximum(Ops.abs(a[0]), LossSupport.EPSILON)));
        return Ops.multiply(Ops.mean(diff, -1), 100f);
    }

    /**
     * {@code mean(square(log(maximum(yPred, eps) + 1) - log(maximum(yTrue, eps) + 1)), axis=-1)}: negative values
     * count as epsilon.
     */
    public static Tensor meanSquaredLogarithmicError(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor first = Ops.log(Ops.add(Ops.maximum(a[1], LossSupport.EPSILON), 1f));
        Tensor second = Ops.log(Ops.add(Ops.maximum(a[0], LossSupport.EPSILON), 1f));
        return Ops.mean(Ops.square(Ops.subtract(first, second)), -1);
    }

    /**
     * The Huber loss, the mean over the last axis of {@code 0.5 x²} where {@code |x| <= delta} and
     * {@code delta |x| - 0.5 delta²} elsewhere, with {@code x = yPred - yTrue}.
     */
    public static Tensor huber(Tensor yTrue, Tensor yPred, double delta) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        float d = (float) delta;
        Tensor error = Ops.subtract(a[1], a[0]);
        Tensor absError = Ops.abs(error);
        Tensor quadratic = Ops.multiply(Ops.square(error), 0.5f);
        Tensor linear = Ops.subtract(Ops.multiply(absError, d), 0.5f * (d * d));
        return Ops.mean(Ops.where(Ops.lessEqual(absError, d), quadratic, linear), -1);
    }

    /**
     * {@code mean(log(cosh(yPred - yTrue)), axis=-1)}, computed as {@code x + softplus(-2x) - log(2)} so that large
     * errors do not overflow.
     */
    public static Tensor logCosh(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor x = Ops.subtract(a[1], a[0]);
        Tensor logCosh = Ops.subtract(Ops.add(x, Ops.softplus(Ops.multiply(x, -2f))), (float) Math.log(2.0));
        return Ops.mean(logCosh, -1);
    }

    // ---- crossentropies ----------------------------------------------------------------------------------

    /**
     * Binary crossentropy, averaged over {@code axis}. Targets are first smoothed towards 0.5
     * ({@code yTrue (1 - s) + 0.5 s}). From logits: {@code t softplus(-x) + (1 - t) softplus(x)} (Keras's
     * {@code -t log_sigmoid(x) - (1 - t) log_sigmoid(-x)}), finite for any finite logit. From probabilities:
     * {@code -(t log(p) + (1 - t) log(1 - p))} with p clipped to {@code [1e-7, 1 - 1e-7]}.
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor binaryCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits, double labelSmoothing,
                                            int axis) {
        LossSupport.checkSameShape("binary_crossentropy", yTrue, yPred);
        Tensor t = yTrue;
        if (labelSmoothing != 0) {
            float s = (float) labelSmoothing;
            t = Ops.add(Ops.multiply(t, 1f - s), 0.5f * s);
        }
        Tensor oneMinusT = Ops.subtract(Tensor.scalar(1f), t);
        Tensor bce;
        if (fromLogits) {
            bce = Ops.add(Ops.multiply(t, Ops.softplus(Ops.negative(yPred))), Ops.multiply(oneMinusT,
                    Ops.softplus(yPred)));
        } else {
            Tensor p = Ops.clip(yPred, LossSupport.EPSILON, LossSupport.ONE_MINUS_EPSILON);
            Tensor ll = Ops.add(Ops.multiply(t, Ops.log(p)),
                    Ops.multiply(oneMinusT, Ops.log(Ops.subtract(Tensor.scalar(1f), p))));
            bce = Ops.negative(ll);
        }
        return Ops.mean(bce, axis);
    }

    /**
     * Categorical crossentropy over {@code axis}: {@code -sum(t log p)}. Targets are first smoothed
     * ({@code yTrue (1 - s) + s / numClasses}, numClasses being y_true's last dimension, as Keras). From logits, log
     * p is {@code logSoftmax(yPred)}; from probabilities, p is yPred divided by its sum along the axis, then
     * clipped to {@code [1e-7, 1 - 1e-7]}.
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor categoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits,
                                                 double labelSmoothing, int axis) {
        LossSupport.checkSameShape("categorical_crossentropy", yTrue, yPred);
        if (yPred.rank() < 1) {
            throw new ShapeException("categorical_crossentropy: y_true and y_pred must have rank 1 or more, got "
                    + yPred.shape());
        }
        Tensor t = yTrue;
        if (labelSmoothing != 0) {
            float s = (float) labelSmoothing;
            int c = yTrue.shape().get(-1);
            Tensor numClasses = c != Shape.UNKNOWN ? Tensor.scalar(c)
                    : Ops.sum(LossSupport.onesLike(yTrue), new int[] {-1}, true);
            t = Ops.add(Ops.multiply(t, 1f - s), Ops.divide(Tensor.scalar(s), numClasses));
        }
        return Ops.negative(Ops.sum(Ops.multiply(t, logProbabilities(yPred, fromLogits, axis)), axis));
    }

    /**
     * Sparse categorical crossentropy: integer class labels (truncated toward zero, as Keras's cast to int32)
     * against predictions over the last axis; labels have y_pred's shape without its last axis (or with a last
     * axis of size 1). A label outside {@code [0, numClasses)} selects no class, so its loss is 0 (as JAX's
     * one_hot). With {@code ignoreClass}, samples with that label get loss 0.
     *
     * @throws ShapeException if the label shape does not match y_pred's leading dimensions
     */
    public static Tensor sparseCategoricalCrossentropy(Tensor yTrue, Tensor yPred, boolean fromLogits,
                                                       Integer ignoreClass) {
        return sparseCategoricalCrossentropyMasked(yTrue, yPred, fromLogits, ignoreClass).values();
    }

    /** The sparse crossentropy with, when {@code ignoreClass} is set, the mask of the samples that count. */
    static Loss.Masked sparseCategoricalCrossentropyMasked(Tensor yTrue, Tensor yPred, boolean fromLogits,
                                                           Integer ignoreClass) {
        if (yPred.rank() < 1) {
            throw new ShapeException("sparse_categorical_crossentropy: y_pred must have rank 1 or more, got "
                    + yPred.shape());
        }
        Tensor labels = yTrue;
        if (labels.rank() == yPred.rank() && labels.shape().get(-1) == 1) {
            labels = LossSupport.squeeze(labels, -1);
        }
        Shape expected = yPred.shape().subShape(0, yPred.rank() - 1);
        if (!labels.shape().isCompatibleWith(expected)) {
            throw new ShapeException("sparse_categorical_crossentropy: labels " + yTrue.shape()
                    + " must have y_pred's shape " + yPred.shape() + " without its last (class) axis, i.e. "
                    + expected + " or " + expected.append(1));
        }
        int classes = yPred.shape().get(-1);
        if (classes == Shape.UNKNOWN) {
            throw new ShapeException("sparse_categorical_crossentropy: the number of classes (y_pred's last "
                    + "dimension) must be known, got y_pred " + yPred.shape());
        }
        Tensor valid = null;
        if (ignoreClass != null) {
            valid = Ops.notEqual(labels, (float) ignoreClass);
            labels = Ops.where(valid, labels, Tensor.scalar(0f));
        }
        Tensor oneHot = Ops.equal(LossSupport.sparseLabels(labels), LossSupport.classIndices(classes));
        Tensor res = Ops.negative(Ops.sum(Ops.multiply(oneHot, logProbabilities(yPred, fromLogits, -1)), -1));
        if (valid == null) {
            return new Loss.Masked(res, null);
        }
        return new Loss.Masked(Ops.where(valid, res, Tensor.scalar(0f)), valid);
    }

    /** log p along {@code axis}: log-softmax of logits, or the log of normalised, clipped probabilities. */
    private static Tensor logProbabilities(Tensor yPred, boolean fromLogits, int axis) {
        if (fromLogits) {
            return Ops.logSoftmax(yPred, axis);
        }
        Tensor p = Ops.divide(yPred, Ops.sum(yPred, new int[] {axis}, true));
        return Ops.log(Ops.clip(p, LossSupport.EPSILON, LossSupport.ONE_MINUS_EPSILON));
    }
}
