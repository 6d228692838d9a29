package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Joins tensors along an existing axis, like {@code keras.ops.concatenate(xs, axis)}. All inputs have the same
 * rank and agree on every other axis (an unknown dimension agrees with anything); the concatenation axis is
 * unknown in the result if it is unknown in any input. Gradient: each input gets its slice of the upstream
 * gradient.
 */
final class Concatenate {
    /** {@code keras.ops.concatenate(xs, axis=0)}. */
    static final OpSpec SPEC = OpSpec.op("concatenate").numpy("Concatenate").list().config("axis", Type.INT, 0)
            .rebuild((in, args) -> apply(in, args.integer("axis")));

    private Concatenate() {
    }

    static Tensor apply(List<? extends Tensor> xs, int axis) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("concatenate: needs at least one tensor, got an empty list");
        }
        Shape outShape = shape("concatenate", xs.stream().map(Tensor::shape).toList(), axis);
        int a = axis < 0 ? axis + outShape.rank() : axis;
        Tensor[] inputs = xs.toArray(Tensor[]::new);
        if (Graph.isSymbolic(xs)) {
            return OpSupport.record(SPEC.args(a), outShape, in -> apply(in, a), inputs);
        }
        if (inputs.length == 1 && TensorAccess.isImmutable(inputs[0])) {
            return inputs[0];
        }
        return concrete(inputs, a, outShape);
    }

    /**
     * The shape of the shapes {@code xs} (at least one) joined on {@code axis}, checked; errors name {@code op}
     * (concatenate, or hstack and the other stacks that join on a fixed axis).
     */
    static Shape shape(String op, List<Shape> xs, int axis) {
        Shape first = xs.getFirst();
        int rank = first.rank();
        if (rank == 0) {
            throw new ShapeException(op + ": zero-dimensional tensors cannot be concatenated, got shapes "
                    + shapeList(xs));
        }
        for (Shape t : xs) {
            if (t.rank() != rank) {
                throw new ShapeException(op + ": all tensors must have the same rank, got shapes "
                        + shapeList(xs));
            }
        }
        if (axis < -rank || axis >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of bounds for tensors of rank " + rank
                    + " (shapes " + shapeList(xs) + ")");
        }
        int a = axis < 0 ? axis + rank : axis;
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            if (i == a) {
                long total = 0;
                for (Shape t : xs) {
                    int d = t.get(i);
                    total = d == Shape.UNKNOWN || total < 0 ? -1 : total + d;
                }
                out[i] = (int) total;
                continue;
            }
            int d = Shape.UNKNOWN;
            for (Shape t : xs) {
                int e = t.get(i);
                if (e == Shape.UNKNOWN) {
                    continue;
                }
                if (d != Shape.UNKNOWN && d != e) {
                    throw new ShapeException(op + ": shapes " + shapeList(xs) + " cannot be concatenated on axis "
                            + a + ": they must match on every other axis, but axis " + i + " has sizes " + d
                            + " and " + e + axisHint(xs, rank));
                }
                d = e;
            }
            out[i] = d;
        }
        return Shape.of(out);
    }

    private static Tensor concrete(Tensor[] inputs, int a, Shape out) {
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= out.get(i);
        }
        int inner = 1;
        for (int i = a + 1; i < out.rank(); i++) {
            inner *= out.get(i);
        }
        int outChunk = out.get(a) * inner;
        float[] r = new float[out.size()];
        int offset = 0;
        int[] starts = new int[inputs.length];
        Kernels kernels = KernelProvider.get();
        for (int k = 0; k < inputs.length; k++) {
            float[] in = OpSupport.data(inputs[k]);
            int chunk = inputs[k].shape().get(a) * inner;
            if (chunk > 0) {
                kernels.copyRows(in, 0, chunk, r, offset * inner, outChunk, outer, chunk);
            }
            starts[k] = offset;
            offset += inputs[k].shape().get(a);
        }
        Tensor y = OpSupport.wrap(r, out);
        if (!Tape.isRecording()) {
            return y; // (no closure for the rule: inference calls this from many threads)
        }
        OpSupport.gradient(y, inputs, (g, needed) -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int k = 0; k < inputs.length; k++) {
                if (needed[k]) {
                    int[] start = new int[out.rank()];
                    start[a] = starts[k];
                    grads[k] = Slice.region(g, start, inputs[k].shape().toArray());
                }
            }
            return grads;
        });
        return y;
    }

    /**
     * Where the shapes would join instead, for the error: ops.concatenate joins on axis 0 by default while
     * layers.concatenate joins on the last axis, so a transliterated {@code keras.layers.concatenate} lands here.
     */
    private static String axisHint(List<Shape> xs, int rank) {
        if (fitsOn(xs, rank - 1)) {
            return " (to join the feature axis, pass axis -1, as keras.layers.concatenate does)";
        }
        for (int b = 0; b < rank - 1; b++) {
            if (fitsOn(xs, b)) {
                return " (they would join on axis " + b + ": pass axis " + b + ")";
            }
        }
        return "";
    }

    /** Whether the shapes agree on every axis but {@code axis} (an unknown dimension agrees with anything). */
    private static boolean fitsOn(List<Shape> xs, int axis) {
        Shape first = xs.getFirst();
        for (Shape t : xs) {
            for (int i = 0; i < first.rank(); i++) {
                int d = first.get(i);
                int e = t.get(i);
                if (i != axis && d != Shape.UNKNOWN && e != Shape.UNKNOWN && d != e) {
                    return false;
                }
            }
        }
        return true;
    }

    static String shapes(List<? extends Tensor> xs) {
        return shapeList(xs.stream().map(Tensor::shape).toList());
    }

    static String shapeList(List<Shape> xs) {
        return xs.stream().map(Shape::toString).collect(Collectors.joining(", "));
    }
}
