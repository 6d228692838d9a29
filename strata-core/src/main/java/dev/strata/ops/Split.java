package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits x along an axis, like {@code keras.ops.split(x, indices_or_sections, axis)}: into {@code sections}
 * equal parts (the axis must divide evenly), or at the given indices, numpy style ({@code [2, 5]} gives
 * {@code x[:2], x[2:5], x[5:]}; indices are wrapped and clamped like Python slice bounds, so out-of-order ones
 * give empty parts). Each part is a slice, so each is differentiable on its own. Symbolic inputs give one
 * graph node with several outputs.
 */
final class Split {
    /** {@code keras.ops.split(x, indices_or_sections, axis=0)}: several outputs. */
    static final OpSpec SPEC = OpSpec.op("split").numpy("Split")
            .config("indices_or_sections", Type.INT_OR_INTS).config("axis", Type.INT, 0)
            .rebuildAll((in, args) -> args.value("indices_or_sections") instanceof int[] indices
                    ? apply(in.get(0), indices, args.integer("axis"))
                    : apply(in.get(0), args.integer("indices_or_sections"), args.integer("axis")));

    private Split() {
    }

    static List<Tensor> apply(Tensor x, int sections, int axis) {
        int a = Cumulative.axis("split", x.shape(), axis);
        int[][] parts = equal("split", x.shape(), a, sections);
        if (x.isSymbolic()) {
            return record(x, parts[1], a, SPEC.args(sections, a), in -> apply(in, sections, a));
        }
        return parts(x, parts[0], parts[1], a);
    }

    static List<Tensor> apply(Tensor x, int[] indices, int axis) {
        int a = Cumulative.axis("split", x.shape(), axis);
        int[][] parts = at(x.shape(), a, indices);
        if (x.isSymbolic()) {
            return record(x, parts[1], a, SPEC.args(indices, a), in -> apply(in, indices, a));
        }
        return parts(x, parts[0], parts[1], a);
    }

    /**
     * The starts and sizes ({@code {starts, sizes}}) of {@code sections} equal parts of axis {@code a} of
     * {@code s} (unknown for an unknown axis).
     *
     * @throws ShapeException naming {@code op} if the axis does not divide evenly
     */
    static int[][] equal(String op, Shape s, int a, int sections) {
        if (sections <= 0) {
            throw new IllegalArgumentException(op + ": the number of sections must be positive, got " + sections
                    + " (shape " + s + ", axis " + a + ")");
        }
        int d = s.get(a);
        if (d != Shape.UNKNOWN && d % sections != 0) {
            throw new ShapeException(op + ": axis " + a + " of shape " + s + " has " + d
                    + " elements, which cannot be split into " + sections + " equal sections");
        }
        int[] starts = new int[sections];
        int[] sizes = new int[sections];
        for (int i = 0; i < sections; i++) {
            starts[i] = d == Shape.UNKNOWN ? Shape.UNKNOWN : i * (d / sections);
            sizes[i] = d == Shape.UNKNOWN ? Shape.UNKNOWN : d / sections;
        }
        return new int[][] {starts, sizes};
    }

    /** The starts and sizes of the parts of axis {@code a} of {@code s} cut at {@code indices}, numpy style. */
    static int[][] at(Shape s, int a, int[] indices) {
        int d = s.get(a);
        int n = indices.length + 1;
        int[] starts = new int[n];
        int[] sizes = new int[n];
        int[] bounds = new int[n + 1];
        bounds[0] = 0;
        bounds[n] = d;
        for (int i = 0; i < indices.length; i++) {
            int b = indices[i];
            if (d != Shape.UNKNOWN) {
                b = b < 0 ? Math.max(0, b + d) : Math.min(b, d);
            } else if (b < 0) {
                b = Shape.UNKNOWN; // relative to an unknown end
            }
            bounds[i + 1] = b;
        }
        for (int i = 0; i < n; i++) {
            int lo = bounds[i];
            int hi = bounds[i + 1];
            starts[i] = lo;
            sizes[i] = lo == Shape.UNKNOWN || hi == Shape.UNKNOWN ? Shape.UNKNOWN : Math.max(0, hi - lo);
        }
        return new int[][] {starts, sizes};
    }

    static List<Tensor> parts(Tensor x, int[] starts, int[] sizes, int a) {
        List<Tensor> out = new ArrayList<>(starts.length);
        int[] dims = x.shape().toArray();
        for (int i = 0; i < starts.length; i++) {
            int[] start = new int[dims.length];
            int[] size = dims.clone();
            start[a] = starts[i];
            size[a] = sizes[i];
            out.add(Slice.region(x, start, size));
        }
        return out;
    }

    static List<Tensor> record(Tensor x, int[] sizes, int a, OpSpec.Args args,
                                       java.util.function.Function<Tensor, List<Tensor>> replay) {
        List<Shape> shapes = new ArrayList<>(sizes.length);
        for (int size : sizes) {
            shapes.add(x.shape().withDim(a, size));
        }
        return List.copyOf(Graph.record(new MultiOpNode(args, in -> replay.apply(in.get(0))),
                List.of(x), shapes));
    }
}
