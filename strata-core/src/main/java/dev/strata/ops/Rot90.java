package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Rotates by 90 degrees {@code k} times in the plane of two axes (from the first towards the second), like
 * {@code keras.ops.rot90(array, k=1, axes=(0, 1))}; k is taken modulo 4 (negative k rotates the other way). Made
 * as numpy makes it, of flips and a transpose, so its gradient is theirs (the inverse rotation of g). The two
 * axes swap sizes for odd k only (Keras's symbolic shape swaps them for every k; Strata's is the shape the value
 * has).
 */
final class Rot90 {
    /** {@code keras.ops.rot90(array, k=1, axes=(0, 1))}. */
    static final OpSpec SPEC = OpSpec.op("rot90").numpy("Rot90").config("k", Type.INT, 1)
            .config("axes", Type.INTS, new int[] {0, 1})
            .rebuild((in, args) -> apply(in.get(0), args.integer("k"), args.ints("axes")));

    private Rot90() {
    }

    static Tensor apply(Tensor x, int k, int[] axes) {
        Shape s = x.shape();
        int rank = s.rank();
        if (rank < 2) {
            throw new ShapeException("rot90: the array must have at least 2 axes, got shape " + s);
        }
        if (axes.length != 2) {
            throw new IllegalArgumentException("rot90: axes must be two different axes, got " + Arrays.toString(axes)
                    + " (shape " + s + ")");
        }
        int a1 = Cumulative.axis("rot90", s, axes[0]);
        int a2 = Cumulative.axis("rot90", s, axes[1]);
        if (a1 == a2) {
            throw new IllegalArgumentException("rot90: axes must be two different axes, got "
                    + Arrays.toString(axes) + " (shape " + s + ")");
        }
        int turns = Math.floorMod(k, 4);
        int[] perm = new int[rank];
        Arrays.setAll(perm, i -> i);
        perm[a1] = a2;
        perm[a2] = a1;
        if (x.isSymbolic()) {
            int[] axesCopy = axes.clone();
            Shape out = turns % 2 == 0 ? s : Transpose.shape(s, perm);
            return OpSupport.record(SPEC.args(k, axesCopy), out, in -> apply(in.get(0), k, axesCopy), x);
        }
        return switch (turns) {
            case 0 -> Copy.apply(x); // a new tensor, as for other k (x may be a variable that changes later)
            case 1 -> Transpose.apply(Flip.concrete(x, new int[] {a2}), perm);
            case 2 -> Flip.concrete(x, new int[] {a1, a2});
            default -> Flip.concrete(Transpose.apply(x, perm), new int[] {a2});
        };
    }
}
