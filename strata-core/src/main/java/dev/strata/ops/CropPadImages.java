package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Crops or zero-pads the height and width of images {@code (batch, height, width, channels)} or one image (channels
 * first too), like {@code keras.ops.image.crop_images} and {@code keras.ops.image.pad_images}. Each takes exactly
 * two of (top, bottom, target height) and two of (left, right, target width), all {@code >= 0}; the third follows.
 * One class for both: the same argument rules on the same axes, a slice one way and a pad the other. Gradient: the
 * slice's (g put back in place, zeros elsewhere) and the pad's (g's inner box).
 *
 * <p>Cropping past the image (for instance {@code top_cropping + target_height > height}) is an error, as Keras's
 * symbolic shape rule has it; Keras's eager JAX path would instead clamp the slice's start ({@code
 * lax.dynamic_slice}).
 */
final class CropPadImages {
    /** {@code keras.ops.image.crop_images(images, top_cropping=None, ..., data_format=None)}. */
    static final OpSpec CROP = OpSpec.op("crop_images").keras(OpSpec.Module.IMAGE, "CropImages")
            .config("top_cropping", Type.OPTIONAL_INT).config("left_cropping", Type.OPTIONAL_INT)
            .config("bottom_cropping", Type.OPTIONAL_INT).config("right_cropping", Type.OPTIONAL_INT)
            .config("target_height", Type.OPTIONAL_INT).config("target_width", Type.OPTIONAL_INT)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> crop(in.get(0), a.optionalInt("top_cropping"), a.optionalInt("left_cropping"),
                    a.optionalInt("bottom_cropping"), a.optionalInt("right_cropping"), a.optionalInt("target_height"),
                    a.optionalInt("target_width"), a.string("data_format")));
    /** {@code keras.ops.image.pad_images(images, top_padding=None, ..., data_format=None)}. */
    static final OpSpec PAD = OpSpec.op("pad_images").keras(OpSpec.Module.IMAGE, "PadImages")
            .config("top_padding", Type.OPTIONAL_INT).config("left_padding", Type.OPTIONAL_INT)
            .config("bottom_padding", Type.OPTIONAL_INT).config("right_padding", Type.OPTIONAL_INT)
            .config("target_height", Type.OPTIONAL_INT).config("target_width", Type.OPTIONAL_INT)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> pad(in.get(0), a.optionalInt("top_padding"), a.optionalInt("left_padding"),
                    a.optionalInt("bottom_padding"), a.optionalInt("right_padding"), a.optionalInt("target_height"),
                    a.optionalInt("target_width"), a.string("data_format")));

    private CropPadImages() {
    }

    static Tensor crop(Tensor images, Integer top, Integer left, Integer bottom, Integer right, Integer targetHeight,
            Integer targetWidth, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        int[] hw = Resize.spatialAxes("crop_images", s, format);
        checkArguments("crop_images", "cropping", top, bottom, targetHeight, left, right, targetWidth);
        int[] rows = resolve("crop_images", "cropping", "height", s.get(hw[0]), top, bottom, targetHeight, false);
        int[] cols = resolve("crop_images", "cropping", "width", s.get(hw[1]), left, right, targetWidth, false);
        int[] out = s.toArray();
        out[hw[0]] = rows[2];
        out[hw[1]] = cols[2];
        if (images.isSymbolic()) {
            return OpSupport.record(CROP.args(top, left, bottom, right, targetHeight, targetWidth, format),
                    Shape.of(out), in -> crop(in.get(0), top, left, bottom, right, targetHeight, targetWidth, format),
                    images);
        }
        int[] start = new int[s.rank()];
        start[hw[0]] = rows[0];
        start[hw[1]] = cols[0];
        return Slice.region(images, start, out);
    }

    static Tensor pad(Tensor images, Integer top, Integer left, Integer bottom, Integer right, Integer targetHeight,
            Integer targetWidth, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        Shape s = images.shape();
        int[] hw = Resize.spatialAxes("pad_images", s, format);
        checkArguments("pad_images", "padding", top, bottom, targetHeight, left, right, targetWidth);
        int[] rows = resolve("pad_images", "padding", "height", s.get(hw[0]), top, bottom, targetHeight, true);
        int[] cols = resolve("pad_images", "padding", "width", s.get(hw[1]), left, right, targetWidth, true);
        int[] out = s.toArray();
        out[hw[0]] = rows[2];
        out[hw[1]] = cols[2];
        if (images.isSymbolic()) {
            return OpSupport.record(PAD.args(top, left, bottom, right, targetHeight, targetWidth, format),
                    Shape.of(out), in -> pad(in.get(0), top, left, bottom, right, targetHeight, targetWidth, format),
                    images);
        }
        int[] before = new int[s.rank()];
        int[] after = new int[s.rank()];
        before[hw[0]] = rows[0];
        after[hw[0]] = rows[1];
        before[hw[1]] = cols[0];
        after[hw[1]] = cols[1];
        return Pad.region(images, before, after, 0f);
    }

    /** Keras's {@code _validate_pad_images_args} / {@code _validate_crop_images_args}. */
    private static void checkArguments(String op, String what, Integer top, Integer bottom, Integer targetHeight,
            Integer left, Integer right, Integer targetWidth) {
        if (nulls(top, bottom, targetHeight) != 1) {
            throw new IllegalArgumentException(op + ": must specify exactly two of top_" + what + ", bottom_" + what
                    + ", target_height; got top_" + what + "=" + text(top) + ", bottom_" + what + "=" + text(bottom)
                    + ", target_height=" + text(targetHeight));
        }
        if (nulls(left, right, targetWidth) != 1) {
            throw new IllegalArgumentException(op + ": must specify exactly two of left_" + what + ", right_" + what
                    + ", target_width; got left_" + what + "=" + text(left) + ", right_" + what + "=" + text(right)
                    + ", target_width=" + text(targetWidth));
        }
        nonNegative(op, "top_" + what, top);
        nonNegative(op, "bottom_" + what, bottom);
        nonNegative(op, "target_height", targetHeight);
        nonNegative(op, "left_" + what, left);
        nonNegative(op, "right_" + what, right);
        nonNegative(op, "target_width", targetWidth);
    }

    /**
     * {@code {before, after, target}} of one axis of length {@code size} (target unknown when the size is unknown
     * and no target is given); the side not given follows from the other two and must be {@code >= 0}.
     */
    private static int[] resolve(String op, String what, String axis, int size, Integer before, Integer after,
            Integer target, boolean pad) {
        String first = axis.equals("height") ? "top_" : "left_";
        String second = axis.equals("height") ? "bottom_" : "right_";
        if (size == Shape.UNKNOWN) {
            if (target == null && !pad) {
                throw new ShapeException(op + ": when the " + axis + " of the images is unknown, target_" + axis
                        + " must be specified");
            }
            return new int[] {-1, -1, target == null ? Shape.UNKNOWN : target};
        }
        int sign = pad ? 1 : -1;
        int t = target != null ? target : size + sign * (before + after);
        int b = before != null ? before : sign * (t - size) - after;
        int a = after != null ? after : sign * (t - size) - b;
        if (b < 0 || a < 0 || t < 0) {
            String name = b < 0 ? first + what : a < 0 ? second + what : "target_" + axis;
            int value = b < 0 ? b : a < 0 ? a : t;
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + name + "=" + value
                    + " (the images' " + axis + " is " + size + ", " + first + what + "=" + text(before) + ", "
                    + second + what + "=" + text(after) + ", target_" + axis + "=" + text(target) + ")");
        }
        return new int[] {b, a, t};
    }

    private static int nulls(Integer... values) {
        int n = 0;
        for (Integer v : values) {
            n += v == null ? 1 : 0;
        }
        return n;
    }

    private static void nonNegative(String op, String name, Integer value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(op + ": " + name + " must be >= 0, got " + name + "=" + value);
        }
    }

    private static String text(Integer v) {
        return v == null ? "None" : v.toString();
    }
}
