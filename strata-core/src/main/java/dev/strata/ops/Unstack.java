package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits x along an axis into the tensors of rank one less that it stacks, like {@code keras.ops.unstack(x, num=None,
 * axis=0)} ({@code x[..., i, ...]} for each i). One op with {@code n} outputs, and one gradient rule for all of them:
 * it writes each output's gradient into its slice of one buffer of x's shape (zeros where an output got none), so
 * taking a sequence apart step by step costs time linear in its length, forward and backward (a slice per step
 * would give back one x-sized gradient per step). That buffer is {@link #pack}, whose own gradient is this op again.
 */
final class Unstack {
    /** {@code keras.ops.unstack(x, num=None, axis=0)}: {@code num} outputs. */
    static final OpSpec SPEC = OpSpec.op("unstack").core("Unstack").config("num", Type.OPTIONAL_INT)
            .config("axis", Type.INT, 0)
            .rebuildAll((in, args) -> apply(in.get(0), args.optionalInt("num"), args.integer("axis")));

    private Unstack() {
    }

    static List<Tensor> apply(Tensor x, Integer num, int axis) {
        Shape s = x.shape();
        int a = Cumulative.axis("unstack", s, axis);
        int d = s.get(a);
        if (num != null && num < 0) {
            throw new IllegalArgumentException("unstack: num must be non-negative, got " + num + " (shape " + s + ")");
        }
        if (num != null && d != Shape.UNKNOWN && num != d) {
            throw new ShapeException("unstack: num = " + num + " does not match axis " + axis + " of shape " + s
                    + ", which has " + d + " elements");
        }
        int n = num != null ? num : d;
        if (n == Shape.UNKNOWN) {
            throw new ShapeException("unstack: cannot infer num from shape " + s + ": axis " + axis + " is unknown; "
                    + "give a tensor whose axis " + axis + " is known, or pass num");
        }
        Shape part = s.subShape(0, a).append(s.subShape(a + 1, s.rank()).toArray());
        if (x.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(num, axis), in -> apply(in.get(0), num, axis)),
                    List.of(x), Collections.nCopies(n, part)));
        }
        return parts(x, a);
    }

    /** The slices of concrete x along axis {@code a} (checked), with their one gradient rule. */
    static List<Tensor> parts(Tensor x, int a) {
        Shape s = x.shape();
        int n = s.get(a);
        Shape part = s.subShape(0, a).append(s.subShape(a + 1, s.rank()).toArray());
        int inner = Cumulative.inner(s, a);
        int outer = part.size() / Math.max(inner, 1);
        float[] in = OpSupport.data(x);
        Tensor[] out = new Tensor[n];
        for (int i = 0; i < n; i++) {
            float[] r = OpSupport.newArray(part.size());
            if (inner > 0) {
                for (int o = 0; o < outer; o++) {
                    System.arraycopy(in, (o * n + i) * inner, r, o * inner, inner);
                }
            }
            out[i] = OpSupport.wrap(r, part);
        }
        if (Tape.shouldRecord(x)) {
            Tape.recordMulti(out, new Tensor[] {x}, (upstream, needed) -> new Tensor[] {pack(upstream, a, s)});
        }
        return Arrays.asList(out);
    }

    /**
     * The inverse of {@link #parts}: a tensor of shape {@code s} whose slice {@code i} along axis {@code a} is
     * {@code parts[i]} (zeros for a null part), written in one pass. Its gradient is the gradient's parts again.
     */
    static Tensor pack(Tensor[] parts, int a, Shape s) {
        int n = s.get(a);
        int inner = Cumulative.inner(s, a);
        int outer = n == 0 || inner == 0 ? 0 : s.size() / (n * inner);
        float[] r = OpSupport.newArray(s.size());
        List<Tensor> given = new ArrayList<>(n);
        List<Integer> at = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Tensor p = parts[i];
            if (p == null) {
                for (int o = 0; o < outer; o++) {
                    Arrays.fill(r, (o * n + i) * inner, (o * n + i + 1) * inner, 0f);
                }
                continue;
            }
            float[] src = OpSupport.data(p);
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * inner, r, (o * n + i) * inner, inner);
            }
            given.add(p);
            at.add(i);
        }
        Tensor y = OpSupport.wrap(r, s);
        Tensor[] inputs = given.toArray(Tensor[]::new);
        OpSupport.gradient(y, inputs, (g, needed) -> {
            List<Tensor> gs = parts(g, a);
            Tensor[] out = new Tensor[inputs.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = gs.get(at.get(k));
            }
            return out;
        });
        return y;
    }
}
