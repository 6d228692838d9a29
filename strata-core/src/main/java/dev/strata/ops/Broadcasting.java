package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** numpy's broadcasting rule, and its reverse for gradients. */
final class Broadcasting {
    private Broadcasting() {
    }

    /**
     * The broadcast shape of {@code a} and {@code b}: dimensions are aligned from the right, and each pair must
     * be equal or contain a 1. An unknown dimension paired with n > 1 becomes n (it must be n at run time);
     * paired with 1 or unknown it stays unknown.
     */
    static Shape shape(String op, Shape a, Shape b) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.get(i - (rank - a.rank()));
            int db = i < rank - b.rank() ? 1 : b.get(i - (rank - b.rank()));
            out[i] = broadcastDim(op, a, b, da, db);
        }
        return Shape.of(out);
    }

    private static int broadcastDim(String op, Shape a, Shape b, int da, int db) {
        if (da == db) {
            return da;
        }
        if (da == 1) {
            return db;
        }
        if (db == 1) {
            return da;
        }
        if (da == Shape.UNKNOWN) {
            return db;
        }
        if (db == Shape.UNKNOWN) {
            return da;
        }
        throw new ShapeException(op + ": shapes " + a + " and " + b + " cannot be broadcast together: "
                + "dimensions " + da + " and " + db + " differ and neither is 1 (dimensions are aligned from the right)");
    }

    /** The broadcast shape of several shapes. */
    static Shape shape(String op, Shape... shapes) {
        Shape out = shapes[0];
        for (int i = 1; i < shapes.length; i++) {
            out = shape(op, out, shapes[i]);
        }
        return out;
    }

    /**
     * Sums a gradient of the broadcast shape back to an input's shape: over the leading axes the input lacked
     * and over the axes where it had size 1. Differentiable (built from sum and reshape).
     */
    static Tensor unbroadcast(Tensor grad, Shape target) {
        Shape g = grad.shape();
        if (g.equals(target)) {
            return grad;
        }
        int lead = g.rank() - target.rank();
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < g.rank(); i++) {
            if (i < lead || (target.get(i - lead) == 1 && g.get(i) != 1)) {
                axes.add(i);
            }
        }
        Tensor summed = axes.isEmpty() ? grad : Sum.apply(grad,
                axes.stream().mapToInt(Integer::intValue).toArray(), true);
        return Reshape.apply(summed, target);
    }
}
