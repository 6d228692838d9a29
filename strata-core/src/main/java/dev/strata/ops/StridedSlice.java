package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Python's {@code x[b0:e0:s0, b1:e1:s1, ...]}: one {@code begin}, {@code end} and non-zero {@code stride} per
 * axis, with negative bounds counted from the end and out-of-range bounds clamped exactly as Python slicing
 * does. Open ends are written {@code Integer.MAX_VALUE} / {@code Integer.MIN_VALUE} (e.g. {@code x[::-1]} is
 * begin {@code MAX_VALUE}, end {@code MIN_VALUE}, stride -1). A gather, so the gradient scatters back.
 */
final class StridedSlice {
    /**
     * No Keras form: Keras saves Python slicing ({@code x[a:b:c]}) as a GetItem op whose key holds slice objects,
     * which {@link GetItem} records ({@code Ops.getItem}); this op's begin/end/strides per axis are Strata's own.
     */
    static final OpSpec SPEC = OpSpec.op("strided_slice").config("begin", Type.INTS).config("end", Type.INTS)
            .config("strides", Type.INTS)
            .noKerasForm("Keras saves Python slicing (x[a:b:c]) as a GetItem op with slice objects, which "
                    + "Ops.getItem(x, \"a:b:c\") records; use it (or Ops.slice, keras.ops.slice, for a contiguous box)");

    private StridedSlice() {
    }

    static Tensor apply(Tensor x, int[] begin, int[] end, int[] strides) {
        Shape s = x.shape();
        int rank = s.rank();
        if (begin.length != rank || end.length != rank || strides.length != rank) {
            throw new ShapeException("stridedSlice: begin " + Arrays.toString(begin) + ", end "
                    + Arrays.toString(end) + " and strides " + Arrays.toString(strides)
                    + " must each have one entry per axis of shape " + s + " (rank " + rank + ")");
        }
        int[] start = new int[rank];
        int[] count = new int[rank];
        for (int i = 0; i < rank; i++) {
            int step = strides[i];
            if (step == 0) {
                throw new IllegalArgumentException("stridedSlice: stride " + i + " is 0 in "
                        + Arrays.toString(strides) + " (shape " + s + "); strides must be non-zero");
            }
            int d = s.get(i);
            if (d == Shape.UNKNOWN) {
                count[i] = Shape.UNKNOWN;
                continue;
            }
            // Python's slice.indices(d)
            long lower = step > 0 ? 0 : -1;
            long upper = step > 0 ? d : d - 1;
            long b = clamp(begin[i], d, lower, upper);
            long e = clamp(end[i], d, lower, upper);
            long n = step > 0 ? (e - b + step - 1) / step : (b - e - step - 1) / -step;
            start[i] = (int) b;
            count[i] = (int) Math.max(0, n);
        }
        Shape out = Shape.of(count);
        if (x.isSymbolic()) {
            return OpSupport.record(SPEC.args(begin, end, strides), out,
                    in -> apply(in.get(0), begin, end, strides), x);
        }
        if (rank == 0) {
            return Gather.apply(x, new int[] {0}, 1, out); // a copy, so a variable's later changes don't show
        }
        // One gather run per position of the outer axes; the innermost axis is one run when its stride is 1.
        int[] inStrides = Slice.strides(s);
        boolean contiguous = strides[rank - 1] == 1;
        int run = contiguous ? count[rank - 1] : 1;
        int outerAxes = contiguous ? rank - 1 : rank;
        int runs = out.size() / Math.max(run, 1);
        if (run == 0) {
            runs = 0;
        }
        int[] map = new int[runs];
        int pos = 0;
        for (int i = 0; i < rank; i++) {
            pos += start[i] * inStrides[i];
        }
        int[] counter = new int[outerAxes];
        for (int r = 0; r < runs; r++) {
            map[r] = pos;
            for (int a = outerAxes - 1; a >= 0; a--) {
                counter[a]++;
                pos += strides[a] * inStrides[a];
                if (counter[a] < count[a]) {
                    break;
                }
                pos -= strides[a] * inStrides[a] * count[a];
                counter[a] = 0;
            }
        }
        return Gather.apply(x, map, run, out);
    }

    private static long clamp(int bound, int d, long lower, long upper) {
        long v = bound;
        if (v < 0) {
            v += d;
            return Math.max(v, lower);
        }
        return Math.min(v, upper);
    }
}
