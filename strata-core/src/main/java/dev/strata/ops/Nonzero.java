package dev.strata.ops;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The coordinates of the non-zero elements of x, like {@code keras.ops.nonzero(x)} (and {@code where(x)} with one
 * argument): one vector per axis of x, in row-major order (NaN counts as non-zero). Eager only: how many there are
 * depends on the values, so a symbolic x (tracing) is an error, not a graph node. Integer results, no gradient.
 */
final class Nonzero {
    private Nonzero() {
    }

    static List<Tensor> apply(Tensor x, String op) {
        Shape s = x.shape();
        if (x.isSymbolic()) {
            throw new UnsupportedOperationException(op + ": the number of non-zero elements depends on the values, so "
                    + "it cannot be traced (x is symbolic, shape " + s + "); call it on a concrete tensor, or use "
                    + "Ops.where(condition, x1, x2), whose shape is known");
        }
        float[] in = OpSupport.data(x);
        int count = 0;
        for (float v : in) {
            if (v != 0f) {
                count++;
            }
        }
        int rank = s.rank();
        float[][] out = new float[rank][count];
        int[] strides = Slice.strides(s);
        for (int i = 0, k = 0; i < in.length; i++) {
            if (in[i] != 0f) {
                int rest = i;
                for (int a = 0; a < rank; a++) {
                    out[a][k] = rest / strides[a];
                    rest %= strides[a];
                }
                k++;
            }
        }
        List<Tensor> result = new ArrayList<>(rank);
        for (float[] coordinate : out) {
            result.add(OpSupport.wrap(coordinate, Shape.of(count)));
        }
        return result;
    }
}
