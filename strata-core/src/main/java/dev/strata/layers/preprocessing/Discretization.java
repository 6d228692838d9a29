package dev.strata.layers.preprocessing;

import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buckets continuous values by boundaries, like {@code keras.layers.Discretization}: a value {@code x} goes to bin
 * {@code i} where {@code boundaries[i-1] <= x < boundaries[i]} (numpy's {@code digitize}), so {@code n} boundaries
 * give {@code n + 1} bins. The boundaries are given, or learnt by {@link #adapt} as {@code num_bins} quantiles with
 * Keras's own approximate algorithm (its {@code summarize}/{@code merge_summaries}/{@code compress_summary}, kept in
 * float32 as Keras keeps them). {@code output_mode}: {@code int} (bin ids), {@code one_hot}, {@code multi_hot},
 * {@code count}. No weights: the boundaries are in the config, as Keras saves them.
 *
 * <pre>{@code
 * Discretization d = new Discretization(new double[] {0.0, 1.0, 2.0});
 * d.apply(Tensor.of(new float[] {-1.5, 1.0, 3.4, 0.5}, 2, 2));   // [[0, 2], [3, 1]]
 * Discretization q = Discretization.ofNumBins(4); q.adapt(data);  // quartile boundaries
 * }</pre>
 */
public class Discretization extends Layer {
    private double[] binBoundaries;
    private final Integer numBins;
    private final double epsilon;
    private final String outputMode;
    /** Keras's running summary during adapt: values (row 0) and weights (row 1), float32 as Keras's numpy arrays. */
    private float[][] summary;

    /** Bins at the given boundaries ({@code int} output). */
    public Discretization(double[] binBoundaries) {
        this(binBoundaries.clone(), null, 0.01, "int");
    }

    /** Bins at the given boundaries with the given {@code output_mode}. */
    public Discretization(double[] binBoundaries, String outputMode) {
        this(binBoundaries.clone(), null, 0.01, outputMode);
    }

    private Discretization(double[] binBoundaries, Integer numBins, double epsilon, String outputMode) {
        if (numBins != null && numBins < 0) {
            throw new IllegalArgumentException("Discretization: `num_bins` must be greater than or equal to 0. "
                    + "Received: `num_bins=" + numBins + "`");
        }
        if (numBins == null && binBoundaries == null) {
            throw new IllegalArgumentException("Discretization: you need to set either `num_bins` or "
                    + "`bin_boundaries`.");
        }
        this.binBoundaries = binBoundaries;
        this.numBins = numBins;
        this.epsilon = epsilon;
        this.outputMode = Categorical.mode(outputMode, Categorical.MODES, "Discretization");
    }

    /** A layer to {@link #adapt} into {@code numBins} bins ({@code int} output, Keras's epsilon 0.01). */
    public static Discretization ofNumBins(int numBins) {
        return ofNumBins(numBins, 0.01, "int");
    }

    /** A layer to {@link #adapt} into {@code numBins} bins, with the quantiles' error tolerance and output mode. */
    public static Discretization ofNumBins(int numBins, double epsilon, String outputMode) {
        return new Discretization(null, numBins, epsilon, outputMode);
    }

    @Override
    public Discretization named(String name) {
        super.named(name);
        return this;
    }

    /** The boundaries (given or adapted), or null before {@link #adapt}. */
    public double[] binBoundaries() {
        return binBoundaries == null ? null : binBoundaries.clone();
    }

    /** The output mode. */
    public String outputMode() {
        return outputMode;
    }

    /** Learns {@code num_bins} quantile boundaries from one batch of data (any shape; every value counts). */
    public void adapt(Tensor data) {
        adapt(List.of(data));
    }

    /**
     * Learns {@code num_bins} quantile boundaries from batches, merging per-batch summaries as Keras does.
     *
     * @throws IllegalStateException if the layer was given its boundaries
     * @throws IllegalArgumentException if there are no batches
     */
    public void adapt(Iterable<? extends Tensor> batches) {
        if (numBins == null) {
            throw new IllegalStateException(describe() + ": cannot adapt a Discretization layer that has been "
                    + "initialized with `bin_boundaries`, use `num_bins` instead.");
        }
        Iterator<? extends Tensor> it = batches.iterator();
        if (!it.hasNext()) {
            throw new IllegalArgumentException(describe() + ".adapt received no batches");
        }
        summary = new float[][] {new float[0], new float[0]};
        while (it.hasNext()) {
            Tensor batch = it.next();
            if (batch.isSymbolic()) {
                throw new IllegalArgumentException(describe() + ".adapt needs concrete data, got a symbolic tensor");
            }
            if (batch.shape().size() == 0) {
                throw new IllegalArgumentException(describe() + ".adapt received an empty batch (shape "
                        + batch.shape() + ")");
            }
            summary = mergeSummaries(summarize(batch.toFloatArray(), epsilon), summary, epsilon);
        }
        float[][] c = compressSummary(summary, 1.0 / numBins);
        binBoundaries = new double[c[0].length - 1];
        for (int i = 0; i < binBoundaries.length; i++) {
            binBoundaries[i] = c[0][i];
        }
        summary = null;
    }

    /** Keras's {@code summarize}: every {@code step}-th sorted value, weighted {@code step}. */
    static float[][] summarize(float[] values, double epsilon) {
        float[] v = values.clone();
        Arrays.sort(v);
        double numBuckets = 1.0 / epsilon;
        double increment = v.length / numBuckets;
        double step = Math.max(increment, 1);
        int start = (int) (step - 1);
        int s = (int) step;
        List<Float> b = new ArrayList<>();
        for (int i = start; i < v.length; i += s) {
            b.add(v[i]);
        }
        float[][] out = new float[2][b.size()];
        for (int i = 0; i < b.size(); i++) {
            out[0][i] = b.get(i);
            out[1][i] = (float) step; // np.ones_like(float32 boundaries) * step stays float32
        }
        return out;
    }

    /** Keras's {@code merge_summaries}: concatenated (prev, next), stably sorted by value, then compressed. */
    static float[][] mergeSummaries(float[][] prev, float[][] next, double epsilon) {
        int n = prev[0].length + next[0].length;
        Integer[] order = new Integer[n];
        float[] vals = new float[n];
        float[] wts = new float[n];
        System.arraycopy(prev[0], 0, vals, 0, prev[0].length);
        System.arraycopy(next[0], 0, vals, prev[0].length, next[0].length);
        System.arraycopy(prev[1], 0, wts, 0, prev[1].length);
        System.arraycopy(next[1], 0, wts, prev[1].length, next[1].length);
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // np.argsort's default quicksort is not stable, but ties have equal values; only weights could differ
        Arrays.sort(order, (a, b) -> Float.compare(vals[a], vals[b]));
        float[][] merged = new float[2][n];
        for (int i = 0; i < n; i++) {
            merged[0][i] = vals[order[i]];
            merged[1][i] = wts[order[i]];
        }
        return compressSummary(merged, epsilon);
    }

    /** Keras's {@code compress_summary}: interpolates cumulative weight percents (in double, then float32). */
    static float[][] compressSummary(float[][] summary, double epsilon) {
        int n = summary[0].length;
        if (n * epsilon < 1) {
            return summary;
        }
        // percents = epsilon + np.arange(0.0, 1.0, epsilon)
        int count = (int) Math.ceil((1.0 - 0.0) / epsilon);
        double[] percents = new double[count];
        for (int i = 0; i < count; i++) {
            percents[i] = epsilon + i * epsilon;
        }
        double[] cum = new double[n];
        float acc = 0f; // cumsum of a float32 array accumulates in float32
        for (int i = 0; i < n; i++) {
            acc += summary[1][i];
            cum[i] = acc;
        }
        double[] cumPct = new double[n];
        for (int i = 0; i < n; i++) {
            cumPct[i] = (float) (cum[i] / cum[n - 1]); // float32 / float32 -> float32
        }
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = summary[0][i];
        }
        float[][] out = new float[2][count];
        double prev = 0;
        for (int i = 0; i < count; i++) {
            double bin = interp(percents[i], cumPct, xs);
            double cw = interp(percents[i], cumPct, cum);
            out[0][i] = (float) bin;
            out[1][i] = (float) (cw - prev);
            prev = cw;
        }
        return out;
    }

    /** numpy's {@code interp}: linear, clamped to the end values outside the range. */
    static double interp(double x, double[] xp, double[] fp) {
        int n = xp.length;
        if (x <= xp[0]) {
            return fp[0];
        }
        if (x >= xp[n - 1]) {
            return fp[n - 1];
        }
        int lo = 0;
        int hi = n - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xp[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double slope = (fp[hi] - fp[lo]) / (xp[hi] - xp[lo]);
        return slope * (x - xp[lo]) + fp[lo];
    }

    private int depth() {
        return binBoundaries != null ? binBoundaries.length + 1 : numBins;
    }

    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        return Categorical.outputShape(inputShape, outputMode, depth());
    }

    @Override
    protected Tensor call(Tensor input) {
        if (binBoundaries == null) {
            throw new IllegalStateException(describe() + ": you need to either pass the `bin_boundaries` argument at "
                    + "construction time or call `adapt(dataset)` before you can start using the `Discretization` "
                    + "layer.");
        }
        Categorical.requireNonEmpty(input.shape(), describe());
        float[] x = input.toFloatArray();
        float[] bounds = new float[binBoundaries.length]; // compared in float32, as jnp.digitize on float32 arrays
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = (float) binBoundaries[i];
        }
        int[] ids = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            int lo = 0;
            int hi = bounds.length;
            while (lo < hi) { // first boundary > x
                int mid = (lo + hi) >>> 1;
                if (bounds[mid] <= x[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            ids[i] = Float.isNaN(x[i]) ? bounds.length : lo;
        }
        return Categorical.encode(ids, input.shape(), outputMode, depth(), null);
    }

    /**
     * Keras's {@code Discretization.from_config}: an adapted layer's config has both {@code bin_boundaries} and
     * {@code num_bins}, and keeps both.
     */
    public static Discretization fromConfig(Config c) {
        List<Object> b = c.list("bin_boundaries");
        double[] bounds = null;
        if (b != null) {
            bounds = new double[b.size()];
            for (int i = 0; i < bounds.length; i++) {
                bounds[i] = c.toDouble(b.get(i), "bin_boundaries");
            }
        }
        Integer n = c.integer("num_bins", null);
        c.requireDefault("sparse", false, "sparse outputs are not supported");
        String mode = c.string("output_mode", "int");
        double eps = c.number("epsilon", 0.01);
        if (n != null) {
            Discretization d = new Discretization(null, n, eps, mode);
            d.binBoundaries = bounds;
            return d;
        }
        if (bounds == null) {
            throw c.error("you need to set either `num_bins` or `bin_boundaries`");
        }
        return new Discretization(bounds, null, eps, mode);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> base = super.getConfig();
        Map<String, Object> config = new LinkedHashMap<>();
        List<Double> bounds = null;
        if (binBoundaries != null) {
            bounds = new ArrayList<>();
            for (double v : binBoundaries) {
                bounds.add(v);
            }
        }
        config.put("bin_boundaries", bounds); // Keras's own order: its get_config lists these, then name and dtype
        config.put("num_bins", numBins);
        config.put("epsilon", epsilon);
        config.put("output_mode", outputMode);
        config.put("sparse", false);
        config.put("name", base.get("name"));
        config.put("dtype", "float32"); // Keras writes self.dtype, a plain name, here
        return config;
    }

}
