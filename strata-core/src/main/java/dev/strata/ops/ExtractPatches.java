package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Extracts patches of images or volumes into the channel axis, like {@code keras.ops.image.extract_patches(images,
 * size, strides=None, dilation_rate=1, padding="valid", data_format=None)} (2-D: images {@code (batch, height,
 * width, channels)} or one image; a size of three values means volumes) and {@code extract_patches_3d(volumes, ...)}
 * (volumes {@code (batch, depth, height, width, channels)} or one volume), both saved as Keras's
 * {@code ExtractPatches}. As Keras does it: a convolution with the identity kernel reshaped to {@code (*size,
 * channels, prod(size)·channels)}, so a patch's values are ordered (row, column, channel) and the output has
 * Keras's convolution shape ({@code "same"} pads as JAX, the smaller half before). {@code strides} defaults to
 * {@code size}. Gradient: the convolution's (each input gets the sum of the patch entries that copied it).
 */
final class ExtractPatches {
    /** {@code keras.src.ops.image.ExtractPatches}. */
    static final OpSpec SPEC = OpSpec.op("extract_patches").keras(OpSpec.Module.IMAGE, "ExtractPatches")
            .config("size", Type.INTS).config("strides", Type.INT_OR_INTS)
            .config("dilation_rate", Type.INT_OR_INTS, 1).config("padding", Type.STRING, "valid")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), a.ints("size"), ints(a.value("strides")),
                    ints(a.value("dilation_rate")), a.string("padding"), a.string("data_format"),
                    a.ints("size").length == 3));

    private ExtractPatches() {
    }

    /**
     * {@code size} one value (a square or cube patch: of {@code volumes} rank for 3-D) or one per spatial axis;
     * {@code strides} null for {@code size}; {@code dilationRate} one value or one per axis.
     */
    static Tensor apply(Tensor images, int[] size, int[] strides, int[] dilationRate, String padding,
            String dataFormat, boolean volumes) {
        String op = volumes ? "extract_patches_3d" : "extract_patches";
        String format = Resize.dataFormat(dataFormat);
        if (size == null || (size.length != 1 && size.length != (volumes ? 3 : 2))) {
            throw new IllegalArgumentException(op + ": size must be an integer or " + (volumes ? "3" : "2")
                    + " integers, got " + Arrays.toString(size));
        }
        int spatial = volumes ? 3 : 2;
        int[] patch = ConvSupport.perAxis(op, "size", size, spatial);
        for (int p : patch) {
            if (p <= 0) {
                throw new IllegalArgumentException(op + ": size must be positive, got " + Arrays.toString(size));
            }
        }
        int[] stride = ConvSupport.perAxis(op, "strides", strides == null ? patch : strides, spatial);
        int[] dilation = ConvSupport.perAxis(op, "dilation_rate", dilationRate == null ? new int[] {1} : dilationRate,
                spatial);
        String pad = ConvSupport.padding(op, padding);
        Shape s = images.shape();
        if (s.rank() != spatial + 1 && s.rank() != spatial + 2) {
            throw new ShapeException(op + ": invalid " + (volumes ? "volumes" : "images") + " rank: expected rank "
                    + (spatial + 1) + " (one) or " + (spatial + 2) + " (a batch), got shape " + s + " (data_format "
                    + format + ")");
        }
        boolean unbatched = s.rank() == spatial + 1;
        Shape batched = unbatched ? Shape.of(prepend(s.toArray())) : s;
        int channels = format.equals("channels_last") ? batched.get(-1) : batched.get(1);
        int filters = channels == Shape.UNKNOWN ? Shape.UNKNOWN : product(patch) * channels;
        int[] k = Arrays.copyOf(patch, spatial + 2);
        k[spatial] = channels;
        k[spatial + 1] = filters;
        Shape kernelShape = Shape.of(k);
        Conv.Args args = Conv.Args.of(op, batched, kernelShape, stride, pad, format, dilation);
        Shape out = Conv.shape(op, batched, kernelShape, args);
        if (unbatched) {
            out = out.subShape(1, out.rank());
        }
        if (images.isSymbolic()) {
            int[] sz = patch.clone();
            // strides and dilation_rate as given (one value stays an integer), as Keras's config keeps them
            return OpSupport.record(SPEC.args(sz, given(strides == null ? patch : strides),
                    given(dilationRate == null ? new int[] {1} : dilationRate), pad, format), out,
                    in -> apply(in.get(0), sz, stride, dilation, pad, format, volumes), images);
        }
        Tensor x = unbatched ? ExpandDims.apply(images, 0) : images;
        float[] eye = new float[filters * filters];
        for (int i = 0; i < filters; i++) {
            eye[i * filters + i] = 1f;
        }
        Tensor y = Conv.apply(x, Tensor.of(eye, k), stride, pad, format, dilation);
        return unbatched ? Squeeze.apply(y, new int[] {0}) : y;
    }

    /** One value as an Integer, several as a copy. */
    private static Object given(int[] v) {
        return v.length == 1 ? (Object) v[0] : v.clone();
    }

    private static int[] ints(Object v) {
        return v instanceof Integer i ? new int[] {i} : (int[]) v;
    }

    private static int[] prepend(int[] dims) {
        int[] out = new int[dims.length + 1];
        out[0] = 1;
        System.arraycopy(dims, 0, out, 1, dims.length);
        return out;
    }

    private static int product(int[] v) {
        int p = 1;
        for (int x : v) {
            p *= x;
        }
        return p;
    }
}
