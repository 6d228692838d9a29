package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16's {@code keras.ops.image} functions (and more cases of resize and affine_transform) against Keras 3
 * ({@link Ops16ImageGolden}, from {@code tools/golden/ops16_image.py}): values, gradients of {@code sum(W·f)} as
 * {@code jax.grad} gives them, and symbolic shapes equal to the eager ones, for every case.
 */
class Ops16ImageTest {
    /** A case: the op on its inputs (the golden script's inputs, in its order). */
    record Case(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double rtol, double atol) {
    }

    static Tensor golden(String name) {
        try {
            float[] v = (float[]) Ops16ImageGolden.class.getDeclaredField(name).get(null);
            int[] s = (int[]) Ops16ImageGolden.class.getDeclaredField(name + "_SHAPE").get(null);
            return s.length == 0 ? Tensor.scalar(v[0]) : Tensor.of(v, s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    static boolean hasGolden(String name) {
        try {
            Ops16ImageGolden.class.getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    /** numpy's {@code moveaxis(x, -1, 1)}. */
    static Tensor cf(Tensor x) {
        return x.shape().rank() == 4 ? Ops.transpose(x, 0, 3, 1, 2) : Ops.transpose(x, 0, 4, 1, 2, 3);
    }

    /** {@code x[i]}. */
    static Tensor at(Tensor x, int i) {
        int[] start = new int[x.shape().rank()];
        start[0] = i;
        int[] size = x.shape().toArray();
        size[0] = 1;
        return Ops.squeeze(Ops.slice(x, start, size), 0);
    }

    /** {@code x[:, ..., :1, ...]}-style boxes: the leading {@code size} of every axis. */
    static Tensor head(Tensor x, int... size) {
        return Ops.slice(x, new int[x.shape().rank()], size);
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    private static void add(String name, Function<List<Tensor>, Tensor> f, Tensor... inputs) {
        CASES.put(name, new Case(f, List.of(inputs), 1e-5, 1e-6));
    }

    private static void add(String name, double rtol, double atol, Function<List<Tensor>, Tensor> f,
            Tensor... inputs) {
        CASES.put(name, new Case(f, List.of(inputs), rtol, atol));
    }

    static {
        Tensor rgb = golden("RGB");
        Tensor rgbd = golden("RGBD");
        add("GRAY", in -> Ops.rgbToGrayscale(in.get(0), "channels_last"), rgb);
        add("GRAY_CF", in -> Ops.rgbToGrayscale(in.get(0), "channels_first"), cf(rgb));
        add("GRAY_1", in -> Ops.rgbToGrayscale(in.get(0)), at(head(rgb, 1, 3, 4, 1), 0));
        add("GRAY_D", in -> Ops.rgbToGrayscale(in.get(0)), rgbd);
        add("HSV", in -> Ops.rgbToHsv(in.get(0), "channels_last"), rgb);
        add("HSV_CF", in -> Ops.rgbToHsv(in.get(0), "channels_first"), cf(rgb));
        add("HSV_1", in -> Ops.rgbToHsv(in.get(0)), at(rgb, 1));
        add("HSV_D", in -> Ops.rgbToHsv(in.get(0)), rgbd);
        Tensor hsv = golden("HSVIN");
        add("RGB_BACK", in -> Ops.hsvToRgb(in.get(0), "channels_last"), hsv);
        add("RGB_BACK_CF", in -> Ops.hsvToRgb(in.get(0), "channels_first"), cf(hsv));
        add("RGB_BACK_D", in -> Ops.hsvToRgb(in.get(0)), golden("HSVD"));

        Tensor img = golden("IMG");
        add("CROP_A", in -> Ops.cropImages(in.get(0), 1, 2, 3, 3), img);
        add("CROP_B", in -> Ops.cropImages(in.get(0), 1, 0, 2, 1, null, null, null), img);
        add("CROP_C", in -> Ops.cropImages(in.get(0), null, null, 1, 2, 2, 4, null), img);
        add("CROP_CF", in -> Ops.cropImages(in.get(0), 1, 1, null, null, 4, 2, "channels_first"), cf(img));
        add("CROP_1", in -> Ops.cropImages(in.get(0), 0, 3, 5, 1), at(img, 0));
        add("PAD_A", in -> Ops.padImages(in.get(0), 1, 2, 8, 9), img);
        add("PAD_B", in -> Ops.padImages(in.get(0), 0, 3, 2, 1, null, null, null), img);
        add("PAD_C", in -> Ops.padImages(in.get(0), null, null, 1, 0, 7, 6, null), img);
        add("PAD_CF", in -> Ops.padImages(in.get(0), 2, 1, null, null, 7, 8, "channels_first"), cf(img));
        add("PAD_1", in -> Ops.padImages(in.get(0), 1, 1, 0, 2, null, null, null), at(img, 1));

        Tensor pimg = golden("PIMG");
        add("PATCH_A", in -> Ops.extractPatches(in.get(0), 2), pimg);
        add("PATCH_B", in -> Ops.extractPatches(in.get(0), new int[] {2, 3}, new int[] {1, 2}, null, "same", null),
                pimg);
        add("PATCH_C", in -> Ops.extractPatches(in.get(0), new int[] {3, 2}, new int[] {1}, new int[] {2}, "valid",
                null), pimg);
        add("PATCH_CF", in -> Ops.extractPatches(in.get(0), new int[] {2, 2}, new int[] {2, 3}, null, "valid",
                "channels_first"), cf(pimg));
        add("PATCH_1", in -> Ops.extractPatches(in.get(0), new int[] {3}, new int[] {2, 2}, null, "same", null),
                at(pimg, 0));
        Tensor vol = golden("VOL");
        add("PATCH3_A", in -> Ops.extractPatches3d(in.get(0), new int[] {2}, null, null, "valid", null), vol);
        add("PATCH3_B", in -> Ops.extractPatches3d(in.get(0), new int[] {1, 2, 3}, new int[] {1, 2, 1}, null, "same",
                null), vol);
        add("PATCH3_CF", in -> Ops.extractPatches3d(in.get(0), new int[] {2, 2, 2}, new int[] {1}, null, "valid",
                "channels_first"), cf(vol));
        add("PATCH3_1", in -> Ops.extractPatches3d(in.get(0), new int[] {2}, new int[] {1, 1, 2},
                new int[] {1, 2, 1}, "valid", null), at(vol, 1));

        Tensor mapIn = golden("MAPIN");
        Tensor mapC = golden("MAPC");
        for (String mode : List.of("constant", "nearest", "wrap", "mirror", "reflect")) {
            for (int order = 0; order < 2; order++) {
                int o = order;
                add("MAP_" + mode.toUpperCase(java.util.Locale.ROOT) + "_" + order,
                        in -> Ops.mapCoordinates(in.get(0), in.get(1), o, mode, 0.75f), mapIn, mapC);
            }
        }
        add("MAP3_1", in -> Ops.mapCoordinates(in.get(0), in.get(1), 1), golden("MAP3"), golden("MAPC3"));
        add("MAP3_0", in -> Ops.mapCoordinates(in.get(0), in.get(1), 0, "wrap", 0f), golden("MAP3"),
                golden("MAPC3"));

        Tensor bimg = golden("BIMG");
        add("BLUR", in -> Ops.gaussianBlur(in.get(0)), bimg);
        add("BLUR_35", in -> Ops.gaussianBlur(in.get(0), new int[] {3, 5}, new float[] {1f, 2f}, "channels_last"),
                bimg);
        add("BLUR_42", in -> Ops.gaussianBlur(in.get(0), new int[] {4, 2}, new float[] {0.7f, 1.3f}, null), bimg);
        add("BLUR_CF", in -> Ops.gaussianBlur(in.get(0), new int[] {5, 3}, new float[] {1.5f, 0.8f},
                "channels_first"), cf(bimg));
        add("BLUR_1", in -> Ops.gaussianBlur(in.get(0)), at(bimg, 0));
        add("SOBEL", in -> Ops.sobelEdges(in.get(0)), bimg);
        add("SOBEL_CF", in -> Ops.sobelEdges(in.get(0), "channels_first"), cf(bimg));
        Tensor start = golden("START");
        Tensor end = golden("END");
        add("PERSP", 1e-4, 1e-5, in -> Ops.perspectiveTransform(in.get(0), start, end), bimg);
        add("PERSP_NEAREST", 1e-4, 1e-5, in -> Ops.perspectiveTransform(in.get(0), start, end, "nearest", 0.5f,
                "channels_last"), bimg);
        add("PERSP_CF", 1e-4, 1e-5, in -> Ops.perspectiveTransform(in.get(0), start, end, "bilinear", 0f,
                "channels_first"), cf(bimg));
        add("PERSP_1", 1e-4, 1e-5, in -> Ops.perspectiveTransform(in.get(0), at(start, 1), at(end, 1)), at(bimg, 1));

        Tensor s1 = golden("S1");
        Tensor s2 = golden("S2");
        add("SSIM", 1e-4, 1e-5, in -> Ops.ssim(in.get(0), in.get(1)), s1, s2);
        add("SSIM_3", 1e-4, 1e-5, in -> Ops.ssim(in.get(0), in.get(1), 2f, 3, 0.8f, 0.02f, 0.05f, null), s1, s2);
        add("SSIM_CF", 1e-4, 1e-5, in -> Ops.ssim(in.get(0), in.get(1), 1f, 5, 1.5f, 0.01f, 0.03f, "channels_first"),
                cf(s1), cf(s2));
        add("SSIM_1", 1e-4, 1e-5, in -> Ops.ssim(in.get(0), in.get(1), 1f, 7, 1.5f, 0.01f, 0.03f, null), at(s1, 0),
                at(s2, 0));
        add("SSIM_SAME", 1e-4, 1e-5, in -> Ops.ssim(in.get(0), in.get(1)), s1, s1);

        for (String m : List.of("linear", "cubic", "lanczos3", "lanczos5")) {
            String key = "SAT_" + m.toUpperCase(java.util.Locale.ROOT);
            add(key, 2e-5, 2e-6, in -> Ops.scaleAndTranslate(in.get(0), new int[] {2, 9, 4, 2},
                    new float[] {1.7f, 0.6f}, new float[] {0.8f, -0.45f}, new int[] {1, 2}, m), bimg);
            add(key + "_NOAA", 2e-5, 2e-6, in -> Ops.scaleAndTranslate(in.get(0), new int[] {2, 4, 8, 2},
                    new float[] {0.55f, 1f}, new float[] {-0.3f, 1.5f}, new int[] {1, 2}, m, false), bimg);
        }
        add("SAT_3D", 2e-5, 2e-6, in -> Ops.scaleAndTranslate(in.get(0), new int[] {3, 6, 5},
                new float[] {2f, 1.3f, 0.8f}, new float[] {1f, 0f, -0.6f}, new int[] {0, 1, 2}, "trilinear"),
                golden("MAP3"));
        add("ELASTIC", 1e-4, 1e-5, in -> Ops.elasticTransform(in.get(0), 20f, 5f, 42), bimg);
        add("ELASTIC_B", 1e-4, 1e-5, in -> Ops.elasticTransform(in.get(0), 3f, 1.2f, "nearest", "wrap", 0f, 7,
                "channels_last"), bimg);
        add("ELASTIC_CF", 1e-4, 1e-5, in -> Ops.elasticTransform(in.get(0), 5f, 0.8f, "bilinear", "constant", 0.5f,
                3, "channels_first"), cf(bimg));
        Tensor rimg = golden("RIMG");
        for (String i : List.of("bilinear", "nearest", "bicubic", "lanczos3", "lanczos5")) {
            String key = "RESIZE_" + i.toUpperCase(java.util.Locale.ROOT);
            add(key + "_AA_UP", 2e-5, 2e-6, in -> Ops.resize(in.get(0), new int[] {8, 9}, i, true, false, false,
                    "constant", 0f, null), rimg);
            add(key + "_AA_DOWN", 2e-5, 2e-6, in -> Ops.resize(in.get(0), new int[] {2, 3}, i, true, false, false,
                    "constant", 0f, null), rimg);
            add(key + "_ODD", 2e-5, 2e-6, in -> Ops.resize(in.get(0), 3, 11, i), rimg);
        }
        add("RESIZE_CROP_CF", in -> Ops.resize(in.get(0), new int[] {4, 3}, "bilinear", false, true, false,
                "constant", 0f, "channels_first"), cf(rimg));
        add("RESIZE_PAD_1", in -> Ops.resize(in.get(0), new int[] {6, 3}, "bilinear", false, false, true,
                "constant", 0.25f, null), at(rimg, 0));
        add("RESIZE_PAD_BICUBIC", 2e-5, 2e-6, in -> Ops.resize(in.get(0), new int[] {3, 9}, "bicubic", false, false,
                true, "constant", 0f, null), rimg);
        add("RESIZE_CROP_LANCZOS", 2e-5, 2e-6, in -> Ops.resize(in.get(0), new int[] {6, 2}, "lanczos3", true, true,
                false, "constant", 0f, null), rimg);
        add("RESIZE_FROM_1", in -> Ops.resize(in.get(0), 3, 4, "bicubic"), head(rimg, 2, 1, 1, 2));
        Tensor aff = golden("AFF");
        for (String i : List.of("nearest", "bilinear")) {
            for (String m : List.of("constant", "nearest", "wrap", "mirror", "reflect")) {
                add("AFFINE_" + i.toUpperCase(java.util.Locale.ROOT) + "_" + m.toUpperCase(java.util.Locale.ROOT),
                        in -> Ops.affineTransform(in.get(0), aff, i, m, -0.5f, null), rimg);
            }
        }
        add("AFFINE_1", in -> Ops.affineTransform(in.get(0), at(aff, 1), "bilinear", "wrap", 0f, null), at(rimg, 1));
        add("AFFINE_WIDTH1", in -> Ops.affineTransform(in.get(0), aff, "bilinear", "mirror", 0f, null),
                head(rimg, 2, 5, 1, 2));
    }

    static List<String> names() {
        return List.copyOf(CASES.keySet());
    }

    /** Keras's {@code 0.5 + ((i·7) mod 11) / 10} of the golden script. */
    static Tensor weights(Shape shape) {
        float[] w = new float[shape.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.5 + ((i * 7) % 11) / 10.0);
        }
        return Tensor.of(w, shape.toArray());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void valuesAndGradientsMatchKeras(String name) {
        Case c = CASES.get(name);
        Tensor y = c.f.apply(c.inputs);
        Tensor expected = golden(name);
        Ops13Checks.assertGolden(name, y, expected.shape(), expected.toFloatArray(), c.rtol, c.atol);
        for (int i = 0; i < c.inputs.size(); i++) {
            String g = hasGolden(name + "_GRAD") && i == 0 ? name + "_GRAD" : name + "_GRAD" + i;
            if (!hasGolden(g)) {
                continue;
            }
            List<Tensor> xs = new ArrayList<>(c.inputs);
            Tensor x = xs.get(i);
            Tensor grad;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor out = c.f.apply(xs);
                grad = tape.gradient(Ops.sum(Ops.multiply(out, weights(out.shape()))), x);
            }
            Tensor e = golden(g);
            Ops13Checks.assertGolden(g, grad, e.shape(), e.toFloatArray(), Math.max(c.rtol, 1e-5), 1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void symbolicShapeIsTheEagerShape(String name) {
        Case c = CASES.get(name);
        List<Tensor> symbolic = new ArrayList<>();
        for (Tensor x : c.inputs) {
            symbolic.add(Graph.input(x.shape(), "x"));
        }
        Tensor s = c.f.apply(symbolic);
        assertThat(s.isSymbolic()).isTrue();
        assertThat(s.shape()).isEqualTo(c.f.apply(c.inputs).shape());
    }

    @Test
    void namesEveryGoldenCase() {
        // every value array the script wrote that is an output (not an input) has a case here
        List<String> inputs = List.of("RGB", "RGBD", "HSVIN", "HSVD", "IMG", "PIMG", "VOL", "MAPIN", "MAPC", "MAP3",
                "MAPC3", "BIMG", "START", "END", "S1", "S2", "RIMG", "AFF");
        for (java.lang.reflect.Field f : Ops16ImageGolden.class.getDeclaredFields()) {
            String n = f.getName();
            if (f.getType() == float[].class && !n.contains("_GRAD") && !inputs.contains(n)) {
                assertThat(CASES).as("a case for golden " + n).containsKey(n);
            }
        }
    }
}
