package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ImageKernels;
import dev.strata.internal.kernels.ImageKernels.AxisWeights;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Resizes images, like {@code keras.ops.image.resize(images, size, interpolation="bilinear", antialias=False,
 * crop_to_aspect_ratio=False, pad_to_aspect_ratio=False, fill_mode="constant", fill_value=0.0, data_format=None)}
 * with Keras's JAX backend, which calls {@code jax.image.resize}: images {@code (batch, height, width, channels)}
 * or one image {@code (height, width, channels)} (channels first too).
 *
 * <p>Numerics are JAX's. "nearest" takes input {@code floor((o + 0.5) * in / out)} (float32). "bilinear",
 * "bicubic" (Keys, a = -0.5), "lanczos3" and "lanczos5" weigh the input samples around {@code (o + 0.5) * in / out -
 * 0.5} with their kernel (stretched by {@code in / out} when downsampling with {@code antialias}), normalised to sum
 * 1, in float32 as {@code compute_weight_mat} does; an axis whose size does not change is left alone. Both axes are
 * applied one after the other (height, then width), which may differ from JAX's contraction order in the last bits.
 * "area" (JAX has it, Keras's JAX backend does not accept it) is refused like Keras.
 *
 * <p>{@code crop_to_aspect_ratio} first takes the largest centred box of the target aspect ratio;
 * {@code pad_to_aspect_ratio} first pads with {@code fill_value} on both sides of the height (or else the width)
 * as Keras does. Gradient: every interpolation is linear in the images, so the gradient is the transposed map
 * (for nearest, each input gets the sum of the outputs that copied it), itself differentiable.
 */
final class Resize {
    /** Keras's {@code RESIZE_INTERPOLATIONS} of the JAX backend. */
    static final List<String> INTERPOLATIONS = List.of("bilinear", "nearest", "lanczos3", "lanczos5", "bicubic");

    /** {@code keras.ops.image.resize}, saved as {@code keras.src.ops.image.Resize}. */
    static final OpSpec SPEC = OpSpec.op("resize").keras(OpSpec.Module.IMAGE, "Resize").config("size", Type.INTS)
            .config("interpolation", Type.STRING, "bilinear").config("antialias", Type.BOOL, false)
            .config("crop_to_aspect_ratio", Type.BOOL, false).config("pad_to_aspect_ratio", Type.BOOL, false)
            .config("fill_mode", Type.STRING, "constant").config("fill_value", Type.FLOAT, 0f)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), a.ints("size"), a.string("interpolation"), a.bool("antialias"),
                    a.bool("crop_to_aspect_ratio"), a.bool("pad_to_aspect_ratio"), a.string("fill_mode"),
                    a.number("fill_value"), a.string("data_format")));

    /** {@code np.pi ** 2} as JAX's float32 kernel takes it. */
    private static final float PI_SQUARED = (float) (Math.PI * Math.PI);

    private Resize() {
    }

    static Tensor apply(Tensor images, int[] size, String interpolation, boolean antialias, boolean crop,
            boolean pad, String fillMode, float fillValue, String dataFormat) {
        String format = dataFormat(dataFormat);
        String method = interpolation(interpolation);
        if (!"constant".equals(fillMode)) {
            throw new IllegalArgumentException("resize: invalid value for argument fill_mode: only 'constant' is "
                    + "supported, got '" + fillMode + "'");
        }
        if (crop && pad) {
            throw new IllegalArgumentException("resize: only one of crop_to_aspect_ratio and pad_to_aspect_ratio can "
                    + "be true");
        }
        if (size == null || size.length != 2 || size[0] <= 0 || size[1] <= 0) {
            throw new IllegalArgumentException("resize: size must be two positive integers (height, width), got "
                    + Arrays.toString(size));
        }
        Shape s = images.shape();
        int[] hw = spatialAxes("resize", s, format);
        int[] out = s.toArray();
        out[hw[0]] = size[0];
        out[hw[1]] = size[1];
        int[] sz = size.clone();
        if (images.isSymbolic()) {
            return OpSupport.record(SPEC.args(sz, method, antialias, crop, pad, "constant", fillValue, format),
                    Shape.of(out), in -> apply(in.get(0), sz, method, antialias, crop, pad, "constant", fillValue,
                            format), images);
        }
        Tensor x = images;
        if (crop) {
            x = cropToAspectRatio(x, hw, sz);
        } else if (pad) {
            x = padToAspectRatio(x, hw, sz, fillValue);
        }
        return resize(x, hw, sz, method, antialias, format);
    }

    /** The (height, width) axes of an image or a batch of images, checking the rank. */
    static int[] spatialAxes(String op, Shape s, String format) {
        if (s.rank() != 3 && s.rank() != 4) {
            throw new ShapeException(op + ": invalid images rank: expected rank 3 (single image) or rank 4 (batch "
                    + "of images), got shape " + s + " (data_format " + format + ")");
        }
        int first = s.rank() == 4 ? 1 : 0;
        if (format.equals("channels_first")) {
            first++;
        }
        return new int[] {first, first + 1};
    }

    static String dataFormat(String dataFormat) {
        if (dataFormat == null) {
            return "channels_last";
        }
        String f = dataFormat.toLowerCase(Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("data_format must be \"channels_last\" or \"channels_first\", got \""
                    + dataFormat + "\"");
        }
        return f;
    }

    private static String interpolation(String interpolation) {
        if (!INTERPOLATIONS.contains(interpolation)) {
            throw new IllegalArgumentException("resize: invalid value for argument interpolation: expected one of "
                    + INTERPOLATIONS + ", got '" + interpolation + "'");
        }
        return interpolation;
    }

    /** Keras's {@code crop_to_aspect_ratio}: the centred box of the target's aspect ratio, in whole pixels. */
    private static Tensor cropToAspectRatio(Tensor x, int[] hw, int[] size) {
        int[] box = cropBox(x.shape().get(hw[0]), x.shape().get(hw[1]), size[0], size[1]);
        int[] start = new int[x.shape().rank()];
        int[] extent = x.shape().toArray();
        start[hw[0]] = box[0];
        start[hw[1]] = box[1];
        extent[hw[0]] = box[2];
        extent[hw[1]] = box[3];
        return Slice.region(x, start, extent);
    }

    /**
     * Keras's centred crop box for a target aspect ratio ({@code smart_resize}, {@code crop_to_aspect_ratio}):
     * {@code {top, left, height, width}}, computed with Python's float and int as Keras does.
     */
    static int[] cropBox(int height, int width, int targetHeight, int targetWidth) {
        int cropHeight = (int) ((double) width * targetHeight / targetWidth);
        cropHeight = Math.max(Math.min(height, cropHeight), 1);
        int cropWidth = (int) ((double) height * targetWidth / targetHeight);
        cropWidth = Math.max(Math.min(width, cropWidth), 1);
        return new int[] {(int) ((height - cropHeight) / 2.0), (int) ((width - cropWidth) / 2.0), cropHeight,
            cropWidth};
    }

    /** Keras's {@code pad_to_aspect_ratio}: {@code fill_value} on both sides of the height, or else the width. */
    private static Tensor padToAspectRatio(Tensor x, int[] hw, int[] size, float fill) {
        int height = x.shape().get(hw[0]);
        int width = x.shape().get(hw[1]);
        int padHeight = Math.max(height, (int) ((double) width * size[0] / size[1]));
        int padWidth = Math.max(width, (int) ((double) height * size[1] / size[0]));
        int top = (int) ((padHeight - height) / 2.0);
        int left = (int) ((padWidth - width) / 2.0);
        int[] before = new int[x.shape().rank()];
        if (top > 0) {
            before[hw[0]] = top;
        } else if (left > 0) {
            before[hw[1]] = left;
        } else {
            return x;
        }
        return Pad.region(x, before, before.clone(), fill);
    }

    /** The resize proper of a concrete tensor (after any crop or pad). */
    private static Tensor resize(Tensor x, int[] hw, int[] size, String method, boolean antialias, String format) {
        Shape s = x.shape();
        AxisWeights hWeights = weights(s.get(hw[0]), size[0], method, antialias);
        AxisWeights wWeights = weights(s.get(hw[1]), size[1], method, antialias);
        Plan plan = new Plan(s, hw, size, hWeights, wWeights);
        return forward(x, plan);
    }

    /**
     * The separable map of one concrete tensor: the axes as {@code [outer][length][inner]} views. Channels first
     * images are many one-channel images, so no transposition is needed.
     */
    private record Plan(Shape in, int[] hw, int[] size, AxisWeights h, AxisWeights w) {
        Shape out() {
            int[] o = in.toArray();
            o[hw[0]] = size[0];
            o[hw[1]] = size[1];
            return Shape.of(o);
        }

        int outer(int axis) {
            int n = 1;
            for (int i = 0; i < axis; i++) {
                n *= in.get(i);
            }
            return n;
        }

        int inner(int axis, boolean heightDone) {
            int n = 1;
            for (int i = axis + 1; i < in.rank(); i++) {
                n *= i == hw[0] && heightDone ? size[0] : in.get(i);
            }
            return n;
        }
    }

    private static Tensor forward(Tensor x, Plan p) {
        float[] data = OpSupport.data(x);
        Shape mid = p.in;
        if (p.h != null) {
            int[] m = p.in.toArray();
            m[p.hw[0]] = p.size[0];
            mid = Shape.of(m);
            float[] t = OpSupport.newArray(mid.size());
            ImageKernels.resizeAxis(data, p.outer(p.hw[0]), p.inner(p.hw[0], false), p.h, t);
            data = t;
        }
        if (p.w != null) {
            float[] t = OpSupport.newArray(p.out().size());
            // The width axis: everything before it (height already resized) is outer.
            int outer = mid.size() / (mid.get(p.hw[1]) * p.inner(p.hw[1], true));
            ImageKernels.resizeAxis(data, outer, p.inner(p.hw[1], true), p.w, t);
            data = t;
        }
        if (p.h == null && p.w == null) {
            data = data.clone();
        }
        Tensor y = OpSupport.wrap(data, p.out());
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {transpose(g, p)});
        return y;
    }

    /** The gradient map: the transpose of {@link #forward}, recording {@link #forward} as its own gradient. */
    private static Tensor transpose(Tensor g, Plan p) {
        float[] data = OpSupport.data(g);
        int[] m = p.in.toArray();
        m[p.hw[0]] = p.size[0];
        Shape mid = Shape.of(m);
        if (p.w != null) {
            float[] t = OpSupport.newArray(mid.size());
            int outer = mid.size() / (mid.get(p.hw[1]) * p.inner(p.hw[1], true));
            ImageKernels.resizeAxisTranspose(data, outer, p.inner(p.hw[1], true), p.w, t);
            data = t;
        }
        if (p.h != null) {
            float[] t = OpSupport.newArray(p.in.size());
            ImageKernels.resizeAxisTranspose(data, p.outer(p.hw[0]), p.inner(p.hw[0], false), p.h, t);
            data = t;
        }
        if (p.h == null && p.w == null) {
            data = data.clone();
        }
        Tensor gx = OpSupport.wrap(data, p.in);
        OpSupport.gradient(gx, g, (gg, needed) -> new Tensor[] {forward(gg, p)});
        return gx;
    }

    /** The weights of one axis as JAX computes them, or null when the size does not change (JAX skips it). */
    static AxisWeights weights(int in, int out, String method, boolean antialias) {
        if (in == out) {
            return null;
        }
        if (method.equals("nearest")) {
            return nearest(in, out);
        }
        return switch (method) {
            case "bilinear" -> kernelWeights(in, out, 1, antialias, Resize::triangle);
            case "bicubic" -> kernelWeights(in, out, 2, antialias, Resize::keysCubic);
            case "lanczos3" -> kernelWeights(in, out, 3, antialias, x -> lanczos(3, x));
            case "lanczos5" -> kernelWeights(in, out, 5, antialias, x -> lanczos(5, x));
            default -> throw new IllegalArgumentException(method);
        };
    }

    /** {@code jax.image._resize_nearest}: input {@code floor(float32((o + 0.5) * in / out))}. */
    private static AxisWeights nearest(int in, int out) {
        int[] start = new int[out];
        int[] count = new int[out];
        int[] offset = new int[out];
        float[] w = new float[out];
        for (int o = 0; o < out; o++) {
            float at = ((o + 0.5f) * in) / out;
            start[o] = Math.min((int) Math.floor(at), in - 1);
            count[o] = 1;
            offset[o] = o;
            w[o] = 1f;
        }
        return new AxisWeights(in, out, start, count, offset, w);
    }

    interface Kernel {
        float at(float x);
    }

    /**
     * {@code jax.image.scale.compute_weight_mat} (no edge padding, no translation), in float32 as JAX evaluates
     * it; only the run of non-zero weights of each output is kept.
     */
    private static AxisWeights kernelWeights(int in, int out, int radius, boolean antialias, Kernel kernel) {
        double scale = (double) out / in;
        double invScale = 1.0 / scale;
        // jax.image.resize hands Python floats to compute_weight_mat: 1 / scale is taken in double
        return kernelWeights(in, out, radius, antialias, kernel, (float) invScale, 0f);
    }

    /**
     * {@code compute_weight_mat} for a float32 {@code inv = 1 / scale} and {@code translation · inv} (what
     * {@code scale_and_translate} gives it).
     */
    static AxisWeights kernelWeights(int in, int out, int radius, boolean antialias, Kernel kernel, float inv,
            float shift) {
        float kernelScale = antialias ? Math.max(inv, 1f) : 1f;
        int[] start = new int[out];
        int[] count = new int[out];
        int[] offset = new int[out];
        float[] col = new float[in];
        float[] packed = new float[out * Math.min(in, 2 * (int) Math.ceil(radius * kernelScale) + 2)];
        int used = 0;
        for (int o = 0; o < out; o++) {
            float sample = ((o + 0.5f) * inv - shift) - 0.5f;
            float total = 0f;
            for (int j = 0; j < in; j++) {
                float x = Math.abs(sample - (float) j) / kernelScale;
                col[j] = kernel.at(x);
                total += col[j];
            }
            boolean inside = sample >= -0.5f && sample <= in - 0.5f;
            boolean normal = Math.abs(total) > 1000f * Math.ulp(1f);
            int first = -1;
            int last = -1;
            for (int j = 0; j < in; j++) {
                col[j] = inside && normal ? col[j] / total : 0f;
                if (col[j] != 0f) {
                    if (first < 0) {
                        first = j;
                    }
                    last = j;
                }
            }
            if (first < 0) { // no weight at all: one zero weight keeps the loops simple
                first = 0;
                last = 0;
            }
            start[o] = first;
            count[o] = last - first + 1;
            offset[o] = used;
            if (used + count[o] > packed.length) {
                packed = Arrays.copyOf(packed, Math.max(packed.length * 2, used + count[o]));
            }
            System.arraycopy(col, first, packed, used, count[o]);
            used += count[o];
        }
        return new AxisWeights(in, out, start, count, offset, Arrays.copyOf(packed, used));
    }

    static float triangle(float x) {
        return Math.max(0f, 1f - Math.abs(x));
    }

    /** Keys' cubic with a = -0.5, as JAX's {@code _fill_keys_cubic_kernel}. */
    static float keysCubic(float x) {
        if (x >= 2f) {
            return 0f;
        }
        if (x >= 1f) {
            return ((-0.5f * x + 2.5f) * x - 4f) * x + 2f;
        }
        return ((1.5f * x - 2.5f) * x) * x + 1f;
    }

    /** JAX's {@code _fill_lanczos_kernel}. */
    static float lanczos(int radius, float x) {
        if (x > radius) {
            return 0f;
        }
        if (!(x > 1e-3f)) {
            return 1f;
        }
        float pi = (float) Math.PI;
        float y = radius * (float) Math.sin(pi * x) * (float) Math.sin(pi * x / radius);
        return y / (PI_SQUARED * (x * x));
    }
}
