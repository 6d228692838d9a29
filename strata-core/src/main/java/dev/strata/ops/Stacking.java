package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * numpy's stacks, which concatenate on a fixed axis after giving every input at least that many axes:
 * {@code keras.ops.hstack(xs)} (axis 1, or 0 for vectors; scalars become vectors), {@code vstack(xs)} (axis 0;
 * a vector {@code (n)} becomes a row {@code (1, n)}) and {@code dstack(xs)} (axis 2; {@code (n)} becomes
 * {@code (1, n, 1)} and {@code (m, n)} becomes {@code (m, n, 1)}). One file for the three, as they differ only in
 * the axis and the padding of shapes. Reshapes and a {@link Concatenate}, so the gradient is theirs.
 */
final class Stacking {
    /** {@code keras.ops.hstack(xs)}. */
    static final OpSpec HSTACK = OpSpec.op("hstack").numpy("Hstack").list().rebuild((in, args) -> hstack(in));
    /** {@code keras.ops.vstack(xs)}. */
    static final OpSpec VSTACK = OpSpec.op("vstack").numpy("Vstack").list().rebuild((in, args) -> vstack(in));
    /** {@code keras.ops.dstack(xs)}. */
    static final OpSpec DSTACK = OpSpec.op("dstack").numpy("Dstack").list().rebuild((in, args) -> dstack(in));

    private Stacking() {
    }

    static Tensor hstack(List<? extends Tensor> xs) {
        return apply(HSTACK, xs);
    }

    static Tensor vstack(List<? extends Tensor> xs) {
        return apply(VSTACK, xs);
    }

    static Tensor dstack(List<? extends Tensor> xs) {
        return apply(DSTACK, xs);
    }

    private static Tensor apply(OpSpec spec, List<? extends Tensor> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException(spec.name() + ": needs at least one tensor, got an empty list");
        }
        List<Shape> shapes = new ArrayList<>(xs.size());
        for (Tensor t : xs) {
            shapes.add(padded(spec, t.shape()));
        }
        int axis = spec == HSTACK ? (shapes.getFirst().rank() == 1 ? 0 : 1) : spec == VSTACK ? 0 : 2;
        Shape out = Concatenate.shape(spec.name(), shapes, axis);
        if (Graph.isSymbolic(xs)) {
            return OpSupport.record(spec, out, in -> apply(spec, in), xs.toArray(Tensor[]::new));
        }
        List<Tensor> parts = new ArrayList<>(xs.size());
        for (int i = 0; i < xs.size(); i++) {
            parts.add(Reshape.apply(xs.get(i), shapes.get(i)));
        }
        return Concatenate.apply(parts, axis);
    }

    /** numpy's atleast_1d, atleast_2d or atleast_3d of a shape, by the stack. */
    private static Shape padded(OpSpec spec, Shape s) {
        int r = s.rank();
        if (spec == HSTACK) {
            return r == 0 ? Shape.of(1) : s;
        }
        if (spec == VSTACK) {
            return r == 0 ? Shape.of(1, 1) : r == 1 ? Shape.of(1, s.get(0)) : s;
        }
        return switch (r) {
            case 0 -> Shape.of(1, 1, 1);
            case 1 -> Shape.of(1, s.get(0), 1);
            case 2 -> Shape.of(s.get(0), s.get(1), 1);
            default -> s;
        };
    }
}
