package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The creation functions of {@code keras.ops.numpy} that Strata's {@link Tensor} factories do not already have:
 * evenly spaced values ({@code linspace}, {@code logspace}, {@code geomspace}), the lower-triangular matrix of ones
 * ({@code tri}) and the window functions ({@code bartlett}, {@code blackman}, {@code hamming}, {@code hanning},
 * {@code kaiser}). Values are computed in double and rounded once. They take numbers, not tensors, so they make
 * constants and never graph nodes (as in Keras, where they are not ops of a saved graph).
 */
final class Creation {
    private Creation() {
    }

    /**
     * numpy's {@code linspace(start, stop, num, endpoint)} along a new axis 0: {@code start + i·step}, step
     * {@code (stop - start) / (num - 1)} with the endpoint (and the last value exactly stop) or {@code / num}
     * without.
     */
    static Tensor linspace(double start, double stop, int num, boolean endpoint) {
        double[] v = spaced(start, stop, num, endpoint, "linspace");
        return vector(v);
    }

    /** numpy's {@code logspace}: {@code base ** linspace(start, stop, num, endpoint)}. */
    static Tensor logspace(double start, double stop, int num, boolean endpoint, double base) {
        double[] v = spaced(start, stop, num, endpoint, "logspace");
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.pow(base, v[i]);
        }
        return vector(v);
    }

    /**
     * numpy's {@code geomspace}: a geometric progression from start to stop (both non-zero and of one sign, or both
     * negative), the endpoints exact.
     */
    static Tensor geomspace(double start, double stop, int num, boolean endpoint) {
        if (start == 0 || stop == 0) {
            throw new IllegalArgumentException("geomspace: start and stop must be non-zero, got " + start + " and "
                    + stop);
        }
        double sign = 1;
        if (start < 0 && stop < 0) {
            sign = -1;
        }
        double[] v = spaced(Math.log10(sign * start), Math.log10(sign * stop), num, endpoint, "geomspace");
        for (int i = 0; i < v.length; i++) {
            v[i] = sign * Math.pow(10, v[i]);
        }
        if (v.length > 0) {
            v[0] = start;
            if (endpoint && v.length > 1) {
                v[v.length - 1] = stop;
            }
        }
        return vector(v);
    }

    private static double[] spaced(double start, double stop, int num, boolean endpoint, String op) {
        if (num < 0) {
            throw new IllegalArgumentException(op + ": num must be >= 0, got " + num);
        }
        double[] v = new double[num];
        int div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        for (int i = 0; i < num; i++) {
            v[i] = start + i * step;
        }
        if (endpoint && num > 1) {
            v[num - 1] = stop;
        }
        return v;
    }

    /** numpy's {@code tri(N, M, k)}: an N x M matrix with ones where {@code j <= i + k} and zeros above. */
    static Tensor tri(int n, int m, int k) {
        if (n < 0 || m < 0) {
            throw new IllegalArgumentException("tri: N and M must be >= 0, got " + n + " and " + m);
        }
        float[] out = new float[Math.multiplyExact(n, m)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m && j <= i + (long) k; j++) {
                out[i * m + j] = 1f;
            }
        }
        return Tensor.of(out, n, m);
    }

    /** The window functions by name ({@code bartlett}, {@code blackman}, {@code hamming}, {@code hanning}). */
    static Tensor window(String name, int m) {
        if (m < 1) {
            return Tensor.zeros(0);
        }
        if (m == 1) {
            return Tensor.ones(1);
        }
        double[] w = new double[m];
        for (int i = 0; i < m; i++) {
            double x = 2 * Math.PI * i / (m - 1);
            w[i] = switch (name) {
                case "bartlett" -> 1 - Math.abs(2.0 * i / (m - 1) - 1);
                case "blackman" -> 0.42 - 0.5 * Math.cos(x) + 0.08 * Math.cos(2 * x);
                case "hamming" -> 0.54 - 0.46 * Math.cos(x);
                case "hanning" -> 0.5 - 0.5 * Math.cos(x);
                default -> throw new IllegalArgumentException("no window " + name);
            };
        }
        return vector(w);
    }

    /** numpy's {@code kaiser(M, beta)}: {@code I0(beta·sqrt(1 - (2n/(M-1) - 1)²)) / I0(beta)}. */
    static Tensor kaiser(int m, double beta) {
        if (m < 1) {
            return Tensor.zeros(0);
        }
        if (m == 1) {
            return Tensor.ones(1);
        }
        double[] w = new double[m];
        double alpha = (m - 1) / 2.0;
        double denominator = besselI0(beta);
        for (int i = 0; i < m; i++) {
            double r = (i - alpha) / alpha;
            w[i] = besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / denominator;
        }
        return vector(w);
    }

    /** The modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    private static double besselI0(double x) {
        double q = x * x / 4;
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 500 && term > sum * 1e-17; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static Tensor vector(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return Tensor.of(out, Shape.of(v.length));
    }
}
