package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * scale_and_translate with tensor scale and translation: Keras's values and {@code jax.grad}'s gradients to the
 * images, the scale and the translation ({@link Ops16ScaleGolden}, from {@code tools/golden/ops16_scale.py}) for
 * every method with and without antialias, including sample points on whole input positions, kernel edges and
 * antialias's tie at scale 1; finite differences away from the kinks; the same numbers as the Java-array form;
 * symbolic calls, saving both ways ({@code keras-golden/ops16_scale.keras}); and the errors.
 */
class Ops16ScaleTest {
    private static final List<String> METHODS = List.of("linear", "cubic", "lanczos3", "lanczos5");

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    static Tensor golden(String name) {
        try {
            float[] v = (float[]) Ops16ScaleGolden.class.getDeclaredField(name).get(null);
            int[] s = (int[]) Ops16ScaleGolden.class.getDeclaredField(name + "_SHAPE").get(null);
            return Tensor.of(v, s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    /** One golden case: a row of {@link Ops16ScaleGolden#CASES} with a method and antialias. */
    record Case(String key, Tensor images, int[] outputShape, float[] scale, float[] translation, int[] dims,
            String method, boolean antialias) {
        @Override
        public String toString() {
            return key;
        }

        Tensor call(Tensor x, Tensor s, Tensor t) {
            return Ops.scaleAndTranslate(x, outputShape, s, t, dims, method, antialias);
        }

        Tensor scaleTensor() {
            return Tensor.of(scale, scale.length);
        }

        Tensor translationTensor() {
            return Tensor.of(translation, translation.length);
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (Object[] row : Ops16ScaleGolden.CASES) {
            for (String m : METHODS) {
                for (boolean aa : new boolean[] {true, false}) {
                    float[] img = (float[]) row[1];
                    int[] shape = row[1] == Ops16ScaleGolden.VOL ? Ops16ScaleGolden.VOL_SHAPE
                            : Ops16ScaleGolden.IMG_SHAPE;
                    out.add(new Case(row[0] + "_" + m.toUpperCase() + (aa ? "" : "_NOAA"), Tensor.of(img, shape),
                            (int[]) row[2], (float[]) row[3], (float[]) row[4], (int[]) row[5], m, aa));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void valuesAndGradientsMatchJax(Case c) {
        Tensor s = c.scaleTensor();
        Tensor t = c.translationTensor();
        Tensor y;
        List<Tensor> grads;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(c.images());
            tape.watch(s);
            tape.watch(t);
            y = c.call(c.images(), s, t);
            grads = tape.gradient(Ops.sum(Ops.multiply(y, Ops16ImageTest.weights(y.shape()))),
                    List.of(c.images(), s, t));
        }
        Tensor e = golden(c.key());
        Ops13Checks.assertGolden(c.key(), y, e.shape(), e.toFloatArray(), 2e-5, 2e-6);
        String[] suffix = {"_GIMAGES", "_GSCALE", "_GTRANSLATION"};
        for (int i = 0; i < 3; i++) {
            Tensor g = golden(c.key() + suffix[i]);
            // scale's and translation's gradients sum over every weight: a looser absolute tolerance
            Ops13Checks.assertGolden(c.key() + suffix[i], grads.get(i), g.shape(), g.toFloatArray(), 1e-4,
                    i == 0 ? 1e-5 : 2e-4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaArraysGiveTheTensorFormsNumbersAndSymbolicShapes(Case c) {
        Tensor a = Ops.scaleAndTranslate(c.images(), c.outputShape(), c.scale(), c.translation(), c.dims(),
                c.method(), c.antialias());
        Tensor b = c.call(c.images(), c.scaleTensor(), c.translationTensor());
        assertThat(b.toFloatArray()).isEqualTo(a.toFloatArray());
        Tensor sym = c.call(Graph.input(c.images().shape(), "x"), Graph.input(Shape.of(c.dims().length), "s"),
                c.translationTensor());
        assertThat(sym.isSymbolic()).isTrue();
        assertThat(sym.shape()).isEqualTo(b.shape());
    }

    /**
     * Scales and translations whose sample points inside the input stay at least 0.03 from a kink (a whole number,
     * a triangle's edge, the input's edge) however a finite-difference step moves them.
     */
    @Test
    void scaleAndTranslationGradientsMatchFiniteDifferences() {
        Tensor img = OpsTesting.random(16, 2, 6, 5, 2);
        Tensor s = Tensor.of(new float[] {1.37f, 0.71f}, 2);
        Tensor t = Tensor.of(new float[] {0.23f, -0.41f}, 2);
        for (String m : METHODS) {
            for (boolean aa : new boolean[] {true, false}) {
                GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(in -> Ops.scaleAndTranslate(in.get(0),
                        new int[] {2, 8, 4, 2}, in.get(1), in.get(2), new int[] {1, 2}, m, aa), img, s, t);
            }
        }
        // three axes, one of them the batch axis
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(in -> Ops.scaleAndTranslate(in.get(0),
                new int[] {5, 4, 3}, in.get(1), in.get(2), new int[] {0, 1, 2}, "cubic", true),
                OpsTesting.random(17, 4, 5, 3), Tensor.of(new float[] {1.21f, 0.83f, 1.07f}, 3),
                Tensor.of(new float[] {0.31f, -0.17f, 0.09f}, 3));
    }

    @Test
    void onlyTheWatchedArgumentsGetGradientsAndAnEmptySetOfAxesGetsAnEmptyOne() {
        Tensor img = OpsTesting.random(3, 2, 6, 5, 2);
        Tensor s = Tensor.of(new float[] {1.37f, 0.71f}, 2);
        Tensor t = Tensor.of(new float[] {0.23f, -0.41f}, 2);
        Tensor gs;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(s);
            gs = tape.gradient(Ops.sum(Ops.scaleAndTranslate(img, new int[] {2, 8, 4, 2}, s, t, new int[] {1, 2},
                    "linear")), s);
        }
        assertThat(gs.shape()).isEqualTo(Shape.of(2));
        assertThat(gs.toFloatArray()).doesNotContain(0f);
        Tensor none = Tensor.of(new float[0], 0);
        List<Tensor> g;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(img);
            tape.watch(none);
            Tensor y = Ops.scaleAndTranslate(img, new int[] {2, 6, 5, 2}, none, none, new int[0], "linear");
            assertThat(y.toFloatArray()).isEqualTo(img.toFloatArray());
            g = tape.gradient(Ops.sum(y), List.of(img, none));
        }
        assertThat(g.get(0).toFloatArray()).containsOnly(1f);
        assertThat(g.get(1).shape()).isEqualTo(Shape.of(0));
    }

    @Test
    void trainableVariablesAreDifferentiatedWithoutBeingWatched() {
        Tensor img = OpsTesting.random(8, 2, 6, 5, 2);
        Variable s = new Variable(Tensor.of(new float[] {1.37f, 0.71f}, 2), "scale", true);
        Variable t = new Variable(Tensor.of(new float[] {0.23f, -0.41f}, 2), "translation", true);
        List<Tensor> g;
        try (GradientTape tape = GradientTape.record()) {
            g = tape.gradient(Ops.sum(Ops.scaleAndTranslate(img, new int[] {2, 8, 4, 2}, s, t, new int[] {1, 2},
                    "cubic")), List.of(s, t));
        }
        Tensor sc = Tensor.of(new float[] {1.37f, 0.71f}, 2);
        Tensor tr = Tensor.of(new float[] {0.23f, -0.41f}, 2);
        List<Tensor> expected;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(sc);
            tape.watch(tr);
            expected = tape.gradient(Ops.sum(Ops.scaleAndTranslate(img, new int[] {2, 8, 4, 2}, sc, tr,
                    new int[] {1, 2}, "cubic")), List.of(sc, tr));
        }
        assertThat(g.get(0).toFloatArray()).isEqualTo(expected.get(0).toFloatArray()).doesNotContain(0f);
        assertThat(g.get(1).toFloatArray()).isEqualTo(expected.get(1).toFloatArray()).doesNotContain(0f);
    }

    @Test
    void aSecondDerivativeThroughScaleIsANamedErrorNotAZero() {
        Tensor img = OpsTesting.random(4, 2, 6, 5, 2);
        Tensor s = Tensor.of(new float[] {1.37f, 0.71f}, 2);
        Tensor t = Tensor.of(new float[] {0.23f, -0.41f}, 2);
        assertThatThrownBy(() -> {
            try (GradientTape outer = GradientTape.record()) {
                outer.watch(s);
                try (GradientTape inner = GradientTape.record()) {
                    inner.watch(img);
                    inner.watch(s);
                    Tensor y = Ops.scaleAndTranslate(img, new int[] {2, 8, 4, 2}, s, t, new int[] {1, 2}, "cubic");
                    inner.gradient(Ops.sum(Ops.square(y)), img);
                }
            }
        }).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("scale_and_translate")
                .hasMessageContaining("second derivative");
        // the images' second derivative with constant (unwatched) scale and translation still works
        GradientCheck.of().eps(1e-3).tolerance(2e-2, 2e-3).verify(in -> OpsTesting.innerGradient(
                v -> Ops.square(Ops.scaleAndTranslate(v, new int[] {2, 8, 4, 2}, s, t, new int[] {1, 2}, "cubic")),
                in.get(0)), img);
    }

    @Test
    void badScaleOrTranslationNamesTheOpTheArgumentAndTheShapes() {
        Tensor img = OpsTesting.random(5, 2, 6, 5, 2);
        Tensor ok = Tensor.of(new float[] {1f, 1f}, 2);
        int[] out = {2, 6, 5, 2};
        int[] dims = {1, 2};
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, Tensor.of(new float[] {1f, 1f, 1f}, 3), ok, dims,
                "linear")).isInstanceOf(ShapeException.class).hasMessageContaining("scale_and_translate: scale must "
                + "have shape (2,)").hasMessageContaining("[1, 2]").hasMessageContaining("got shape (3,)");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, ok, Tensor.of(new float[] {0f, 0f}, 1, 2), dims,
                "linear")).isInstanceOf(ShapeException.class).hasMessageContaining("translation must have shape "
                + "(2,)").hasMessageContaining("got shape (1, 2)");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, Tensor.scalar(1f), ok, dims, "linear"))
                .isInstanceOf(ShapeException.class).hasMessageContaining("scale must have shape (2,)");
        // symbolic: a batch of scales (Keras has no batched form) fails when traced
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, Input.of("s", 2), ok, dims, "linear"))
                .isInstanceOf(ShapeException.class).hasMessageContaining("got shape (None, 2)");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, null, ok, dims, "linear"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale must not be null");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, out, ok, ok, dims, "nearest"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("method");
        assertThatThrownBy(() -> Ops.scaleAndTranslate(img, new int[] {2, 6, 5}, ok, ok, dims, "linear"))
                .isInstanceOf(ShapeException.class).hasMessageContaining("output_shape");
    }

    /** A model whose scale and translation are slices of its second input, as the Keras file's. */
    private static Model slicedParameters() {
        Tensor img = Input.of("img", 6, 5, 2);
        Tensor p = Input.of("p", 4);
        Tensor s = Ops.getItem(p, "0, :2");
        Tensor t = Ops.getItem(p, "0, 2:");
        Tensor y = Ops.scaleAndTranslate(img, new int[] {2, 9, 4, 2}, s, t, new int[] {1, 2}, "cubic");
        return Model.of(List.of(img, p), List.of(y), "sliced");
    }

    @Test
    void aTracedTensorFormSavesAsKerasWritesItAndReloads(@TempDir Path dir) {
        Model m = slicedParameters();
        String json = KerasConfig.modelToJson(m);
        // scale and translation are tensor references after output_shape, as in Keras's own node
        assertThat(json).containsPattern("\"class_name\": ?\"ScaleAndTranslate\"");
        assertThat(json).containsPattern("\\[2, ?9, ?4, ?2\\], ?\\{\"class_name\": ?\"__keras_tensor__\"");
        Tensor img = OpsTesting.random(6, 2, 6, 5, 2);
        Tensor p = Tensor.of(new float[] {1.6f, 0.7f, 0.4f, -0.3f, 1f, 1f, 0f, 0f}, 2, 4);
        Tensor expected = Ops.scaleAndTranslate(img, new int[] {2, 9, 4, 2}, new float[] {1.6f, 0.7f},
                new float[] {0.4f, -0.3f}, new int[] {1, 2}, "cubic");
        assertThat(m.predict(List.of(img, p)).get(0).toFloatArray()).isEqualTo(expected.toFloatArray());
        Path file = dir.resolve("sliced.keras");
        Saving.saveModel(m, file);
        Strata.clearSession();
        Model back = Saving.loadModel(file);
        assertThat(back.predict(List.of(img, p)).get(0).toFloatArray()).isEqualTo(expected.toFloatArray());
        assertThat(KerasConfig.modelToJson(back)).isEqualTo(json);
    }

    @Test
    void trainsTheScaleThroughAFunctionalModel() {
        // the parameters come from an input, so the gradient reaches it through the replayed graph
        Tensor img = Input.of("img", 6, 5, 2);
        Tensor p = Input.of("p", 4);
        Tensor y = Ops.scaleAndTranslate(img, new int[] {2, 8, 4, 2}, Ops.getItem(p, "0, :2"),
                Ops.getItem(p, "0, 2:"), new int[] {1, 2}, "lanczos3", false);
        Model m = Model.of(List.of(img, p), List.of(y), "grad");
        Tensor x = OpsTesting.random(7, 2, 6, 5, 2);
        Tensor pv = Tensor.of(new float[] {1.37f, 0.71f, 0.23f, -0.41f, 0f, 0f, 0f, 0f}, 2, 4);
        Tensor viaModel;
        Tensor direct;
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(pv);
            viaModel = tape.gradient(Ops.sum(m.apply(List.of(x, pv)).get(0)), pv);
        }
        Tensor s = Tensor.of(new float[] {1.37f, 0.71f}, 2);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(s);
            direct = tape.gradient(Ops.sum(Ops.scaleAndTranslate(x, new int[] {2, 8, 4, 2}, s,
                    Tensor.of(new float[] {0.23f, -0.41f}, 2), new int[] {1, 2}, "lanczos3", false)), s);
        }
        float[] g = viaModel.toFloatArray();
        assertThat(new float[] {g[0], g[1]}).isEqualTo(direct.toFloatArray());
        assertThat(new float[] {g[4], g[5], g[6], g[7]}).containsOnly(0f);
    }

    /** Python Keras's file: tensor scale and translation from an input, and a numpy scale with a list translation. */
    @Test
    void loadsKerassFileAndPredictsKerassValuesAndSavesItAgain(@TempDir Path dir) {
        KerasOpsInterop keras = new KerasOpsInterop("ops16_scale");
        List<Tensor> inputs = List.of(keras.tensor("img", keras.shape("img_shape")),
                keras.tensor("p", keras.shape("p_shape")));
        keras.assertPredictsKeras(Saving.loadModel(keras.file()), inputs, 2e-5, 2e-6);
        keras.assertPredictsKeras(keras.savedAgain(dir), inputs, 2e-5, 2e-6);
    }
}
