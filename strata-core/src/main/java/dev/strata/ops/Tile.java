package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Repeats the whole of x {@code repeats[i]} times along axis i, like {@code keras.ops.tile} (numpy's rules: a
 * shorter {@code repeats} is padded with leading 1s, a longer one gives x leading axes of size 1). Built as
 * reshape to {@code (1, d0, 1, d1, ...)}, broadcast to {@code (r0, d0, r1, d1, ...)} and reshape, so the gradient
 * sums the copies.
 */
final class Tile {
    /** {@code keras.ops.tile(x, repeats)}. */
    static final OpSpec SPEC = OpSpec.op("tile").numpy("Tile").config("repeats", Type.INTS)
            .rebuild((in, args) -> apply(in.get(0), args.ints("repeats")));

    private Tile() {
    }

    static Tensor apply(Tensor x, int[] repeats) {
        Shape s = x.shape();
        for (int r : repeats) {
            if (r < 0) {
                throw new IllegalArgumentException("tile: repeats " + Arrays.toString(repeats)
                        + " must be non-negative (tensor of shape " + s + ")");
            }
        }
        int rank = Math.max(s.rank(), repeats.length);
        int[] dims = new int[rank];
        int[] reps = new int[rank];
        for (int i = 0; i < rank; i++) {
            int di = i - (rank - s.rank());
            int ri = i - (rank - repeats.length);
            dims[i] = di >= 0 ? s.get(di) : 1;
            reps[i] = ri >= 0 ? repeats[ri] : 1;
        }
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            out[i] = dims[i] == Shape.UNKNOWN ? (reps[i] == 0 ? 0 : Shape.UNKNOWN) : dims[i] * reps[i];
        }
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(repeats), Shape.of(out), in -> apply(in.get(0), repeats), x);
        }
        int[] interleaved = new int[2 * rank];
        int[] broadcast = new int[2 * rank];
        for (int i = 0; i < rank; i++) {
            interleaved[2 * i] = 1;
            interleaved[2 * i + 1] = dims[i];
            broadcast[2 * i] = reps[i];
            broadcast[2 * i + 1] = dims[i];
        }
        Tensor spread = BroadcastTo.apply(Reshape.apply(x, interleaved), Shape.of(broadcast));
        return Reshape.apply(spread, out);
    }
}
