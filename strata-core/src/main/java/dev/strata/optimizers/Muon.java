package dev.strata.optimizers;

import dev.strata.config.Config;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.optimizers.schedules.LearningRateSchedule;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Muon, like {@code keras.optimizers.Muon} (defaults: learning rate 0.001, adam_beta_1 0.9, adam_beta_2 0.999,
 * adam_weight_decay 0.004, epsilon 1e-7, weight decay 0.004, exclude_layers none, exclude_embeddings true,
 * muon_a 3.4445, muon_b -4.775, muon_c 2.0315, adam_lr_ratio 1, momentum 0.95, ns_steps 5, nesterov true,
 * rms_rate 0.2): SGD with momentum whose update for a matrix is orthogonalised by Newton-Schulz iterations.
 *
 * <p>A variable of rank 2 takes the Muon step, with the slot {@code m} ({@code momentum}):
 * <pre>
 * m += g + m * (momentum - 1)
 * G = g + momentum * m   (nesterov; otherwise G = m)
 * X = G / (||G||_F + 1e-7), transposed when it has more rows than columns
 * ns_steps times: A = X X^T; X = a X + (b A + (c A) A) X
 * w -= lr * X * sqrt(max(rows, cols)) * rms_rate   (without rms_rate: w -= lr * X)
 * </pre>
 * Every other variable takes an AdamW step (Adam's rule with learning rate {@code lr * adam_lr_ratio} and the slots
 * {@code momentum} and {@code velocity}): as in Keras, those of rank other than 2, and, matched in the variable's
 * {@linkplain Variable#path() path} ({@code "dense/kernel"}, {@code "sequential/dense/kernel"}), those whose path
 * contains "embedding" (with {@code exclude_embeddings}) or a match of one of the regular expressions
 * {@code exclude_layers}. (A model gives its variables their paths when it first meets data; a variable no model
 * owns is matched by its name.) Weight decay is {@code weight_decay} for the Muon variables and {@code adam_weight_decay} for the
 * AdamW ones, both subject to {@link #excludeFromWeightDecay}. Slots are made variable by variable: each
 * variable's {@code momentum}, then its {@code velocity} if it takes the AdamW step.
 *
 * <p>The Newton-Schulz matrix products run on Strata's GEMM, whose summation order differs from XLA's, so a step
 * agrees with Keras to float32 rounding of the products (about 1e-6 relative), not to the bit.
 *
 * <pre>{@code
 * Optimizer opt = new Muon(0.02f).excludeLayers("output");
 * opt.apply(grads, weights);
 * }</pre>
 */
public final class Muon extends Optimizer {
    private double adamBeta1 = 0.9;
    private double adamBeta2 = 0.999;
    /** Keras's {@code adam_weight_decay}; NaN for None. */
    private double adamWeightDecay = 0.004;
    private double epsilon = 1e-7;
    private List<String> excludeLayers = List.of();
    private Pattern excludePattern;
    private boolean excludeEmbeddings = true;
    private double muonA = 3.4445;
    private double muonB = -4.7750;
    private double muonC = 2.0315;
    /** Kept as given (Keras's default is the int 1, which its config writes as such). */
    private Number adamLrRatio = 1;
    private double momentum = 0.95;
    private int nsSteps = 5;
    private boolean nesterov = true;
    /** Keras's {@code rms_rate}; NaN for None (no scaling). */
    private double rmsRate = 0.2;

    private float[][] momentums;
    /** Per variable: the AdamW second moment, or null for a variable that takes the Muon step. */
    private float[][] velocities;
    private int[][] shapes;
    /** AdamW's {@code lr * adam_lr_ratio * sqrt(1 - beta_2^t) / (1 - beta_1^t)}, set by {@link #prepareStep}. */
    private float adamAlpha;

    /** Muon with Keras's defaults. */
    public Muon() {
        this(0.001f);
    }

    /** Muon with the given learning rate and Keras's other defaults (weight decay 0.004). */
    @SuppressWarnings("this-escape") // the base's own setter, which checks and stores one of its fields
    public Muon(float learningRate) {
        super(learningRate);
        super.weightDecay(0.004f);
    }

    /**
     * The AdamW step's first-moment decay rate (default 0.9).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon adamBeta1(float beta1) {
        checkNotBuilt("adam_beta_1");
        this.adamBeta1 = checkRange("adam_beta_1", beta1, 0, true, 1, false);
        return this;
    }

    /**
     * The AdamW step's second-moment decay rate (default 0.999).
     *
     * @throws IllegalArgumentException if it is not in [0, 1)
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon adamBeta2(float beta2) {
        checkNotBuilt("adam_beta_2");
        this.adamBeta2 = checkRange("adam_beta_2", beta2, 0, true, 1, false);
        return this;
    }

    /**
     * The weight decay of the variables that take the AdamW step (default 0.004); NaN for none (Keras's None).
     *
     * @throws IllegalArgumentException if it is infinite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon adamWeightDecay(float adamWeightDecay) {
        checkNotBuilt("adam_weight_decay");
        if (Float.isInfinite(adamWeightDecay)) {
            throw new IllegalArgumentException(describe() + ": adam_weight_decay must be finite (or NaN for none), got "
                    + adamWeightDecay);
        }
        this.adamWeightDecay = Float.isNaN(adamWeightDecay) ? Double.NaN : asDecimal(adamWeightDecay);
        return this;
    }

    /**
     * The AdamW step's constant added after the square root (default 1e-7).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon epsilon(float epsilon) {
        checkNotBuilt("epsilon");
        this.epsilon = checkNonNegative("epsilon", epsilon);
        return this;
    }

    /**
     * Regular expressions: a variable whose name contains a match takes the AdamW step (default none). Each call
     * replaces the previous list.
     *
     * @throws IllegalArgumentException if an entry is null or not a valid regular expression
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon excludeLayers(String... keywords) {
        checkNotBuilt("exclude_layers");
        List<String> list = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String k : Objects.requireNonNull(keywords, "keywords")) {
            if (k == null) {
                throw new IllegalArgumentException(describe() + ": exclude_layers has a null entry");
            }
            try {
                patterns.add(Pattern.compile(k));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(describe() + ": exclude_layers entry '" + k
                        + "' is not a valid regular expression: " + e.getDescription(), e);
            }
            list.add(k);
        }
        this.excludeLayers = List.copyOf(list);
        this.excludePattern = list.isEmpty() ? null
                : Pattern.compile(String.join("|", list.stream().map(k -> "(?:" + k + ")").toList()));
        return this;
    }

    /**
     * Whether variables whose path contains "embedding" (any case) take the AdamW step (default true).
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon excludeEmbeddings(boolean excludeEmbeddings) {
        checkNotBuilt("exclude_embeddings");
        this.excludeEmbeddings = excludeEmbeddings;
        return this;
    }

    /**
     * The coefficients a, b, c of the quintic Newton-Schulz iteration (defaults 3.4445, -4.775, 2.0315).
     *
     * @throws IllegalArgumentException if one is not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon newtonSchulz(float a, float b, float c) {
        checkNotBuilt("muon_a");
        checkFinite("muon_a", a);
        checkFinite("muon_b", b);
        checkFinite("muon_c", c);
        this.muonA = asDecimal(a);
        this.muonB = asDecimal(b);
        this.muonC = asDecimal(c);
        return this;
    }

    /**
     * The ratio of the AdamW step's learning rate to the main one (default 1).
     *
     * @throws IllegalArgumentException if it is negative or not finite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon adamLrRatio(float adamLrRatio) {
        checkNotBuilt("adam_lr_ratio");
        this.adamLrRatio = checkNonNegative("adam_lr_ratio", adamLrRatio);
        return this;
    }

    /**
     * The momentum of the Muon step (default 0.95).
     *
     * @throws IllegalArgumentException if it is not in [0, 1]
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon momentum(float momentum) {
        checkNotBuilt("momentum");
        this.momentum = checkRange("momentum", momentum, 0, true, 1, true);
        return this;
    }

    /**
     * The number of Newton-Schulz iterations (default 5).
     *
     * @throws IllegalArgumentException if it is negative
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon nsSteps(int nsSteps) {
        checkNotBuilt("ns_steps");
        if (nsSteps < 0) {
            throw new IllegalArgumentException(describe() + ": ns_steps must be >= 0, got " + nsSteps);
        }
        this.nsSteps = nsSteps;
        return this;
    }

    /**
     * Whether the Muon step uses Nesterov momentum (default true).
     *
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon nesterov(boolean nesterov) {
        checkNotBuilt("nesterov");
        this.nesterov = nesterov;
        return this;
    }

    /**
     * The Moonlight scale of the Muon step, {@code sqrt(max(rows, cols)) * rms_rate} (default 0.2); NaN for none
     * (Keras's None).
     *
     * @throws IllegalArgumentException if it is negative or infinite
     * @throws IllegalStateException after the first {@link #apply}
     */
    public Muon rmsRate(float rmsRate) {
        checkNotBuilt("rms_rate");
        this.rmsRate = Float.isNaN(rmsRate) ? Double.NaN : checkNonNegative("rms_rate", rmsRate);
        return this;
    }

    /** Keras's {@code _should_use_adamw}, on the variable's path (see the class comment). */
    boolean usesAdamW(Variable v) {
        if (v.shape().rank() != 2) {
            return true;
        }
        if (excludeEmbeddings && v.path().toLowerCase(Locale.ROOT).contains("embedding")) {
            return true;
        }
        return excludePattern != null && excludePattern.matcher(v.path()).find();
    }

    @Override
    protected void buildSlots(List<Variable> trainableVariables) {
        int n = trainableVariables.size();
        momentums = new float[n][];
        velocities = new float[n][];
        shapes = new int[n][];
        for (int i = 0; i < n; i++) {
            Variable v = trainableVariables.get(i);
            shapes[i] = v.shape().toArray();
            momentums[i] = addSlot(v, "momentum");
            if (usesAdamW(v)) {
                velocities[i] = addSlot(v, "velocity");
            }
        }
    }

    /** Keras's Muon {@code _apply_weight_decay}: {@code adam_weight_decay} for the AdamW variables. */
    @Override
    protected double weightDecayRate(Variable variable, double rate) {
        return usesAdamW(variable) ? adamWeightDecay : rate;
    }

    @Override
    protected void prepareStep(float lr, long step) {
        float t = step;
        float adamLr = lr * adamLrRatio.floatValue();
        float beta1Power = (float) StrictMath.pow((float) adamBeta1, t);
        float beta2Power = (float) StrictMath.pow((float) adamBeta2, t);
        adamAlpha = adamLr * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
    }

    /** Not called: the Muon step needs the whole matrix (see {@link #updateVariable}). */
    @Override
    protected void updateStep(int index, float[] gradient, float[] value, float lr, int from, int to) {
        throw new UnsupportedOperationException("Muon updates whole variables");
    }

    @Override
    protected void updateVariable(int index, float[] gradient, float[] value, float lr) {
        if (velocities[index] != null) {
            adamW(momentums[index], velocities[index], gradient, value);
        } else {
            muon(momentums[index], shapes[index], gradient, value, lr);
        }
    }

    /** Keras's {@code _adamw_update_step}: Adam's arithmetic. */
    private void adamW(float[] m, float[] v, float[] gradient, float[] value) {
        float oneMinusBeta1 = (float) (1 - adamBeta1);
        float oneMinusBeta2 = (float) (1 - adamBeta2);
        float eps = (float) epsilon;
        float a = adamAlpha;
        for (int i = 0; i < value.length; i++) {
            float g = gradient[i];
            float mi = m[i] + (g - m[i]) * oneMinusBeta1;
            float vi = v[i] + (g * g - v[i]) * oneMinusBeta2;
            m[i] = mi;
            v[i] = vi;
            value[i] -= mi * a / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** Keras's {@code _muon_update_step} on a {@code rows x cols} variable. */
    private void muon(float[] m, int[] shape, float[] gradient, float[] value, float lr) {
        int rows = shape[0];
        int cols = shape[1];
        float mu = (float) momentum;
        float muMinusOne = (float) (momentum - 1);
        float[] g = new float[value.length];
        for (int i = 0; i < value.length; i++) {
            float mi = m[i] + (gradient[i] + m[i] * muMinusOne);
            m[i] = mi;
            g[i] = nesterov ? gradient[i] + mu * mi : mi;
        }
        float[] x = orthogonalise(g, rows, cols);
        float scale = Double.isNaN(rmsRate) ? Float.NaN : (float) Math.sqrt(Math.max(rows, cols));
        float rate = (float) rmsRate;
        for (int i = 0; i < value.length; i++) {
            float u = lr * x[i];
            if (!Double.isNaN(rmsRate)) {
                u = u * scale * rate;
            }
            value[i] -= u;
        }
    }

    /** Keras's {@code zeropower_via_newtonschulz5} of the {@code rows x cols} matrix {@code g} (row-major). */
    private float[] orthogonalise(float[] g, int rows, int cols) {
        boolean transposed = rows > cols;
        int p = transposed ? cols : rows; // the short side: A = X X^T is p x p
        int q = transposed ? rows : cols;
        float[] x = transposed ? transpose(g, rows, cols) : g;
        double squares = 0;
        for (float v : x) {
            squares += v * v;
        }
        // x / (norm + 1e-7): XLA divides by the broadcast scalar as a multiplication by its float32 reciprocal
        float perNorm = 1f / ((float) Math.sqrt((float) squares) + 1e-7f);
        for (int i = 0; i < x.length; i++) {
            x[i] = x[i] * perNorm;
        }
        Kernels k = KernelProvider.get();
        float a = (float) muonA;
        float b = (float) muonB;
        float c = (float) muonC;
        float[] gram = new float[p * p];
        float[] cGram = new float[p * p];
        float[] poly = new float[p * p];
        float[] product = new float[p * q];
        for (int s = 0; s < nsSteps; s++) {
            k.gemm(false, true, p, p, q, 1f, x, 0, q, x, 0, q, 0f, gram, 0, p); // A = X X^T
            for (int i = 0; i < gram.length; i++) {
                cGram[i] = c * gram[i];
            }
            k.gemm(false, false, p, p, p, 1f, cGram, 0, p, gram, 0, p, 0f, poly, 0, p); // (c A) A
            for (int i = 0; i < poly.length; i++) {
                poly[i] = b * gram[i] + poly[i];
            }
            k.gemm(false, false, p, q, p, 1f, poly, 0, p, x, 0, q, 0f, product, 0, q); // B X
            for (int i = 0; i < x.length; i++) {
                x[i] = a * x[i] + product[i];
            }
        }
        return transposed ? transpose(x, p, q) : x;
    }

    private static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /**
     * Keras's {@code get_config()}: the common keys, then {@code adam_beta_1, adam_beta_2, epsilon, exclude_layers,
     * muon_a, muon_b, muon_c, adam_lr_ratio, momentum, ns_steps, nesterov, exclude_embeddings, adam_weight_decay,
     * rms_rate}.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = super.getConfig();
        config.put("adam_beta_1", adamBeta1);
        config.put("adam_beta_2", adamBeta2);
        config.put("epsilon", epsilon);
        config.put("exclude_layers", new ArrayList<>(excludeLayers));
        config.put("muon_a", muonA);
        config.put("muon_b", muonB);
        config.put("muon_c", muonC);
        config.put("adam_lr_ratio", adamLrRatio);
        config.put("momentum", momentum);
        config.put("ns_steps", nsSteps);
        config.put("nesterov", nesterov);
        config.put("exclude_embeddings", excludeEmbeddings);
        config.put("adam_weight_decay", Double.isNaN(adamWeightDecay) ? null : adamWeightDecay);
        config.put("rms_rate", Double.isNaN(rmsRate) ? null : rmsRate);
        return config;
    }

    /**
     * Keras's {@code Muon.from_config} ({@code Muon(**config)}): its own keys with Keras's defaults (see the class
     * comment; {@code adam_weight_decay} and {@code rms_rate} may be null, Keras's None); a missing
     * {@code weight_decay} is Muon's 0.004. The keys every optimizer has ({@code learning_rate}, default 0.001,
     * {@code weight_decay} when given, {@code name}, clipping...) are read by {@link Optimizer#FAMILY}.
     */
    public static Muon fromConfig(Config config) {
        Muon muon = new Muon(0.001f)
                .adamBeta1((float) config.number("adam_beta_1", 0.9))
                .adamBeta2((float) config.number("adam_beta_2", 0.999))
                .epsilon((float) config.number("epsilon", 1e-7))
                .newtonSchulz((float) config.number("muon_a", 3.4445), (float) config.number("muon_b", -4.7750),
                        (float) config.number("muon_c", 2.0315))
                .momentum((float) config.number("momentum", 0.95))
                .nsSteps(config.integer("ns_steps", 5))
                .nesterov(config.bool("nesterov", true))
                .excludeEmbeddings(config.bool("exclude_embeddings", true));
        Object layers = config.has("exclude_layers") ? config.raw("exclude_layers") : null;
        config.ignore("exclude_layers");
        if (layers != null) {
            if (!(layers instanceof List<?> list) || list.stream().anyMatch(e -> !(e instanceof String))) {
                throw config.error("'exclude_layers' must be a list of strings (or null), got "
                        + Config.describe(layers));
            }
            muon.excludeLayers(list.toArray(String[]::new));
        }
        Object ratio = config.raw("adam_lr_ratio");
        config.ignore("adam_lr_ratio");
        if (ratio != null) {
            double r = config.toDouble(ratio, "adam_lr_ratio");
            muon.adamLrRatio((float) r);
            muon.adamLrRatio = ratio instanceof Integer || ratio instanceof Long ? (Number) ratio : Double.valueOf(r);
        }
        Object decay = config.has("adam_weight_decay") ? config.raw("adam_weight_decay") : 0.004;
        config.ignore("adam_weight_decay");
        muon.adamWeightDecay(decay == null ? Float.NaN : (float) config.toDouble(decay, "adam_weight_decay"));
        Object rms = config.has("rms_rate") ? config.raw("rms_rate") : 0.2;
        config.ignore("rms_rate");
        muon.rmsRate(rms == null ? Float.NaN : (float) config.toDouble(rms, "rms_rate"));
        return muon;
    }

    @Override
    public Muon learningRate(LearningRateSchedule schedule) {
        super.learningRate(schedule);
        return this;
    }

    @Override
    public Muon useEma(boolean useEma) {
        super.useEma(useEma);
        return this;
    }

    @Override
    public Muon emaMomentum(float emaMomentum) {
        super.emaMomentum(emaMomentum);
        return this;
    }

    @Override
    public Muon emaOverwriteFrequency(Integer frequency) {
        super.emaOverwriteFrequency(frequency);
        return this;
    }

    @Override
    public Muon gradientAccumulationSteps(Integer steps) {
        super.gradientAccumulationSteps(steps);
        return this;
    }

    @Override
    public Muon lossScaleFactor(Float factor) {
        super.lossScaleFactor(factor);
        return this;
    }

    @Override
    public Muon name(String newName) {
        super.name(newName);
        return this;
    }

    @Override
    public Muon clipnorm(float clipnorm) {
        super.clipnorm(clipnorm);
        return this;
    }

    @Override
    public Muon globalClipnorm(float globalClipnorm) {
        super.globalClipnorm(globalClipnorm);
        return this;
    }

    @Override
    public Muon clipvalue(float clipvalue) {
        super.clipvalue(clipvalue);
        return this;
    }

    @Override
    public Muon weightDecay(float weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public Muon excludeFromWeightDecay(String... varNames) {
        super.excludeFromWeightDecay(varNames);
        return this;
    }

    @Override
    public Muon excludeFromWeightDecay(Collection<Variable> varList, Collection<String> varNames) {
        super.excludeFromWeightDecay(varList, varNames);
        return this;
    }
}
