package dev.strata.training;

import dev.strata.data.Batch;
import dev.strata.internal.RandomState;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The batches of one run over in-memory arrays, like Keras's {@code EpochIterator}: inputs, targets and sample
 * weights sliced along the first axis into {@link #steps()} batches per epoch, in order or shuffled anew each
 * epoch. When more steps are asked for than the data holds, batches wrap around to its start.
 */
final class EpochIterator implements BatchSource {
    /** Floats a thread must copy before a batch gather is split over threads. */
    private static final int PARALLEL_MIN_FLOATS = 32_768;

    private final List<Tensor> x;
    private final List<Tensor> y;
    private final List<Tensor> sampleWeights;
    private final int samples;
    private final int batchSize;
    private final int steps;
    private final boolean shuffle;
    private int[] order;

    /**
     * @param y             the targets, or null (predict)
     * @param sampleWeights per-output sample weights, or null
     * @param steps         the steps per epoch, or null for all the data once
     * @param shuffle       whether each {@link #startEpoch} draws a new order from the global generator
     */
    EpochIterator(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeights, int batchSize, Integer steps,
                  boolean shuffle) {
        this.x = x;
        this.y = y;
        this.sampleWeights = sampleWeights;
        this.samples = x.getFirst().shape().get(0);
        this.batchSize = batchSize;
        this.steps = steps != null ? steps : (samples + batchSize - 1) / batchSize;
        this.shuffle = shuffle;
    }

    /** Steps per epoch. */
    @Override
    public Integer steps() {
        return steps;
    }

    /** Starts an epoch ({@link #startEpoch}) whose pass gives batches 0 to {@code steps - 1}. */
    @Override
    public Pass start() {
        startEpoch();
        return new Pass() {
            private int step;

            @Override
            public Batch next() {
                return step < steps ? batch(step++) : null;
            }

            @Override
            public void end(boolean failed) {
                // nothing held: the arrays stay in memory
            }
        };
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }

    /** Starts an epoch: a new order of the samples when shuffling. */
    void startEpoch() {
        order = shuffle ? order(samples, true) : null;
    }

    /** Batch {@code step}: its inputs, targets (none for predict) and sample weights (or none). */
    Batch batch(int step) {
        return new Batch(x(step), y == null ? null : y(step), sampleWeights(step));
    }

    /** The inputs of batch {@code step}. */
    List<Tensor> x(int step) {
        return batch(x, step);
    }

    /** The targets of batch {@code step}. */
    List<Tensor> y(int step) {
        return batch(y, step);
    }

    /** The sample weights of batch {@code step}, or null if there are none. */
    List<Tensor> sampleWeights(int step) {
        return sampleWeights == null ? null : batch(sampleWeights, step);
    }

    private List<Tensor> batch(List<Tensor> arrays, int step) {
        int from = (step * batchSize) % Math.max(1, samples);
        int to = Math.min(samples, from + batchSize);
        List<Tensor> out = new ArrayList<>(arrays.size());
        for (Tensor t : arrays) {
            out.add(order == null ? slice(t, from, to) : take(t, order, from, to));
        }
        return out;
    }

    /** The number of samples (first dimension) shared by all tensors, checked. */
    static int sampleCount(List<Tensor> xs, List<Tensor> ys, String what) {
        int n = -1;
        List<Tensor> all = new ArrayList<>(xs);
        if (ys != null) {
            all.addAll(ys);
        }
        for (int i = 0; i < all.size(); i++) {
            Tensor t = all.get(i);
            if (t.isSymbolic()) {
                throw new IllegalArgumentException(what + ": " + label(i, xs) + " is symbolic; give concrete data");
            }
            if (t.rank() == 0) {
                throw new IllegalArgumentException(what + ": " + label(i, xs) + " is a scalar; data needs a batch axis "
                        + "first");
            }
            int rows = t.shape().get(0);
            if (n < 0) {
                n = rows;
            } else if (rows != n) {
                throw new IllegalArgumentException(what + ": " + label(i, xs) + " has " + rows + " samples but "
                        + label(0, xs) + " has " + n + "; all inputs and targets need the same number of samples");
            }
        }
        return n;
    }

    private static String label(int i, List<Tensor> xs) {
        return i < xs.size() ? "input " + i : "target " + (i - xs.size());
    }

    /** 0..n-1, shuffled with a seed drawn from the global generator when {@code shuffle}. */
    static int[] order(int n, boolean shuffle) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(RandomState.nextSeed());
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    /** Rows {@code order[from..to)} of {@code t}, as a new tensor. */
    static Tensor take(Tensor t, int[] order, int from, int to) {
        float[] src = TensorAccess.data(t);
        int n = t.shape().get(0);
        int row = n == 0 ? 0 : src.length / n;
        int count = to - from;
        if (count == n && from == 0 && isIdentity(order, from, to)) {
            return t;
        }
        float[] dst = new float[count * row];
        if (isContiguous(order, from, to)) {
            System.arraycopy(src, order[from] * row, dst, 0, count * row);
        } else {
            // A shuffled batch of wide rows (images) is a gather of scattered memory: worth two threads.
            Parallelism.forRange(count, Math.max(1, PARALLEL_MIN_FLOATS / Math.max(1, row)),
                    (i0, i1) -> gather(src, row, order, from, i0, i1, dst));
        }
        return TensorAccess.wrap(dst, t.shape().withDim(0, count));
    }

    /** Copies rows {@code order[from + i]} for i in [i0, i1) to rows i of {@code dst}. */
    private static void gather(float[] src, int row, int[] order, int from, int i0, int i1, float[] dst) {
        if (row <= 16) {
            // short rows: a plain loop beats one arraycopy call per row
            for (int i = i0, d = i0 * row; i < i1; i++) {
                int s = order[from + i] * row;
                for (int j = 0; j < row; j++) {
                    dst[d++] = src[s + j];
                }
            }
        } else {
            for (int i = i0; i < i1; i++) {
                System.arraycopy(src, order[from + i] * row, dst, i * row, row);
            }
        }
    }

    /** Rows {@code [from, to)}, in order. */
    static Tensor slice(Tensor t, int from, int to) {
        float[] src = TensorAccess.data(t);
        int n = t.shape().get(0);
        int row = n == 0 ? 0 : src.length / n;
        if (from == 0 && to == n) {
            return t;
        }
        float[] dst = new float[(to - from) * row];
        System.arraycopy(src, from * row, dst, 0, dst.length);
        return TensorAccess.wrap(dst, t.shape().withDim(0, to - from));
    }

    private static boolean isContiguous(int[] order, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            if (order[i] != order[i - 1] + 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentity(int[] order, int from, int to) {
        for (int i = from; i < to; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Concatenates batch results along the first axis into one tensor of {@code total} rows. */
    static Tensor concatenate(List<Tensor> parts, int total) {
        Shape first = parts.getFirst().shape();
        int rows = 0;
        for (Tensor p : parts) {
            if (p.shape().rank() == 0) {
                rows = -1;
                break;
            }
            rows += p.shape().get(0);
        }
        if (rows != total) { // an output that is not per sample (a loop counter, a segment table)
            throw new IllegalArgumentException("predict: the model returned an output of shape " + first + " for a "
                    + "batch of " + (parts.size() == 1 ? total : "several") + " samples; predict joins each output's "
                    + "batches along its first axis, which must be the batch (for outputs that are not per sample, "
                    + "call the model: model.apply(x))");
        }
        if (parts.size() == 1 && first.get(0) == total && TensorAccess.isImmutable(parts.getFirst())) {
            return parts.getFirst(); // one batch (a single-sample predict): nothing to join
        }
        for (Tensor p : parts) { // a length that depends on the data (bincount's) can differ between batches
            if (!p.shape().withDim(0, 0).equals(first.withDim(0, 0))) {
                throw new IllegalArgumentException("predict: the model returned an output of shape " + first
                        + " for one batch and " + p.shape() + " for another; predict joins each output's batches "
                        + "along the first axis, so the other axes must agree (an op whose length depends on the "
                        + "data, such as bincount, can give each batch its own: predict in one batch, or call the "
                        + "model: model.apply(x))");
            }
        }
        int row = first.get(0) == 0 ? 0 : parts.getFirst().size() / first.get(0);
        float[] out = new float[total * row];
        int pos = 0;
        for (Tensor p : parts) {
            float[] d = TensorAccess.data(p);
            System.arraycopy(d, 0, out, pos, d.length);
            pos += d.length;
        }
        return TensorAccess.wrap(out, first.withDim(0, total));
    }
}
