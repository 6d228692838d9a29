package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Determinants of the square matrices in the last two axes, from one LU factorisation with partial pivoting in
 * double: {@code keras.ops.det(x)}; {@code keras.ops.slogdet(x)}, two outputs {@code [sign, log|det|]} (sign 0 and
 * log|det| -inf for a singular matrix, as JAX's); {@code keras.ops.logdet(x)}, which with the JAX backend is
 * slogdet's second output, {@code log|det|} (so also for a negative determinant). Each result has x's batch shape.
 * Gradients (JAX's): det {@code g·det·inv(x)ᵀ}; log|det| {@code g·inv(x)ᵀ}; sign none (zero). At a singular matrix
 * these are non-finite, where JAX's det gradient gives the cofactor matrix.
 */
final class Determinant {
    /** {@code keras.ops.det(x)}. */
    static final OpSpec DET = OpSpec.op("det").keras(Module.LINALG, "Det").rebuild((in, args) -> det(in.get(0)));
    /** {@code keras.ops.slogdet(x)}: two outputs. */
    static final OpSpec SLOGDET = OpSpec.op("slogdet").numpy("Slogdet")
            .rebuildAll((in, args) -> slogdet(in.get(0)));
    /** {@code keras.ops.logdet(x)}. */
    static final OpSpec LOGDET = OpSpec.op("logdet").math("Logdet").rebuild((in, args) -> logdet(in.get(0)));

    private Determinant() {
    }

    static Tensor det(Tensor x) {
        Shape out = check("det", x);
        if (x.isSymbolic()) {
            return OpSupport.record(DET, out, in -> det(in.get(0)), x);
        }
        double[][] sl = compute(x);
        float[] v = OpSupport.newArray(sl[0].length);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (sl[0][i] * Math.exp(sl[1][i]));
        }
        Tensor y = OpSupport.wrap(v, out);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {
            Multiply.apply(expand(Multiply.apply(g, y)), Linalg.mT(Inv.apply(x)))});
        return y;
    }

    static List<Tensor> slogdet(Tensor x) {
        Shape out = check("slogdet", x);
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SLOGDET.args(), in -> slogdet(in.get(0))), List.of(x),
                    List.of(out, out)));
        }
        double[][] sl = compute(x);
        Tensor sign = OpSupport.wrap(floats(sl[0]), out);
        return List.of(sign, logAbs(x, sl[1], out));
    }

    static Tensor logdet(Tensor x) {
        Shape out = check("logdet", x);
        if (x.isSymbolic()) {
            return OpSupport.record(LOGDET, out, in -> logdet(in.get(0)), x);
        }
        return logAbs(x, compute(x)[1], out);
    }

    private static Tensor logAbs(Tensor x, double[] values, Shape out) {
        Tensor y = OpSupport.wrap(floats(values), out);
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {Multiply.apply(expand(g), Linalg.mT(Inv.apply(x)))});
        return y;
    }

    private static Shape check(String op, Tensor x) {
        Linalg.requireSquare(op, "x", x.shape());
        return Linalg.batch(x.shape());
    }

    /** g of x's batch shape as {@code (..., 1, 1)}, to scale each matrix. */
    private static Tensor expand(Tensor g) {
        return ExpandDims.apply(ExpandDims.apply(g, -1), -1);
    }

    private static float[] floats(double[] v) {
        float[] out = OpSupport.newArray(v.length);
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }

    /** {sign, log|det|} of each matrix of concrete x. */
    private static double[][] compute(Tensor x) {
        Shape s = x.shape();
        int n = s.get(-1);
        int count = Linalg.count(s);
        float[] in = OpSupport.data(x);
        double[] sign = new double[count];
        double[] log = new double[count];
        int[] piv = new int[n];
        for (int b = 0; b < count; b++) {
            double[] a = LinalgKernels.read(in, b, n, n);
            int swaps = LinalgKernels.lu(a, n, n, piv);
            double sg = swaps % 2 == 0 ? 1 : -1;
            double l = 0;
            for (int i = 0; i < n; i++) {
                double d = a[i * n + i];
                if (d < 0) {
                    sg = -sg;
                }
                l += Math.log(Math.abs(d));
            }
            boolean singular = false;
            boolean nan = false;
            for (int i = 0; i < n; i++) {
                singular |= a[i * n + i] == 0;
                nan |= Double.isNaN(a[i * n + i]);
            }
            sign[b] = nan ? Double.NaN : singular ? 0 : sg;
            log[b] = nan ? Double.NaN : singular ? Double.NEGATIVE_INFINITY : l;
        }
        return new double[][] {sign, log};
    }
}
