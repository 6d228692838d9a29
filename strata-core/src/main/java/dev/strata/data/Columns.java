package dev.strata.data;

import dev.strata.ShapeException;
import dev.strata.tensor.Tensor;

/**
 * Column selection for matrices (rank 2: rows by columns), for preparing data. {@code Columns.select(x, 0, 5)}
 * is numpy's {@code x[:, :5]}, {@code Columns.select(x, 2)} is {@code x[:, 2:]} and
 * {@code Columns.take(x, 7, 0)} is {@code x[:, [7, 0]]}. The results are new tensors; nothing is recorded on a
 * gradient tape (inside a model, use the ops).
 */
public final class Columns {
    private Columns() {
    }

    /**
     * Columns {@code from} (inclusive) to {@code to} (exclusive): {@code x[:, from:to]}.
     *
     * @throws ShapeException if {@code x} is not a matrix or the range is not within
     *     {@code 0 <= from <= to <= columns}
     */
    public static Tensor select(Tensor x, int from, int to) {
        int cols = columnCount(x, "Columns.select");
        if (from < 0 || from > to || to > cols) {
            throw new ShapeException("Columns.select: columns " + from + " to " + to + " are not a range of a"
                    + " matrix of shape " + x.shape() + "; need 0 <= from <= to <= " + cols);
        }
        int[] picked = new int[to - from];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = from + i;
        }
        return gather(x, picked, "Columns.select");
    }

    /**
     * Columns {@code from} to the last: {@code x[:, from:]}.
     *
     * @throws ShapeException if {@code x} is not a matrix or {@code from} is not within {@code 0..columns}
     */
    public static Tensor select(Tensor x, int from) {
        return select(x, from, columnCount(x, "Columns.select"));
    }

    /**
     * The given columns, in the given order (repeats allowed): {@code x[:, columns]}.
     *
     * @throws ShapeException if {@code x} is not a matrix or an index is out of bounds (negative indices are
     *     not accepted)
     */
    public static Tensor take(Tensor x, int... columns) {
        int cols = columnCount(x, "Columns.take");
        for (int c : columns) {
            if (c < 0 || c >= cols) {
                throw new ShapeException("Columns.take: column " + c + " is out of bounds for a matrix of shape "
                        + x.shape() + " (columns 0 to " + (cols - 1) + ")");
            }
        }
        return gather(x, columns.clone(), "Columns.take");
    }

    private static int columnCount(Tensor x, String where) {
        if (x.rank() != 2) {
            throw new ShapeException(where + ": need a matrix (rank 2, rows by columns), got shape " + x.shape());
        }
        return x.shape().get(1);
    }

    private static Tensor gather(Tensor x, int[] picked, String where) {
        float[] src = DataSupport.data(x, where);
        int rows = x.shape().get(0);
        int cols = x.shape().get(1);
        int k = picked.length;
        float[] out = new float[Math.multiplyExact(rows, k)];
        boolean contiguous = true;
        for (int j = 1; j < k; j++) {
            contiguous &= picked[j] == picked[j - 1] + 1;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            if (contiguous && k > 0) {
                System.arraycopy(src, base + picked[0], out, r * k, k);
            } else {
                for (int j = 0; j < k; j++) {
                    out[r * k + j] = src[base + picked[j]];
                }
            }
        }
        return DataSupport.wrap(out, rows, k);
    }
}
