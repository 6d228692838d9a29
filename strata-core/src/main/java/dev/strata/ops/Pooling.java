package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.kernels.PoolKernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * What max_pool and average_pool share: Keras's arguments made concrete (a single pool size or stride for every
 * spatial axis, strides defaulting to the pool size, padding and data format by name), the shape rule (Keras's
 * {@code compute_pooling_output_shape}, unknown sizes kept unknown), and JAX's "same" padding (total
 * {@code max((out - 1)·stride + pool - in, 0)}, the smaller half before). A channels_first input is transposed to
 * channels_last around the channels-last kernels.
 */
final class Pooling {
    private Pooling() {
    }

    /**
     * One pooling's arguments, checked against the input's shape.
     *
     * @param pool the window, one size per spatial axis
     * @param strides the step, one per spatial axis
     * @param same "same" padding (else "valid")
     * @param channelsFirst the data format is channels_first
     * @param out the output shape
     */
    record Plan(int[] pool, int[] strides, boolean same, boolean channelsFirst, Shape out) {
        String padding() {
            return same ? "same" : "valid";
        }

        String dataFormat() {
            return channelsFirst ? "channels_first" : "channels_last";
        }

        /**
         * The recorded {@code pool_size}: one integer when every axis has the same size. Keras 3.15's JAX backend
         * cannot reload a list there (it adds a tuple to the list read from JSON, which fails even for files Keras
         * wrote itself), so the integer form keeps the common case loadable in Keras.
         */
        Object poolArg() {
            return uniform(pool) ? (Object) pool[0] : pool;
        }

        /**
         * The recorded {@code strides}, always explicit (one integer when uniform): Keras 3.15's JAX backend fails on
         * {@code strides=None} (it wraps the pool size into a spatial operand twice).
         */
        Object stridesArg() {
            return uniform(strides) ? (Object) strides[0] : strides;
        }

        private static boolean uniform(int[] v) {
            for (int x : v) {
                if (x != v[0]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A recorded {@code pool_size} (an integer or a list) as an array. */
    static int[] ints(Object value) {
        return value instanceof Integer i ? new int[] {i} : (int[]) value;
    }

    /**
     * Recorded {@code strides} as an array, or null (the pool size) for 0: the specs declare 0 as the value of an
     * absent or None {@code strides} (Keras's default), since a stride of 0 is never recorded.
     */
    static int[] strides(Object value) {
        return Integer.valueOf(0).equals(value) ? null : ints(value);
    }

    /**
     * Checks and normalizes the arguments for input shape {@code s}.
     *
     * @throws ShapeException if the input is not of rank 3 to 5, or a valid window does not fit the input
     * @throws IllegalArgumentException if a size or stride is not positive, of the wrong count, or the padding or
     *     data format is unknown
     */
    static Plan plan(String op, Shape s, int[] poolSize, int[] strides, String padding, String dataFormat) {
        String pad = padding == null ? "valid" : padding.toLowerCase(Locale.ROOT);
        if (!pad.equals("valid") && !pad.equals("same")) {
            throw new IllegalArgumentException(op + ": padding must be \"valid\" or \"same\", got \"" + padding + "\"");
        }
        String format = dataFormat == null ? "channels_last" : dataFormat.toLowerCase(Locale.ROOT);
        if (!format.equals("channels_last") && !format.equals("channels_first")) {
            throw new IllegalArgumentException(op + ": data_format must be \"channels_last\" or \"channels_first\", "
                    + "got \"" + dataFormat + "\"");
        }
        boolean first = format.equals("channels_first");
        int rank = s.rank();
        if (rank < 3 || rank > 5) {
            throw new ShapeException(op + ": inputs must have rank 3, 4 or 5 (batch, 1 to 3 spatial axes and "
                    + "channels, " + format + "), got shape " + s);
        }
        int n = rank - 2;
        int[] pool = spatial(op, "pool_size", poolSize, n, s);
        int[] step = strides == null ? pool : spatial(op, "strides", strides, n, s);
        int[] out = s.toArray();
        int firstSpatial = first ? 2 : 1;
        for (int i = 0; i < n; i++) {
            int d = s.get(firstSpatial + i);
            int o;
            if (d == Shape.UNKNOWN) {
                o = Shape.UNKNOWN;
            } else if (pad.equals("valid")) {
                o = Math.floorDiv(d - pool[i], step[i]) + 1;
                if (o <= 0) {
                    throw new ShapeException(op + ": the pooling window does not fit the input: computed output size "
                            + "would be zero or negative on spatial axis " + i + " (input shape " + s + ", "
                            + format + ", pool_size " + Arrays.toString(pool) + ", strides " + Arrays.toString(step)
                            + ", padding \"valid\")");
                }
            } else {
                o = d == 0 ? 0 : (d - 1) / step[i] + 1;
            }
            out[firstSpatial + i] = o;
        }
        return new Plan(pool, step, pad.equals("same"), first, Shape.of(out));
    }

    /** One value per spatial axis ({@code n}); a single value is used for every axis. */
    private static int[] spatial(String op, String what, int[] given, int n, Shape s) {
        if (given == null || (given.length != 1 && given.length != n)) {
            throw new IllegalArgumentException(op + ": " + what + " must have 1 or " + n + " entries for an input of "
                    + "shape " + s + ", got " + (given == null ? "none" : Arrays.toString(given)));
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = given[given.length == 1 ? 0 : i];
            if (out[i] <= 0) {
                throw new IllegalArgumentException(op + ": " + what + " must be positive, got "
                        + Arrays.toString(given));
            }
        }
        return out;
    }

    /** The permutation taking channels_first to channels_last ({@code (0, 2, ..., 1)}). */
    static int[] toChannelsLast(int rank) {
        int[] p = new int[rank];
        for (int i = 1; i < rank - 1; i++) {
            p[i] = i + 1;
        }
        p[rank - 1] = 1;
        return p;
    }

    /** The permutation taking channels_last to channels_first ({@code (0, rank-1, 1, ...)}). */
    static int[] toChannelsFirst(int rank) {
        int[] p = new int[rank];
        p[1] = rank - 1;
        for (int i = 2; i < rank; i++) {
            p[i] = i - 1;
        }
        return p;
    }

    /** The kernel geometry of a concrete channels-last input of shape {@code s} pooled as {@code plan} says. */
    static PoolKernels.Geometry geometry(Shape s, Plan plan) {
        int n = s.rank() - 2;
        int[] in = {1, 1, 1};
        int[] pool = {1, 1, 1};
        int[] stride = {1, 1, 1};
        int[] before = {0, 0, 0};
        int[] out = {1, 1, 1};
        for (int i = 0; i < n; i++) {
            int k = 3 - n + i;
            in[k] = s.get(1 + i);
            pool[k] = plan.pool()[i];
            stride[k] = plan.strides()[i];
            if (plan.same()) {
                out[k] = in[k] == 0 ? 0 : (in[k] - 1) / stride[k] + 1;
                int total = Math.max((out[k] - 1) * stride[k] + pool[k] - in[k], 0);
                before[k] = total / 2;
            } else {
                out[k] = (in[k] - pool[k]) / stride[k] + 1;
            }
        }
        return new PoolKernels.Geometry(s.get(0), in[0], in[1], in[2], s.get(s.rank() - 1), pool[0], pool[1],
                pool[2], stride[0], stride[1], stride[2], before[0], before[1], before[2], out[0], out[1], out[2]);
    }

    /** The channels-last output shape of input shape {@code in} pooled with geometry {@code g}. */
    static Shape outShape(Shape in, PoolKernels.Geometry g) {
        int[] out = in.toArray();
        int[] spatial = {g.outD(), g.outH(), g.outW()};
        int n = in.rank() - 2;
        for (int i = 0; i < n; i++) {
            out[1 + i] = spatial[3 - n + i];
        }
        return Shape.of(out);
    }

    /** The pooled tensor of concrete {@code x}: channels-last pooling, transposed around for channels_first. */
    static Tensor concrete(Tensor x, Plan plan, java.util.function.BiFunction<Tensor, Plan, Tensor> channelsLast) {
        if (!plan.channelsFirst()) {
            return channelsLast.apply(x, plan);
        }
        int rank = x.shape().rank();
        Tensor last = Transpose.apply(x, toChannelsLast(rank));
        return Transpose.apply(channelsLast.apply(last, plan), toChannelsFirst(rank));
    }
}
