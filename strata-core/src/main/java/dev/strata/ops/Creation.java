package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The creation functions of {@code keras.ops.numpy} that Strata's {@link Tensor} factories do not already have
 * (evenly spaced values are {@link Spaced}'s): arange in a dtype, the lower-triangular matrix of ones
 * ({@code tri}) and the window functions ({@code bartlett}, {@code blackman}, {@code hamming}, {@code hanning},
 * {@code kaiser}). Values are computed in double and rounded once. They take numbers, not tensors, so they make
 * constants and never graph nodes (as in Keras, where they are not ops of a saved graph).
 */
final class Creation {
    private Creation() {
    }

    /**
     * {@code keras.ops.arange(start, stop, step, dtype)} as JAX computes it: {@code ceil((stop - start) / step)}
     * values. A float dtype (or null) gives {@code start + i·step} rounded to float32 (float16/bfloat16: then rounded
     * to that precision); an integer dtype truncates start and step toward zero first and counts {@code trunc(start)
     * + i·trunc(step)}, wrapping at the type's width ({@code arange(0.5, 5, 1.5, "int32")} is 0, 1, 2; {@code
     * arange(250, 260, 1, "int8")} starts at -6), as JAX's; {@code bool} is refused, as by JAX's iota.
     */
    static Tensor arange(float start, float stop, float step, String dtype) {
        Tensor floats = Tensor.arange(start, stop, step); // checks finiteness and step, and counts
        if (dtype == null || dtype.equals("float32") || dtype.equals("float64")) {
            return floats;
        }
        if (dtype.equals("bool")) {
            throw new IllegalArgumentException("arange: dtype 'bool' is not allowed (JAX's arange takes integer and "
                    + "float types)");
        }
        if (!Cast.isInteger("arange", dtype)) {
            return Cast.apply(floats, dtype);
        }
        long first = (long) start;
        long delta = (long) step;
        float[] out = new float[floats.shape().get(0)];
        for (int i = 0; i < out.length; i++) {
            out[i] = Cast.wrap("arange", dtype, first + i * delta);
        }
        return Tensor.of(out, out.length);
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
