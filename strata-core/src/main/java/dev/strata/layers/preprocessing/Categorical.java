package dev.strata.layers.preprocessing;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Keras's {@code numerical_utils.encode_categorical_inputs} for the categorical layers (CategoryEncoding,
 * Discretization, Hashing and the lookups): category ids to {@code int} (the ids), {@code one_hot}, {@code multi_hot}
 * or {@code count} outputs, all float32. An id outside {@code [0, depth)} is left out (Keras's lookups use that for
 * the mask token, which is not counted).
 */
final class Categorical {
    static final List<String> MODES = List.of("int", "one_hot", "multi_hot", "count");

    private Categorical() {
    }

    /** Keras's modes, with its deprecated {@code binary} for {@code multi_hot}. */
    static String mode(String mode, List<String> allowed, String layer) {
        String m = "binary".equals(mode) ? "multi_hot" : "tf-idf".equals(mode) ? "tf_idf" : mode;
        if (!allowed.contains(m)) {
            throw new IllegalArgumentException(layer + ": invalid value for argument `output_mode`. Expected one of "
                    + allowed + ". Received: output_mode=" + mode);
        }
        return m;
    }

    /**
     * The encoded shape: {@code int} keeps the shape; a scalar becomes {@code (depth)}; {@code one_hot} appends depth
     * (replacing a last dimension of 1); the others reduce axis 1 (axis 0 of a vector), as the JAX backend's
     * {@code multi_hot} and Keras's count do, and append depth.
     */
    static Shape outputShape(Shape in, String mode, int depth) {
        if (mode.equals("int")) {
            return in;
        }
        int r = in.rank();
        if (r == 0) {
            return Shape.of(depth);
        }
        int[] d = in.toArray();
        if (mode.equals("one_hot")) {
            if (r > 1 && d[r - 1] == 1) {
                return in.subShape(0, r - 1).append(depth);
            }
            return in.append(depth);
        }
        if (r == 1) {
            return Shape.of(depth);
        }
        return Shape.of(d[0]).append(in.subShape(2, r).toArray()).append(depth);
    }

    /**
     * Encodes ids of shape {@code in}. For {@code int} the ids themselves; otherwise ids outside {@code [0, depth)}
     * add nothing. {@code weights} (tf_idf's idf per id) multiplies the counts when not null.
     */
    static Tensor encode(int[] ids, Shape in, String mode, int depth, float[] weights) {
        if (mode.equals("int")) {
            float[] out = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = ids[i];
            }
            return Tensor.of(out, in);
        }
        Shape outShape = outputShape(in, mode, depth);
        float[] out = new float[outShape.size()];
        int r = in.rank();
        if (mode.equals("one_hot")) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] >= 0 && ids[i] < depth) {
                    out[i * depth + ids[i]] = 1f;
                }
            }
            return Tensor.of(out, outShape);
        }
        // reduce axis 1 (axis 0 of a vector or a scalar): index = (i0, i1, rest) -> (i0, rest)
        int d0 = r <= 1 ? 1 : in.get(0);
        int d1 = r == 0 ? 1 : r == 1 ? in.get(0) : in.get(1);
        int rest = r <= 2 ? 1 : in.subShape(2, r).size();
        boolean multi = mode.equals("multi_hot");
        for (int a = 0; a < d0; a++) {
            for (int b = 0; b < d1; b++) {
                for (int c = 0; c < rest; c++) {
                    int id = ids[(a * d1 + b) * rest + c];
                    if (id < 0 || id >= depth) {
                        continue;
                    }
                    int o = (a * rest + c) * depth + id;
                    out[o] = multi ? 1f : out[o] + 1f;
                }
            }
        }
        if (weights != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] *= weights[i % depth];
            }
        }
        return Tensor.of(out, outShape);
    }

    /**
     * The whole-number ids of a tensor, each checked to lie in {@code [0, limit)}.
     *
     * @throws IllegalArgumentException naming the layer for a fraction or an id out of range
     */
    static int[] ids(Tensor input, int limit, String layer, String what) {
        float[] v = input.toFloatArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (!(x >= 0 && x < limit) || x != Math.rint(x)) {
                throw new IllegalArgumentException(layer + ": " + what + " must be whole numbers in [0, " + limit
                        + "); got " + x + " at flat index " + i + " of an input of shape " + input.shape());
            }
            out[i] = (int) x;
        }
        return out;
    }

    /** Keras rejects empty batches nowhere clearly; Strata says which layer got one. */
    static void requireNonEmpty(Shape s, String layer) {
        if (s.rank() > 0 && s.get(0) == 0) {
            throw new ShapeException(layer + " received an empty batch (input shape " + s + ")");
        }
    }
}
