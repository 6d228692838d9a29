package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's fuller keras.ops arguments, part a, against Keras 3 with the JAX backend ({@link Ops16ArgsAGolden}):
 * linspace/logspace/geomspace of tensor bounds with axis, endpoint, retstep and dtype; arange with dtype; scatter
 * with broadcast values; scatter_update's reductions; unique along an axis. Gradients against jax.grad and finite
 * differences, symbolic shapes against eager ones, and bad input.
 */
class Ops16ArgsATest {
    private static final int U = Shape.UNKNOWN;

    static float[] golden(String name) {
        try {
            return (float[]) Ops16ArgsAGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    static Shape shape(String name) {
        try {
            return Shape.of((int[]) Ops16ArgsAGolden.class.getDeclaredField(name + "_SHAPE").get(null));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden shape " + name, e);
        }
    }

    /** The golden tensor {@code name}, with its shape. */
    static Tensor g(String name) {
        return Tensor.of(golden(name).clone(), shape(name));
    }

    private static void assertKeras(String name, Tensor actual, double rtol, double atol) {
        assertGolden(name, actual, shape(name), golden(name), rtol, atol);
    }

    /** The tape's gradients of {@code sum(w · f(a, b))} with respect to a and b. */
    private static List<Tensor> gradients(BiFunction<Tensor, Tensor, Tensor> f, Tensor a, Tensor b, Tensor w) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a, b);
            List<Tensor> gr = tape.gradient(Ops.sum(Ops.multiply(f.apply(a, b), w)), List.of(a, b));
            // an input the result does not depend on (linspace's stop for one sample) has no gradient: JAX's zeros
            return List.of(gr.get(0) == null ? Tensor.zeros(a.shape()) : gr.get(0),
                    gr.get(1) == null ? Tensor.zeros(b.shape()) : gr.get(1));
        }
    }

    // ---- linspace / logspace / geomspace -------------------------------------------------------------------------

    private record Lin(String name, int num, boolean endpoint, String dtype, int axis) {
    }

    private static final List<Lin> LINSPACES = List.of(new Lin("LIN_5_AX0", 5, true, null, 0),
            new Lin("LIN_4_OPEN_AXM1", 4, false, null, -1), new Lin("LIN_4_AX1", 4, true, null, 1),
            new Lin("LIN_1", 1, true, null, 0), new Lin("LIN_1_OPEN", 1, false, null, 2),
            new Lin("LIN_0", 0, true, null, 1), new Lin("LIN_7_INT32_AX2", 7, true, "int32", 2),
            new Lin("LIN_6_UINT8_OPEN", 6, false, "uint8", 0), new Lin("LIN_5_FLOAT16_AXM2", 5, true, "float16", -2));

    @Test
    void linspaceOfTensorBoundsMatchesKerasWithItsStepAndGradients() {
        Tensor s = g("S");
        Tensor e = g("E");
        for (Lin c : LINSPACES) {
            List<Tensor> out = Ops.linspace(s, e, c.num(), c.endpoint(), true, c.dtype(), c.axis());
            assertKeras(c.name(), out.get(0), 1e-6, 1e-6);
            assertKeras(c.name() + "_STEP", out.get(1), 1e-6, 1e-7);
            assertThat(Ops.linspace(s, e, c.num(), c.endpoint(), false, c.dtype(), c.axis())).hasSize(1);
            assertThat(Ops.linspace(s, e, c.num(), c.endpoint(), c.dtype(), c.axis()).toFloatArray())
                    .containsExactly(out.get(0).toFloatArray());
            if (c.dtype() == null && c.num() > 0) {
                List<Tensor> gr = gradients((a, b) -> Ops.linspace(a, b, c.num(), c.endpoint(), null, c.axis()), s, e,
                        g(c.name() + "_W"));
                assertKeras(c.name() + "_GS", gr.get(0), 1e-5, 1e-6);
                assertKeras(c.name() + "_GE", gr.get(1), 1e-5, 1e-6);
            }
        }
        assertKeras("LIN_SCALAR_AXM1", Ops.linspace(Tensor.scalar(2), Tensor.scalar(3), 5, true, null, -1), 0, 0);
        assertKeras("LIN_SCALAR_VEC", Ops.linspace(Tensor.scalar(1), e, 3, true, null, 1), 1e-7, 0);
        assertKeras("LIN_SCALAR_VEC", Ops.linspace(Tensor.scalar(1), e, 3, true, null, 1), 1e-7, 0);
    }

    @Test
    void logspaceAndGeomspaceOfTensorBoundsMatchKerasWithGradients() {
        Tensor s = g("S");
        Tensor e = g("E");
        record Log(String name, int num, boolean endpoint, float base, String dtype, int axis) {
        }
        for (Log c : List.of(new Log("LOG_4_BASE2_AX1", 4, true, 2, null, 1), new Log("LOG_5_OPEN", 5, false, 10, null,
                0), new Log("LOG_3_BASE05_AXM1", 3, true, 0.5f, null, -1), new Log("LOG_4_INT32", 4, true, 3, "int32",
                0))) {
            assertKeras(c.name(), Ops.logspace(s, e, c.num(), c.endpoint(), c.base(), c.dtype(), c.axis()), 1e-5, 0);
            if (c.dtype() == null) {
                List<Tensor> gr = gradients((a, b) -> Ops.logspace(a, b, c.num(), c.endpoint(), c.base(), null,
                        c.axis()), s, e, g(c.name() + "_W"));
                assertKeras(c.name() + "_GS", gr.get(0), 1e-4, 1e-5);
                assertKeras(c.name() + "_GE", gr.get(1), 1e-4, 1e-5);
            }
        }
        record Geo(String name, String start, String stop, int num, boolean endpoint, String dtype, int axis) {
        }
        for (Geo c : List.of(new Geo("GEO_4_AX0", "GS", "GE", 4, true, null, 0),
                new Geo("GEO_5_OPEN_AXM1", "GS", "GE", 5, false, null, -1),
                new Geo("GEO_NEG_3_AX1", "GS_NEG", "GE_NEG", 3, true, null, 1))) {
            Tensor a = g(c.start());
            Tensor b = g(c.stop());
            assertKeras(c.name(), Ops.geomspace(a, b, c.num(), c.endpoint(), c.dtype(), c.axis()), 1e-5, 0);
            if (c.dtype() == null) {
                List<Tensor> gr = gradients((x, y) -> Ops.geomspace(x, y, c.num(), c.endpoint(), null, c.axis()), a, b,
                        g(c.name() + "_W"));
                assertKeras(c.name() + "_GS", gr.get(0), 1e-4, 1e-5);
                assertKeras(c.name() + "_GE", gr.get(1), 1e-4, 1e-5);
            }
        }
    }

    @Test
    void integerDtypesFloorTheFloatSamples() {
        // geomspace's samples meet whole numbers (8 → 1000 passes 200), where float32 pow may round either way, so
        // the integer dtype is checked against Strata's own floats rather than bit-for-bit against XLA's pow
        Tensor a = g("GS");
        Tensor b = g("GE");
        assertThat(Ops.geomspace(a, b, 4, true, "int32", 2).toFloatArray())
                .containsExactly(Ops.floor(Ops.geomspace(a, b, 4, true, null, 2)).toFloatArray());
        assertThat(Ops.geomspace(a, b, 4, true, "int32", 2).shape()).isEqualTo(Shape.of(2, 3, 4));
    }

    @Test
    void spacedGradientsMatchFiniteDifferences() {
        Tensor s = g("S");
        Tensor e = g("E");
        GradientCheck.check(in -> Ops.linspace(in.get(0), in.get(1), 5, true, null, 1), s, e);
        GradientCheck.check(in -> Ops.linspace(in.get(0), in.get(1), 4, false, true, null, -1).get(1), s, e);
        GradientCheck.check(in -> Ops.logspace(in.get(0), in.get(1), 4, false, 2, null, 2), s, e);
        GradientCheck.check(in -> Ops.geomspace(in.get(0), in.get(1), 4, true, null, -1),
                Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {3, 0.5f, 4}, 3));
        GradientCheck.check(in -> Ops.geomspace(in.get(0), in.get(1), 3, false, null, 0), g("GS_NEG"), g("GE_NEG"));
    }

    @Test
    void spacedSymbolicShapesAgreeWithEagerOnesAndReplay() {
        Tensor a = Input.of(3);
        Tensor b = Input.of(2, 3);
        Tensor lin = Ops.linspace(a, b, 4, true, null, 1);
        assertThat(lin.shape()).isEqualTo(Shape.of(U, 4, 2, 3));
        assertThat(Ops.linspace(a, b, 4, true, null, 1).shape().subShape(1, 4))
                .isEqualTo(Ops.linspace(Tensor.zeros(1, 3), Tensor.ones(1, 2, 3), 4, true, null, 1).shape()
                        .subShape(1, 4));
        assertThat(Ops.logspace(a, Tensor.scalar(1), 3, false, 2, null, -1).shape()).isEqualTo(Shape.of(U, 3, 3));
        assertThat(Ops.geomspace(Ops.add(Ops.abs(a), 1f), Tensor.scalar(10), 5, true, "int32", 0).shape())
                .isEqualTo(Shape.of(5, U, 3));
        List<Tensor> withStep = Ops.linspace(a, b, 4, false, true, null, -1);
        assertThat(withStep.get(0).shape()).isEqualTo(Shape.of(U, 2, 3, 4));
        assertThat(withStep.get(1).shape()).isEqualTo(Shape.of(U, 2, 3));
        var m = dev.strata.models.Model.of(List.of(a, b), List.of(lin, withStep.get(1)));
        Tensor xa = Ops.reshape(g("E"), 1, 3);
        Tensor xb = Ops.multiply(Tensor.ones(1, 2, 3), 2f);
        List<Tensor> ys = m.predict(List.of(xa, xb));
        assertThat(ys.get(0).toFloatArray()).containsExactly(Ops.linspace(xa, xb, 4, true, null, 1).toFloatArray());
        assertThat(ys.get(1).toFloatArray())
                .containsExactly(Ops.linspace(xa, xb, 4, false, true, null, -1).get(1).toFloatArray());
    }

    @Test
    void spacedBadInputIsNamed() {
        Tensor s = g("S");
        assertThatThrownBy(() -> Ops.linspace(s, Tensor.zeros(3, 4), 3, true, null, 0))
                .isInstanceOf(ShapeException.class)
                .hasMessage("linspace: start of shape (2, 1) and stop of shape (3, 4) do not broadcast (dimensions must "
                        + "be equal or 1, aligned from the right)");
        assertThatThrownBy(() -> Ops.logspace(s, g("E"), 3, true, 10, null, 3)).isInstanceOf(ShapeException.class)
                .hasMessage("logspace: axis 3 is out of bounds for a result of rank 3 (bounds of shape (2, 3) and the "
                        + "new axis of samples): it must be in [-3, 2]");
        assertThatThrownBy(() -> Ops.linspace(s, s, -1, true, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("linspace: num must be >= 0, got -1");
        assertThatThrownBy(() -> Ops.linspace(s, s, 3, true, "complex64", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("linspace: unsupported dtype "
                        + "'complex64'");
        assertThatThrownBy(() -> Ops.geomspace(g("GS"), Tensor.of(new float[] {1, 0, 2}, 3), 3, true, null, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("geomspace: start and stop must be non-zero, got a tensor of shape (2, 1) and a tensor of "
                        + "shape (3,)");
    }

    // ---- arange --------------------------------------------------------------------------------------------------

    @Test
    void arangeInADtypeMatchesKeras() {
        assertKeras("AR_INT32_FRAC", Ops.arange(0.5f, 5, 1.5f, "int32"), 0, 0);
        assertKeras("AR_INT32_NEG", Ops.arange(-3.7f, 2, 1.9f, "int16"), 0, 0);
        assertKeras("AR_INT32_ZERO_STEP", Ops.arange(0, 1, 0.3f, "int32"), 0, 0);
        assertKeras("AR_INT32_DOWN", Ops.arange(5.5f, 0, -2.5f, "int32"), 0, 0);
        assertKeras("AR_UINT8_WRAP", Ops.arange(-2, 3, 1, "uint8"), 0, 0);
        assertKeras("AR_INT8_WRAP", Ops.arange(250, 260, 1, "int8"), 0, 0);
        assertKeras("AR_FLOAT16", Ops.arange(0.1f, 1, 0.3f, "float16"), 0, 0);
        assertKeras("AR_BFLOAT16", Ops.arange(1, 2, 0.1f, "bfloat16"), 0, 0);
        assertKeras("AR_FLOAT32", Ops.arange(0, 1, 0.1f, "float32"), 0, 0);
        assertKeras("AR_INT64", Ops.arange(2, 9, 3, "int64"), 0, 0);
        assertKeras("AR_UINT32_EMPTY", Ops.arange(3, 1, 1, "uint32"), 0, 0);
        assertThat(Ops.arange(0, 1, 0.1f, null).toFloatArray()).containsExactly(Ops.arange(0, 1, 0.1f).toFloatArray());
        assertThatThrownBy(() -> Ops.arange(0, 3, 1, "bool")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("arange: dtype 'bool' is not allowed (JAX's arange takes integer and float types)");
        assertThatThrownBy(() -> Ops.arange(0, 3, 1, "string")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arange: unsupported dtype 'string'");
        assertThatThrownBy(() -> Ops.arange(0, 3, 0, "int32")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("arange: start, stop and step must be finite and step non-zero");
    }

    // ---- scatter / scatter_update --------------------------------------------------------------------------------

    @Test
    void scatterBroadcastsValuesAsJaxWithTheirGradient() {
        for (String name : List.of("SC_SCALAR", "SC_ROW", "SC_COLUMN", "SC_BATCHED")) {
            Tensor idx = g(name + "_INDICES");
            Tensor v = g(name + "_VALUES");
            int[] shape = shape(name).toArray();
            assertKeras(name, Ops.scatter(idx, v, shape), 1e-6, 1e-7);
            Tensor grad;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(v);
                grad = tape.gradient(Ops.sum(Ops.multiply(Ops.scatter(idx, v, shape), g(name + "_W"))), v);
            }
            assertKeras(name + "_GV", grad, 1e-6, 1e-7);
            GradientCheck.check(in -> Ops.scatter(idx, in.get(0), shape), v);
        }
        // symbolic: the shape is the given one, and a broadcast value traces
        assertThat(Ops.scatter(g("SC_IDX"), Input.of(5), 4, 5).shape()).isEqualTo(Shape.of(4, 5));
        assertThatThrownBy(() -> Ops.scatter(g("SC_IDX"), Tensor.zeros(2, 5), 4, 5)).isInstanceOf(ShapeException.class)
                .hasMessage("scatter: values of shape (2, 5) do not fit indices of shape (3, 1) into shape (4, 5): "
                        + "expected values of shape (3, 5) (indices.shape[:-1] + shape[1:]) or a shape that "
                        + "broadcasts to it");
    }

    @Test
    void scatterUpdateReductionsMatchKerasWithJaxGradients() {
        Tensor x = g("SU_X");
        Tensor idx = g("SU_IDX");
        Tensor u = g("SU_U");
        Tensor w = g("SU_W");
        for (String r : new String[] {null, "add", "max", "min", "mul"}) {
            String name = "SU_" + (r == null ? "NONE" : r.toUpperCase(java.util.Locale.ROOT));
            assertKeras(name, Ops.scatterUpdate(x, idx, u, r), 1e-6, 0);
            if (r != null) {
                // Keras lower-cases the reduction
                assertThat(Ops.scatterUpdate(x, idx, u, r.toUpperCase(java.util.Locale.ROOT)).toFloatArray())
                        .containsExactly(golden(name));
            }
            if (!"mul".equals(r)) {
                List<Tensor> gr = gradients((a, b) -> Ops.scatterUpdate(a, idx, b, r), x, u, w);
                assertKeras(name + "_GX", gr.get(0), 1e-6, 1e-7);
                assertKeras(name + "_GU", gr.get(1), 1e-6, 1e-7);
            }
        }
        Tensor uniq = g("SU_MUL_UNIQUE_IDX");
        Tensor um = g("SU_MUL_UNIQUE_U");
        assertKeras("SU_MUL_UNIQUE", Ops.scatterUpdate(x, uniq, um, "mul"), 0, 0);
        List<Tensor> gr = gradients((a, b) -> Ops.scatterUpdate(a, uniq, b, "mul"), x, um, w);
        assertKeras("SU_MUL_UNIQUE_GX", gr.get(0), 1e-6, 1e-7);
        assertKeras("SU_MUL_UNIQUE_GU", gr.get(1), 1e-6, 1e-7);
        assertKeras("SU_MAX_SCALAR", Ops.scatterUpdate(x, idx, Tensor.scalar(3), "max"), 0, 0);
        assertKeras("SU_MIN_ROW", Ops.scatterUpdate(x, idx, g("SU_ROW"), "min"), 0, 0);
    }

    @Test
    void scatterUpdateGradientsMatchFiniteDifferences() {
        // distinct values (no ties, where max/min are not differentiable), duplicates and a broadcast row
        Tensor x = GradientCheck.distinct(5, 0.05, Shape.of(4, 3)).getFirst();
        Tensor idx = Tensor.of(new float[] {0, 2, 0, -1}, 4, 1);
        Tensor u = Ops.add(GradientCheck.distinct(6, 0.05, Shape.of(4, 3)).getFirst(), 0.013f);
        for (String r : new String[] {null, "add", "max", "min", "mul"}) {
            GradientCheck.check(in -> Ops.scatterUpdate(in.get(0), idx, in.get(1), r), x, u);
            GradientCheck.check(in -> Ops.scatterUpdate(in.get(0), idx, in.get(1), r), x,
                    GradientCheck.random(7, Shape.of(3), -1, 1));
        }
        // mul with a zero update: its own gradient is the input times the others
        Tensor withZero = Tensor.of(new float[] {0, 2, -1, 3, 0.5f, 2, 1.5f, 0, 4, -2, 1, 1}, 4, 3);
        GradientCheck.check(in -> Ops.scatterUpdate(in.get(0), idx, in.get(1), "mul"), x, withZero);
    }

    @Test
    void scatterUpdateTracesWithItsReductionAndRefusesOthers() {
        Tensor in = Input.of(3);
        Tensor idx = Tensor.of(new float[] {0, 1, 1, 2}, 2, 2);
        assertThat(Ops.scatterUpdate(in, idx, Tensor.scalar(2), "MAX").shape()).isEqualTo(Shape.of(U, 3));
        assertThatThrownBy(() -> Ops.scatterUpdate(g("SU_X"), g("SU_IDX"), g("SU_U"), "mean"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scatterUpdate: invalid reduction 'mean'; supported values are null, 'add', 'max', "
                        + "'min', 'mul'");
        assertThatThrownBy(() -> Ops.scatterUpdate(g("SU_X"), g("SU_IDX"), Tensor.zeros(5, 2), "max"))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("scatterUpdate: updates of shape (5, 2) do "
                        + "not fit indices of shape (5, 1) into shape (4, 3)");
    }

    // ---- unique along an axis ------------------------------------------------------------------------------------

    @Test
    void uniqueAlongAnAxisMatchesKeras() {
        record Case(String name, String x, int axis, Integer size, Float fill) {
        }
        for (Case c : List.of(new Case("UQ_UX_AX0", "UX", 0, null, null), new Case("UQ_UX_AX1", "UX", 1, null, null),
                new Case("UQ_UX_AXM1_SIZE5", "UX", -1, 5, null), new Case("UQ_UX_AX0_SIZE2", "UX", 0, 2, null),
                new Case("UQ_UX_AX0_SIZE4_FILL", "UX", 0, 4, 9f), new Case("UQ_UN_AX1", "UN", 1, null, null),
                new Case("UQ_U3_AX1", "U3", 1, null, null), new Case("UQ_U3_AX0", "U3", 0, null, null),
                new Case("UQ_U3_AX2", "U3", 2, null, null))) {
            List<Tensor> out = Ops.unique(g(c.x()), true, true, true, true, c.axis(), c.size(), c.fill());
            assertKeras(c.name(), out.get(0), 0, 0);
            assertKeras(c.name() + "_INDEX", out.get(1), 0, 0);
            assertKeras(c.name() + "_INVERSE", out.get(2), 0, 0);
            assertKeras(c.name() + "_COUNTS", out.get(3), 0, 0);
            assertThat(Ops.unique(g(c.x()), true, false, true, false, c.axis(), c.size(), c.fill())).hasSize(2);
        }
        assertThatThrownBy(() -> Ops.unique(g("UX"), true, false, false, false, 2, null, null))
                .isInstanceOf(ShapeException.class).hasMessageStartingWith("unique: axis 2 is out of bounds");
        assertThatThrownBy(() -> Ops.unique(Input.of(3), true, false, false, false, 0, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unique: cannot be traced");
    }
}
