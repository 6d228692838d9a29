package dev.strata.layers.preprocessing;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Standardizes its input with a mean and variance learnt by {@link #adapt} (or given), like
 * {@code keras.layers.Normalization}: {@code (x - mean) / max(√variance, 1e-7)}, or the inverse
 * {@code mean + x·max(√variance, 1e-7)} with {@link #invert}. There is one mean and variance per position of
 * the kept {@code axis} (default the last: one per feature), computed over all other axes.
 *
 * <pre>{@code
 * Normalization norm = new Normalization();
 * norm.adapt(xTrain);                                   // mean and variance of each feature
 * Model m = new Sequential(new InputLayer(8), norm, new Dense(30, "relu"), new Dense(1));
 * Layer fixed = new Normalization(new double[] {1, 2}, new double[] {4, 9});
 * }</pre>
 *
 * <p>As in Keras 3, adapted statistics are non-trainable weights, in this order: {@code mean} and
 * {@code variance} (shaped like the kept axes) and {@code count} (a scalar; Keras stores it as int32 and, in
 * Keras 3, leaves it at 0 after {@code adapt}, as does this layer). So 6 features count 13 parameters. A layer
 * given its mean and variance has no weights. {@code adapt} computes in double precision.
 */
public class Normalization extends Layer {
    private static final float EPSILON = 1e-7f; // keras.backend.epsilon()

    private int[] axes = {-1};
    private boolean invert;
    private final double[] givenMean;
    private final double[] givenVariance;
    private final Shape givenShape;
    private Variable adaptMean;
    private Variable adaptVariance;
    private Variable count;
    private int[] keep;
    private int[] reduce;
    private Shape broadcastShape;
    private Shape statisticsShape;
    private Tensor fixedMean;
    private Tensor fixedVariance;

    /** A layer to be adapted, normalizing each feature (axis -1). */
    public Normalization() {
        this.givenMean = null;
        this.givenVariance = null;
        this.givenShape = null;
    }

    /**
     * A layer with the given per-feature mean and variance (no weights, nothing to adapt).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public Normalization(double[] mean, double[] variance) {
        this(Tensor.of(toFloats(mean)), Tensor.of(toFloats(variance)), mean.clone(), variance.clone());
    }

    /**
     * A layer with the given mean and variance, scalars or shaped like the trailing kept axes (Keras's
     * {@code mean=}/{@code variance=}).
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public Normalization(Tensor mean, Tensor variance) {
        this(mean, variance, shortest(mean), shortest(variance));
    }

    private Normalization(Tensor mean, Tensor variance, double[] meanValues, double[] varianceValues) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(variance, "variance");
        if (!mean.shape().equals(variance.shape())) {
            throw new IllegalArgumentException("Normalization: when setting values directly, mean and variance must "
                    + "have the same shape; got mean shape " + mean.shape() + " and variance shape "
                    + variance.shape());
        }
        this.givenMean = meanValues;
        this.givenVariance = varianceValues;
        this.givenShape = mean.shape();
    }

    @Override
    public Normalization named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The axes kept (one statistic per position along them; default -1). No axes (Keras's {@code axis=None})
     * means one mean and variance over everything.
     */
    public Normalization axis(int... axes) {
        requireNotBuilt("axis");
        this.axes = axes.clone();
        return this;
    }

    /** Whether to undo a normalization instead ({@code mean + x·std}); default false. */
    public Normalization invert(boolean invert) {
        requireNotBuilt("invert");
        this.invert = invert;
        return this;
    }

    /** The adapted mean (a weight), or null before the build or when the mean was given. */
    public Variable mean() {
        return adaptMean;
    }

    /** The adapted variance (a weight), or null before the build or when the variance was given. */
    public Variable variance() {
        return adaptVariance;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int[] k = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw new ShapeException(describe() + ": all axis values must be in the range [-ndim, ndim); "
                        + "received inputs with ndim=" + rank + ", while axis=" + Arrays.toString(axes));
            }
            k[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        k = Arrays.stream(k).distinct().sorted().toArray();
        int[] stats = new int[k.length];
        int[] bshape = new int[rank];
        Arrays.fill(bshape, 1);
        for (int i = 0; i < k.length; i++) {
            int d = inputShape.get(k[i]);
            if (d == Shape.UNKNOWN) {
                throw new ShapeException(describe() + ": all axis values to be kept must have a known size; "
                        + "received axis=" + Arrays.toString(axes) + ", input shape " + inputShape
                        + ", with an unknown size at index " + k[i]);
            }
            stats[i] = d;
            bshape[k[i]] = d;
        }
        keep = k;
        List<Integer> r = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (Arrays.binarySearch(k, d) < 0) {
                r.add(d);
            }
        }
        reduce = r.stream().mapToInt(Integer::intValue).toArray();
        broadcastShape = Shape.of(bshape);
        statisticsShape = Shape.of(stats);
        if (givenMean == null) {
            adaptMean = addWeight("mean", statisticsShape, Initializers.zeros(), false);
            adaptVariance = addWeight("variance", statisticsShape, Initializers.ones(), false);
            count = addWeight("count", Shape.scalar(), Initializers.zeros(), false);
        } else {
            fixedMean = toBroadcast(Tensor.of(toFloats(givenMean), givenShape));
            fixedVariance = toBroadcast(Tensor.of(toFloats(givenVariance), givenShape));
        }
    }

    /** A given mean or variance reshaped and broadcast to the statistics' broadcast shape, as Keras does. */
    private Tensor toBroadcast(Tensor t) {
        if (t.rank() > keep.length) {
            throw new ShapeException(describe() + ": the rank of mean must be at most the number of kept axes ("
                    + keep.length + "); got mean shape " + t.shape() + " for axis " + Arrays.toString(axes));
        }
        int[] expanded = new int[broadcastShape.rank()];
        Arrays.fill(expanded, 1);
        for (int i = 1; i <= t.rank(); i++) {
            expanded[keep[keep.length - i]] = t.shape().get(t.rank() - i);
        }
        try {
            return Ops.broadcastTo(Ops.reshape(t, expanded), broadcastShape);
        } catch (ShapeException e) {
            throw new ShapeException(describe() + ": mean and variance of shape " + t.shape() + " do not fit inputs "
                    + "whose kept axes have sizes " + statisticsShape + ": " + e.getMessage());
        }
    }

    /**
     * Computes the mean and variance of {@code data} over every axis but the kept ones (in double precision)
     * and stores them; builds the layer from the data's shape if needed.
     *
     * @throws IllegalStateException if the layer was given its mean and variance
     * @throws ShapeException if the data's kept axes differ from what the layer was built for
     */
    public void adapt(Tensor data) {
        adapt(List.of(data));
    }

    /**
     * Computes the mean and variance over several batches (Keras's {@code adapt} of a dataset), combining the
     * per-batch statistics as Keras does, in double precision.
     *
     * @throws IllegalArgumentException if there are no batches
     */
    public void adapt(Iterable<? extends Tensor> batches) {
        if (givenMean != null) {
            throw new IllegalStateException(describe() + " was given its mean and variance; there is nothing to adapt");
        }
        Iterator<? extends Tensor> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(describe() + ".adapt received no batches");
        }
        double[] totalMean = null;
        double[] totalVar = null;
        long totalCount = 0;
        while (it.hasNext()) {
            Tensor batch = it.next();
            if (batch.isSymbolic()) {
                throw new IllegalArgumentException(describe() + ".adapt needs concrete data, got a symbolic tensor "
                        + batch.shape());
            }
            Shape s = batch.shape();
            if (!isBuilt()) {
                if (s.rank() == 0) {
                    throw new ShapeException(describe() + ".adapt needs data with a batch dimension, got a scalar");
                }
                buildForSamples(s.subShape(1, s.rank())); // marks the layer built
            }
            checkKept(s, "adapt() received data of shape " + s);
            double[][] stats = moments(batch);
            long n = s.size() / Math.max(1, statisticsShape.size());
            if (totalMean == null) {
                totalMean = stats[0];
                totalVar = stats[1];
                totalCount = n;
                continue;
            }
            totalCount += n;
            double batchWeight = (double) n / totalCount;
            double existingWeight = 1.0 - batchWeight;
            for (int i = 0; i < totalMean.length; i++) {
                double newMean = totalMean[i] * existingWeight + stats[0][i] * batchWeight;
                double dOld = totalMean[i] - newMean;
                double dNew = stats[0][i] - newMean;
                totalVar[i] = (totalVar[i] + dOld * dOld) * existingWeight + (stats[1][i] + dNew * dNew) * batchWeight;
                totalMean[i] = newMean;
            }
        }
        adaptMean.assign(Tensor.of(toFloats(totalMean), statisticsShape));
        adaptVariance.assign(Tensor.of(toFloats(totalVar), statisticsShape));
    }

    /** Per kept position: the mean and population variance over the reduced axes, two-pass in double. */
    private double[][] moments(Tensor batch) {
        Shape s = batch.shape();
        float[] x = batch.toFloatArray();
        int stats = statisticsShape.size();
        double[] sum = new double[stats];
        long[] n = new long[stats];
        int[] index = new int[x.length];
        int[] dims = s.toArray();
        int[] coord = new int[dims.length];
        for (int i = 0; i < x.length; i++) {
            int k = 0;
            for (int a : keep) {
                k = k * dims[a] + coord[a];
            }
            index[i] = k;
            sum[k] += x[i];
            n[k]++;
            for (int d = dims.length - 1; d >= 0; d--) { // next row-major coordinate
                if (++coord[d] < dims[d]) {
                    break;
                }
                coord[d] = 0;
            }
        }
        double[] mean = new double[stats];
        for (int k = 0; k < stats; k++) {
            mean[k] = n[k] == 0 ? 0 : sum[k] / n[k];
        }
        double[] var = new double[stats];
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[index[i]];
            var[index[i]] += d * d;
        }
        for (int k = 0; k < stats; k++) {
            var[k] = n[k] == 0 ? 0 : var[k] / n[k];
        }
        return new double[][] {mean, var};
    }

    private void checkKept(Shape s, String what) {
        if (s.rank() != broadcastShape.rank()) {
            throw new ShapeException(describe() + " was built for inputs of rank " + broadcastShape.rank() + " (shape "
                    + buildInputShapes().getFirst() + "), but " + what);
        }
        for (int a : keep) {
            if (s.get(a) != Shape.UNKNOWN && s.get(a) != broadcastShape.get(a)) {
                throw new ShapeException(describe() + " was built for inputs whose axis " + a + " has size "
                        + broadcastShape.get(a) + " (shape " + buildInputShapes().getFirst() + "), but " + what);
            }
        }
    }

    @Override
    protected Tensor call(Tensor input) {
        checkKept(input.shape(), "received input shape " + input.shape());
        Tensor mean = fixedMean != null ? fixedMean : Ops.reshape(adaptMean, broadcastShape);
        Tensor variance = fixedVariance != null ? fixedVariance : Ops.reshape(adaptVariance, broadcastShape);
        Tensor std = Ops.maximum(Ops.sqrt(variance), EPSILON);
        if (invert) {
            return Ops.add(mean, Ops.multiply(input, std));
        }
        return Ops.divide(Ops.subtract(input, mean), std);
    }

    /**
     * Keras's {@code Normalization.from_config}: with {@code mean} and {@code variance} given together, a layer with
     * those statistics; else one to {@code adapt}. {@code axis} None is one statistic over everything.
     */
    public static Normalization fromConfig(Config c) {
        Tensor mean = c.tensor("mean");
        Tensor variance = c.tensor("variance");
        Normalization n;
        if (mean == null && variance == null) {
            n = new Normalization();
        } else if (mean == null || variance == null) {
            throw c.error("'mean' and 'variance' must be given together");
        } else {
            // the config's own decimals, kept for getConfig (ConvNeXt's variance 3409.9760250000004 is no float)
            n = new Normalization(mean, variance, flat(c.raw("mean")), flat(c.raw("variance")));
        }
        if (c.has("axis")) {
            int[] axis = c.ints("axis");
            n.axis(axis == null ? new int[0] : axis);
        }
        n.invert(c.bool("invert", false));
        return n;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", Arrays.stream(axes).boxed().toList());
        config.put("invert", invert);
        config.put("mean", givenMean == null ? null : nested(givenMean, givenShape));
        config.put("variance", givenVariance == null ? null : nested(givenVariance, givenShape));
        return config;
    }

    /** numpy's {@code tolist()}: a number for a scalar, else nested lists. */
    private static Object nested(double[] values, Shape shape) {
        if (shape.rank() == 0) {
            return values[0];
        }
        return nested(values, shape.toArray(), 0, 0);
    }

    private static List<Object> nested(double[] values, int[] dims, int axis, int offset) {
        int stride = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            stride *= dims[d];
        }
        List<Object> out = new ArrayList<>(dims[axis]);
        for (int i = 0; i < dims[axis]; i++) {
            out.add(axis == dims.length - 1 ? (Object) values[offset + i]
                    : nested(values, dims, axis + 1, offset + i * stride));
        }
        return out;
    }

    /** The numbers of a scalar or nested lists (already checked by {@code Config.tensor}), in order. */
    private static double[] flat(Object raw) {
        List<Double> out = new ArrayList<>();
        flatInto(raw, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatInto(Object raw, List<Double> out) {
        if (raw instanceof List<?> l) {
            for (Object o : l) {
                flatInto(o, out);
            }
        } else {
            out.add(((Number) raw).doubleValue());
        }
    }

    private static float[] toFloats(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** The float values as the shortest decimals that round to them (0.1f shows as 0.1, as numpy prints). */
    private static double[] shortest(Tensor t) {
        float[] f = t.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Double.parseDouble(Float.toString(f[i]));
        }
        return out;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
