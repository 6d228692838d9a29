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
 * <p>{@code scale} and {@code translation} are constants here (one number per spatial axis): Keras's JAX backend
 * takes them as tensors, and Strata saves them as the lists it was given. Gradient: to the images (the map is
 * linear in them; the transpose records the forward map as its own gradient), not to scale or translation.
 */
final class ScaleAndTranslate {
    /** Keras's {@code SCALE_AND_TRANSLATE_METHODS}. */
    static final List<String> METHODS = List.of("linear", "bilinear", "trilinear", "cubic", "bicubic", "tricubic",
            "lanczos3", "lanczos5");

    /** {@code keras.src.ops.image.ScaleAndTranslate(spatial_dims, method, antialias=True)}. */
    static final OpSpec SPEC = OpSpec.op("scale_and_translate").keras(OpSpec.Module.IMAGE, "ScaleAndTranslate")
            .positional("output_shape", Type.INTS).positional("scale", Type.FLOATS)
            .positional("translation", Type.FLOATS).config("spatial_dims", Type.INTS)
            .config("method", Type.STRING).config("antialias", Type.BOOL, true)
            .rebuild((in, a) -> apply(in.get(0), a.ints("output_shape"), a.floats("scale"), a.floats("translation"),
                    a.ints("spatial_dims"), a.string("method"), a.bool("antialias")));

    private ScaleAndTranslate() {
    }

    static Tensor apply(Tensor images, int[] outputShape, float[] scale, float[] translation, int[] spatialDims,
            String method, boolean antialias) {
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("scale_and_translate: invalid value for argument method: expected one "
                    + "of " + METHODS + ", got '" + method + "'");
        }
        Shape s = images.shape();
        if (outputShape == null || outputShape.length != s.rank()) {
            throw new ShapeException("scale_and_translate: output_shape " + Arrays.toString(outputShape) + " must give "
                    + "every axis of images " + s);
        }
        if (spatialDims == null || scale == null || translation == null || scale.length != spatialDims.length
                || translation.length != spatialDims.length) {
            throw new IllegalArgumentException("scale_and_translate: scale " + Arrays.toString(scale)
                    + " and translation " + Arrays.toString(translation) + " must have one value per spatial axis "
                    + Arrays.toString(spatialDims));
        }
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
        Shape out = Shape.of(outputShape);
        if (images.isSymbolic()) {
            int[] os = outputShape.clone();
            float[] sc = scale.clone();
            float[] tr = translation.clone();
            int[] sd = spatialDims.clone();
            return OpSupport.record(SPEC.args(os, sc, tr, sd, method, antialias), out,
                    in -> apply(in.get(0), os, sc, tr, sd, method, antialias), images);
        }
        AxisWeights[] w = new AxisWeights[dims.length];
        for (int i = 0; i < dims.length; i++) {
            float inv = 1f / scale[i];
            w[i] = Resize.kernelWeights(s.get(dims[i]), outputShape[dims[i]], radius(method), antialias,
                    kernel(method), inv, translation[i] * inv);
        }
        return forward(images, dims, w, out);
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

    /** The axes one after the other, as {@code [outer][length][inner]} views. */
    private static Tensor forward(Tensor x, int[] dims, AxisWeights[] w, Shape out) {
        float[] data = OpSupport.data(x);
        int[] cur = x.shape().toArray();
        for (int i = 0; i < dims.length; i++) {
            int[] next = cur.clone();
            next[dims[i]] = w[i].outLength();
            float[] t = OpSupport.newArray(Shape.of(next).size());
            ImageKernels.resizeAxis(data, outer(cur, dims[i]), inner(cur, dims[i]), w[i], t);
            data = t;
            cur = next;
        }
        if (dims.length == 0) {
            data = data.clone();
        }
        Tensor y = OpSupport.wrap(data, out);
        Shape in = x.shape();
        OpSupport.gradient(y, x, (g, needed) -> new Tensor[] {transpose(g, dims, w, in)});
        return y;
    }

    /** The transpose of {@link #forward}, recording {@link #forward} as its own gradient. */
    private static Tensor transpose(Tensor g, int[] dims, AxisWeights[] w, Shape in) {
        int[][] shapes = new int[dims.length + 1][];
        shapes[0] = in.toArray();
        for (int i = 0; i < dims.length; i++) {
            shapes[i + 1] = shapes[i].clone();
            shapes[i + 1][dims[i]] = w[i].outLength();
        }
        float[] data = OpSupport.data(g);
        for (int i = dims.length - 1; i >= 0; i--) {
            float[] t = OpSupport.newArray(Shape.of(shapes[i]).size());
            ImageKernels.resizeAxisTranspose(data, outer(shapes[i], dims[i]), inner(shapes[i], dims[i]), w[i], t);
            data = t;
        }
        if (dims.length == 0) {
            data = data.clone();
        }
        Tensor gx = OpSupport.wrap(data, in);
        Shape out = g.shape();
        OpSupport.gradient(gx, g, (gg, needed) -> new Tensor[] {forward(gg, dims, w, out)});
        return gx;
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
