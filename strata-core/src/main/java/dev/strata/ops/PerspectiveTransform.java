package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.kernels.ImageKernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Applies perspective transforms to images, like {@code keras.ops.image.perspective_transform(images, start_points,
 * end_points, interpolation="bilinear", fill_value=0, data_format=None)} with Keras's JAX backend: the points are
 * {@code (4, 2)} or {@code (batch, 4, 2)} (x, y) corners; the homography mapping each end point to its start point
 * (Keras's 8x8 linear system, solved here in double and rounded to float32 where JAX solves in float32) gives,
 * for output pixel (row y, column x), the input position {@code x_in = (h0·x + h1·y + h2) / d}, {@code y_in =
 * (h3·x + h4·y + h5) / d}, {@code d = h6·x + h7·y + 1}, sampled as {@code map_coordinates} does ("nearest" or
 * "bilinear") with {@code fill_value} outside. One set of points for a whole batch is a Strata extension (Keras's
 * JAX backend needs one per image).
 *
 * <p>Gradient: to the images (the sampling is linear in them, as {@link AffineTransform}); the points are taken as
 * constants (JAX would also differentiate the solve and the sampling positions).
 */
final class PerspectiveTransform {
    /** {@code keras.src.ops.image.PerspectiveTransform}. */
    static final OpSpec SPEC = OpSpec.op("perspective_transform").keras(OpSpec.Module.IMAGE, "PerspectiveTransform")
            .ternary().config("interpolation", Type.STRING, "bilinear").config("fill_value", Type.FLOAT, 0f)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), in.get(1), in.get(2), a.string("interpolation"),
                    a.number("fill_value"), a.string("data_format")));

    private PerspectiveTransform() {
    }

    static Tensor apply(Tensor images, Tensor startPoints, Tensor endPoints, String interpolation, float fillValue,
            String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        AffineTransform.checkInterpolation("perspective_transform", interpolation);
        Shape s = images.shape();
        int[] hw = Resize.spatialAxes("perspective_transform", s, format);
        checkPoints("start_points", startPoints.shape());
        checkPoints("end_points", endPoints.shape());
        if (!startPoints.shape().equals(endPoints.shape())) {
            throw new ShapeException("perspective_transform: start_points and end_points must have the same shape, "
                    + "got " + startPoints.shape() + " and " + endPoints.shape());
        }
        if (images.isSymbolic() || startPoints.isSymbolic() || endPoints.isSymbolic()) {
            return OpSupport.record(SPEC.args(interpolation, fillValue, format), s,
                    in -> apply(in.get(0), in.get(1), in.get(2), interpolation, fillValue, format), images,
                    startPoints, endPoints);
        }
        int batch = s.rank() == 4 ? s.get(0) : 1;
        int sets = startPoints.shape().rank() == 3 ? startPoints.shape().get(0) : 1;
        if (sets != batch && sets != 1) {
            throw new ShapeException("perspective_transform: " + sets + " sets of points for " + batch
                    + " images (images " + s + ", points " + startPoints.shape() + ")");
        }
        int height = s.get(hw[0]);
        int width = s.get(hw[1]);
        int channels = s.get(format.equals("channels_first") ? hw[0] - 1 : hw[1] + 1);
        float[] start = OpSupport.data(startPoints);
        float[] end = OpSupport.data(endPoints);
        int pixels = height * width;
        float[] rows = new float[batch * pixels];
        float[] cols = new float[batch * pixels];
        for (int b = 0; b < batch; b++) {
            float[] h = homography(start, end, (sets == 1 ? 0 : b) * 8);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float denom = (h[6] * x + h[7] * y) + 1f;
                    int q = b * pixels + y * width + x;
                    cols[q] = ((h[0] * x + h[1] * y) + h[2]) / denom;
                    rows[q] = ((h[3] * x + h[4] * y) + h[5]) / denom;
                }
            }
        }
        AffineTransform.Taps taps = AffineTransform.taps(rows, cols, batch, height, width,
                interpolation.equals("bilinear"), "constant");
        ImageKernels.Layout layout = AffineTransform.layout(format, batch, pixels, channels);
        return AffineTransform.forward(images, layout, taps, fillValue);
    }

    private static void checkPoints(String name, Shape p) {
        if ((p.rank() != 2 && p.rank() != 3) || p.get(-2) != 4 || p.get(-1) != 2) {
            throw new ShapeException("perspective_transform: invalid " + name + " shape: expected (4, 2) for a single "
                    + "image or (N, 4, 2) for a batch, got " + p);
        }
    }

    /**
     * Keras's {@code compute_homography_matrix}: the 8 coefficients solving, for the four corners, {@code start_x
     * = (h0·ex + h1·ey + h2) / (h6·ex + h7·ey + 1)} and the same for y; Gaussian elimination with partial pivoting
     * in double. A singular system (three collinear corners) gives NaN coefficients, as JAX's solve does.
     */
    static float[] homography(float[] start, float[] end, int offset) {
        double[][] a = new double[8][9];
        for (int i = 0; i < 4; i++) {
            double sx = start[offset + 2 * i];
            double sy = start[offset + 2 * i + 1];
            double ex = end[offset + 2 * i];
            double ey = end[offset + 2 * i + 1];
            a[i] = new double[] {ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey, sx};
            a[i + 4] = new double[] {0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey, sy};
        }
        for (int col = 0; col < 8; col++) {
            int pivot = col;
            for (int r = col + 1; r < 8; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = a[col];
            a[col] = a[pivot];
            a[pivot] = t;
            for (int r = col + 1; r < 8; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < 9; k++) {
                    a[r][k] -= f * a[col][k];
                }
            }
        }
        double[] x = new double[8];
        for (int r = 7; r >= 0; r--) {
            double v = a[r][8];
            for (int k = r + 1; k < 8; k++) {
                v -= a[r][k] * x[k];
            }
            x[r] = v / a[r][r];
        }
        float[] h = new float[8];
        for (int i = 0; i < 8; i++) {
            h[i] = (float) x[i];
        }
        return h;
    }
}
