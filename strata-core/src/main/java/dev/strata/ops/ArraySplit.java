package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * The splits beside {@link Split}: {@code keras.ops.array_split(x, indices_or_sections, axis=0)} (n parts that
 * need not be equal: the first {@code d mod n} get one element more) and numpy's fixed-axis splits
 * {@code hsplit} (axis 1, or 0 for vectors), {@code vsplit} (axis 0, rank 2 or more) and {@code dsplit} (axis 2,
 * rank 3 or more), which take a number of equal sections or the indices to cut at, as split does. Each part is
 * a slice, differentiable on its own; symbolic inputs give one node with several outputs.
 */
final class ArraySplit {
    /** {@code keras.ops.array_split(x, indices_or_sections, axis=0)} (Keras takes a number of sections only). */
    static final OpSpec ARRAY_SPLIT = OpSpec.op("array_split").numpy("ArraySplit")
            .config("indices_or_sections", Type.INT).config("axis", Type.INT, 0)
            .rebuildAll((in, args) -> arraySplit(in.get(0), args.integer("indices_or_sections"),
                    args.integer("axis")));
    /** {@code keras.ops.hsplit(x, indices_or_sections)}. */
    static final OpSpec HSPLIT = OpSpec.op("hsplit").numpy("Hsplit").config("indices_or_sections", Type.INT_OR_INTS)
            .rebuildAll((in, args) -> split(ArraySplit.HSPLIT, in.get(0), args.value("indices_or_sections")));
    /** {@code keras.ops.vsplit(x, indices_or_sections)}. */
    static final OpSpec VSPLIT = OpSpec.op("vsplit").numpy("Vsplit").config("indices_or_sections", Type.INT_OR_INTS)
            .rebuildAll((in, args) -> split(ArraySplit.VSPLIT, in.get(0), args.value("indices_or_sections")));
    /** {@code keras.ops.dsplit(x, indices_or_sections)}. */
    static final OpSpec DSPLIT = OpSpec.op("dsplit").numpy("Dsplit").config("indices_or_sections", Type.INT_OR_INTS)
            .rebuildAll((in, args) -> split(ArraySplit.DSPLIT, in.get(0), args.value("indices_or_sections")));

    private ArraySplit() {
    }

    static List<Tensor> arraySplit(Tensor x, int sections, int axis) {
        Shape s = x.shape();
        int a = Cumulative.axis("array_split", s, axis);
        if (sections <= 0) {
            throw new IllegalArgumentException("array_split: indices_or_sections must be a positive number of "
                    + "sections, got " + sections + " (shape " + s + ", axis " + axis + ")");
        }
        int d = s.get(a);
        int[] starts = new int[sections];
        int[] sizes = new int[sections];
        for (int i = 0, start = 0; i < sections; i++) {
            int size = d == Shape.UNKNOWN ? Shape.UNKNOWN : d / sections + (i < d % sections ? 1 : 0);
            starts[i] = d == Shape.UNKNOWN ? Shape.UNKNOWN : start;
            sizes[i] = size;
            start += Math.max(size, 0);
        }
        if (x.isSymbolic()) {
            return Split.record(x, sizes, a, ARRAY_SPLIT.args(sections, axis), in -> arraySplit(in, sections, axis));
        }
        return Split.parts(x, starts, sizes, a);
    }

    /** hsplit, vsplit or dsplit; {@code sections}: an {@code Integer} (equal parts) or {@code int[]} (cuts). */
    static List<Tensor> split(OpSpec spec, Tensor x, Object sections) {
        Shape s = x.shape();
        int minRank = spec == HSPLIT ? 1 : spec == VSPLIT ? 2 : 3;
        if (s.rank() < minRank) {
            throw new ShapeException(spec.name() + ": x must have at least " + minRank + " ax" + (minRank == 1 ? "is"
                    : "es") + ", got shape " + s);
        }
        int a = spec == HSPLIT ? (s.rank() == 1 ? 0 : 1) : spec == VSPLIT ? 0 : 2;
        int[][] parts = sections instanceof Integer n ? Split.equal(spec.name(), s, a, n)
                : Split.at(s, a, (int[]) sections);
        if (x.isSymbolic()) {
            return Split.record(x, parts[1], a, spec.args(sections), in -> split(spec, in, sections));
        }
        return Split.parts(x, parts[0], parts[1], a);
    }
}
