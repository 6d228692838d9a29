package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;

/**
 * Row selection along the first axis, for preparing data: {@code Rows.select(x, 0, 3)} is numpy's
 * {@code x[:3]}, {@code Rows.take(x, 5, 1)} is {@code x[[5, 1]]}. The results are new tensors; nothing is
 * recorded on a gradient tape (inside a model, use the ops).
 */
public final class Rows {
    private Rows() {
    }

    /**
     * Rows {@code from} (inclusive) to {@code to} (exclusive) of a tensor of rank 1 or more: {@code x[from:to]}.
     *
     * @throws ShapeException if {@code x} is a scalar or the range is not within {@code 0 <= from <= to <= n}
     */
    public static Tensor select(Tensor x, int from, int to) {
        int n = rowCount(x, "Rows.select");
        if (from < 0 || from > to || to > n) {
            throw new ShapeException("Rows.select: rows " + from + " to " + to + " are not a range of a tensor of"
                    + " shape " + x.shape() + "; need 0 <= from <= to <= " + n);
        }
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return gather(x, rows, 0, rows.length, "Rows.select");
    }

    /**
     * The given rows of a tensor of rank 1 or more, in the given order (repeats allowed): {@code x[rows]}.
     *
     * @throws ShapeException if {@code x} is a scalar or a row index is out of bounds (negative indices are
     *     not accepted)
     */
    public static Tensor take(Tensor x, int... rows) {
        int n = rowCount(x, "Rows.take");
        for (int r : rows) {
            if (r < 0 || r >= n) {
                throw new ShapeException("Rows.take: row " + r + " is out of bounds for a tensor of shape "
                        + x.shape() + " (rows 0 to " + (n - 1) + ")");
            }
        }
        return gather(x, rows, 0, rows.length, "Rows.take");
    }

    static int rowCount(Tensor x, String where) {
        if (x.rank() == 0) {
            throw new ShapeException(where + ": a scalar has no rows; need a tensor of rank 1 or more");
        }
        int n = x.shape().get(0);
        if (n < 0) {
            throw new IllegalArgumentException(where + " needs a concrete tensor, got shape " + x.shape());
        }
        return n;
    }

    /** Rows {@code order[offset .. offset+count)} of {@code x} (indices already checked), as a new tensor. */
    static Tensor gather(Tensor x, int[] order, int offset, int count, String where) {
        float[] src = DataSupport.data(x, where);
        int[] shape = x.shape().toArray();
        int width = 1;
        for (int d = 1; d < shape.length; d++) {
            width *= shape[d];
        }
        float[] out = new float[Math.multiplyExact(count, width)];
        for (int i = 0; i < count; i++) {
            System.arraycopy(src, order[offset + i] * width, out, i * width, width);
        }
        shape[0] = count;
        return DataSupport.wrap(out, shape);
    }
}
