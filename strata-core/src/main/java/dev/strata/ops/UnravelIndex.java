package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Flat indices as coordinates in a shape, like {@code keras.ops.unravel_index(indices, shape)}: one output per
 * axis of {@code shape}, each of the indices' shape (row-major order). A negative index counts from the end, as
 * JAX's; an index outside {@code [-size, size)} or a fraction is an error (JAX would clip it silently). Integer
 * results, so no gradient.
 */
final class UnravelIndex {
    /** {@code keras.ops.unravel_index(indices, shape)}: several outputs. */
    static final OpSpec SPEC = OpSpec.op("unravel_index").numpy("UnravelIndex").config("shape", Type.INTS)
            .rebuildAll((in, args) -> apply(in.get(0), args.ints("shape")));

    private UnravelIndex() {
    }

    static List<Tensor> apply(Tensor indices, int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("unravel_index: shape " + Arrays.toString(shape)
                        + " must have non-negative dimensions");
            }
            size *= d;
        }
        Shape s = indices.shape();
        if (indices.isSymbolic()) {
            int[] copy = shape.clone();
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(copy), in -> apply(in.get(0), copy)),
                    List.of(indices), new ArrayList<>(Collections.nCopies(shape.length, s))));
        }
        float[] in = OpSupport.data(indices);
        float[][] out = new float[shape.length][in.length];
        for (int i = 0; i < in.length; i++) {
            float v = in[i];
            if (v != Math.rint(v) || v < -size || v >= size) {
                throw new IllegalArgumentException("unravel_index: indices must be whole numbers in [" + (-size)
                        + ", " + size + ") for shape " + Arrays.toString(shape) + ", got " + v + " at position " + i
                        + " (indices of shape " + s + ")");
            }
            long flat = v < 0 ? (long) v + size : (long) v;
            for (int a = shape.length - 1; a >= 0; a--) {
                out[a][i] = flat % shape[a];
                flat /= shape[a];
            }
        }
        List<Tensor> result = new ArrayList<>(shape.length);
        for (float[] coordinate : out) {
            result.add(OpSupport.wrap(coordinate, s));
        }
        return result;
    }
}
