package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coordinate grids from coordinate vectors, like {@code keras.ops.meshgrid(*x, indexing="xy")}: with n vectors
 * (as JAX requires) of sizes {@code s0, ..., sn-1}, every output has shape {@code (s0, ..., sn-1)} ("ij") or that
 * with the first two swapped ("xy", Cartesian), output i holding input i along its own axis. Each output is a
 * reshape and a {@link BroadcastTo}, so its gradient sums g over the other axes.
 */
final class Meshgrid {
    /** {@code keras.ops.meshgrid(*x, indexing="xy")}: several outputs. */
    static final OpSpec SPEC = OpSpec.op("meshgrid").numpy("Meshgrid").variadic()
            .config("indexing", Type.STRING, "xy")
            .rebuildAll((in, args) -> apply(in, args.string("indexing")));

    private Meshgrid() {
    }

    static List<Tensor> apply(List<? extends Tensor> xs, String indexing) {
        if (!"xy".equals(indexing) && !"ij".equals(indexing)) {
            throw new IllegalArgumentException("meshgrid: indexing must be 'xy' or 'ij', got '" + indexing + "'");
        }
        int n = xs.size();
        if (n == 0) {
            return List.of();
        }
        int[] sizes = new int[n];
        for (int i = 0; i < n; i++) {
            Shape s = xs.get(i).shape();
            if (s.rank() != 1) {
                throw new ShapeException("meshgrid: every input must be a vector (as JAX requires), got shapes "
                        + Concatenate.shapes(xs));
            }
            sizes[i] = s.get(0);
        }
        boolean xy = "xy".equals(indexing) && n > 1;
        int[] outDims = sizes.clone();
        if (xy) {
            outDims[0] = sizes[1];
            outDims[1] = sizes[0];
        }
        Shape out = Shape.of(outDims);
        if (Graph.isSymbolic(xs)) {
            List<Shape> shapes = new ArrayList<>(java.util.Collections.nCopies(n, out));
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(indexing), in -> apply(in, indexing)),
                    List.copyOf(xs), shapes));
        }
        List<Tensor> grids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int[] dims = new int[n];
            Arrays.fill(dims, 1);
            dims[xy && i < 2 ? 1 - i : i] = sizes[i];
            grids.add(BroadcastTo.apply(Reshape.apply(xs.get(i), dims), out));
        }
        return grids;
    }
}
