package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Removes axes of size 1, like {@code keras.ops.squeeze}: the named ones (each must have size 1), or without
 * names every axis of known size 1. An unknown dimension is removed only when named (it must then be 1 at
 * run time); unnamed, it stays, so a symbolic shape never depends on the batch size. A reshape, so its
 * gradient is a reshape back.
 */
final class Squeeze {
    /** {@code keras.ops.squeeze(x, axis=None)}. */
    static final OpSpec SPEC = OpSpec.op("squeeze").numpy("Squeeze").config("axis", Type.OPTIONAL_INTS)
            .rebuild((in, args) -> apply(in.get(0), args.ints("axis")));

    private Squeeze() {
    }

    /** {@code axes == null} squeezes every axis of known size 1. */
    static Tensor apply(Tensor x, int[] axes) {
        Shape s = x.shape();
        int[] ax;
        if (axes == null) {
            ax = java.util.stream.IntStream.range(0, s.rank()).filter(i -> s.get(i) == 1).toArray();
        } else {
            ax = Reductions.axes("squeeze", s, axes);
            for (int a : ax) {
                int d = s.get(a);
                if (d != 1 && d != Shape.UNKNOWN) {
                    throw new ShapeException("squeeze: cannot squeeze axis " + a + " of shape " + s
                            + ": its dimension is " + d + ", not 1");
                }
            }
        }
        int[] out = Reductions.shape(s, ax, false).toArray();
        if (x.isSymbolic()) {
            // replay with the axes chosen now, so a batch of size 1 at run time is not squeezed too
            return OpSupport.record(SPEC.args(ax), Shape.of(out), in -> apply(in.get(0), ax), x);
        }
        return Reshape.apply(x, out);
    }
}
