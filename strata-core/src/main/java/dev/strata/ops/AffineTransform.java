package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ImageKernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Applies affine transforms to images, like {@code keras.ops.image.affine_transform(images, transform,
 * interpolation="bilinear", fill_mode="constant", fill_value=0, data_format=None)} with Keras's JAX backend:
 * {@code transform} is {@code (8,)} or {@code (batch, 8)}, {@code [a0, a1, a2, b0, b1, b2, c0, c1]}, and output
 * pixel (row y, column x) samples the input at column {@code a0·x + a1·y + a2}, row {@code b0·x + b1·y + b2}
 * ({@code c0}, {@code c1} are ignored here; Keras's JAX backend multiplies them with the channel index, which only
 * makes sense at 0). One {@code (8,)} transform for a whole batch is a Strata extension: Keras's JAX backend takes
 * it only for one image, so a saved graph that relies on it does not run in Keras.
 *
 * <p>Sampling is {@code jax.scipy.ndimage.map_coordinates}'s: "nearest" rounds half away from zero, "bilinear"
 * weighs the four neighbours; a neighbour outside the image is mapped back by {@code fill_mode} ("reflect":
 * {@code d c b a | a b c d | d c b a}, "mirror": {@code d c b | a b c d | c b a}, "wrap", "nearest": the border),
 * or, with "constant", reads {@code fill_value}. Gradient: to the images (the map is linear in them; its transpose
 * records the forward map as its own gradient); the transform is taken as a constant (not differentiated).
 */
final class AffineTransform {
    /** Keras's {@code AFFINE_TRANSFORM_FILL_MODES} of the JAX backend. */
    static final List<String> FILL_MODES = List.of("constant", "nearest", "wrap", "mirror", "reflect");

    /** {@code keras.ops.image.affine_transform}, saved as {@code keras.src.ops.image.AffineTransform}. */
    static final OpSpec SPEC = OpSpec.op("affine_transform").keras(OpSpec.Module.IMAGE, "AffineTransform").binary()
            .config("interpolation", Type.STRING, "bilinear").config("fill_mode", Type.STRING, "constant")
            .config("fill_value", Type.FLOAT, 0f).config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), in.get(1), a.string("interpolation"), a.string("fill_mode"),
                    a.number("fill_value"), a.string("data_format")));

    private AffineTransform() {
    }

    /** The interpolation of the image transforms (affine, elastic, perspective): nearest or bilinear; errors name op. */
    static void checkInterpolation(String op, String interpolation) {
        if (!"nearest".equals(interpolation) && !"bilinear".equals(interpolation)) {
            throw new IllegalArgumentException(op + ": invalid value for argument interpolation: expected one of "
                    + "[nearest, bilinear], got '" + interpolation + "'");
        }
    }

    /** A fill mode of {@link #FILL_MODES} (affine and elastic transforms, map_coordinates); errors name op. */
    static void checkFillMode(String op, String fillMode) {
        if (!FILL_MODES.contains(fillMode)) {
            throw new IllegalArgumentException(op + ": invalid value for argument fill_mode: expected one of "
                    + FILL_MODES + ", got '" + fillMode + "'");
        }
    }

    static Tensor apply(Tensor images, Tensor transform, String interpolation, String fillMode, float fillValue,
            String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        checkInterpolation("affine_transform", interpolation);
        checkFillMode("affine_transform", fillMode);
        Shape s = images.shape();
        int[] hw = Resize.spatialAxes("affine_transform", s, format);
        Shape t = transform.shape();
        boolean batched = s.rank() == 4;
        if (!(t.rank() == 1 && t.get(0) == 8) && !(t.rank() == 2 && t.get(1) == 8)) {
            throw new ShapeException("affine_transform: transform must have shape (8,) or (batch, 8), got " + t);
        }
        if (images.isSymbolic() || transform.isSymbolic()) {
            return OpSupport.record(SPEC.args(interpolation, fillMode, fillValue, format), s,
                    in -> apply(in.get(0), in.get(1), interpolation, fillMode, fillValue, format), images, transform);
        }
        int batch = batched ? s.get(0) : 1;
        int height = s.get(hw[0]);
        int width = s.get(hw[1]);
        int channels = s.get(format.equals("channels_first") ? hw[0] - 1 : hw[1] + 1);
        if (t.rank() == 2 && t.get(0) != batch && t.get(0) != 1) {
            throw new ShapeException("affine_transform: " + t.get(0) + " transforms for a batch of " + batch
                    + " images (images " + s + ", transform " + t + ")");
        }
        int pixels = height * width;
        ImageKernels.Layout layout = layout(format, batch, pixels, channels);
        Taps taps = taps(OpSupport.data(transform), t.rank() == 2 ? t.get(0) : 1, batch, height, width,
                interpolation.equals("bilinear"), fillMode);
        return forward(images, layout, taps, fillValue);
    }

    /** How {@code batch} images of {@code pixels} pixels and {@code channels} channels sit in memory. */
    static ImageKernels.Layout layout(String format, int batch, int pixels, int channels) {
        return format.equals("channels_first")
                ? new ImageKernels.Layout(batch, pixels, channels, pixels * channels, 1, pixels)
                : new ImageKernels.Layout(batch, pixels, channels, pixels * channels, channels, 1);
    }

    /** The input pixels each output pixel reads, with their weights ({@code n} per output pixel). */
    record Taps(int n, int[] index, float[] weight) {
    }

    static Tensor forward(Tensor x, ImageKernels.Layout l, Taps taps, float fill) {
        float[] y = OpSupport.newArray(x.shape().size());
        ImageKernels.sample(OpSupport.data(x), l, taps.n, taps.index, taps.weight, fill, y);
        Tensor out = OpSupport.wrap(y, x.shape());
        OpSupport.gradient(out, x, (g, needed) -> new Tensor[] {transpose(g, l, taps)});
        return out;
    }

    private static Tensor transpose(Tensor g, ImageKernels.Layout l, Taps taps) {
        float[] gx = OpSupport.newArray(g.shape().size());
        ImageKernels.sampleTranspose(OpSupport.data(g), l, taps.n, taps.index, taps.weight, gx);
        Tensor out = OpSupport.wrap(gx, g.shape());
        // The transpose with fill 0 is linear in g; its gradient is the forward map with a zero fill.
        OpSupport.gradient(out, g, (gg, needed) -> new Tensor[] {forward(gg, l, taps, 0f)});
        return out;
    }

    /**
     * The taps of every output pixel, as Keras's JAX backend computes the coordinates (float32: row
     * {@code (y·b1 + x·b0) + b2}, column {@code (y·a1 + x·a0) + a2}) and {@code map_coordinates} samples them.
     */
    private static Taps taps(float[] t, int transforms, int batch, int height, int width, boolean bilinear,
            String mode) {
        int pixels = height * width;
        float[] rows = new float[batch * pixels];
        float[] cols = new float[batch * pixels];
        for (int b = 0; b < batch; b++) {
            int o = (transforms == 1 ? 0 : b) * 8;
            float a0 = t[o];
            float a1 = t[o + 1];
            float a2 = t[o + 2];
            float b0 = t[o + 3];
            float b1 = t[o + 4];
            float b2 = t[o + 5];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int q = (b * height + y) * width + x;
                    rows[q] = (y * b1 + x * b0) + b2;
                    cols[q] = (y * a1 + x * a0) + a2;
                }
            }
        }
        return taps(rows, cols, batch, height, width, bilinear, mode);
    }

    /**
     * The taps of every output pixel {@code q = (b·height + y)·width + x} sampling its image at ({@code rows[q]},
     * {@code cols[q]}) as {@code map_coordinates} does: "nearest" rounds half away from zero, "bilinear" weighs the
     * four neighbours (row weight times column weight); indices fixed by {@code mode}, -1 outside with "constant".
     */
    static Taps taps(float[] rows, float[] cols, int batch, int height, int width, boolean bilinear, String mode) {
        int n = bilinear ? 4 : 1;
        int pixels = height * width;
        int[] index = new int[batch * pixels * n];
        float[] weight = new float[batch * pixels * n];
        for (int p = 0; p < batch * pixels; p++) {
            float row = rows[p];
            float col = cols[p];
            int q = p * n;
            if (!bilinear) {
                int r = fix(roundHalfAway(row), height, mode);
                int c = fix(roundHalfAway(col), width, mode);
                index[q] = r < 0 || c < 0 ? -1 : r * width + c;
                weight[q] = 1f;
                continue;
            }
            float rowFloor = (float) Math.floor(row);
            float colFloor = (float) Math.floor(col);
            float rowUpper = row - rowFloor;
            float colUpper = col - colFloor;
            float[] rw = {1 - rowUpper, rowUpper};
            float[] cw = {1 - colUpper, colUpper};
            int r0 = (int) rowFloor;
            int c0 = (int) colFloor;
            for (int i = 0; i < 2; i++) {
                int r = fix(r0 + i, height, mode);
                for (int j = 0; j < 2; j++) {
                    int c = fix(c0 + j, width, mode);
                    index[q + 2 * i + j] = r < 0 || c < 0 ? -1 : r * width + c;
                    weight[q + 2 * i + j] = rw[i] * cw[j];
                }
            }
        }
        return new Taps(n, index, weight);
    }

    /** {@code lax.round}: half away from zero. */
    private static int roundHalfAway(float v) {
        return (int) Math.copySign(Math.floor(Math.abs((double) v) + 0.5), v);
    }

    /** {@code map_coordinates}' index fixers; -1 for a constant-mode index outside the image. */
    static int fix(int i, int size, String mode) {
        return switch (mode) {
            case "constant" -> i >= 0 && i < size ? i : -1;
            case "nearest" -> Math.clamp(i, 0, size - 1);
            case "wrap" -> Math.floorMod(i, size);
            case "mirror" -> mirror(i, size);
            case "reflect" -> Math.floorDiv(mirror(2 * i + 1, 2 * size + 1) - 1, 2);
            default -> throw new IllegalArgumentException(mode);
        };
    }

    /** JAX's {@code _mirror_index_fixer}: a triangular wave of half-period {@code size - 1} (0 for one pixel). */
    private static int mirror(int i, int size) {
        int s = size - 1;
        if (s == 0) {
            return 0;
        }
        return Math.abs(Math.floorMod(i + s, 2 * s) - s);
    }
}
