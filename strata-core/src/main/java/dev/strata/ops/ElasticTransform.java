package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.RandomState;
import dev.strata.internal.kernels.ImageKernels;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * Elastic deformation of images, like {@code keras.ops.image.elastic_transform(images, alpha=20.0, sigma=5.0,
 * interpolation="bilinear", fill_mode="reflect", fill_value=0.0, seed=None, data_format=None)}, with Keras's JAX
 * algorithm step by step, so that a given integer {@code seed} gives Keras's result:
 * <ol>
 * <li>a displacement field {@code (batch, height, width)} of {@code jax.random.normal(key, ...) · sigma}, the key
 * being Keras's {@code draw_seed(seed) = [seed, 0]}: JAX's threefry-2x32 bits (partitionable: counter = flat index),
 * a uniform float in {@code (-1, 1)} and {@code sqrt(2)·erfinv(u)} (XLA's float32 erfinv, Giles' polynomials);</li>
 * <li>the field blurred by {@link ImageFilters#gaussianBlur} with a square kernel of {@code int(6·sigma) | 1} and
 * {@code sigma};</li>
 * <li>each pixel (row y, column x) sampled at {@code (y + alpha·d, x + alpha·d)} as {@code map_coordinates} does
 * ("nearest" or "bilinear", with {@code fill_mode}). Keras draws the row and the column displacements with the
 * same key, so both are the same field {@code d}: the deformation runs along the diagonal. Strata does the same,
 * to give Keras's numbers.</li>
 * </ol>
 * With {@code seed} null the key comes from Strata's global generator ({@code Strata.setRandomSeed}), which does
 * not reproduce Keras's unseeded draws. Gradient: to the images (the sampling is linear in them).
 */
final class ElasticTransform {
    /** {@code keras.src.ops.image.ElasticTransform}. */
    static final OpSpec SPEC = OpSpec.op("elastic_transform").keras(OpSpec.Module.IMAGE, "ElasticTransform")
            .config("alpha", Type.FLOAT, 20f).config("sigma", Type.FLOAT, 5f)
            .config("interpolation", Type.STRING, "bilinear").config("fill_mode", Type.STRING, "reflect")
            .config("fill_value", Type.FLOAT, 0f).config("seed", Type.OPTIONAL_INT)
            .config("data_format", Type.STRING, "channels_last")
            .rebuild((in, a) -> apply(in.get(0), a.number("alpha"), a.number("sigma"), a.string("interpolation"),
                    a.string("fill_mode"), a.number("fill_value"), a.optionalInt("seed"), a.string("data_format")));

    private ElasticTransform() {
    }

    static Tensor apply(Tensor images, float alpha, float sigma, String interpolation, String fillMode,
            float fillValue, Integer seed, String dataFormat) {
        String format = Resize.dataFormat(dataFormat);
        AffineTransform.checkInterpolation("elastic_transform", interpolation);
        AffineTransform.checkFillMode("elastic_transform", fillMode);
        if (!(sigma > 0f)) {
            throw new IllegalArgumentException("elastic_transform: sigma must be positive, got " + sigma);
        }
        Shape s = images.shape();
        int[] hw = Resize.spatialAxes("elastic_transform", s, format);
        if (images.isSymbolic()) {
            return OpSupport.record(SPEC.args(alpha, sigma, interpolation, fillMode, fillValue, seed, format), s,
                    in -> apply(in.get(0), alpha, sigma, interpolation, fillMode, fillValue, seed, format), images);
        }
        int batch = s.rank() == 4 ? s.get(0) : 1;
        int height = s.get(hw[0]);
        int width = s.get(hw[1]);
        int channels = s.get(format.equals("channels_first") ? hw[0] - 1 : hw[1] + 1);
        int pixels = height * width;
        int key = seed != null ? seed : (int) RandomState.nextSeed();
        float[] noise = normal(key, batch * pixels);
        for (int i = 0; i < noise.length; i++) {
            noise[i] *= sigma;
        }
        int k = (int) (6f * sigma) | 1;
        int[] fieldShape = format.equals("channels_last") ? new int[] {batch, height, width, 1}
            : new int[] {batch, 1, height, width};
        float[] d = OpSupport.data(ImageFilters.gaussianBlur(Tensor.of(noise, fieldShape), new int[] {k, k},
                new float[] {sigma, sigma}, format));
        float[] rows = new float[batch * pixels];
        float[] cols = new float[batch * pixels];
        for (int q = 0; q < rows.length; q++) {
            int p = q % pixels;
            float shift = alpha * d[q];
            rows[q] = (float) (p / width) + shift;
            cols[q] = (float) (p % width) + shift;
        }
        AffineTransform.Taps taps = AffineTransform.taps(rows, cols, batch, height, width,
                interpolation.equals("bilinear"), fillMode);
        ImageKernels.Layout layout = AffineTransform.layout(format, batch, pixels, channels);
        return AffineTransform.forward(images, layout, taps, fillValue);
    }

    /** {@code jax.random.normal(key=[seed, 0], (n,), float32)} with JAX's default (partitionable) threefry. */
    static float[] normal(int seed, int n) {
        float lo = Math.nextUp(-1f);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            long pair = threefry2x32(seed, 0, 0, i);
            int bits = (int) (pair >>> 32) ^ (int) pair;
            float f = Float.intBitsToFloat((bits >>> 9) | 0x3F800000) - 1f;
            float u = Math.max(lo, f * (1f - lo) + lo);
            out[i] = (float) Math.sqrt(2.0) * erfinv(u);
        }
        return out;
    }

    /** Threefry-2x32 with 20 rounds (Salmon et al.), as {@code jax.random}: the two words packed high, low. */
    static long threefry2x32(int k0, int k1, int c0, int c1) {
        int[] ks = {k0, k1, k0 ^ k1 ^ 0x1BD11BDA};
        int[][] rotations = {{13, 15, 26, 6}, {17, 29, 16, 24}};
        int x0 = c0 + ks[0];
        int x1 = c1 + ks[1];
        for (int b = 0; b < 5; b++) {
            for (int r : rotations[b % 2]) {
                x0 += x1;
                x1 = Integer.rotateLeft(x1, r);
                x1 ^= x0;
            }
            x0 += ks[(b + 1) % 3];
            x1 += ks[(b + 2) % 3] + b + 1;
        }
        return ((long) x0 << 32) | (x1 & 0xFFFFFFFFL);
    }

    /** XLA's float32 {@code erfinv}: Giles' single-precision polynomials. */
    static float erfinv(float x) {
        float w = -(float) Math.log((1f - x) * (1f + x));
        float p;
        if (w < 5f) {
            w -= 2.5f;
            p = 2.81022636e-08f;
            p = 3.43273939e-07f + p * w;
            p = -3.5233877e-06f + p * w;
            p = -4.39150654e-06f + p * w;
            p = 0.00021858087f + p * w;
            p = -0.00125372503f + p * w;
            p = -0.00417768164f + p * w;
            p = 0.246640727f + p * w;
            p = 1.50140941f + p * w;
        } else {
            w = (float) Math.sqrt(w) - 3f;
            p = -0.000200214257f;
            p = 0.000100950558f + p * w;
            p = 0.00134934322f + p * w;
            p = -0.00367342844f + p * w;
            p = 0.00573950773f + p * w;
            p = -0.0076224613f + p * w;
            p = 0.00943887047f + p * w;
            p = 1.00167406f + p * w;
            p = 2.83297682f + p * w;
        }
        return p * x;
    }
}
