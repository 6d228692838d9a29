package dev.strata.initializers;

import dev.strata.config.Config;
import dev.strata.internal.RandomState;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A (semi-)orthogonal matrix times {@code gain}, like {@code keras.initializers.Orthogonal} (default gain 1): the Q of
 * the QR decomposition of a normal matrix, with the signs of R's diagonal folded in as Keras does; shapes of rank > 2
 * are flattened to (prod(shape[:-1]), shape[-1]).
 */
public final class Orthogonal implements Initializer {
    private final float gain;

    /** Keras's default: gain 1. */
    public Orthogonal() {
        this(1f);
    }

    /** An orthogonal matrix times {@code gain}. */
    public Orthogonal(float gain) {
        this.gain = gain;
    }

    /** Keras's {@code from_config}; {@code seed} is accepted (Strata draws from its global random state). */
    public static Orthogonal fromConfig(Config config) {
        config.ignore("seed");
        return new Orthogonal((float) config.number("gain", 1.0));
    }

    @Override
    public Tensor apply(Shape shape) {
        Initializers.requireKnown(this, shape);
        if (shape.rank() < 2) {
            throw new IllegalArgumentException("Orthogonal: the shape must have rank >= 2, got " + shape);
        }
        int cols = shape.get(-1);
        int rows = shape.size() / Math.max(1, cols);
        int m = Math.max(rows, cols);
        int n = Math.min(rows, cols);
        float[] a = new float[m * n];
        RandomState.fillNormal(a, 0f, 1f);
        double[][] q = thinQ(a, m, n); // m x n, columns orthonormal, signs from diag(R)
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = rows >= cols ? q[i][j] : q[j][i];
                out[i * cols + j] = (float) (gain * v);
            }
        }
        return TensorAccess.wrap(out, shape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("seed", null);
        c.put("gain", Initializers.asDecimal(gain));
        return c;
    }

    @Override
    public String toString() {
        return Initializers.describe(this);
    }

    /** The thin Q of A = QR (A is m x n, m >= n, row-major), with Q's columns multiplied by sign(R_jj). */
    static double[][] thinQ(float[] af, int m, int n) {
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = af[i * n + j];
            }
        }
        double[][] vs = new double[n][];
        double[] rDiag = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += a[i][k] * a[i][k];
            }
            norm = Math.sqrt(norm);
            double alpha = a[k][k] > 0 ? -norm : norm;
            double[] v = new double[m];
            for (int i = k; i < m; i++) {
                v[i] = a[i][k];
            }
            v[k] -= alpha;
            double vnorm = 0;
            for (int i = k; i < m; i++) {
                vnorm += v[i] * v[i];
            }
            if (vnorm > 0) {
                for (int j = k; j < n; j++) {
                    double dot = 0;
                    for (int i = k; i < m; i++) {
                        dot += v[i] * a[i][j];
                    }
                    double f = 2 * dot / vnorm;
                    for (int i = k; i < m; i++) {
                        a[i][j] -= f * v[i];
                    }
                }
            }
            vs[k] = v;
            rDiag[k] = a[k][k];
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity.
        double[][] q = new double[m][n];
        for (int j = 0; j < n; j++) {
            q[j][j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = vs[k];
            double vnorm = 0;
            for (int i = k; i < m; i++) {
                vnorm += v[i] * v[i];
            }
            if (vnorm == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i] * q[i][j];
                }
                double f = 2 * dot / vnorm;
                for (int i = k; i < m; i++) {
                    q[i][j] -= f * v[i];
                }
            }
        }
        for (int j = 0; j < n; j++) {
            if (rDiag[j] < 0) {
                for (int i = 0; i < m; i++) {
                    q[i][j] = -q[i][j];
                }
            }
        }
        return q;
    }
}
