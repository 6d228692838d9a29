package dev.strata.internal;

import dev.strata.internal.kernels.ConvEpilogue;
import dev.strata.tensor.Tensor;

/**
 * What a model's {@code predict} needs to fold a batch normalization (and a relu after it) into the convolution
 * before it: the ops package's convolution with an epilogue, and a BatchNormalization's per-channel scale and shift
 * as its inference call computes them. The two packages install the implementations (the "shared secrets" pattern
 * of {@link TensorAccess}), so none of this is public API.
 */
public final class InferenceFolding {
    /** Implemented by the ops package. */
    public interface Convolution {
        /**
         * The channels-last convolution of x by kernel (a depthwise kernel (*kernel_size, channels, multiplier) if
         * {@code depthwise}), with the epilogue applied to its output, for inference (no gradient).
         */
        Tensor apply(Tensor x, Tensor kernel, boolean depthwise, int[] strides, String padding, int[] dilations,
                     ConvEpilogue epilogue);
    }

    /** Implemented by the ops package. */
    public interface AddAndClamp {
        /**
         * {@code min(max(a + b, lo), hi)} of two tensors of one shape, in one pass, for inference (no gradient): the
         * bits of the add and then a relu ({@code lo} 0, {@code hi} +∞) or relu6 ({@code hi} 6).
         */
        Tensor apply(Tensor a, Tensor b, float lo, float hi);
    }

    /** Implemented by the normalization package. */
    public interface Normalization {
        /**
         * A BatchNormalization's inference form {@code x · scale + shift} over its last axis: {@code {scale,
         * shift}}, each per channel, computed as its call computes them; null if it normalizes another axis.
         */
        float[][] scaleAndShift(Object batchNormalization);
    }

    private static volatile Convolution convolution;
    private static volatile Normalization normalization;
    private static volatile AddAndClamp addAndClamp;

    private InferenceFolding() {
    }

    /** Called once, by the ops package (whose {@code Ops} class the caller has made sure is initialized). */
    public static void install(Convolution implementation) {
        convolution = implementation;
    }

    /** Called once, by the ops package (with {@link #install(Convolution)}). */
    public static void install(AddAndClamp implementation) {
        addAndClamp = implementation;
    }

    /** Called once, by the normalization package. */
    public static void install(Normalization implementation) {
        normalization = implementation;
    }

    /** See {@link Convolution#apply}. */
    public static Tensor convolve(Tensor x, Tensor kernel, boolean depthwise, int[] strides, String padding,
                                  int[] dilations, ConvEpilogue epilogue) {
        return convolution.apply(x, kernel, depthwise, strides, padding, dilations, epilogue);
    }

    /** See {@link AddAndClamp#apply}; the caller made sure the ops package is initialized (as for convolve). */
    public static Tensor addAndClamp(Tensor a, Tensor b, float lo, float hi) {
        return addAndClamp.apply(a, b, lo, hi);
    }

    /** See {@link Normalization#scaleAndShift}; the layer exists, so its class has installed the implementation. */
    public static float[][] scaleAndShift(Object batchNormalization) {
        return normalization.scaleAndShift(batchNormalization);
    }
}
