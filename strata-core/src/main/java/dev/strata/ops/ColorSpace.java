package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Colour-space conversions of images {@code (batch, height, width, channels)} or one image {@code (height, width,
 * channels)} (channels first too), like {@code keras.ops.image.rgb_to_grayscale}, {@code rgb_to_hsv} and
 * {@code hsv_to_rgb} with Keras's JAX backend (dm_pix's formulas, float32). One class for the three: they share the
 * channel bookkeeping, and HSV's two directions are each other's inverse.
 *
 * <p>Gradients come from composing the same elementwise ops Keras's JAX code uses (where, maximum, minimum, divide,
 * clip), so they are JAX's, including its ties: a maximum or minimum of two equal channels, and a clip at either
 * end, split the gradient in halves.
 */
final class ColorSpace {
    /** {@code keras.ops.image.rgb_to_grayscale(images, data_format=None)}. */
    static final OpSpec GRAYSCALE = OpSpec.op("rgb_to_grayscale").keras(OpSpec.Module.IMAGE, "RGBToGrayscale")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> rgbToGrayscale(in.get(0), a.string("data_format")));
    /** {@code keras.ops.image.rgb_to_hsv(images, data_format=None)}. */
    static final OpSpec TO_HSV = OpSpec.op("rgb_to_hsv").keras(OpSpec.Module.IMAGE, "RGBToHSV")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> rgbToHsv(in.get(0), a.string("data_format")));
    /** {@code keras.ops.image.hsv_to_rgb(images, data_format=None)}. */
    static final OpSpec TO_RGB = OpSpec.op("hsv_to_rgb").keras(OpSpec.Module.IMAGE, "HSVToRGB")
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> hsvToRgb(in.get(0), a.string("data_format")));

    /** tf.image's luma weights, as Keras's JAX backend takes them. */
    private static final float[] LUMA = {0.2989f, 0.5870f, 0.1140f};
    /** {@code jnp.finfo(float32).eps}. */
    private static final float EPS = Math.ulp(1f);
    private static final Tensor ZERO = Tensor.scalar(0f);
    private static final Tensor ONE = Tensor.scalar(1f);
    private static final Tensor HALF = Tensor.scalar(0.5f);

    private ColorSpace() {
    }

    static Tensor rgbToGrayscale(Tensor images, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        int axis = channelAxis("rgb_to_grayscale", s, format);
        int c = s.get(axis);
        if (c != Shape.UNKNOWN && c != 1 && c != 3) {
            throw new ShapeException("rgb_to_grayscale: invalid channel size: expected 3 (RGB) or 1 (grayscale), got "
                    + c + " channels in images of shape " + s + " (data_format " + format + ")");
        }
        if (images.isSymbolic()) {
            int[] out = s.toArray();
            out[axis] = 1;
            return OpSupport.record(GRAYSCALE.args(format), Shape.of(out), in -> rgbToGrayscale(in.get(0), format),
                    images);
        }
        if (c == 1) {
            return images; // Keras returns a grayscale image as it is
        }
        int[] out = s.toArray();
        out[axis] = 1;
        Shape outShape = Shape.of(out);
        int inner = Cumulative.inner(s, axis);
        int outer = outShape.size() / inner;
        float[] x = OpSupport.data(images);
        float[] y = OpSupport.newArray(outShape.size());
        for (int o = 0; o < outer; o++) {
            int base = o * 3 * inner;
            for (int i = 0; i < inner; i++) {
                y[o * inner + i] = x[base + i] * LUMA[0] + x[base + inner + i] * LUMA[1]
                        + x[base + 2 * inner + i] * LUMA[2];
            }
        }
        Tensor result = OpSupport.wrap(y, outShape);
        // Linear: each channel gets g times its weight (the weights shaped to broadcast along the channel axis).
        int[] wShape = new int[s.rank() - axis];
        java.util.Arrays.fill(wShape, 1);
        wShape[0] = 3;
        Tensor w = Tensor.of(LUMA.clone(), wShape);
        OpSupport.gradient(result, images, (g, needed) -> new Tensor[] {Multiply.apply(g, w)});
        return result;
    }

    static Tensor rgbToHsv(Tensor images, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        int axis = threeChannels("rgb_to_hsv", s, format);
        if (images.isSymbolic()) {
            return OpSupport.record(TO_HSV.args(format), s, in -> rgbToHsv(in.get(0), format), images);
        }
        Tensor x = Where.apply(Comparison.less(Abs.apply(images), Tensor.scalar(EPS)), ZERO, images);
        Tensor[] rgb = planes(x, axis);
        Tensor r = rgb[0];
        Tensor g = rgb[1];
        Tensor b = rgb[2];
        Tensor value = extremum(extremum(r, g, true), b, true);
        Tensor minimum = extremum(extremum(r, g, false), b, false);
        Tensor range = Subtract.apply(value, minimum);
        Tensor positiveValue = Comparison.greater(value, ZERO);
        Tensor positiveRange = Comparison.greater(range, ZERO);
        Tensor safeValue = Where.apply(positiveValue, value, ONE);
        Tensor safeRange = Where.apply(positiveRange, range, ONE);
        Tensor saturation = Where.apply(positiveValue, Divide.apply(range, safeValue), ZERO);
        Tensor norm = Divide.apply(ONE, Multiply.apply(Tensor.scalar(6f), safeRange));
        Tensor hue = Where.apply(Comparison.equal(value, g),
                Add.apply(Multiply.apply(norm, Subtract.apply(b, r)), Tensor.scalar((float) (2.0 / 6.0))),
                Add.apply(Multiply.apply(norm, Subtract.apply(r, g)), Tensor.scalar((float) (4.0 / 6.0))));
        hue = Where.apply(Comparison.equal(value, r), Multiply.apply(norm, Subtract.apply(g, b)), hue);
        hue = Add.apply(Where.apply(positiveRange, hue, ZERO), Comparison.less(hue, ZERO));
        return Stack.apply(List.of(hue, saturation, value), axis);
    }

    static Tensor hsvToRgb(Tensor images, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        int axis = threeChannels("hsv_to_rgb", s, format);
        if (images.isSymbolic()) {
            return OpSupport.record(TO_RGB.args(format), s, in -> hsvToRgb(in.get(0), format), images);
        }
        Tensor[] hsv = planes(images, axis);
        Tensor hue = hsv[0];
        Tensor saturation = hsv[1];
        Tensor value = hsv[2];
        // jnp.mod(hue, 1.0): hue - floor(hue) rounds the same real number once, and its gradient is 1 as JAX's.
        Tensor dh = Multiply.apply(Subtract.apply(hue, Floor.apply(hue)), Tensor.scalar(6f));
        Tensor dr = unitClip(Subtract.apply(Abs.apply(Subtract.apply(dh, Tensor.scalar(3f))), ONE));
        Tensor dg = unitClip(Subtract.apply(Tensor.scalar(2f), Abs.apply(Subtract.apply(dh, Tensor.scalar(2f)))));
        Tensor db = unitClip(Subtract.apply(Tensor.scalar(2f), Abs.apply(Subtract.apply(dh, Tensor.scalar(4f)))));
        Tensor oneMinusS = Subtract.apply(ONE, saturation);
        Tensor red = Multiply.apply(value, Add.apply(oneMinusS, Multiply.apply(saturation, dr)));
        Tensor green = Multiply.apply(value, Add.apply(oneMinusS, Multiply.apply(saturation, dg)));
        Tensor blue = Multiply.apply(value, Add.apply(oneMinusS, Multiply.apply(saturation, db)));
        return Stack.apply(List.of(red, green, blue), axis);
    }

    /**
     * {@code jnp.maximum} (or {@code jnp.minimum}) of two planes of one shape with JAX's gradient: a tie splits g
     * in halves (Strata's {@link Maximum} gives a tie to its first operand, as TensorFlow).
     */
    private static Tensor extremum(Tensor a, Tensor b, boolean max) {
        Tensor y = Elementwise.binary(max ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM, a, b, a.shape());
        OpSupport.gradient(y, a, b, (g, needed) -> {
            Tensor toA = Add.apply(max ? Comparison.greater(a, b) : Comparison.less(a, b),
                    Multiply.apply(HALF, Comparison.equal(a, b)));
            return new Tensor[] {Multiply.apply(g, toA), Multiply.apply(g, Subtract.apply(ONE, toA))};
        });
        return y;
    }

    /**
     * {@code jnp.clip(x, 0, 1)}, which JAX computes as {@code minimum(1, maximum(0, x))}: its gradient is halved at
     * either end (a tie of each).
     */
    private static Tensor unitClip(Tensor x) {
        float[] in = OpSupport.data(x);
        float[] out = OpSupport.newArray(in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = Math.min(Math.max(in[i], 0f), 1f);
        }
        Tensor y = OpSupport.wrap(out, x.shape());
        OpSupport.gradient(y, x, (g, needed) -> {
            float[] slope = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                float low = in[i] > 0f ? 1f : in[i] == 0f ? 0.5f : 0f;
                float raised = Math.max(in[i], 0f);
                float up = raised < 1f ? 1f : raised == 1f ? 0.5f : 0f;
                slope[i] = low * up;
            }
            return new Tensor[] {Multiply.apply(g, OpSupport.wrap(slope, x.shape()))};
        });
        return y;
    }

    /** The channel axis (non-negative) of an image or a batch of images, checking the rank. */
    static int channelAxis(String op, Shape s, String format) {
        Resize.spatialAxes(op, s, format);
        return format.equals("channels_last") ? s.rank() - 1 : s.rank() - 3;
    }

    private static int threeChannels(String op, Shape s, String format) {
        int axis = channelAxis(op, s, format);
        int c = s.get(axis);
        if (c != Shape.UNKNOWN && c != 3) {
            throw new ShapeException(op + ": images must have 3 channels, got " + c + " in images of shape " + s
                    + " (data_format " + format + ")");
        }
        return axis;
    }

    /** The three channel planes of a concrete tensor, the channel axis removed. */
    private static Tensor[] planes(Tensor x, int axis) {
        Shape s = x.shape();
        int[] extent = s.toArray();
        extent[axis] = 1;
        Tensor[] out = new Tensor[3];
        for (int c = 0; c < 3; c++) {
            int[] start = new int[s.rank()];
            start[axis] = c;
            out[c] = Squeeze.apply(Slice.region(x, start, extent), new int[] {axis});
        }
        return out;
    }
}
