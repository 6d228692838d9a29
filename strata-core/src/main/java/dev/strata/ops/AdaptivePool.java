package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Adaptive average and max pooling, {@code keras.ops.adaptive_average_pool} and {@code adaptive_max_pool}: a 3D,
 * 4D or 5D input (batch, spatial..., channels; or channels first) pooled to {@code outputSize} along each spatial
 * axis, output position i reading the input window {@code [floor(i·L/O), ceil((i+1)·L/O))}, as JAX's backend. Like
 * JAX's, the spatial axes are pooled one after the other (an average of averages over equal-sized rows is the
 * rectangle's average; a maximum of maxima its maximum): for the average each axis by gathering its windows
 * ({@link Take}, the shorter windows padded with zero weights) and summing them weighted, so the gradient reaches
 * every element of a window; for the maximum by taking each window's first largest element
 * ({@link TakeAlongAxis}), so the gradient goes to that one element, as XLA's reduce_window routes it, ties too.
 * Saved with output_size as a list, one size per spatial axis (Keras 3.15 reads such a list only with the tuple
 * patch in {@code tools/keras-interop/check_config.py}; its own saved files have the same problem).
 */
final class AdaptivePool {
    /** {@code keras.ops.adaptive_average_pool(inputs, output_size, data_format=None)}. */
    static final OpSpec AVERAGE = OpSpec.op("adaptive_average_pool").nn("AdaptiveAveragePool")
            .config("output_size", Type.INT_OR_INTS).config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> apply(in.get(0), LayerNorm.axes(args.value("output_size")),
                    args.string("data_format"), false));
    /** {@code keras.ops.adaptive_max_pool(inputs, output_size, data_format=None)}. */
    static final OpSpec MAX = OpSpec.op("adaptive_max_pool").nn("AdaptiveMaxPool")
            .config("output_size", Type.INT_OR_INTS).config("data_format", Type.STRING, "channels_last")
            .rebuild((in, args) -> apply(in.get(0), LayerNorm.axes(args.value("output_size")),
                    args.string("data_format"), true));

    private AdaptivePool() {
    }

    static Tensor apply(Tensor x, int[] outputSize, String dataFormat, boolean max) {
        String op = max ? "adaptiveMaxPool" : "adaptiveAveragePool";
        Shape s = x.shape();
        int dims = s.rank() - 2;
        if (dims < 1 || dims > 3) {
            throw new ShapeException(op + ": inputs must be 3D, 4D or 5D (batch, spatial axes, channels), got shape "
                    + s);
        }
        if (!"channels_last".equals(dataFormat) && !"channels_first".equals(dataFormat)) {
            throw new IllegalArgumentException(op + ": dataFormat must be 'channels_last' or 'channels_first', got '"
                    + dataFormat + "'");
        }
        int[] sizes = outputSize.length == 1 ? filled(dims, outputSize[0]) : outputSize.clone();
        if (sizes.length != dims) {
            throw new IllegalArgumentException(op + ": outputSize " + Arrays.toString(outputSize) + " must give one "
                    + "size or one per spatial axis (" + dims + ") of inputs " + s);
        }
        int first = "channels_last".equals(dataFormat) ? 1 : 2;
        Shape out = s;
        for (int i = 0; i < dims; i++) {
            int len = s.get(first + i);
            if (sizes[i] < 1 || (len != Shape.UNKNOWN && len < 1)) {
                throw new IllegalArgumentException(op + ": outputSize " + Arrays.toString(outputSize) + " and the "
                        + "spatial axes of inputs " + s + " must be at least 1");
            }
            if (len == Shape.UNKNOWN && !x.isSymbolic()) {
                throw new ShapeException(op + ": unknown spatial size in " + s);
            }
            out = out.withDim(first + i, sizes[i]);
        }
        if (x.isSymbolic()) {
            for (int i = 0; i < dims; i++) {
                if (s.get(first + i) == Shape.UNKNOWN) {
                    throw new ShapeException(op + ": the spatial sizes of inputs must be known, got " + s);
                }
            }
            // a tuple even for one size: Keras's compute_output_spec takes len(output_size)
            return OpSupport.record((max ? MAX : AVERAGE).args(sizes.clone(), dataFormat), out,
                    in -> apply(in.get(0), outputSize, dataFormat, max), x);
        }
        Tensor y = x;
        for (int i = 0; i < dims; i++) {
            y = alongAxis(y, first + i, sizes[i], max);
        }
        return y;
    }

    /** Pools one axis of length L to O positions: gathers the windows as (…, O, big, …) and reduces the window axis. */
    private static Tensor alongAxis(Tensor x, int axis, int o, boolean max) {
        int len = x.shape().get(axis);
        int big = 0;
        int[] start = new int[o];
        int[] size = new int[o];
        for (int i = 0; i < o; i++) {
            start[i] = (int) Math.floor((double) i * len / o);
            int end = (int) Math.ceil((double) (i + 1) * len / o);
            size[i] = end - start[i];
            big = Math.max(big, size[i]);
        }
        float[] idx = new float[o * big];
        float[] weight = new float[o * big];
        for (int i = 0; i < o; i++) {
            for (int j = 0; j < big; j++) {
                idx[i * big + j] = start[i] + Math.min(j, size[i] - 1);
                weight[i * big + j] = j < size[i] ? 1f / size[i] : 0f;
            }
        }
        if (max) {
            return TakeAlongAxis.apply(x, firstMaxima(x, axis, o, start, size), axis);
        }
        Tensor windows = Take.apply(x, Tensor.of(idx, o, big), axis); // (..., o, big, ...)
        int[] w = new int[windows.rank()];
        Arrays.fill(w, 1);
        w[axis] = o;
        w[axis + 1] = big;
        return Sum.apply(Multiply.apply(windows, Tensor.of(weight, w)), new int[] {axis + 1}, false);
    }

    /**
     * The index along axis of each window's maximum, the first of equal ones (NaN above all), as XLA's
     * reduce_window routes a maximum's gradient: so the gradient goes to that one element, also on ties.
     */
    private static Tensor firstMaxima(Tensor x, int axis, int o, int[] start, int[] size) {
        Shape s = x.shape();
        int len = s.get(axis);
        int inner = Cumulative.inner(s, axis);
        int outer = s.size() / (len * inner);
        float[] v = OpSupport.data(x);
        float[] out = new float[outer * o * inner];
        for (int a = 0; a < outer; a++) {
            for (int i = 0; i < o; i++) {
                for (int c = 0; c < inner; c++) {
                    int best = start[i];
                    float m = v[(a * len + best) * inner + c];
                    for (int j = start[i] + 1; j < start[i] + size[i]; j++) {
                        float e = v[(a * len + j) * inner + c];
                        if (!Float.isNaN(m) && (e > m || Float.isNaN(e))) {
                            m = e;
                            best = j;
                        }
                    }
                    out[(a * o + i) * inner + c] = best;
                }
            }
        }
        return Tensor.of(out, s.withDim(axis, o));
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
