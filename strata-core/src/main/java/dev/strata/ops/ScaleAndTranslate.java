package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.ImageKernels;
import dev.strata.internal.kernels.ImageKernels.AxisWeights;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Scales and translates the {@code spatialDims} axes of an array, like {@code keras.ops.image.scale_and_translate(
 * images, output_shape, scale, translation, spatial_dims, method, antialias=True)} with Keras's JAX backend
 * ({@code jax.image.scale_and_translate}): output sample {@code o} of axis {@code d} reads the input around
 * {@code (o + 0.5) / scale - translation / scale - 0.5} with the kernel of {@code method} ("linear", "bilinear",
 * "trilinear": triangle; "cubic", "bicubic", "tricubic": Keys' cubic; "lanczos3", "lanczos5"), stretched by
 * {@code 1 / scale} when {@code antialias} and downscaling, normalised, and zero where the sample falls outside
 * the input; {@code output_shape} gives every axis (the others keep their size). The weights are
 * {@link Resize}'s, in float32 from the float32 {@code scale}; axes are applied one after the other.
 *
 * <p>{@code scale} and {@code translation} are tensors of shape {@code (K,)}, one number per spatial axis, as JAX
 * indexes them (Keras has no batched form; JAX's broadcasting happens to take {@code (K, 1)} too, which Strata
 * rejects); Java arrays are constants, recorded in a graph as constant tensors. Keras's node holds them as
 * positional tensor arguments after {@code output_shape}, and so does Strata's. Gradient: to the images (the map is
 * linear in them; the transpose records the forward map as its own gradient), and to scale and translation through
 * the kernel weights with JAX's derivative at each kink: {@code |d|} has slope +1 at 0, a tie of {@code max} (the
 * triangle's edge, antialias's {@code max(1 / scale, 1)} at scale 1) passes half, and outside the kernel's support,
 * below lanczos's 1e-3 and for samples outside the input the slope is 0. That gradient is computed directly, so a
 * second derivative through a tensor scale or translation is an error rather than a silent zero.
 */
final class ScaleAndTranslate {
    /** Keras's {@code SCALE_AND_TRANSLATE_METHODS}. */
    static final List<String> METHODS = List.of("linear", "bilinear", "trilinear", "cubic", "bicubic", "tricubic",
            "lanczos3", "lanczos5");

    /** {@code keras.src.ops.image.ScaleAndTranslate(spatial_dims, method, antialias=True)}. */
    static final OpSpec SPEC = OpSpec.op("scale_and_translate").keras(OpSpec.Module.IMAGE, "ScaleAndTranslate")
            .positional("output_shape", Type.INTS).tensorPositionals(1, "scale", "translation")
            .config("spatial_dims", Type.INTS).config("method", Type.STRING).config("antialias", Type.BOOL, true)
            .rebuild((in, a) -> apply(in.get(0), a.ints("output_shape"), in.get(1), in.get(2),
                    a.ints("spatial_dims"), a.string("method"), a.bool("antialias")));

    private ScaleAndTranslate() {
    }

    /** The form with Java arrays: constants, so only the images have a gradient. */
    static Tensor apply(Tensor images, int[] outputShape, float[] scale, float[] translation, int[] spatialDims,
            String method, boolean antialias) {
        checkMethod(method);
        checkOutputShape(images.shape(), outputShape);
        if (spatialDims == null || scale == null || translation == null || scale.length != spatialDims.length
                || translation.length != spatialDims.length) {
            throw new IllegalArgumentException("scale_and_translate: scale " + Arrays.toString(scale)
                    + " and translation " + Arrays.toString(translation) + " must have one value per spatial axis "
                    + Arrays.toString(spatialDims));
        }
        int[] dims = spatialAxes(images.shape(), outputShape, spatialDims);
        if (images.isSymbolic()) { // recorded with the numbers as constant tensors, as Keras's node holds arrays
            return apply(images, outputShape, Tensor.of(scale.clone(), scale.length),
                    Tensor.of(translation.clone(), translation.length), spatialDims, method, antialias);
        }
        return forward(images, dims, weights(images.shape(), outputShape, dims, scale, translation, method,
                antialias), Shape.of(outputShape));
    }

    /** The form with tensors {@code scale} and {@code translation} of shape {@code (K,)}. */
    static Tensor apply(Tensor images, int[] outputShape, Tensor scale, Tensor translation, int[] spatialDims,
            String method, boolean antialias) {
        checkMethod(method);
        checkOutputShape(images.shape(), outputShape);
        if (spatialDims == null) {
            throw new IllegalArgumentException("scale_and_translate: spatial_dims must not be null");
        }
        checkParameter("scale", scale, spatialDims);
        checkParameter("translation", translation, spatialDims);
        int[] dims = spatialAxes(images.shape(), outputShape, spatialDims);
        Shape out = Shape.of(outputShape);
        if (images.isSymbolic() || scale.isSymbolic() || translation.isSymbolic()) {
            int[] os = outputShape.clone();
            int[] sd = spatialDims.clone();
            return OpSupport.record(SPEC.args(os, sd, method, antialias), out,
                    in -> apply(in.get(0), os, in.get(1), in.get(2), sd, method, antialias), images, scale,
                    translation);
        }
        float[] sc = OpSupport.data(scale).clone();
        float[] tr = OpSupport.data(translation).clone();
        AxisWeights[] w = weights(images.shape(), outputShape, dims, sc, tr, method, antialias);
        if (!Tape.shouldRecord(scale, translation)) {
            return forward(images, dims, w, out);
        }
        return forwardWithParameters(images, scale, translation, dims, w, sc, tr, method, antialias, out);
    }

    private static void checkMethod(String method) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("scale_and_translate: invalid value for argument method: expected one "
                    + "of " + METHODS + ", got '" + method + "'");
        }
    }

    private static void checkOutputShape(Shape s, int[] outputShape) {
        if (outputShape == null || outputShape.length != s.rank()) {
            throw new ShapeException("scale_and_translate: output_shape " + Arrays.toString(outputShape) + " must give "
                    + "every axis of images " + s);
        }
    }

    /** A tensor scale or translation: shape (K,), as JAX's {@code scale[i]} for each spatial axis needs. */
    private static void checkParameter(String name, Tensor p, int[] spatialDims) {
        if (p == null) {
            throw new IllegalArgumentException("scale_and_translate: " + name + " must not be null");
        }
        Shape s = p.shape();
        int k = spatialDims.length;
        if (s.rank() != 1 || (s.get(0) != Shape.UNKNOWN && s.get(0) != k)) {
            throw new ShapeException("scale_and_translate: " + name + " must have shape (" + k + ",), one value per "
                    + "spatial axis " + Arrays.toString(spatialDims) + ", got shape " + s);
        }
    }

    /** The spatial axes, non-negative, after checking that output_shape changes only those. */
    private static int[] spatialAxes(Shape s, int[] outputShape, int[] spatialDims) {
        int[] dims = new int[spatialDims.length];
        for (int i = 0; i < dims.length; i++) {
            int d = spatialDims[i] < 0 ? spatialDims[i] + s.rank() : spatialDims[i];
            if (d < 0 || d >= s.rank()) {
                throw new ShapeException("scale_and_translate: spatial_dims " + Arrays.toString(spatialDims)
                        + " out of range for images " + s);
            }
            dims[i] = d;
        }
        for (int d = 0; d < s.rank(); d++) {
            boolean spatial = false;
            for (int x : dims) {
                spatial |= x == d;
            }
            if (!spatial && s.get(d) != Shape.UNKNOWN && outputShape[d] != s.get(d)) {
                throw new ShapeException("scale_and_translate: output_shape " + Arrays.toString(outputShape)
                        + " changes axis " + d + " of images " + s + ", which is not in spatial_dims "
                        + Arrays.toString(spatialDims));
            }
            if (outputShape[d] < 0) {
                throw new ShapeException("scale_and_translate: output_shape " + Arrays.toString(outputShape)
                        + " has a negative size");
            }
        }
        return dims;
    }

    private static AxisWeights[] weights(Shape s, int[] outputShape, int[] dims, float[] scale, float[] translation,
            String method, boolean antialias) {
        AxisWeights[] w = new AxisWeights[dims.length];
        for (int i = 0; i < dims.length; i++) {
            float inv = 1f / scale[i];
            w[i] = Resize.kernelWeights(s.get(dims[i]), outputShape[dims[i]], radius(method), antialias,
                    kernel(method), inv, translation[i] * inv);
        }
        return w;
    }

    private static int radius(String method) {
        return switch (method) {
            case "linear", "bilinear", "trilinear" -> 1;
            case "cubic", "bicubic", "tricubic" -> 2;
            case "lanczos3" -> 3;
            default -> 5;
        };
    }

    private static Resize.Kernel kernel(String method) {
        return switch (method) {
            case "linear", "bilinear", "trilinear" -> Resize::triangle;
            case "cubic", "bicubic", "tricubic" -> Resize::keysCubic;
            case "lanczos3" -> x -> Resize.lanczos(3, x);
            default -> x -> Resize.lanczos(5, x);
        };
    }

    /**
     * The slope of {@link #kernel} at {@code x >= 0} as JAX's autodiff takes it: the triangle's
     * {@code max(0, 1 - |x|)} passes half at {@code x = 1} (a tie of max); the Keys cubic's pieces switch at
     * {@code x >= 1} and end at {@code x >= 2}; lanczos is flat at or below 1e-3 and past its radius.
     */
    private static double kernelSlope(String method, float x) {
        return switch (method) {
            case "linear", "bilinear", "trilinear" -> {
                float v = 1f - Math.abs(x);
                yield v > 0f ? -1 : v == 0f ? -0.5 : 0;
            }
            case "cubic", "bicubic", "tricubic" -> x >= 2f ? 0 : x >= 1f ? (-1.5 * x + 5) * x - 4 : (4.5 * x - 5) * x;
            default -> {
                int r = method.equals("lanczos3") ? 3 : 5;
                if (x > r || !(x > 1e-3f)) {
                    yield 0;
                }
                double px = Math.PI * x;
                double y = r * Math.sin(px) * Math.sin(px / r);
                double dy = r * Math.PI * (Math.cos(px) * Math.sin(px / r) + Math.sin(px) * Math.cos(px / r) / r);
                yield (dy - 2 * y / x) / (Math.PI * Math.PI * x * x);
            }
        };
    }

    /** The axes one after the other, as {@code [outer][length][inner]} views. */
    private static Tensor forward(Tensor x, int[] dims, AxisWeights[] w, Shape out) {
        float[][] steps = steps(x, dims, w, false);
        float[] data = dims.length == 0 ? steps[0].clone() : steps[dims.length];
        Tensor y = OpSupport.wrap(data, out);
        Shape in = x.shape();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {transpose(g, dims, w, in)});
        return y;
    }

    /**
     * The images after 0, 1, ..., K axes ({@code steps[0]} is the images' own storage); {@code keep}: in arrays of
     * their own, which a gradient rule may hold until the reverse pass.
     */
    private static float[][] steps(Tensor x, int[] dims, AxisWeights[] w, boolean keep) {
        float[][] steps = new float[dims.length + 1][];
        steps[0] = OpSupport.data(x);
        int[] cur = x.shape().toArray();
        for (int i = 0; i < dims.length; i++) {
            int[] next = cur.clone();
            next[dims[i]] = w[i].outLength();
            int n = Shape.of(next).size();
            steps[i + 1] = keep ? new float[n] : OpSupport.newArray(n);
            ImageKernels.resizeAxis(steps[i], outer(cur, dims[i]), inner(cur, dims[i]), w[i], steps[i + 1]);
            cur = next;
        }
        return steps;
    }

    /** The shapes of {@link #steps}: {@code shapes[i]} is the images' after {@code i} axes. */
    private static int[][] stepShapes(Shape in, int[] dims, AxisWeights[] w) {
        int[][] shapes = new int[dims.length + 1][];
        shapes[0] = in.toArray();
        for (int i = 0; i < dims.length; i++) {
            shapes[i + 1] = shapes[i].clone();
            shapes[i + 1][dims[i]] = w[i].outLength();
        }
        return shapes;
    }

    /** The transpose of {@link #forward}, recording {@link #forward} as its own gradient. */
    private static Tensor transpose(Tensor g, int[] dims, AxisWeights[] w, Shape in) {
        float[][] back = transposeSteps(OpSupport.data(g), stepShapes(in, dims, w), dims, w);
        float[] data = dims.length == 0 ? back[0].clone() : back[0];
        Tensor gx = OpSupport.wrap(data, in);
        Shape out = g.shape();
        OpSupport.gradient(gx, g, (gg, needed) -> new Tensor[] {forward(gg, dims, w, out)});
        return gx;
    }

    /** {@code g} carried back through the axes: {@code back[i]} is the gradient of {@code steps[i]}. */
    private static float[][] transposeSteps(float[] g, int[][] shapes, int[] dims, AxisWeights[] w) {
        float[][] back = new float[dims.length + 1][];
        back[dims.length] = g;
        for (int i = dims.length - 1; i >= 0; i--) {
            back[i] = OpSupport.newArray(Shape.of(shapes[i]).size());
            ImageKernels.resizeAxisTranspose(back[i + 1], outer(shapes[i], dims[i]), inner(shapes[i], dims[i]),
                    w[i], back[i]);
        }
        return back;
    }

    /** {@link #forward} with a gradient also to the tensors scale and translation (which a tape watches). */
    private static Tensor forwardWithParameters(Tensor x, Tensor scale, Tensor translation, int[] dims,
            AxisWeights[] w, float[] sc, float[] tr, String method, boolean antialias, Shape out) {
        float[][] steps = steps(x, dims, w, true);
        float[] data = dims.length == 0 ? steps[0].clone() : steps[dims.length];
        Tensor y = OpSupport.wrap(data, out);
        Shape in = x.shape();
        OpSupport.gradient(y, new Tensor[] {x, scale, translation}, (g, needed) -> {
            boolean parameters = needed[1] || needed[2];
            if (Tape.isRecordingNow() && (parameters || Tape.shouldRecord(scale, translation))) {
                throw new UnsupportedOperationException("scale_and_translate: a second derivative through a tensor "
                        + "scale or translation is not supported (their gradient is computed directly, not by "
                        + "recorded ops); pass scale and translation as arrays, or take one derivative");
            }
            Tensor gx = needed[0] ? transpose(g, dims, w, in) : null;
            if (!parameters) {
                return new Tensor[] {gx, null, null};
            }
            int[][] shapes = stepShapes(in, dims, w);
            float[][] back = transposeSteps(OpSupport.data(g), shapes, dims, w);
            float[] gs = new float[dims.length];
            float[] gt = new float[dims.length];
            for (int i = 0; i < dims.length; i++) {
                int d = dims[i];
                axisParameterGradient(steps[i], back[i + 1], outer(shapes[i], d), inner(shapes[i], d), shapes[i][d],
                        shapes[i + 1][d], method, antialias, sc[i], tr[i], gs, gt, i);
            }
            return new Tensor[] {gx, OpSupport.wrap(gs, Shape.of(dims.length)),
                OpSupport.wrap(gt, Shape.of(dims.length))};
        });
        return y;
    }

    /**
     * Writes {@code gs[i]} and {@code gt[i]}, the gradient of one axis's scale and translation: the sum over input
     * {@code j} and output {@code o} of {@code dL/dW[j, o]} (row j of the images before this axis against row o of
     * the gradient after it) times the slope of weight {@code W[j, o]}, which is JAX's
     * {@code compute_weight_mat} differentiated step by step (see the class comment for its kinks).
     */
    private static void axisParameterGradient(float[] x, float[] g, int outer, int inner, int m, int n,
            String method, boolean antialias, float scale, float translation, float[] gs, float[] gt, int i) {
        Resize.Kernel kernel = kernel(method);
        float inv = 1f / scale;
        float shift = translation * inv;
        float kernelScale = antialias ? Math.max(inv, 1f) : 1f;
        // max(1 / scale, 1) passes all of its slope above 1, half at a tie, none below
        double kernelScaleSlope = !antialias ? 0 : inv > 1f ? 1 : inv == 1f ? 0.5 : 0;
        float[] k = new float[m];
        double[] kSample = new double[m];
        double[] kScale = new double[m];
        double gInv = 0;
        double gTranslation = 0;
        for (int o = 0; o < n; o++) {
            float sample = ((o + 0.5f) * inv - shift) - 0.5f;
            if (!(sample >= -0.5f && sample <= m - 0.5f)) {
                continue; // a sample outside the input: weight 0 whatever scale and translation are
            }
            float total = 0f;
            double totalSample = 0;
            double totalScale = 0;
            for (int j = 0; j < m; j++) {
                float dist = sample - (float) j;
                float a = Math.abs(dist);
                float xk = a / kernelScale;
                k[j] = kernel.at(xk);
                total += k[j];
                double slope = kernelSlope(method, xk);
                kSample[j] = slope * (dist >= 0f ? 1 : -1) / kernelScale; // JAX's |d| has slope +1 at d = 0
                kScale[j] = -slope * a / ((double) kernelScale * kernelScale);
                totalSample += kSample[j];
                totalScale += kScale[j];
            }
            if (!(Math.abs(total) > 1000f * Math.ulp(1f))) {
                continue; // JAX zeroes a column whose weights sum to (about) nothing
            }
            double t2 = (double) total * total;
            double gSample = 0;
            double gScale = 0;
            for (int j = 0; j < m; j++) {
                double wSample = kSample[j] / total - k[j] * totalSample / t2;
                double wScale = kScale[j] / total - k[j] * totalScale / t2;
                if (wSample == 0 && wScale == 0) {
                    continue;
                }
                double c = 0;
                for (int p = 0; p < outer; p++) {
                    int xb = (p * m + j) * inner;
                    int gb = (p * n + o) * inner;
                    for (int q = 0; q < inner; q++) {
                        c += (double) x[xb + q] * g[gb + q];
                    }
                }
                gSample += c * wSample;
                gScale += c * wScale;
            }
            // sample = (o + 0.5) · inv - translation · inv - 0.5
            gInv += gSample * (o + 0.5 - translation) + gScale * kernelScaleSlope;
            gTranslation -= gSample * inv;
        }
        gs[i] = (float) (-gInv / ((double) scale * scale));
        gt[i] = (float) gTranslation;
    }

    private static int outer(int[] shape, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= shape[i];
        }
        return n;
    }

    private static int inner(int[] shape, int axis) {
        int n = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return n;
    }
}
