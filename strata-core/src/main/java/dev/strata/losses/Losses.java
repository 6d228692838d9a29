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
     * Keras's short names of losses ({@code keras.losses}' aliases, {@code kld} among them) and Keras 2's
     * {@code logcosh}, each also in upper case. Every other name is a class found by discovery: its Keras class name in any case, or its snake_case form
     * (the name of Keras's loss function), so a new loss class is known here by existing.
     */
    private static final Map<String, String> ALIASES = aliases("mse", "MeanSquaredError", "mae", "MeanAbsoluteError",
            "mape", "MeanAbsolutePercentageError", "msle", "MeanSquaredLogarithmicError", "bce", "BinaryCrossentropy",
            "kld", "KLDivergence", "logcosh", "LogCosh");

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

    // ---- hinge losses ------------------------------------------------------------------------------------

    /**
     * Keras's {@code convert_binary_labels_to_hinge}: when every target is 0 or 1 (over the whole tensor), the
     * targets become {@code 2 t - 1} (so -1 or 1); otherwise they are used as given.
     */
    static Tensor hingeLabels(Tensor yTrue) {
        Tensor isBinary = Ops.all(Ops.logicalOr(Ops.equal(yTrue, 0f), Ops.equal(yTrue, 1f)));
        return Ops.where(isBinary, Ops.subtract(Ops.multiply(yTrue, 2f), 1f), yTrue);
    }

    /**
     * The hinge loss, {@code mean(maximum(1 - yTrue * yPred, 0), axis=-1)}, as {@code keras.losses.hinge}: targets
     * are -1 or 1, and targets that are all 0 or 1 are first turned into -1 and 1.
     */
    public static Tensor hinge(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor margin = Ops.subtract(Tensor.scalar(1f), Ops.multiply(hingeLabels(a[0]), a[1]));
        return Ops.mean(Ops.maximum(margin, 0f), -1);
    }

    /**
     * The squared hinge loss, {@code mean(square(maximum(1 - yTrue * yPred, 0)), axis=-1)}, as
     * {@code keras.losses.squared_hinge}, with the same label conversion as {@link #hinge}.
     */
    public static Tensor squaredHinge(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor margin = Ops.subtract(Tensor.scalar(1f), Ops.multiply(hingeLabels(a[0]), a[1]));
        return Ops.mean(Ops.square(Ops.maximum(margin, 0f)), -1);
    }

    /**
     * The categorical hinge loss, as {@code keras.losses.categorical_hinge}: {@code maximum(neg - pos + 1, 0)} with
     * {@code pos = sum(yTrue * yPred, axis=-1)} and {@code neg = max((1 - yTrue) * yPred, axis=-1)}; targets one-hot.
     */
    public static Tensor categoricalHinge(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor pos = Ops.sum(Ops.multiply(a[0], a[1]), -1);
        Tensor neg = Ops.max(Ops.multiply(Ops.subtract(Tensor.scalar(1f), a[0]), a[1]), -1);
        return Ops.maximum(Ops.add(Ops.subtract(neg, pos), 1f), 0f);
    }

    // ---- probabilistic -----------------------------------------------------------------------------------

    /**
     * The Kullback-Leibler divergence, as {@code keras.losses.kl_divergence}:
     * {@code sum(t * log(t / p), axis=-1)} with both clipped to {@code [1e-7, 1]}.
     */
    public static Tensor klDivergence(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor t = Ops.clip(a[0], LossSupport.EPSILON, 1f);
        Tensor p = Ops.clip(a[1], LossSupport.EPSILON, 1f);
        return Ops.sum(Ops.multiply(t, Ops.log(Ops.divide(t, p))), -1);
    }

    /** The Poisson loss, as {@code keras.losses.poisson}: {@code mean(p - t * log(p + 1e-7), axis=-1)}. */
    public static Tensor poisson(Tensor yTrue, Tensor yPred) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        return Ops.mean(Ops.subtract(a[1], Ops.multiply(a[0], Ops.log(Ops.add(a[1], LossSupport.EPSILON)))), -1);
    }

    // ---- regression --------------------------------------------------------------------------------------

    /**
     * The cosine similarity loss, as {@code keras.losses.cosine_similarity}: {@code -sum(l2_normalize(t) *
     * l2_normalize(p), axis)}, between -1 (same direction) and 1; 0 if either is a zero vector. Normalisation is
     * Keras's {@code x * minimum(rsqrt(sum(x²)), 1 / 1e-7)}.
     */
    public static Tensor cosineSimilarity(Tensor yTrue, Tensor yPred, int axis) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        Tensor t = Ops.normalize(a[0], axis);
        Tensor p = Ops.normalize(a[1], axis);
        return Ops.negative(Ops.sum(Ops.multiply(t, p), axis));
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
        return Ops.mean(Ops.binaryCrossentropy(t, yPred, fromLogits), axis);
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
        return Ops.categoricalCrossentropy(t, yPred, fromLogits, axis);
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
        Tensor labels = sparseLabelsFor("sparse_categorical_crossentropy", yTrue, yPred);
        Tensor valid = null;
        if (ignoreClass != null) {
            valid = Ops.notEqual(labels, (float) ignoreClass);
            labels = Ops.where(valid, labels, Tensor.scalar(0f));
        }
        Tensor res = Ops.sparseCategoricalCrossentropy(labels, yPred, fromLogits);
        if (valid == null) {
            return new Loss.Masked(res, null);
        }
        return new Loss.Masked(Ops.where(valid, res, Tensor.scalar(0f)), valid);
    }

    /**
     * Binary focal crossentropy, as {@code keras.losses.binary_focal_crossentropy}: the binary crossentropy of each
     * element times the focal factor {@code (1 - p_t)^gamma} with {@code p_t = t p + (1 - t)(1 - p)}, and with
     * {@code applyClassBalancing} times {@code t alpha + (1 - t)(1 - alpha)}, averaged over {@code axis}. Targets are
     * first smoothed towards 0.5; logits go through a sigmoid first; the crossentropy clips probabilities to
     * {@code [1e-7, 1 - 1e-7]} (the focal factor uses them unclipped, as Keras).
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor binaryFocalCrossentropy(Tensor yTrue, Tensor yPred, boolean applyClassBalancing,
                                                 double alpha, double gamma, boolean fromLogits,
                                                 double labelSmoothing, int axis) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        LossSupport.checkSameShape("binary_focal_crossentropy", a[0], a[1]);
        Tensor t = a[0];
        if (labelSmoothing != 0) {
            t = Ops.add(Ops.multiply(t, (float) (1.0 - labelSmoothing)), (float) (0.5 * labelSmoothing));
        }
        Tensor p = fromLogits ? Ops.sigmoid(a[1]) : a[1];
        Tensor one = Tensor.scalar(1f);
        Tensor oneMinusT = Ops.subtract(one, t);
        Tensor clipped = Ops.clip(p, LossSupport.EPSILON, LossSupport.ONE_MINUS_EPSILON);
        Tensor bce = Ops.negative(Ops.add(Ops.multiply(t, Ops.log(clipped)),
                Ops.multiply(oneMinusT, Ops.log(Ops.subtract(one, clipped)))));
        Tensor pT = Ops.add(Ops.multiply(t, p), Ops.multiply(oneMinusT, Ops.subtract(one, p)));
        Tensor focal = Ops.multiply(Ops.power(Ops.subtract(one, pT), (float) gamma), bce);
        if (applyClassBalancing) {
            Tensor weight = Ops.add(Ops.multiply(t, (float) alpha), Ops.multiply(oneMinusT, (float) (1 - alpha)));
            focal = Ops.multiply(weight, focal);
        }
        return Ops.mean(focal, axis);
    }

    /**
     * Categorical focal crossentropy, as {@code keras.losses.categorical_focal_crossentropy}:
     * {@code sum(alpha (1 - p)^gamma (-t log p), axis)} with p the predictions normalised to sum 1 along
     * {@code axis} and clipped to {@code [1e-7, 1 - 1e-7]} (a softmax first for logits), and targets smoothed
     * ({@code t (1 - s) + s / numClasses}, numClasses being y_true's last dimension). {@code alpha} is one weight
     * for all classes, or one per class (along the last axis).
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor categoricalFocalCrossentropy(Tensor yTrue, Tensor yPred, double[] alpha, double gamma,
                                                      boolean fromLogits, double labelSmoothing, int axis) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        LossSupport.checkSameShape("categorical_focal_crossentropy", a[0], a[1]);
        Tensor t = a[0];
        if (labelSmoothing != 0) {
            int c = t.shape().get(-1);
            Tensor numClasses = c != Shape.UNKNOWN ? Tensor.scalar(c)
                    : Ops.sum(LossSupport.onesLike(t), new int[] {-1}, true);
            t = Ops.add(Ops.multiply(t, (float) (1.0 - labelSmoothing)),
                    Ops.divide(Tensor.scalar((float) labelSmoothing), numClasses));
        }
        Tensor p = fromLogits ? Ops.softmax(a[1], axis) : a[1];
        Tensor output = Ops.clip(Ops.divide(p, Ops.sum(p, new int[] {axis}, true)), LossSupport.EPSILON,
                LossSupport.ONE_MINUS_EPSILON);
        Tensor cce = Ops.multiply(Ops.negative(t), Ops.log(output));
        Tensor modulating = Ops.power(Ops.subtract(Tensor.scalar(1f), output), (float) gamma);
        Tensor weighting = Ops.multiply(modulating, alphaTensor(alpha));
        return Ops.sum(Ops.multiply(weighting, cce), axis);
    }

    private static Tensor alphaTensor(double[] alpha) {
        if (alpha.length == 1) {
            return Tensor.scalar((float) alpha[0]);
        }
        float[] v = new float[alpha.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) alpha[i];
        }
        return Tensor.of(v, v.length);
    }

    /**
     * The generalized crossentropy, as {@code keras.losses.categorical_generalized_cross_entropy}:
     * {@code (1 - p^q) / q} with p the predicted probability of the true class. Labels are integer classes with
     * y_pred's shape without its last axis (or with a last axis of size 1, which Keras's docstring allows but its
     * code broadcasts into a (batch, batch) result; Strata reads it as the docstring says). A label outside
     * {@code [0, numClasses)} selects no class (p = 0, loss {@code 1 / q}).
     *
     * @throws ShapeException if the label shape does not match y_pred's leading dimensions
     */
    public static Tensor categoricalGeneralizedCrossEntropy(Tensor yTrue, Tensor yPred, double q) {
        Tensor labels = sparseLabelsFor("categorical_generalized_cross_entropy", yTrue, yPred);
        Tensor oneHot = Ops.equal(LossSupport.sparseLabels(labels), LossSupport.classIndices(yPred.shape().get(-1)));
        Tensor p = Ops.sum(Ops.multiply(yPred, oneHot), -1);
        return Ops.divide(Ops.subtract(Tensor.scalar(1f), Ops.power(p, (float) q)), Tensor.scalar((float) q));
    }

    /**
     * The labels of a sparse loss with a trailing size-1 axis squeezed, checked to have y_pred's shape without its
     * last (class) axis, whose size must be known.
     */
    private static Tensor sparseLabelsFor(String loss, Tensor yTrue, Tensor yPred) {
        if (yPred.rank() < 1) {
            throw new ShapeException(loss + ": y_pred must have rank 1 or more, got " + yPred.shape());
        }
        Tensor labels = yTrue;
        if (labels.rank() == yPred.rank() && labels.shape().get(-1) == 1) {
            labels = LossSupport.squeeze(labels, -1);
        }
        Shape expected = yPred.shape().subShape(0, yPred.rank() - 1);
        if (!labels.shape().isCompatibleWith(expected)) {
            throw new ShapeException(loss + ": labels " + yTrue.shape() + " must have y_pred's shape "
                    + yPred.shape() + " without its last (class) axis, i.e. " + expected + " or "
                    + expected.append(1));
        }
        if (yPred.shape().get(-1) == Shape.UNKNOWN) {
            throw new ShapeException(loss + ": the number of classes (y_pred's last dimension) must be known, got "
                    + "y_pred " + yPred.shape());
        }
        return labels;
    }

    // ---- image segmentation ------------------------------------------------------------------------------

    /**
     * The Dice loss, as {@code keras.losses.dice}: {@code 1 - 2 sum(t p) / (sum(t) + sum(p) + 1e-7)}, the sums over
     * {@code axis} (null: over all elements, giving one value for the batch).
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor dice(Tensor yTrue, Tensor yPred, int[] axis) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        LossSupport.checkSameShape("dice", a[0], a[1]);
        Tensor intersection = sumOver(Ops.multiply(a[0], a[1]), axis);
        Tensor union = Ops.add(Ops.add(sumOver(a[0], axis), sumOver(a[1], axis)), LossSupport.EPSILON);
        return Ops.subtract(Tensor.scalar(1f), Ops.divide(Ops.multiply(intersection, 2f), union));
    }

    /**
     * The Tversky loss, as {@code keras.losses.tversky}: {@code 1 - TP / (TP + alpha FP + beta FN + 1e-7)} with
     * {@code TP = sum(t p)}, {@code FP = sum((1 - p) t)}, {@code FN = sum(p (1 - t))} over {@code axis} (null: all
     * elements). With alpha = beta = 0.5 it is the Dice loss.
     *
     * @throws ShapeException if the shapes differ
     */
    public static Tensor tversky(Tensor yTrue, Tensor yPred, double alpha, double beta, int[] axis) {
        Tensor[] a = Loss.alignRanks(yTrue, yPred);
        LossSupport.checkSameShape("tversky", a[0], a[1]);
        Tensor one = Tensor.scalar(1f);
        Tensor t = a[0];
        Tensor p = a[1];
        Tensor intersection = sumOver(Ops.multiply(t, p), axis);
        Tensor fp = sumOver(Ops.multiply(Ops.subtract(one, p), t), axis);
        Tensor fn = sumOver(Ops.multiply(p, Ops.subtract(one, t)), axis);
        Tensor denominator = Ops.add(Ops.add(Ops.add(intersection, Ops.multiply(fp, (float) alpha)),
                Ops.multiply(fn, (float) beta)), LossSupport.EPSILON);
        return Ops.subtract(one, Ops.divide(intersection, denominator));
    }

    private static Tensor sumOver(Tensor x, int[] axis) {
        return axis == null ? Ops.sum(x) : Ops.sum(x, axis, false);
    }

    // ---- similarity --------------------------------------------------------------------------------------

    /**
     * The Circle loss with Keras's defaults (gamma 80, margin 0.4, the diagonal removed), as
     * {@code keras.losses.circle(y_true, y_pred)}: see {@link #circle(Tensor, Tensor, Tensor, Tensor, boolean, double,
     * double)}.
     */
    public static Tensor circle(Tensor yTrue, Tensor yPred) {
        return circle(yTrue, yPred, null, null, true, 80.0, 0.4);
    }

    /**
     * The Circle loss (Sun et al., 2020), as {@code keras.losses.circle}: for integer labels {@code yTrue} (batch,)
     * and L2-normalised embeddings {@code yPred} (batch, dim), against reference labels and embeddings (null: the
     * same), one value per sample {@code softplus(logsumexp(pos) + logsumexp(neg))} over the sample's positive pairs
     * (same label; without itself if {@code removeDiagonal}) and negative pairs, with Keras's weights and margins on
     * the cosine distances. A sample without positive pairs gets 0 ({@link Circle} leaves it out of the mean).
     *
     * @throws ShapeException if labels are not (batch,) or (batch, 1), or embeddings not (batch, dim)
     */
    public static Tensor circle(Tensor yTrue, Tensor yPred, Tensor refLabels, Tensor refEmbeddings,
                                boolean removeDiagonal, double gamma, double margin) {
        return circleMasked(yTrue, yPred, refLabels, refEmbeddings, removeDiagonal, gamma, margin).values();
    }

    /** The Circle loss with Keras's mask of the samples that count ({@code loss > 0}). */
    static Loss.Masked circleMasked(Tensor yTrue, Tensor yPred, Tensor refLabels, Tensor refEmbeddings,
                                    boolean removeDiagonal, double gamma, double margin) {
        Tensor ref = refEmbeddings == null ? yPred : refEmbeddings;
        if (yPred.rank() != 2 || ref.rank() != 2) {
            throw new ShapeException("circle: embeddings must be (batch, dim), got y_pred " + yPred.shape()
                    + (refEmbeddings == null ? "" : " and ref_embeddings " + ref.shape()));
        }
        Tensor query = circleLabels(yTrue, yPred, "y_true");
        Tensor key = refLabels == null ? query : circleLabels(refLabels, ref, "ref_labels");
        float g = (float) gamma;
        float m = (float) margin;
        Tensor distances = Ops.maximum(Ops.subtract(Tensor.scalar(1f), Ops.matmul(yPred, ref, false, true)), 0f);
        Tensor positive = Ops.equal(query, Ops.transpose(key));
        Tensor negative = Ops.logicalNot(positive);
        if (removeDiagonal) {
            Tensor eye = Ops.equal(positions(query), Ops.transpose(positions(key)));
            positive = Ops.logicalAnd(positive, Ops.logicalNot(eye));
        }
        Tensor posWeights = Ops.maximum(Ops.multiply(Ops.add(distances, m), positive), 0f);
        Tensor negWeights = Ops.maximum(Ops.multiply(Ops.subtract(Tensor.scalar((float) (1 + margin)), distances),
                negative), 0f);
        Tensor posDists = Ops.subtract(Tensor.scalar(m), distances);
        Tensor negDists = Ops.subtract(Tensor.scalar((float) (1 - margin)), distances);
        Tensor posWeighted = Ops.multiply(Ops.multiply(posWeights, -g), posDists);
        Tensor negWeighted = Ops.multiply(Ops.multiply(negWeights, g), negDists);
        Tensor minusInf = Tensor.scalar(Float.NEGATIVE_INFINITY);
        Tensor pLoss = Ops.logsumexp(Ops.where(positive, posWeighted, minusInf), 1);
        Tensor nLoss = Ops.logsumexp(Ops.where(negative, negWeighted, minusInf), 1);
        Tensor loss = Ops.softplus(Ops.add(pLoss, nLoss));
        return new Loss.Masked(loss, Ops.greater(loss, 0f));
    }

    /** Integer labels (truncated, as Keras's int32 cast) as a (batch, 1) column, checked against the embeddings. */
    private static Tensor circleLabels(Tensor labels, Tensor embeddings, String what) {
        boolean column = labels.rank() == 2 && labels.shape().get(-1) == 1;
        if (labels.rank() != 1 && !column) {
            throw new ShapeException("circle: " + what + " must be integer labels (batch,) or (batch, 1), got "
                    + labels.shape() + " (embeddings " + embeddings.shape() + ")");
        }
        int n = labels.shape().get(0);
        int e = embeddings.shape().get(0);
        if (n != Shape.UNKNOWN && e != Shape.UNKNOWN && n != e) {
            throw new ShapeException("circle: " + what + " " + labels.shape() + " and embeddings "
                    + embeddings.shape() + " must have the same batch size");
        }
        return LossSupport.sparseLabels(column ? LossSupport.squeeze(labels, -1) : labels);
    }

    /** The row indices 0..n-1 of a (n, 1) column, as a (n, 1) column (known only at run time if n is not). */
    private static Tensor positions(Tensor column) {
        return Ops.subtract(Ops.cumsum(LossSupport.onesLike(column), 0), 1f);
    }

    // ---- sequences ---------------------------------------------------------------------------------------

    /**
     * The CTC loss, as {@code keras.losses.ctc}: integer labels {@code yTrue} (batch, max_label_length), 0 being
     * the blank (mask) class and padding, so a row's label length is its number of non-zero entries; logits
     * {@code yPred} (batch, max_time, num_classes), not softmaxed, all time steps counting. One value per sample
     * ({@link Ops#ctcLoss} with mask index 0).
     *
     * @throws ShapeException if y_true is not rank 2 or y_pred not rank 3, or their batch sizes differ
     */
    public static Tensor ctc(Tensor yTrue, Tensor yPred) {
        if (yTrue.rank() != 2) {
            throw new ShapeException("ctc: y_true must be (batch_size, max_length) integer labels, got "
                    + yTrue.shape() + " (y_pred " + yPred.shape() + ")");
        }
        if (yPred.rank() != 3) {
            throw new ShapeException("ctc: y_pred must be (batch_size, max_length, num_classes) logits, got "
                    + yPred.shape() + " (y_true " + yTrue.shape() + ")");
        }
        Tensor labelLength = Ops.sum(Ops.notEqual(yTrue, 0f), -1);
        int time = yPred.shape().get(1);
        Tensor inputLength = time != Shape.UNKNOWN ? Ops.multiply(LossSupport.onesLike(labelLength), (float) time)
                : Ops.sum(Ops.max(LossSupport.onesLike(yPred), -1), -1);
        return Ops.ctcLoss(yTrue, yPred, labelLength, inputLength, 0);
    }
}
