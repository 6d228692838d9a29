package dev.strata.data;

import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequence utilities of {@code keras.utils}: {@link #padSequences} ({@code pad_sequences}) and
 * {@link #timeseriesDatasetFromArray} ({@code timeseries_dataset_from_array}), with Keras's exact results.
 *
 * <pre>{@code
 * Tensor x = Sequences.padSequences(new int[][] {{1, 2, 3}, {4, 5}}, Sequences.padOptions().maxlen(4));
 * // [[0, 1, 2, 3], [0, 0, 4, 5]]  (Keras's defaults: pad and truncate at the front, value 0)
 * }</pre>
 */
public final class Sequences {
    private Sequences() {
    }

    /** Options of {@link #padSequences}: Keras's {@code maxlen=None, padding="pre", truncating="pre", value=0}. */
    public static final class PadOptions {
        Integer maxlen;
        String padding = "pre";
        String truncating = "pre";
        double value;

        /** The length of every output row; null for the longest sequence's. */
        public PadOptions maxlen(Integer n) {
            if (n != null && n < 0) {
                throw new IllegalArgumentException("padSequences: maxlen must be >= 0, got " + n);
            }
            maxlen = n;
            return this;
        }

        /** {@code "pre"} (pad at the front) or {@code "post"}. */
        public PadOptions padding(String p) {
            if (!p.equals("pre") && !p.equals("post")) {
                throw new IllegalArgumentException("padSequences: Padding type \"" + p + "\" not understood");
            }
            padding = p;
            return this;
        }

        /** {@code "pre"} (drop values at the front of longer sequences) or {@code "post"}. */
        public PadOptions truncating(String t) {
            if (!t.equals("pre") && !t.equals("post")) {
                throw new IllegalArgumentException("padSequences: Truncating type \"" + t + "\" not understood");
            }
            truncating = t;
            return this;
        }

        /** The padding value. */
        public PadOptions value(double v) {
            value = v;
            return this;
        }
    }

    /** Keras's defaults for {@link #padSequences}. */
    public static PadOptions padOptions() {
        return new PadOptions();
    }

    /**
     * Keras's {@code pad_sequences} with its default {@code dtype="int32"}: sequences of ids to a
     * {@code (n, maxlen)} tensor (whole numbers in float32; the padding value is cast to int32 as Keras does).
     *
     * @throws IllegalArgumentException if there are no sequences or one is null
     */
    public static Tensor padSequences(int[][] sequences, PadOptions options) {
        float[][] f = new float[sequences.length][];
        for (int i = 0; i < f.length; i++) {
            if (sequences[i] == null) {
                throw new IllegalArgumentException("padSequences: sequence " + i + " is null");
            }
            f[i] = new float[sequences[i].length];
            for (int j = 0; j < f[i].length; j++) {
                f[i][j] = sequences[i][j];
            }
        }
        return pad(f, options, (float) (long) options.value);
    }

    /** {@link #padSequences(int[][], PadOptions)} with Keras's defaults. */
    public static Tensor padSequences(int[][] sequences) {
        return padSequences(sequences, padOptions());
    }

    /** Keras's {@code pad_sequences(..., dtype="float32")}: real-valued sequences, kept as they are. */
    public static Tensor padSequences(float[][] sequences, PadOptions options) {
        for (int i = 0; i < sequences.length; i++) {
            if (sequences[i] == null) {
                throw new IllegalArgumentException("padSequences: sequence " + i + " is null");
            }
        }
        return pad(sequences, options, (float) options.value);
    }

    private static Tensor pad(float[][] seqs, PadOptions o, float value) {
        int maxlen;
        if (o.maxlen != null) {
            maxlen = o.maxlen;
        } else {
            if (seqs.length == 0) {
                throw new IllegalArgumentException("padSequences: no sequences (Keras's np.max of no lengths fails)");
            }
            maxlen = 0;
            for (float[] s : seqs) {
                maxlen = Math.max(maxlen, s.length);
            }
        }
        float[] out = new float[seqs.length * maxlen];
        java.util.Arrays.fill(out, value);
        for (int i = 0; i < seqs.length; i++) {
            float[] s = seqs[i];
            if (s.length == 0) {
                continue;
            }
            // numpy slices: s[-maxlen:] and s[:maxlen]; s[-0:] is the whole sequence, as in Keras
            int from = o.truncating.equals("pre") ? (maxlen == 0 ? 0 : Math.max(0, s.length - maxlen)) : 0;
            int to = o.truncating.equals("pre") ? s.length : Math.min(s.length, maxlen);
            int len = to - from;
            if (len > maxlen) { // only for maxlen 0, where numpy's x[idx, -len:] assignment fails too
                throw new IllegalArgumentException("padSequences: could not fit a sequence of " + len
                        + " values into maxlen " + maxlen);
            }
            int start = o.padding.equals("post") ? 0 : maxlen - len;
            System.arraycopy(s, from, out, i * maxlen + start, len);
        }
        return Tensor.of(out, seqs.length, maxlen);
    }

    // ---- timeseries ------------------------------------------------------------------------------------------------

    /** One batch of windows: inputs {@code (batch, sequence_length, features...)} and targets, or null targets. */
    public record Batch(Tensor inputs, Tensor targets) {
    }

    /**
     * Options of {@link #timeseriesDatasetFromArray}: Keras's {@code sequence_stride=1, sampling_rate=1,
     * batch_size=128, shuffle=False, seed=None, start_index=None, end_index=None}.
     */
    public static final class TimeseriesOptions {
        int sequenceStride = 1;
        int samplingRate = 1;
        Integer batchSize = 128;
        boolean shuffle;
        Long seed;
        Integer startIndex;
        Integer endIndex;

        /** Steps between the starts of successive windows. */
        public TimeseriesOptions sequenceStride(int n) {
            sequenceStride = n;
            return this;
        }

        /** Steps between successive values within a window. */
        public TimeseriesOptions samplingRate(int n) {
            samplingRate = n;
            return this;
        }

        /** Windows per batch; null for one window per batch without a batch axis (Keras's None). */
        public TimeseriesOptions batchSize(Integer n) {
            batchSize = n;
            return this;
        }

        /** Shuffles the windows' start positions (numpy's {@code RandomState(seed).shuffle}, as Keras). */
        public TimeseriesOptions shuffle(boolean on) {
            shuffle = on;
            return this;
        }

        /** The shuffle's seed. */
        public TimeseriesOptions seed(long s) {
            seed = s;
            return this;
        }

        /** Data points before it are not used. */
        public TimeseriesOptions startIndex(Integer i) {
            startIndex = i;
            return this;
        }

        /** Data points from it on are not used (exclusive end). */
        public TimeseriesOptions endIndex(Integer i) {
            endIndex = i;
            return this;
        }
    }

    /** Keras's defaults for {@link #timeseriesDatasetFromArray}. */
    public static TimeseriesOptions timeseriesOptions() {
        return new TimeseriesOptions();
    }

    /**
     * Keras's {@code timeseries_dataset_from_array}: sliding windows over {@code data} (axis 0 is time), window
     * {@code i} starting at {@code start_index + p_i} for {@code p_i} in {@code 0, stride, 2·stride, ...} and
     * holding {@code sequence_length} points {@code sampling_rate} apart; its target is {@code targets[start_index +
     * p_i]}. Windows must end before {@code end_index}; with targets, there are at most {@code len(targets)} of them.
     * With {@code shuffle}, the start positions are permuted by numpy's {@code RandomState(seed).shuffle}, as Keras
     * does; Keras's tf.data pipeline then also shuffles within a buffer of {@code 8 · batch_size} windows with
     * TensorFlow's generator, which Strata does not reproduce (the windows are the same, their order within that
     * buffer differs).
     *
     * @param targets the targets by time step (first axis), or null
     * @throws IllegalArgumentException for Keras's invalid arguments (the messages are Keras's)
     */
    public static List<Batch> timeseriesDatasetFromArray(Tensor data, Tensor targets, int sequenceLength,
            TimeseriesOptions o) {
        int n = data.shape().rank() == 0 ? 0 : data.shape().get(0);
        if (data.shape().rank() == 0) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: data must have a time axis, got a scalar");
        }
        if (o.startIndex != null) {
            if (o.startIndex < 0) {
                throw new IllegalArgumentException("`start_index` must be 0 or greater. Received: start_index="
                        + o.startIndex);
            }
            if (o.startIndex >= n) {
                throw new IllegalArgumentException("`start_index` must be lower than the length of the data. "
                        + "Received: start_index=" + o.startIndex + ", for data of length " + n);
            }
        }
        if (o.endIndex != null) {
            if (o.startIndex != null && o.endIndex <= o.startIndex) {
                throw new IllegalArgumentException("`end_index` must be higher than `start_index`. Received: "
                        + "start_index=" + o.startIndex + ", and end_index=" + o.endIndex + " ");
            }
            if (o.endIndex >= n) {
                throw new IllegalArgumentException("`end_index` must be lower than the length of the data. Received: "
                        + "end_index=" + o.endIndex + ", for data of length " + n);
            }
            if (o.endIndex <= 0) {
                throw new IllegalArgumentException("`end_index` must be higher than 0. Received: end_index="
                        + o.endIndex);
            }
        }
        if (o.samplingRate <= 0 || o.samplingRate >= n) {
            throw new IllegalArgumentException("`sampling_rate` must be higher than 0 and lower than the length of the "
                    + "data. Received: sampling_rate=" + o.samplingRate + ", for data of length " + n);
        }
        if (o.sequenceStride <= 0 || o.sequenceStride >= n) {
            throw new IllegalArgumentException("`sequence_stride` must be higher than 0 and lower than the length of "
                    + "the data. Received: sequence_stride=" + o.sequenceStride + ", for data of length " + n);
        }
        if (sequenceLength <= 0) {
            throw new IllegalArgumentException("`sequence_length` must be higher than 0. Received: sequence_length="
                    + sequenceLength);
        }
        if (o.batchSize != null && o.batchSize <= 0) {
            throw new IllegalArgumentException("`batch_size` must be higher than 0. Received: batch_size="
                    + o.batchSize);
        }
        int start = o.startIndex == null ? 0 : o.startIndex;
        int end = o.endIndex == null ? n : o.endIndex;
        int numSeqs = end - start - (sequenceLength - 1) * o.samplingRate;
        if (targets != null) {
            numSeqs = Math.min(numSeqs, targets.shape().get(0));
        }
        if (targets != null && numSeqs > 0 && start + (numSeqs - 1) >= targets.shape().get(0)) {
            throw new IllegalArgumentException("timeseriesDatasetFromArray: the last window starts at time step "
                    + (start + numSeqs - 1) + " but targets has only " + targets.shape().get(0) + " steps");
        }
        List<Integer> positions = new ArrayList<>();
        for (int p = 0; p < numSeqs; p += o.sequenceStride) {
            positions.add(p);
        }
        if (o.shuffle) {
            long seed = o.seed != null ? o.seed : new java.util.Random().nextInt(1_000_000);
            int[] perm = new Mt19937(seed).permutation(positions.size());
            List<Integer> shuffled = new ArrayList<>(positions.size());
            for (int k : perm) {
                shuffled.add(positions.get(k));
            }
            positions = shuffled;
        }
        int[] rest = data.shape().subShape(1, data.shape().rank()).toArray();
        int row = data.shape().subShape(1, data.shape().rank()).size();
        float[] x = data.toFloatArray();
        float[] y = targets == null ? null : targets.toFloatArray();
        int targetRow = targets == null ? 0 : targets.shape().subShape(1, targets.shape().rank()).size();
        int[] targetRest = targets == null ? null : targets.shape().subShape(1, targets.shape().rank()).toArray();
        List<Batch> out = new ArrayList<>();
        int per = o.batchSize == null ? 1 : o.batchSize;
        for (int b = 0; b < positions.size(); b += per) {
            int count = Math.min(per, positions.size() - b);
            float[] xs = new float[count * sequenceLength * row];
            float[] ys = y == null ? null : new float[count * targetRow];
            for (int k = 0; k < count; k++) {
                int p = positions.get(b + k);
                for (int t = 0; t < sequenceLength; t++) {
                    System.arraycopy(x, (start + p + t * o.samplingRate) * row, xs, (k * sequenceLength + t) * row,
                            row);
                }
                if (ys != null) {
                    System.arraycopy(y, (start + p) * targetRow, ys, k * targetRow, targetRow);
                }
            }
            int[] xShape = o.batchSize == null ? concat(new int[] {sequenceLength}, rest)
                    : concat(new int[] {count, sequenceLength}, rest);
            Tensor xt = Tensor.of(xs, xShape);
            Tensor yt = null;
            if (ys != null) {
                yt = Tensor.of(ys, o.batchSize == null ? targetRest : concat(new int[] {count}, targetRest));
            }
            out.add(new Batch(xt, yt));
        }
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
