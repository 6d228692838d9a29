package dev.strata.layers.normalization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.initializers.Initializer;
import dev.strata.initializers.Initializers;
import dev.strata.internal.InferenceFolding;
import dev.strata.internal.ReplicaContext;
import dev.strata.ops.CustomGradient;
import dev.strata.layers.InputSpec;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Normalizes its input over the batch, per feature along {@code axis}, then scales by {@code gamma} and shifts
 * by {@code beta}; like {@code keras.layers.BatchNormalization}. Defaults are Keras's: axis -1, momentum 0.99,
 * epsilon 1e-3, center and scale on.
 *
 * <pre>{@code
 * Model m = new Sequential(new InputLayer(8), new Dense(30), new BatchNormalization(), new Activation("relu"),
 *         new Dense(1));
 * }</pre>
 *
 * <p>In training (and when the layer is trainable) it uses the batch's mean and variance (over every axis but
 * {@code axis}) and updates the moving statistics in place, outside any gradient tape:
 * {@code moving = moving·momentum + batch·(1 - momentum)}. Otherwise it uses the moving statistics. The output
 * is computed as Keras's {@code batch_normalization}: {@code x·inv + (beta - mean·inv)} with
 * {@code inv = gamma / √(variance + epsilon)}. Weights, in Keras's order: {@code gamma}, {@code beta}
 * (trainable), {@code moving_mean}, {@code moving_variance} (not trainable), each of the axis's size.
 */
public class BatchNormalization extends BaseNormalization<BatchNormalization> {
    static {
        InferenceFolding.install(layer -> ((BatchNormalization) layer).inferenceScaleAndShift());
    }

    private int axis = -1;
    private double momentum = 0.99;
    private boolean synchronize;
    private Initializer movingMeanInitializer = Initializers.zeros();
    private Initializer movingVarianceInitializer = Initializers.ones();
    private Variable movingMean;
    private Variable movingVariance;
    private int builtRank;
    private int[] reductionAxes;
    private Shape broadcastShape;

    /** A layer with Keras's defaults. */
    public BatchNormalization() {
    }

    /** The feature axis (default -1; 1 for channels-first images). */
    public BatchNormalization axis(int axis) {
        requireNotBuilt("axis");
        this.axis = axis;
        return this;
    }

    /**
     * The momentum of the moving statistics (default 0.99).
     *
     * @throws IllegalArgumentException if not in [0, 1]
     */
    public BatchNormalization momentum(double momentum) {
        requireNotBuilt("momentum");
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(describe() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /**
     * Keras's {@code synchronized} (default false): in data-parallel training, normalize with the statistics of the
     * global batch, summed across the replicas at every training step (count, mean and squared deviations per
     * replica forward, the gradients of the mean and variance backward), so the step equals single-machine training
     * on the global batch. Strata on Spark's synchronous fit honours it; on one machine, and for masked inputs (as in
     * Keras, whose masked moments are never synchronized), the layer uses its batch's own statistics. (Keras accepts
     * {@code True} only with the TensorFlow backend.)
     */
    public BatchNormalization synchronize(boolean synchronize) {
        requireNotBuilt("synchronize");
        this.synchronize = synchronize;
        return this;
    }

    /** Keras's {@code synchronized}: whether the batch statistics are synchronized across replicas. */
    public boolean isSynchronized() {
        return synchronize;
    }

    /** The initializer of {@code moving_mean} (default {@code zeros}). */
    public BatchNormalization movingMeanInitializer(Initializer initializer) {
        requireNotBuilt("movingMeanInitializer");
        this.movingMeanInitializer = java.util.Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The initializer of {@code moving_variance} (default {@code ones}). */
    public BatchNormalization movingVarianceInitializer(Initializer initializer) {
        requireNotBuilt("movingVarianceInitializer");
        this.movingVarianceInitializer = java.util.Objects.requireNonNull(initializer, "initializer");
        return this;
    }

    /** The moving mean, or null before the build. */
    public Variable movingMean() {
        return movingMean;
    }

    /** The moving variance, or null before the build. */
    public Variable movingVariance() {
        return movingVariance;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        if (axis < -rank || axis >= rank) {
            throw new ShapeException(describe() + ": axis " + axis + " is out of bounds for input shape "
                    + inputShape);
        }
        int a = axis < 0 ? axis + rank : axis;
        int features = inputShape.get(a);
        if (features == Shape.UNKNOWN) {
            throw new ShapeException(describe() + " needs the size of axis " + axis + " to be known, got input shape "
                    + inputShape);
        }
        Shape shape = Shape.of(features);
        addGammaAndBeta(shape);
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, false);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, false);
        builtRank = rank;
        reductionAxes = new int[rank - 1];
        int[] bshape = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            bshape[i] = i == a ? features : 1;
            if (i != a) {
                reductionAxes[j++] = i;
            }
        }
        broadcastShape = Shape.of(bshape);
        if (a == rank - 1) {
            setInputSpec(InputSpec.lastAxis(rank, features));
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        int a = axis < 0 ? axis + builtRank : axis;
        if (in.rank() != builtRank || (in.get(a) != Shape.UNKNOWN && in.get(a) != broadcastShape.get(a))) {
            throw new ShapeException(describe() + " expected inputs of rank " + builtRank + " with axis " + axis
                    + " of size " + broadcastShape.get(a) + " (built for shape " + buildInputShapes().getFirst()
                    + "), but received shape " + in);
        }
        Tensor mask = input.mask().orElse(null);
        if (mask != null && mask.shape().rank() != in.rank() - 1) {
            throw new ShapeException(describe() + ": the mask must have one dimension less than the input; input "
                    + "shape " + in + ", mask shape " + mask.shape());
        }
        Tensor mean;
        Tensor variance;
        if (training() && trainable()) {
            ReplicaContext replicas = synchronize && !input.isSymbolic() ? ReplicaContext.current() : null;
            if (mask == null && replicas != null) {
                Tensor[] moments = synchronizedMoments(input, replicas);
                mean = moments[0];
                variance = moments[1];
            } else if (mask == null) {
                // Batch statistics (jnp.mean and jnp.var, the population variance), kept broadcastable.
                mean = Ops.mean(input, reductionAxes, true);
                variance = Ops.mean(Ops.square(Ops.subtract(input, mean)), reductionAxes, true);
            } else {
                // Keras's masked moments: sums over the unmasked steps, divided by their count + epsilon.
                // the mask broadcast over the features (adding zeros keeps unknown dimensions symbolic)
                Tensor keep = Ops.add(Ops.multiply(input, 0f), Ops.expandDims(Ops.greater(mask, 0f), -1));
                Tensor zero = Tensor.scalar(0f);
                Tensor count = Ops.add(Ops.sum(keep, reductionAxes, true), KERAS_EPSILON);
                mean = Ops.divide(Ops.sum(Ops.where(keep, input, zero), reductionAxes, true), count);
                Tensor diff = Ops.where(keep, Ops.subtract(input, mean), zero);
                variance = Ops.divide(Ops.sum(Ops.square(diff), reductionAxes, true), count);
            }
            if (!input.isSymbolic()) {
                updateMoving(movingMean, mean);
                updateMoving(movingVariance, variance);
            }
        } else {
            mean = broadcastable(movingMean);
            variance = broadcastable(movingVariance);
        }
        Tensor[] affine = scaleAndShift(mean, variance);
        return Ops.add(Ops.multiply(input, affine[0]), affine[1]);
    }

    /**
     * The mean and variance of the global batch, of which {@code input} is this replica's part (Keras's
     * {@code _compute_moments_sync}): one all-reduce gathers each replica's row count, mean and sum of squared
     * deviations per feature, combined in replica order (in double; Chan's pairwise formula, which keeps the
     * accuracy of two passes where Keras's {@code E(x²) - E(x)²} cancels); the backward pass sums the replicas'
     * gradients of the mean and variance (each replica's loss already weighted by its share of the global batch) and
     * gives each row {@code dMean/n + dVar·2(x - mean)/n}, what single-machine differentiation gives.
     */
    private Tensor[] synchronizedMoments(Tensor input, ReplicaContext replicas) {
        int a = axis < 0 ? axis + builtRank : axis;
        int features = broadcastShape.get(a);
        int inner = 1; // elements between two features' values
        for (int d = a + 1; d < builtRank; d++) {
            inner *= input.shape().get(d);
        }
        int stride = inner;
        int slot = 1 + 2 * features;
        Tensor both = Ops.customGradient(args -> {
            Tensor x = args[0];
            float[] v = x.toFloatArray();
            int count = v.length / features;
            double[] sum = new double[features];
            for (int i = 0; i < v.length; i++) {
                sum[(i / stride) % features] += v[i];
            }
            double[] deviations = new double[features];
            for (int i = 0; i < v.length; i++) {
                int f = (i / stride) % features;
                double d = v[i] - sum[f] / count;
                deviations[f] += d * d;
            }
            float[] message = new float[replicas.replicas() * slot];
            int base = replicas.replica() * slot;
            message[base] = count;
            for (int f = 0; f < features && count > 0; f++) {
                message[base + 1 + f] = (float) (sum[f] / count);
                message[base + 1 + features + f] = (float) deviations[f];
            }
            float[] all = replicas.allReduce(message);
            double n = 0;
            double[] mean = new double[features];
            for (int r = 0; r < replicas.replicas(); r++) {
                n += all[r * slot];
                for (int f = 0; f < features; f++) {
                    mean[f] += (double) all[r * slot] * all[r * slot + 1 + f];
                }
            }
            if (n == 0) {
                throw new IllegalStateException(describe() + ": no replica has rows in this step");
            }
            double[] m2 = new double[features];
            for (int r = 0; r < replicas.replicas(); r++) {
                for (int f = 0; f < features; f++) {
                    double d = all[r * slot + 1 + f] - mean[f] / n;
                    m2[f] += all[r * slot + 1 + features + f] + all[r * slot] * d * d;
                }
            }
            float[] moments = new float[2 * features];
            for (int f = 0; f < features; f++) {
                mean[f] /= n;
                moments[f] = (float) mean[f];
                moments[features + f] = (float) (m2[f] / n);
            }
            double total = n;
            return CustomGradient.result(Tensor.of(moments, 2, features), upstream -> {
                float[] g = replicas.allReduce(upstream.toFloatArray());
                float[] dx = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    int f = (i / stride) % features;
                    dx[i] = (float) ((g[f] + g[features + f] * 2 * (v[i] - mean[f])) / total);
                }
                return new Tensor[] {Tensor.of(dx, x.shape())};
            });
        }).apply(input);
        return new Tensor[] {
            Ops.reshape(Ops.slice(both, new int[] {0, 0}, new int[] {1, features}), broadcastShape),
            Ops.reshape(Ops.slice(both, new int[] {1, 0}, new int[] {1, features}), broadcastShape)};
    }

    /** Keras's {@code x·inv + (beta - mean·inv)}: {@code {inv, beta - mean·inv}}, broadcastable to the input. */
    private Tensor[] scaleAndShift(Tensor mean, Tensor variance) {
        Tensor inv = Ops.rsqrt(Ops.add(variance, (float) epsilon));
        if (gamma != null) {
            inv = Ops.multiply(inv, broadcastable(gamma));
        }
        Tensor res = Ops.multiply(Ops.negative(mean), inv);
        if (beta != null) {
            res = Ops.add(res, broadcastable(beta));
        }
        return new Tensor[] {inv, res};
    }

    /**
     * The inference form over the last axis, for predict's folding into a convolution: the same float operations
     * as {@link #call} with the moving statistics; null when the layer normalizes another axis.
     */
    private float[][] inferenceScaleAndShift() {
        if (!isBuilt() || (axis != -1 && axis != builtRank - 1)) {
            return null;
        }
        Tensor[] affine = scaleAndShift(movingMean, movingVariance);
        return new float[][] {affine[0].toFloatArray(), affine[1].toFloatArray()};
    }

    /** Its call reads the mask (Keras's {@code call(..., mask=None)}): graphs record it with the node. */
    @Override
    protected boolean callTakesMask() {
        return true;
    }

    /** Keras's {@code backend.epsilon()}, added to the count of unmasked steps. */
    private static final float KERAS_EPSILON = 1e-7f;

    /**
     * Passes its input's mask on (Keras's {@code supports_masking}); in training, the batch statistics are taken
     * over the unmasked steps only, as Keras does. The mask has one dimension less than the input.
     */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** {@code v·momentum + batch·(1 - momentum)} in float32, as Keras computes it; assigned in place. */
    private void updateMoving(Variable v, Tensor batchValue) {
        float m = (float) momentum;
        float rest = (float) (1.0 - momentum);
        float[] old = v.toFloatArray();
        float[] batch = batchValue.toFloatArray();
        float[] next = new float[old.length];
        for (int i = 0; i < old.length; i++) {
            next[i] = old[i] * m + batch[i] * rest;
        }
        v.assign(Tensor.of(next, v.shape()));
    }

    /** A per-feature vector shaped to broadcast against the input (unchanged for the last axis). */
    private Tensor broadcastable(Tensor perFeature) {
        int a = axis < 0 ? axis + builtRank : axis;
        return a == builtRank - 1 ? perFeature : Ops.reshape(perFeature, broadcastShape);
    }

    /** Keras's {@code BatchNormalization.from_config}; renormalization is accepted only as off. */
    public static BatchNormalization fromConfig(Config c) {
        BatchNormalization bn = new BatchNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            if (axis.length != 1) {
                throw c.error("'axis' = " + java.util.Arrays.toString(axis) + ": Strata normalizes over one axis");
            }
            bn.axis(axis[0]);
        }
        bn.momentum(c.number("momentum", 0.99));
        bn.readCommon(c);
        Initializer i;
        if ((i = c.object("moving_mean_initializer", Initializer.class)) != null) {
            bn.movingMeanInitializer(i);
        }
        if ((i = c.object("moving_variance_initializer", Initializer.class)) != null) {
            bn.movingVarianceInitializer(i);
        }
        bn.synchronize(c.bool("synchronized", false));
        c.requireDefault("renorm", false, "Strata has no batch renormalization");
        c.requireDefault("renorm_clipping", null, "Strata has no batch renormalization");
        c.ignore("renorm_momentum");
        return bn;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axis);
        config.put("momentum", momentum);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        putInitializers(config);
        config.put("moving_mean_initializer", Initializers.serialize(movingMeanInitializer));
        config.put("moving_variance_initializer", Initializers.serialize(movingVarianceInitializer));
        putRegularizersAndConstraints(config);
        config.put("synchronized", synchronize);
        config.put("renorm", false);
        config.put("renorm_clipping", null);
        config.put("renorm_momentum", 0.99);
        return config;
    }
}
