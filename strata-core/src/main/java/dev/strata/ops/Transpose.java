package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Permutes axes: output axis i is input axis {@code perm[i]}; no permutation reverses the axes. Gradient:
 * the inverse permutation.
 */
final class Transpose {
    /** {@code keras.ops.transpose(x, axes=None)}. */
    static final OpSpec SPEC = OpSpec.op("transpose").numpy("Transpose").config("axes", Type.OPTIONAL_INTS)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axes")));

    private Transpose() {
    }

    static int[] permutation(Shape s, int[] perm) {
        int r = s.rank();
        if (perm == null || perm.length == 0) {
            int[] rev = new int[r];
            Arrays.setAll(rev, i -> r - 1 - i);
            return rev;
        }
        if (perm.length != r) {
            throw new ShapeException("transpose: axes " + Arrays.toString(perm) + " must list each of the " + r
                    + " axes of shape " + s + " once");
        }
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int a = perm[i] < 0 ? perm[i] + r : perm[i];
            if (a < 0 || a >= r || seen[a]) {
                throw new ShapeException("transpose: axes " + Arrays.toString(perm) + " is not a permutation of the "
                        + r + " axes of shape " + s);
            }
            seen[a] = true;
            p[i] = a;
        }
        return p;
    }

    static Shape shape(Shape s, int[] p) {
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = s.get(p[i]);
        }
        return Shape.of(out);
    }

    static Tensor apply(Tensor x, int[] perm) {
        int[] p = permutation(x.shape(), perm);
        Shape out = shape(x.shape(), p);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(p), out, in -> apply(in.get(0), p), x);
        }
        Tensor y = concrete(x, p);
        int[] inverse = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            inverse[p[i]] = i;
        }
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {apply(g, inverse)});
        return y;
    }

    /** The permuted copy of a concrete tensor (no gradient recorded). */
    static Tensor concrete(Tensor x, int[] p) {
        Shape s = x.shape();
        Shape out = shape(s, p);
        float[] in = OpSupport.data(x);
        float[] r = new float[in.length];
        int rank = p.length;
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            identity &= p[i] == i;
        }
        if (identity || in.length == 0) {
            System.arraycopy(in, 0, r, 0, in.length);
            return OpSupport.wrap(r, out);
        }
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int i = rank - 1; i >= 0; i--) {
            inStrides[i] = stride;
            stride *= s.get(i);
        }
        // Walk the output in order; the input position moves by the permuted strides.
        int[] step = new int[rank];
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            step[i] = inStrides[p[i]];
            dims[i] = out.get(i);
        }
        int[] counter = new int[rank];
        int inner = dims[rank - 1];
        int innerStep = step[rank - 1];
        int pos = 0;
        for (int o = 0; o < r.length; o += inner) {
            for (int j = 0, q = pos; j < inner; j++, q += innerStep) {
                r[o + j] = in[q];
            }
            for (int a = rank - 2; a >= 0; a--) {
                counter[a]++;
                pos += step[a];
                if (counter[a] < dims[a]) {
                    break;
                }
                pos -= step[a] * dims[a];
                counter[a] = 0;
            }
        }
        return OpSupport.wrap(r, out);
    }
}
