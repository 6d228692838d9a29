package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's image ops beyond Keras's values ({@link Ops16ImageTest}): finite-difference gradients of every
 * differentiable op (at points away from the kinks of where, floor, round and the clip), and the errors for bad
 * input, each naming the op and what was expected.
 */
class Ops16ImageChecksTest {
    /** Eight RGB pixels (2, 2, 2, 3) with distinct channels and hues away from 0 (where hue wraps to 1). */
    private static final Tensor RGB = Tensor.of(new float[] {0.9f, 0.5f, 0.2f, 0.2f, 0.8f, 0.4f, 0.3f, 0.1f, 0.7f,
        0.6f, 0.9f, 0.15f, 0.15f, 0.35f, 0.85f, 0.7f, 0.45f, 0.3f, 0.4f, 0.25f, 0.95f, 0.55f, 0.75f, 0.05f}, 2, 2, 2, 3);
    /** Eight HSV pixels with 6·hue away from the integers (the kinks of the clips). */
    private static final Tensor HSV = Tensor.of(new float[] {0.08f, 0.5f, 0.7f, 0.25f, 0.9f, 0.4f, 0.41f, 0.3f, 0.8f,
        0.58f, 0.6f, 0.6f, 0.75f, 0.2f, 0.9f, 0.91f, 0.7f, 0.5f, 1.12f, 0.4f, 0.3f, -0.55f, 0.8f, 0.65f}, 2, 2, 2, 3);

    private static void fd(Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(f, inputs);
    }

    @Test
    void colourSpacesMatchFiniteDifferences() {
        fd(in -> Ops.rgbToGrayscale(in.get(0)), RGB);
        fd(in -> Ops.rgbToHsv(in.get(0)), RGB);
        fd(in -> Ops.rgbToHsv(in.get(0), "channels_first"), Ops.transpose(RGB, 0, 3, 1, 2));
        fd(in -> Ops.hsvToRgb(in.get(0)), HSV);
    }

    @Test
    void cropPadAndPatchesMatchFiniteDifferences() {
        Tensor img = OpsTesting.random(3, 2, 5, 6, 2);
        fd(in -> Ops.cropImages(in.get(0), 1, 2, 3, 3), img);
        fd(in -> Ops.padImages(in.get(0), 1, null, 2, 1, null, 9, "channels_first"), img);
        fd(in -> Ops.extractPatches(in.get(0), new int[] {2, 3}, new int[] {1, 2}, new int[] {1}, "same", null), img);
        fd(in -> Ops.extractPatches3d(in.get(0), new int[] {2}, new int[] {1}, null, "valid", null),
                OpsTesting.random(4, 1, 3, 3, 4, 2));
    }

    @Test
    void mapCoordinatesMatchesFiniteDifferencesInInputsAndCoordinates() {
        Tensor in = OpsTesting.random(5, 4, 5);
        // fractional parts in [0.15, 0.85]: finite differences never cross a floor
        Tensor coords = Tensor.of(new float[] {-1.3f, 0.2f, 1.5f, 2.7f, 3.4f, 4.8f, 0.6f, -0.4f, 2.25f, 5.7f, 1.15f,
            3.5f}, 2, 6);
        for (String mode : List.of("constant", "nearest", "wrap", "mirror", "reflect")) {
            fd(x -> Ops.mapCoordinates(x.get(0), x.get(1), 1, mode, 0.5f), in, coords);
            fd(x -> Ops.mapCoordinates(x.get(0), coords, 0, mode, 0.5f), in);
        }
        // second order: the inputs' gradient is itself differentiable
        fd(x -> OpsTesting.innerGradient(v -> Ops.mapCoordinates(v, coords, 1, "reflect", 0f), x.get(0)), in);
    }

    @Test
    void filtersPerspectiveAndSsimMatchFiniteDifferences() {
        Tensor img = OpsTesting.random(6, 2, 5, 6, 2);
        fd(in -> Ops.gaussianBlur(in.get(0), new int[] {3, 5}, new float[] {1f, 0.6f}, null), img);
        fd(in -> Ops.sobelEdges(in.get(0), "channels_first"), img);
        Tensor start = Tensor.of(new float[] {0.3f, 0.2f, 5.1f, 0.4f, 0.1f, 4.3f, 5.4f, 3.8f}, 4, 2);
        Tensor end = Tensor.of(new float[] {0, 0, 5, 0, 0, 4, 5, 4}, 4, 2);
        fd(in -> Ops.perspectiveTransform(in.get(0), start, end), img);
        fd(in -> Ops.scaleAndTranslate(in.get(0), new int[] {2, 7, 4, 2}, new float[] {1.4f, 0.6f},
                new float[] {0.3f, -0.2f}, new int[] {1, 2}, "lanczos3"), img);
        fd(in -> Ops.elasticTransform(in.get(0), 2f, 0.9f, "bilinear", "reflect", 0f, 3, null), img);
        Tensor a = Ops.add(Ops.multiply(OpsTesting.random(8, 1, 6, 7, 2), 0.4f), 0.5f);
        Tensor b = Ops.sqrt(a);
        fd(in -> Ops.ssim(in.get(0), in.get(1), 1f, 3, 1.5f, 0.01f, 0.03f, null), a, b);
    }

    @Test
    void badInputIsAClearError() {
        Tensor two = Tensor.zeros(Shape.of(1, 4, 4, 2));
        assertThatThrownBy(() -> Ops.rgbToGrayscale(two)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rgb_to_grayscale").hasMessageContaining("2 channels");
        assertThatThrownBy(() -> Ops.rgbToHsv(two)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("rgb_to_hsv").hasMessageContaining("3 channels");
        assertThatThrownBy(() -> Ops.hsvToRgb(Tensor.zeros(Shape.of(4, 3)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("hsv_to_rgb").hasMessageContaining("rank 3");
        Tensor img = Tensor.zeros(Shape.of(2, 5, 6, 1));
        assertThatThrownBy(() -> Ops.cropImages(img, 1, 1, 1, 1, 3, 3, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly two of top_cropping");
        assertThatThrownBy(() -> Ops.cropImages(img, -1, 1, 3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("top_cropping must be >= 0");
        assertThatThrownBy(() -> Ops.cropImages(img, 3, 0, 3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bottom_cropping must be >= 0, got bottom_cropping=-1");
        assertThatThrownBy(() -> Ops.padImages(img, 1, 0, 5, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pad_images").hasMessageContaining("bottom_padding must be >= 0");
        assertThatThrownBy(() -> Ops.padImages(img, 1, null, null, 1, 8, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly two of left_padding");
        assertThatThrownBy(() -> Ops.extractPatches(img, new int[] {2, 2, 2, 2}, null, null, "valid", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extract_patches: size");
        assertThatThrownBy(() -> Ops.extractPatches(img, new int[] {2, 2}, null, null, "full", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding");
        assertThatThrownBy(() -> Ops.extractPatches(Tensor.zeros(Shape.of(5, 6)), 2))
                .isInstanceOf(ShapeException.class).hasMessageContaining("extract_patches: invalid images rank");
        assertThatThrownBy(() -> Ops.extractPatches3d(Tensor.zeros(Shape.of(5, 6, 1)), new int[] {2}, null, null,
                "valid", null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("extract_patches_3d");
        Tensor in = Tensor.zeros(Shape.of(4, 5));
        assertThatThrownBy(() -> Ops.mapCoordinates(in, Tensor.zeros(Shape.of(3, 2)), 1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank of inputs (2");
        assertThatThrownBy(() -> Ops.mapCoordinates(in, Tensor.zeros(Shape.of(2)), 1))
                .isInstanceOf(ShapeException.class).hasMessageContaining("at least rank 2");
        assertThatThrownBy(() -> Ops.mapCoordinates(in, Tensor.zeros(Shape.of(2, 2)), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
        assertThatThrownBy(() -> Ops.mapCoordinates(in, Tensor.zeros(Shape.of(2, 2)), 1, "edge", 0f))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> Ops.gaussianBlur(img, new int[] {0, 3}, new float[] {1f, 1f}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gaussian_blur: kernel_size");
        assertThatThrownBy(() -> Ops.sobelEdges(Tensor.zeros(Shape.of(5, 6, 1))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("sobel_edges").hasMessageContaining("rank 4");
        Tensor p = Tensor.zeros(Shape.of(4, 2));
        assertThatThrownBy(() -> Ops.perspectiveTransform(img, Tensor.zeros(Shape.of(3, 2)), p))
                .isInstanceOf(ShapeException.class).hasMessageContaining("start_points");
        assertThatThrownBy(() -> Ops.perspectiveTransform(img, p, Tensor.zeros(Shape.of(1, 4, 2))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("same shape");
        assertThatThrownBy(() -> Ops.perspectiveTransform(img, Tensor.zeros(Shape.of(3, 4, 2)),
                Tensor.zeros(Shape.of(3, 4, 2)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("3 sets of points for 2 images");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, new int[] {2, 6, 6, 2}, new float[] {1f, 1f},
                new float[] {0f, 0f}, new int[] {1, 2}, "linear")).isInstanceOf(ShapeException.class)
                .hasMessageContaining("not in spatial_dims");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, new int[] {2, 6, 6, 1}, new float[] {1f},
                new float[] {0f, 0f}, new int[] {1, 2}, "linear")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one value per spatial axis");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, new int[] {2, 6, 6, 1}, new float[] {1f, 1f},
                new float[] {0f, 0f}, new int[] {1, 2}, "nearest")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method");
        assertThatThrownBy(() -> Ops.ssim(img, Tensor.zeros(Shape.of(2, 5, 5, 1))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("ssim: image1 and image2");
    }

    @Test
    void ssimOfImagesSmallerThanTheFilterIsNaNAsKerasGives() {
        Tensor img = OpsTesting.random(7, 2, 5, 6, 1);
        Tensor s = Ops.ssim(img, img);
        assertThat(s.shape()).isEqualTo(Shape.of(2));
        assertThat(s.toFloatArray()).containsOnly(Float.NaN);
    }

    @Test
    void symbolicShapesFollowKerassRules() {
        Tensor x = OpsTesting.input(OpsTesting.U, 6, 7, 3);
        assertThat(Ops.cropImages(x, 1, null, null, 2, 3, 4, null).shape())
                .isEqualTo(Shape.of(OpsTesting.U, 3, 4, 3));
        assertThat(Ops.extractPatches(x, new int[] {2, 3}, new int[] {2, 2}, null, "same", null).shape())
                .isEqualTo(Shape.of(OpsTesting.U, 3, 4, 18));
        assertThat(Ops.sobelEdges(x).shape()).isEqualTo(Shape.of(OpsTesting.U, 6, 7, 3, 2));
        assertThat(Ops.ssim(x, x).shape()).isEqualTo(Shape.of(OpsTesting.U));
        assertThat(Ops.rgbToGrayscale(x).shape()).isEqualTo(Shape.of(OpsTesting.U, 6, 7, 1));
        // unknown height: pad keeps it unknown without a target, crop needs one
        Tensor free = OpsTesting.input(OpsTesting.U, OpsTesting.U, 7, 3);
        assertThat(Ops.padImages(free, 1, 1, 2, 2, null, null, null).shape())
                .isEqualTo(Shape.of(OpsTesting.U, OpsTesting.U, 10, 3));
        assertThatThrownBy(() -> Ops.cropImages(free, 1, 1, 1, 1, null, null, null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("target_height must be specified");
    }
}
