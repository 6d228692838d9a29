package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Index;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * numpy's basic indexing {@code x[key]}, as Keras saves it (its GetItem op, which Python slicing of a
 * KerasTensor makes): integers (an axis removed; negative counts from the end), slices {@code start:stop:step}
 * (clamped as Python's), None (a new axis of size 1) and one Ellipsis (full slices for the axes left); axes the
 * key does not reach are kept whole. A {@link StridedSlice} and a {@link Reshape}, so the gradient scatters g
 * back. Keys with tensors or booleans (advanced indexing) are not taken.
 */
final class GetItem {
    /** Keras's {@code GetItem}: {@code x[key]}, the key a positional argument. */
    static final OpSpec SPEC = OpSpec.op("get_item").numpy("GetItem").positional("key", Type.INDEX)
            .rebuild((in, args) -> apply(in.get(0), (Index) args.value("key")));

    private GetItem() {
    }

    static Tensor apply(Tensor x, Index key) {
        Shape s = x.shape();
        int rank = s.rank();
        List<Object> items = key.items();
        int consuming = 0;
        int ellipses = 0;
        for (Object o : items) {
            if (o == Index.ELLIPSIS) {
                ellipses++;
            } else if (o != Index.NEW_AXIS) {
                consuming++;
            }
        }
        if (ellipses > 1) {
            throw new IllegalArgumentException("get_item: an index can only have a single ellipsis, got " + key
                    + " for shape " + s);
        }
        if (consuming > rank) {
            throw new ShapeException("get_item: too many indices for shape " + s + ": key " + key + " indexes "
                    + consuming + " axes, x has " + rank);
        }
        int[] begin = new int[rank];
        int[] end = new int[rank];
        int[] strides = new int[rank];
        Arrays.fill(begin, 0);
        Arrays.fill(end, Integer.MAX_VALUE);
        Arrays.fill(strides, 1);
        List<Integer> out = new ArrayList<>();
        int axis = 0;
        for (Object o : items) {
            if (o == Index.NEW_AXIS) {
                out.add(1);
            } else if (o == Index.ELLIPSIS) {
                for (int k = 0; k < rank - consuming; k++, axis++) {
                    out.add(s.get(axis));
                }
            } else if (o instanceof Integer i) {
                int d = s.get(axis);
                if (d != Shape.UNKNOWN && (i < -d || i >= d)) {
                    throw new ShapeException("get_item: index " + i + " is out of bounds for axis " + axis
                            + " of size " + d + " (shape " + s + ", key " + key + ")");
                }
                if (d == Shape.UNKNOWN && i < 0) {
                    throw new ShapeException("get_item: the negative index " + i + " on axis " + axis + " of unknown "
                            + "size cannot be traced (shape " + s + ", key " + key + ")");
                }
                begin[axis] = i < 0 ? i + d : i;
                end[axis] = begin[axis] + 1;
                axis++;
            } else {
                Index.Slice sl = (Index.Slice) o;
                int step = sl.step() == null ? 1 : sl.step();
                if (step == 0) {
                    throw new IllegalArgumentException("get_item: slice step cannot be zero (key " + key + ", shape "
                            + s + ")");
                }
                strides[axis] = step;
                begin[axis] = sl.start() != null ? sl.start() : step > 0 ? 0 : Integer.MAX_VALUE;
                end[axis] = sl.stop() != null ? sl.stop() : step > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                out.add(length(s.get(axis), begin[axis], end[axis], step));
                axis++;
            }
        }
        for (; axis < rank; axis++) {
            out.add(s.get(axis));
        }
        Shape outShape = Shape.of(out.stream().mapToInt(Integer::intValue).toArray());
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(key), outShape, in -> apply(in.get(0), key), x);
        }
        return Reshape.apply(StridedSlice.apply(x, begin, end, strides), outShape);
    }

    /** The length of Python's {@code range(d)[begin:end:step]} (unknown for an unknown d). */
    private static int length(int d, int begin, int end, int step) {
        if (d == Shape.UNKNOWN) {
            return Shape.UNKNOWN;
        }
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? d : d - 1;
        long b = clamp(begin, d, lower, upper);
        long e = clamp(end, d, lower, upper);
        long n = step > 0 ? (e - b + step - 1) / step : (b - e - step - 1) / -step;
        return (int) Math.max(0, n);
    }

    private static long clamp(int bound, int d, long lower, long upper) {
        long v = bound;
        if (v < 0) {
            return Math.max(v + d, lower);
        }
        return Math.min(v, upper);
    }

    /**
     * A key written as in Python, e.g. {@code "1:3, None, ..."}, {@code "0"}, {@code "::-1, 2"}: items separated by
     * commas (a key of several items is a tuple), each an integer, a slice, {@code None} or {@code ...}.
     *
     * @throws IllegalArgumentException for anything else, naming the item
     */
    static Index parse(String key) {
        String[] parts = key.split(",", -1);
        List<Object> items = new ArrayList<>();
        for (String raw : parts) {
            String p = raw.strip();
            if (p.equals("None")) {
                items.add(Index.NEW_AXIS);
            } else if (p.equals("...")) {
                items.add(Index.ELLIPSIS);
            } else if (p.contains(":")) {
                String[] f = p.split(":", -1);
                if (f.length > 3) {
                    throw new IllegalArgumentException("get_item: '" + p + "' in key '" + key + "' is not a slice");
                }
                items.add(new Index.Slice(bound(f[0], p, key), bound(f[1], p, key),
                        f.length == 3 ? bound(f[2], p, key) : null));
            } else {
                Integer i = bound(p, p, key);
                if (i == null) {
                    throw new IllegalArgumentException("get_item: key '" + key + "' has an empty item");
                }
                items.add(i);
            }
        }
        return new Index(items, parts.length > 1);
    }

    private static Integer bound(String text, String item, String key) {
        String t = text.strip();
        if (t.isEmpty() || t.equals("None")) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("get_item: '" + item + "' in key '" + key + "' is not an integer, a "
                    + "slice (start:stop:step), None or ...");
        }
    }
}
