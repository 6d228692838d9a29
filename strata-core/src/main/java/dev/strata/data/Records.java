package dev.strata.data;

import dev.strata.data.Dataset.Cursor;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Passes over samples of fixed shapes (a file's records: IDX, numeric CSV) that {@code shuffle} and {@code batch}
 * move without a tensor, a {@link Batch} or an array per sample: a source decodes its next sample straight into a
 * batch's arrays, or keeps it raw in a slot of a compact shuffle buffer that is decoded into the batch when drawn.
 * This is what keeps a streamed epoch's own work small beside the training step on a few cores (issue 14's
 * streamed-input measure). Elements and their order are those of the per-sample passes: {@link Pipeline#shuffle}
 * and {@link Pipeline#batch} take this path when their upstream is such a pass, and any other stage reads it as
 * per-sample {@link Batch}es.
 */
final class Records {
    private Records() {
    }

    /**
     * A pass of samples of fixed shapes, components {@code 0..inputs-1} the inputs and the rest the targets. Read as
     * a cursor, each sample is a Batch of its own; {@link #writeNext} puts the next one into a batch's arrays.
     */
    abstract static class Pass extends Pipeline.Lookahead<Batch> {
        final Shape[] shapes;
        final int inputs;
        final int[] widths;

        Pass(Shape[] shapes, int inputs) {
            this.shapes = shapes;
            this.inputs = inputs;
            this.widths = new int[shapes.length];
            for (int k = 0; k < shapes.length; k++) {
                widths[k] = shapes[k].size();
            }
        }

        /**
         * Writes the next sample into row {@code row} of the arrays (component k at {@code row * widths[k]} of
         * {@code dst[k]}).
         *
         * @return false at the end of the pass (nothing written)
         */
        abstract boolean writeNext(float[][] dst, int row);

        @Override
        final Batch advance() {
            float[][] one = new float[shapes.length][];
            for (int k = 0; k < one.length; k++) {
                one[k] = new float[widths[k]];
            }
            return writeNext(one, 0) ? batchOf(one, shapes, inputs, null) : null;
        }
    }

    /** A file's pass, which can also keep its samples raw in a shuffle buffer. */
    abstract static class Source extends Pass {
        Source(Shape[] shapes, int inputs) {
            super(shapes, inputs);
        }

        /** A buffer of up to {@code capacity} raw samples read from this pass, growing as slots are filled. */
        abstract Slots slots(int capacity);
    }

    /** Raw samples of a {@link Source} in numbered slots. */
    interface Slots {
        /** Reads the source's next sample into {@code slot} (at most one past the highest filled); false at the end. */
        boolean fill(int slot);

        /** Writes the sample in {@code slot} into row {@code row} of a batch's arrays, as {@link Pass#writeNext}. */
        void write(int slot, float[][] dst, int row);

        /** Moves the sample in slot {@code from} to slot {@code to}. */
        void move(int from, int to);
    }

    /** Slots of fixed-width records in one growing array of a primitive type (reads and writes are the caller's). */
    static final class Slab {
        final int width;
        final int capacity;
        byte[] bytes;
        float[] floats;

        /** Raw bytes ({@code floats} false) or floats, {@code width} per slot, for up to {@code capacity} slots. */
        Slab(int width, int capacity, boolean floats) {
            this.width = width;
            this.capacity = capacity;
            int first = (int) Math.min(capacity, 1024L);
            if (floats) {
                this.floats = new float[Math.multiplyExact(first, width)];
            } else {
                this.bytes = new byte[Math.multiplyExact(first, width)];
            }
        }

        /** Makes room for {@code slot}; the array doubles, up to the capacity. */
        void ensure(int slot) {
            long need = (long) (slot + 1) * width;
            int have = bytes != null ? bytes.length : floats.length;
            if (need <= have) {
                return;
            }
            long slots = Math.min(capacity, Math.max(slot + 1L, 2L * (have / Math.max(width, 1))));
            int size = Math.toIntExact(slots * width);
            if (bytes != null) {
                bytes = Arrays.copyOf(bytes, size);
            } else {
                floats = Arrays.copyOf(floats, size);
            }
        }

        void move(int from, int to) {
            if (bytes != null) {
                System.arraycopy(bytes, from * width, bytes, to * width, width);
            } else {
                System.arraycopy(floats, from * width, floats, to * width, width);
            }
        }
    }

    /**
     * {@link Pipeline#shuffle}'s algorithm on raw slots: fill the buffer, then draw a random slot and refill it from
     * the source (or, at the end, move the last into it), so the order is the per-sample shuffle's for the seed.
     */
    static Pass shuffle(Source upstream, int bufferSize, long seed) {
        return new Pass(upstream.shapes, upstream.inputs) {
            private final SplittableRandom random = new SplittableRandom(seed);
            private Slots slots;
            private int count;
            private boolean exhausted;

            @Override
            boolean writeNext(float[][] dst, int row) {
                if (slots == null) {
                    slots = upstream.slots(bufferSize);
                }
                while (!exhausted && count < bufferSize) {
                    if (slots.fill(count)) {
                        count++;
                    } else {
                        exhausted = true;
                    }
                }
                if (count == 0) {
                    return false;
                }
                int i = random.nextInt(count);
                slots.write(i, dst, row);
                if (exhausted || !slots.fill(i)) {
                    exhausted = true;
                    slots.move(count - 1, i);
                    count--;
                }
                return true;
            }

            @Override
            void release() {
                slots = null;
                upstream.close();
            }
        };
    }

    /** {@link Pipeline#batch} (no padding) of a pass: each batch's arrays are written row by row, nothing else. */
    static Cursor<Batch> batch(Pass records, int size, boolean dropRemainder) {
        return new Pipeline.Stage<Batch, Batch>(records) {
            private boolean ended;

            @Override
            Batch advance() {
                if (ended) {
                    return null;
                }
                float[][] dst = new float[records.shapes.length][];
                for (int k = 0; k < dst.length; k++) {
                    dst[k] = new float[Math.multiplyExact(size, records.widths[k])];
                }
                int rows = 0;
                while (rows < size && records.writeNext(dst, rows)) {
                    rows++;
                }
                if (rows < size) {
                    ended = true;
                    if (rows == 0 || dropRemainder) {
                        return null;
                    }
                    for (int k = 0; k < dst.length; k++) {
                        dst[k] = Arrays.copyOf(dst[k], rows * records.widths[k]);
                    }
                }
                return batchOf(dst, records.shapes, records.inputs, rows);
            }
        };
    }

    /** A Batch of the arrays: one sample ({@code rows} null) or {@code rows} stacked along a new first axis. */
    private static Batch batchOf(float[][] arrays, Shape[] shapes, int inputs, Integer rows) {
        List<Tensor> x = new ArrayList<>(inputs);
        List<Tensor> y = new ArrayList<>(shapes.length - inputs);
        for (int k = 0; k < shapes.length; k++) {
            Shape s = rows == null ? shapes[k] : shapes[k].prepend(rows);
            (k < inputs ? x : y).add(TensorAccess.wrap(arrays[k], s));
        }
        return new Batch(x, y.isEmpty() ? List.of() : y, null);
    }
}
