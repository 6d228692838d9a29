package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.layers.preprocessing.ImageGolden;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** keras.ops.image.resize and affine_transform against Keras's JAX backend (tools/golden/image.py). */
class ImageOpsTest {
    private static final Tensor X = Tensor.of(ImageGolden.X, 2, 5, 6, 2);
    private static final Tensor T = Tensor.of(ImageGolden.T, 2, 8);
    private static final List<String> MODES = List.of("constant", "nearest", "wrap", "mirror", "reflect");

    static void assertClose(Tensor actual, float[] expected, double tol) {
        float[] a = actual.toFloatArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - expected[i]) > tol) {
                throw new AssertionError("element " + i + ": " + a[i] + " but Keras gives " + expected[i]
                        + " (shape " + actual.shape() + ")");
            }
        }
    }

    private static Tensor gradient(Function<Tensor, Tensor> f, Tensor x, Tensor r) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            return tape.gradient(Ops.sum(Ops.multiply(f.apply(x), r)), x);
        }
    }

    private static float[] golden(String name) {
        try {
            return (float[]) ImageGolden.class.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resizeMatchesJaxForEveryInterpolationUpAndDown() {
        Tensor rUp = Tensor.of(ImageGolden.R_UP, 2, 8, 9, 2);
        Tensor rDown = Tensor.of(ImageGolden.R_DOWN, 2, 3, 4, 2);
        for (String interp : Resize.INTERPOLATIONS) {
            String key = interp.toUpperCase();
            Function<Tensor, Tensor> up = x -> Ops.resize(x, 8, 9, interp);
            Function<Tensor, Tensor> down = x -> Ops.resize(x, 3, 4, interp);
            assertClose(up.apply(X), golden("RESIZE_UP_" + key), 2e-6);
            assertClose(down.apply(X), golden("RESIZE_DOWN_" + key), 2e-6);
            assertClose(gradient(up, X, rUp), golden("RESIZE_UP_" + key + "_GRAD"), 1e-5);
            assertClose(gradient(down, X, rDown), golden("RESIZE_DOWN_" + key + "_GRAD"), 1e-5);
        }
        for (String interp : List.of("bilinear", "bicubic", "lanczos3")) {
            Function<Tensor, Tensor> f = x -> Ops.resize(x, new int[] {3, 4}, interp, true, false, false, "constant",
                    0f, null);
            assertClose(f.apply(X), golden("RESIZE_DOWN_" + interp.toUpperCase() + "_AA"), 2e-6);
            assertClose(gradient(f, X, rDown), golden("RESIZE_DOWN_" + interp.toUpperCase() + "_AA_GRAD"), 1e-5);
        }
    }

    @Test
    void resizeCropsAndPadsToTheAspectRatioAsKeras() {
        assertClose(Ops.resize(X, new int[] {4, 2}, "bilinear", false, true, false, "constant", 0f, null),
                ImageGolden.RESIZE_CROP, 2e-6);
        assertClose(Ops.resize(X, new int[] {4, 2}, "bilinear", false, false, true, "constant", 0.5f, null),
                ImageGolden.RESIZE_PAD, 2e-6);
        assertClose(Ops.resize(X, new int[] {2, 6}, "bilinear", false, false, true, "constant", -1f, null),
                ImageGolden.RESIZE_PAD_WIDE, 2e-6);
        assertClose(Ops.resize(X, 3, 9), ImageGolden.RESIZE_MIXED, 2e-6);
    }

    @Test
    void resizeChannelsFirstAndSingleImages() {
        Tensor xf = Ops.transpose(X, 0, 3, 1, 2);
        Tensor yf = Ops.resize(xf, new int[] {8, 9}, "bilinear", false, false, false, "constant", 0f,
                "channels_first");
        assertThat(yf.shape()).isEqualTo(Shape.of(2, 2, 8, 9));
        assertClose(yf, ImageGolden.RESIZE_UP_BILINEAR_CF, 2e-6);
        Tensor one = Ops.slice(X, new int[] {1, 0, 0, 0}, new int[] {1, 5, 6, 2});
        Tensor single = Ops.resize(Ops.reshape(one, 5, 6, 2), 8, 9);
        assertThat(single.shape()).isEqualTo(Shape.of(8, 9, 2));
        assertThat(single.toFloatArray()).containsExactly(
                Ops.slice(Ops.resize(X, 8, 9), new int[] {1, 0, 0, 0}, new int[] {1, 8, 9, 2}).toFloatArray());
        assertThat(Ops.resize(X, 5, 6).toFloatArray()).containsExactly(X.toFloatArray());
    }

    @Test
    void resizeGradientsMatchFiniteDifferencesAndAreDifferentiable() {
        Tensor x = GradientCheck.random(3, Shape.of(2, 4, 5, 3), -1, 1);
        for (String interp : Resize.INTERPOLATIONS) {
            GradientCheck.check(in -> Ops.resize(in.get(0), 7, 3, interp), x);
            GradientCheck.check(in -> OpsTesting.innerGradient(t -> Ops.resize(t, 3, 8, interp), in.get(0)), x);
        }
        GradientCheck.check(in -> Ops.resize(in.get(0), new int[] {3, 3}, "bilinear", true, false, true, "constant",
                0.3f, "channels_first"), x);
    }

    @Test
    void resizeShapeRuleIsSymbolicAndRecordsKerasArguments() {
        Tensor in = Graph.input(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, Shape.UNKNOWN, 3), "images");
        Tensor y = Ops.resize(in, new int[] {4, 7}, "nearest", false, true, false, "constant", 0f, null);
        assertThat(y.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 7, 3));
        Node node = Graph.producer((SymbolicTensor) y).orElseThrow();
        Tensor replayed = node.operation().apply(List.of(X)).get(0);
        assertThat(replayed.toFloatArray()).containsExactly(
                Ops.resize(X, new int[] {4, 7}, "nearest", false, true, false, "constant", 0f, null).toFloatArray());
        Tensor cf = Graph.input(Shape.of(Shape.UNKNOWN, 3, 10, 10), "images");
        assertThat(Ops.resize(cf, new int[] {2, 5}, "bilinear", false, false, false, "constant", 0f,
                "channels_first").shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3, 2, 5));
    }

    @Test
    void resizeBadArguments() {
        assertThatThrownBy(() -> Ops.resize(Tensor.zeros(2, 3), 2, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("resize").hasMessageContaining("rank 3").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.resize(X, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size must be two positive integers").hasMessageContaining("[0, 2]");
        assertThatThrownBy(() -> Ops.resize(X, 2, 2, "area")).hasMessageContaining("interpolation")
                .hasMessageContaining("'area'");
        assertThatThrownBy(() -> Ops.resize(X, new int[] {2, 2}, "bilinear", false, true, true, "constant", 0f,
                null)).hasMessageContaining("only one of crop_to_aspect_ratio and pad_to_aspect_ratio");
        assertThatThrownBy(() -> Ops.resize(X, new int[] {2, 2}, "bilinear", false, false, false, "reflect", 0f,
                null)).hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> Ops.resize(X, new int[] {2, 2}, "bilinear", false, false, false, "constant", 0f,
                "nhwc")).hasMessageContaining("data_format");
    }

    @Test
    void affineTransformMatchesJaxForEveryModeAndInterpolation() {
        Tensor r = Tensor.of(ImageGolden.R_AFF, 2, 5, 6, 2);
        for (String interp : List.of("bilinear", "nearest")) {
            for (String mode : MODES) {
                String name = "AFFINE_" + interp.toUpperCase() + "_" + mode.toUpperCase();
                Function<Tensor, Tensor> f = x -> Ops.affineTransform(x, T, interp, mode, 0.25f, null);
                assertClose(f.apply(X), golden(name), 2e-6);
                if (mode.equals("constant") || mode.equals("reflect")) {
                    assertClose(gradient(f, X, r), golden(name + "_GRAD"), 1e-5);
                }
            }
        }
        Tensor xf = Ops.transpose(X, 0, 3, 1, 2);
        assertClose(Ops.affineTransform(xf, T, "bilinear", "constant", 0f, "channels_first"),
                ImageGolden.AFFINE_BILINEAR_CONSTANT_CF, 2e-6);
    }

    @Test
    void affineTransformGradientsAndShapes() {
        Tensor x = GradientCheck.random(5, Shape.of(2, 4, 5, 3), -1, 1);
        Tensor t = Tensor.of(new float[] {0.9f, -0.3f, 1.2f, 0.35f, 1.1f, -0.8f, 0, 0});
        for (String mode : MODES) {
            GradientCheck.check(in -> Ops.affineTransform(in.get(0), t, "bilinear", mode, 0.5f, null), x);
            GradientCheck.check(in -> OpsTesting.innerGradient(
                    v -> Ops.affineTransform(v, t, "nearest", mode, 0.5f, null), in.get(0)), x);
        }
        Tensor in = Graph.input(Shape.of(Shape.UNKNOWN, 4, 5, 3), "images");
        assertThat(Ops.affineTransform(in, t, "bilinear", "reflect", 0f, null).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 4, 5, 3));
        assertThatThrownBy(() -> Ops.affineTransform(x, Tensor.zeros(6), "bilinear", "reflect", 0f, null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(8,) or (batch, 8)");
        assertThatThrownBy(() -> Ops.affineTransform(x, t, "bicubic", "reflect", 0f, null))
                .hasMessageContaining("interpolation");
        assertThatThrownBy(() -> Ops.affineTransform(x, t, "bilinear", "edge", 0f, null))
                .hasMessageContaining("fill_mode");
        assertThatThrownBy(() -> Ops.affineTransform(x, Tensor.zeros(3, 8), "bilinear", "reflect", 0f, null))
                .isInstanceOf(ShapeException.class).hasMessageContaining("3 transforms for a batch of 2");
    }
}
