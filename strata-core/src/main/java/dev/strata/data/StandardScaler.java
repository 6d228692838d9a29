package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;

/**
 * Standardizes features column by column, like scikit-learn's {@code StandardScaler}: {@code fit} learns each
 * column's mean and standard deviation, {@code transform} computes {@code (x - mean) / scale}.
 *
 * <pre>{@code
 * StandardScaler scaler = new StandardScaler();
 * Tensor xTrain = scaler.fitTransform(split.train().features());
 * Tensor xTest = scaler.transform(split.test().features());   // the training set's statistics
 * }</pre>
 *
 * <p>As in scikit-learn: the mean and the population variance ({@code ddof = 0}) are accumulated in double
 * with the two-pass algorithm; NaNs are ignored by {@code fit} and kept by {@code transform}; a column that is
 * constant (its variance within rounding error of zero) gets scale 1 instead of 0; {@code transform} rounds the
 * mean and scale to float and computes in float, so its results equal scikit-learn's on float32 input bit for
 * bit. A scaler is not thread-safe while it is being fitted.
 */
public final class StandardScaler {
    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] variance;
    private double[] scale;
    private long[] counts;

    /** A scaler that centers and scales ({@code with_mean=True, with_std=True}). */
    public StandardScaler() {
        this(true, true);
    }

    /**
     * A scaler that centers only if {@code withMean} and scales only if {@code withStd}. The mean and scale are
     * learned either way.
     */
    public StandardScaler(boolean withMean, boolean withStd) {
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /**
     * Learns the mean and standard deviation of each column of {@code x}, replacing what an earlier fit
     * learned.
     *
     * @param x a matrix {@code (samples, features)} with at least one row
     * @return this scaler
     * @throws ShapeException if {@code x} is not a matrix
     * @throws IllegalArgumentException if {@code x} has no rows, contains an infinite value or is symbolic
     */
    public StandardScaler fit(Tensor x) {
        float[] data = checkMatrix(x, "fit");
        int n = x.shape().get(0);
        int d = x.shape().get(1);
        if (n == 0) {
            throw new IllegalArgumentException("StandardScaler.fit: x " + x.shape() + " has no rows; need at least"
                    + " one sample");
        }
        double[] sum = new double[d];
        long[] count = new long[d];
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int c = 0; c < d; c++) {
                float v = data[base + c];
                if (Float.isNaN(v)) {
                    continue;
                }
                if (Float.isInfinite(v)) {
                    throw new IllegalArgumentException("StandardScaler.fit: x contains " + v + " at row " + r
                            + ", column " + c + "; the mean and scale need finite values (NaNs are ignored)");
                }
                sum[c] += v;
                count[c]++;
            }
        }
        double[] m = new double[d];
        for (int c = 0; c < d; c++) {
            m[c] = sum[c] / count[c];
        }
        // Second pass with the correction term of Chan, Golub and LeVeque, as scikit-learn computes it.
        double[] correction = new double[d];
        double[] squares = new double[d];
        for (int r = 0; r < n; r++) {
            int base = r * d;
            for (int c = 0; c < d; c++) {
                float v = data[base + c];
                if (!Float.isNaN(v)) {
                    double t = v - m[c];
                    correction[c] += t;
                    squares[c] += t * t;
                }
            }
        }
        double[] var = new double[d];
        double[] s = new double[d];
        for (int c = 0; c < d; c++) {
            var[c] = (squares[c] - correction[c] * correction[c] / count[c]) / count[c];
            s[c] = isConstant(var[c], m[c], count[c]) ? 1.0 : Math.sqrt(var[c]);
        }
        this.mean = m;
        this.variance = var;
        this.scale = s;
        this.counts = count;
        return this;
    }

    /**
     * scikit-learn's {@code _is_constant_feature}: the variance is below the error bound of the two-pass
     * algorithm, so the column is constant up to rounding and dividing by its tiny scale would only blow up
     * noise.
     */
    private static boolean isConstant(double var, double mean, long n) {
        double eps = Math.ulp(1.0);
        double bound = n * eps * var + (n * mean * eps) * (n * mean * eps);
        return var <= bound;
    }

    /**
     * Standardizes {@code x} with the learned statistics: {@code (x - mean) / scale} per column.
     *
     * @param x a matrix {@code (samples, features)} with as many columns as the data given to {@code fit}
     * @return a new tensor of the same shape
     * @throws IllegalStateException if the scaler has not been fitted
     * @throws ShapeException if {@code x} is not a matrix or its column count differs from the fitted one
     */
    public Tensor transform(Tensor x) {
        float[] data = checkFitted(x, "transform");
        int d = mean.length;
        float[] m = rounded(mean, withMean, 0f);
        float[] s = rounded(scale, withStd, 1f);
        float[] out = new float[data.length];
        for (int base = 0; base < data.length; base += d) {
            for (int c = 0; c < d; c++) {
                // Two float roundings, as numpy's in-place float32 "x -= mean; x /= scale" does.
                float centered = data[base + c] - m[c];
                out[base + c] = centered / s[c];
            }
        }
        return DataSupport.wrap(out, x.shape().toArray());
    }

    /** {@code fit(x)} then {@code transform(x)}. */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /**
     * Undoes {@link #transform}: {@code x * scale + mean} per column (in float, as scikit-learn does).
     *
     * @throws IllegalStateException if the scaler has not been fitted
     * @throws ShapeException if {@code x} is not a matrix or its column count differs from the fitted one
     */
    public Tensor inverseTransform(Tensor x) {
        float[] data = checkFitted(x, "inverseTransform");
        int d = mean.length;
        float[] m = rounded(mean, withMean, 0f);
        float[] s = rounded(scale, withStd, 1f);
        float[] out = new float[data.length];
        for (int base = 0; base < data.length; base += d) {
            for (int c = 0; c < d; c++) {
                float scaled = data[base + c] * s[c];
                out[base + c] = scaled + m[c];
            }
        }
        return DataSupport.wrap(out, x.shape().toArray());
    }

    /** Whether {@link #fit} has been called. */
    public boolean isFitted() {
        return mean != null;
    }

    /**
     * The learned per-column means, in double (scikit-learn's {@code mean_}); a copy. Learned even when the
     * scaler does not center.
     *
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public double[] mean() {
        requireFitted("mean");
        return mean.clone();
    }

    /**
     * The learned per-column population variances ({@code ddof = 0}), in double (scikit-learn's {@code var_});
     * a copy.
     *
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public double[] variance() {
        requireFitted("variance");
        return variance.clone();
    }

    /**
     * The per-column divisors: the standard deviation, or 1 for a constant column (scikit-learn's
     * {@code scale_}); a copy. Learned even when the scaler does not scale.
     *
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }

    /**
     * The number of non-NaN values seen in each column (scikit-learn's {@code n_samples_seen_}); a copy.
     *
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public long[] samplesSeen() {
        requireFitted("samplesSeen");
        return counts.clone();
    }

    /**
     * The number of columns the scaler was fitted on.
     *
     * @throws IllegalStateException if the scaler has not been fitted
     */
    public int featureCount() {
        requireFitted("featureCount");
        return mean.length;
    }

    private static float[] rounded(double[] values, boolean use, float identity) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = use ? (float) values[i] : identity;
        }
        return out;
    }

    private float[] checkFitted(Tensor x, String method) {
        requireFitted(method);
        float[] data = checkMatrix(x, method);
        int d = x.shape().get(1);
        if (d != mean.length) {
            throw new ShapeException("StandardScaler." + method + ": x " + x.shape() + " has " + d
                    + " columns but the scaler was fitted on " + mean.length + " columns");
        }
        return data;
    }

    private static float[] checkMatrix(Tensor x, String method) {
        if (x.rank() != 2) {
            throw new ShapeException("StandardScaler." + method + ": x must be a matrix (samples, features), got"
                    + " shape " + x.shape() + (x.rank() == 1 ? "; reshape a single sample to (1, features)" : ""));
        }
        return DataSupport.data(x, "StandardScaler." + method);
    }

    private void requireFitted(String method) {
        if (mean == null) {
            throw new IllegalStateException("StandardScaler." + method + ": this scaler is not fitted yet; call "
                    + "fit(x) or fitTransform(x) first");
        }
    }

    /** The settings and, once fitted, the column count. */
    @Override
    public String toString() {
        return "StandardScaler(withMean=" + withMean + ", withStd=" + withStd
                + (mean == null ? ", not fitted)" : ", features=" + mean.length + ")");
    }
}
