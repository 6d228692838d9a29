package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Reverses the order of elements along axes, like {@code keras.ops.flip(x, axis=None)} (all axes when None),
 * {@code fliplr(x)} (axis 1, x of rank 2 or more) and {@code flipud(x)} (axis 0). One file for the three, as they
 * differ only in the axes. A gather ({@link Gather}), so the gradient is the same flip of g (the scatter of a
 * permutation).
 */
final class Flip {
    /** {@code keras.ops.flip(x, axis=None)}: axis an integer, a list of them, or None. */
    static final OpSpec FLIP = OpSpec.op("flip").numpy("Flip").config("axis", Type.OPTIONAL_INT_OR_INTS)
            .rebuild((in, args) -> flip(in.get(0), args.value("axis")));
    /** {@code keras.ops.fliplr(x)}. */
    static final OpSpec FLIPLR = OpSpec.op("fliplr").numpy("Fliplr").rebuild((in, args) -> fliplr(in.get(0)));
    /** {@code keras.ops.flipud(x)}. */
    static final OpSpec FLIPUD = OpSpec.op("flipud").numpy("Flipud").rebuild((in, args) -> flipud(in.get(0)));

    private Flip() {
    }

    /** {@code axis}: null (all axes), an {@code Integer} or an {@code int[]}, recorded as given. */
    static Tensor flip(Tensor x, Object axis) {
        int[] axes = axes("flip", x.shape(), axis, true);
        if (x.isSymbolic()) {
            return OpSupport.record(FLIP.args(axis), x.shape(), in -> flip(in.get(0), axis), x);
        }
        return concrete(x, axes);
    }

    static Tensor fliplr(Tensor x) {
        if (x.rank() < 2) {
            throw new ShapeException("fliplr: x must have at least 2 axes (it flips axis 1), got shape " + x.shape());
        }
        if (x.isSymbolic()) {
            return OpSupport.record(FLIPLR, x.shape(), in -> fliplr(in.get(0)), x);
        }
        return concrete(x, new int[] {1});
    }

    static Tensor flipud(Tensor x) {
        if (x.rank() < 1) {
            throw new ShapeException("flipud: x must have at least 1 axis (it flips axis 0), got shape " + x.shape());
        }
        if (x.isSymbolic()) {
            return OpSupport.record(FLIPUD, x.shape(), in -> flipud(in.get(0)), x);
        }
        return concrete(x, new int[] {0});
    }

    /** Concrete x reversed along the (checked, non-negative) axes, differentiably. */
    static Tensor concrete(Tensor x, int[] axes) {
        Shape s = x.shape();
        int[][] source = new int[s.rank()][];
        for (int a : axes) {
            int n = s.get(a);
            int[] idx = new int[n];
            Arrays.setAll(idx, i -> n - 1 - i);
            source[a] = idx;
        }
        return gather(x, source);
    }

    /**
     * Axes given as numpy does (null: every axis; an {@code Integer}; an {@code int[]}), checked against {@code s}
     * and made non-negative; with {@code unique}, an axis given twice is an error (flip), else kept (roll adds).
     */
    static int[] axes(String op, Shape s, Object axis, boolean unique) {
        int rank = s.rank();
        int[] given;
        if (axis == null) {
            given = new int[rank];
            Arrays.setAll(given, i -> i);
        } else if (axis instanceof Integer i) {
            given = new int[] {i};
        } else {
            given = ((int[]) axis).clone();
        }
        boolean[] seen = new boolean[rank];
        for (int k = 0; k < given.length; k++) {
            int a = given[k];
            if (a < -rank || a >= rank) {
                throw new ShapeException(op + ": axis " + a + " is out of bounds for a tensor of shape " + s
                        + " (rank " + rank + ")");
            }
            given[k] = a < 0 ? a + rank : a;
            if (unique && seen[given[k]]) {
                throw new ShapeException(op + ": axis " + Arrays.toString((int[]) axis) + " repeats axis " + given[k]
                        + " (shape " + s + ")");
            }
            seen[given[k]] = true;
        }
        return given;
    }

    /**
     * The gather {@code out[i0, ..., ir] = x[source[0][i0], ..., source[r][ir]]} of concrete x, where a null
     * {@code source[a]} keeps axis a as it is (out and x have the same shape). Trailing kept axes are copied as
     * runs. Differentiable ({@link Gather}).
     */
    static Tensor gather(Tensor x, int[][] source) {
        Shape s = x.shape();
        int rank = s.rank();
        int k = rank;
        int run = 1;
        while (k > 0 && source[k - 1] == null) {
            k--;
            run *= s.get(k);
        }
        int size = s.size();
        int runs = run == 0 ? 0 : size / run;
        int[] map = new int[runs];
        if (runs > 0) {
            int[] strides = Slice.strides(s);
            int[] counter = new int[k];
            for (int r = 0; r < runs; r++) {
                int pos = 0;
                for (int a = 0; a < k; a++) {
                    pos += (source[a] == null ? counter[a] : source[a][counter[a]]) * strides[a];
                }
                map[r] = pos;
                for (int a = k - 1; a >= 0; a--) {
                    if (++counter[a] < s.get(a)) {
                        break;
                    }
                    counter[a] = 0;
                }
            }
        }
        return Gather.apply(x, map, run, s);
    }
}
