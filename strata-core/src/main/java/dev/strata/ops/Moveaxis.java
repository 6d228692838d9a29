package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Moves axes to new positions, the others keeping their order, like
 * {@code keras.ops.moveaxis(x, source, destination)} (each an integer or a list of the same length). A
 * {@link Transpose}, whose gradient is the inverse permutation.
 */
final class Moveaxis {
    /** {@code keras.ops.moveaxis(x, source, destination)}. */
    static final OpSpec SPEC = OpSpec.op("moveaxis").numpy("Moveaxis").config("source", Type.INT_OR_INTS)
            .config("destination", Type.INT_OR_INTS)
            .rebuild((in, args) -> apply(in.get(0), args.value("source"), args.value("destination")));

    private Moveaxis() {
    }

    /** {@code source} and {@code destination}: each an {@code Integer} or an {@code int[]}, recorded as given. */
    static Tensor apply(Tensor x, Object source, Object destination) {
        Shape s = x.shape();
        int[] src = list(source);
        int[] dst = list(destination);
        if (src.length != dst.length) {
            throw new IllegalArgumentException("moveaxis: source " + Arrays.toString(src) + " and destination "
                    + Arrays.toString(dst) + " must have the same number of elements (shape " + s + ")");
        }
        int[] a = normalized("source", s, src);
        int[] b = normalized("destination", s, dst);
        // numpy's order: the axes not moved, then each moved one inserted at its destination (in sorted order)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.rank(); i++) {
            final int axis = i;
            if (Arrays.stream(a).noneMatch(v -> v == axis)) {
                order.add(i);
            }
        }
        Integer[] byDestination = new Integer[a.length];
        Arrays.setAll(byDestination, i -> i);
        Arrays.sort(byDestination, (p, q) -> Integer.compare(b[p], b[q]));
        for (int i : byDestination) {
            order.add(b[i], a[i]);
        }
        int[] perm = order.stream().mapToInt(Integer::intValue).toArray();
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(source, destination), Transpose.shape(s, perm),
                    in -> apply(in.get(0), source, destination), x);
        }
        return Transpose.apply(x, perm);
    }

    private static int[] list(Object v) {
        return v instanceof Integer i ? new int[] {i} : ((int[]) v).clone();
    }

    private static int[] normalized(String what, Shape s, int[] axes) {
        int rank = s.rank();
        boolean[] seen = new boolean[rank];
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw new ShapeException("moveaxis: " + what + " axis " + axes[i] + " is out of bounds for a tensor "
                        + "of shape " + s + " (rank " + rank + ")");
            }
            out[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
            if (seen[out[i]]) {
                throw new IllegalArgumentException("moveaxis: " + what + " " + Arrays.toString(axes)
                        + " repeats axis " + out[i] + " (shape " + s + ")");
            }
            seen[out[i]] = true;
        }
        return out;
    }
}
