package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Rolls elements along axes, like {@code keras.ops.roll(x, shift, axis=None)}: {@code out[(i + shift) mod n] = x[i]}
 * on each axis; with no axis, x is rolled flattened and given its shape back. Shift and axis broadcast as numpy's
 * (one shift for several axes, or several shifts for one axis, which add up). A gather, so the gradient rolls g
 * back.
 */
final class Roll {
    /** {@code keras.ops.roll(x, shift, axis=None)}. */
    static final OpSpec SPEC = OpSpec.op("roll").numpy("Roll").config("shift", Type.INT_OR_INTS)
            .config("axis", Type.OPTIONAL_INT_OR_INTS)
            .rebuild((in, args) -> apply(in.get(0), args.value("shift"), args.value("axis")));

    private Roll() {
    }

    /** {@code shift}: an {@code Integer} or {@code int[]}; {@code axis}: null, an {@code Integer} or {@code int[]}. */
    static Tensor apply(Tensor x, Object shift, Object axis) {
        Shape s = x.shape();
        int[] shifts = shift instanceof Integer i ? new int[] {i} : ((int[]) shift).clone();
        int[] axes = axis == null ? new int[] {0} : Flip.axes("roll", s, axis, false);
        if (shifts.length != axes.length && shifts.length != 1 && axes.length != 1) {
            throw new ShapeException("roll: shift " + Arrays.toString(shifts) + " and axis " + Arrays.toString(axes)
                    + " must have the same length, or one of them a single value (shape " + s + ")");
        }
        if (shifts.length == 0 || axes.length == 0) {
            throw new IllegalArgumentException("roll: shift and axis must not be empty (shape " + s + ")");
        }
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(shift, axis), s, in -> apply(in.get(0), shift, axis), x);
        }
        if (axis == null) {
            Tensor flat = Cumulative.flatten(x);
            return Reshape.apply(roll(flat, shifts, new int[] {0}), s);
        }
        return roll(x, shifts, axes);
    }

    private static Tensor roll(Tensor x, int[] shifts, int[] axes) {
        Shape s = x.shape();
        long[] total = new long[s.rank()];
        int n = Math.max(shifts.length, axes.length);
        for (int k = 0; k < n; k++) {
            total[axes[axes.length == 1 ? 0 : k]] += shifts[shifts.length == 1 ? 0 : k];
        }
        int[][] source = new int[s.rank()][];
        for (int a = 0; a < s.rank(); a++) {
            int d = s.get(a);
            if (d == 0 || Math.floorMod(total[a], (long) d) == 0) {
                continue;
            }
            int sh = (int) Math.floorMod(total[a], (long) d);
            int[] idx = new int[d];
            Arrays.setAll(idx, i -> Math.floorMod(i - sh, d));
            source[a] = idx;
        }
        return Flip.gather(x, source);
    }
}
