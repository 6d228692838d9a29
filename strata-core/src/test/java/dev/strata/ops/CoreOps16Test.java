package dev.strata.ops;

import static dev.strata.ops.Ops13Checks.assertExact;
import static dev.strata.ops.Ops13Checks.assertGolden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.AllocatedBytes;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's keras.ops.core ops against Keras 3 with the JAX backend ({@link Ops16CoreGolden}): unstack, the casts,
 * scatter, scatter_update, slice_update, vectorized_map and custom_gradient; gradients against jax.grad and finite
 * differences, symbolic shapes against eager ones, and bad input.
 */
class CoreOps16Test {
    private static final int U = Shape.UNKNOWN;

    static float[] golden(String name) {
        try {
            return (float[]) Ops16CoreGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no golden array " + name, e);
        }
    }

    private static Tensor t(float[] values, int... shape) {
        return Tensor.of(values.clone(), shape);
    }

    /** The tape's gradients of {@code sum(w · f(a, b))} with respect to a and b. */
    private static List<Tensor> gradients(BiFunction<Tensor, Tensor, Tensor> f, Tensor a, Tensor b, Tensor w) {
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(a, b);
            return tape.gradient(Ops.sum(Ops.multiply(f.apply(a, b), w)), List.of(a, b));
        }
    }

    // ---- unstack -------------------------------------------------------------------------------------------------

    @Test
    void unstackMatchesKerasOnEveryAxisWithItsGradient() {
        Tensor x = t(Ops16CoreGolden.T, 2, 3, 4);
        Tensor w = t(Ops16CoreGolden.W, 2, 3, 4);
        for (int axis : new int[] {0, 1, 2, -1}) {
            String name = ("UNSTACK_AXIS" + axis).replace("-", "M");
            List<Tensor> parts = Ops.unstack(x, null, axis);
            assertThat(parts).hasSize(x.shape().get(axis < 0 ? axis + 3 : axis));
            assertExact(name, Ops.stack(parts, 0), golden(name));
            List<Tensor> wParts = Ops.unstack(w, null, axis);
            Tensor g;
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                List<Tensor> p = Ops.unstack(x, null, axis);
                Tensor loss = Ops.add(Ops.sum(Ops.multiply(wParts.getFirst(), p.getFirst())),
                        Ops.sum(Ops.multiply(wParts.getLast(), Ops.sin(p.getLast()))));
                g = tape.gradient(loss, x);
            }
            assertGolden(name + " grad", g, x.shape(), golden(name + "_GRAD"), 1e-6, 1e-7);
        }
        assertThat(Ops.unstack(x)).hasSize(2);
        assertThat(Ops.unstack(x).getFirst().shape()).isEqualTo(Shape.of(3, 4));
    }

    @Test
    void unstackGradientsMatchFiniteDifferencesToSecondOrder() {
        Tensor x = GradientCheck.random(3, Shape.of(2, 3, 4), -1, 1);
        GradientCheck.check(in -> {
            List<Tensor> p = Ops.unstack(in.getFirst(), 3, 1);
            return Ops.add(Ops.multiply(p.get(0), p.get(2)), Ops.square(p.get(2)));
        }, x);
        GradientCheck.check(in -> Ops.stack(Ops.unstack(in.getFirst(), null, -1), 0), x);
        // the rule is itself differentiable (its buffer's gradient is unstack again)
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> {
            List<Tensor> p = Ops.unstack(v, null, 0);
            return Ops.multiply(p.get(0), Ops.square(p.get(1)));
        }, in.getFirst()), x);
    }

    @Test
    void unstackSymbolicShapesAgreeWithEagerAndBadArgumentsFail() {
        List<Tensor> sym = Ops.unstack(OpsTesting.input(U, 3, 4), null, 1);
        assertThat(sym).hasSize(3);
        assertThat(sym.getFirst().shape()).isEqualTo(Shape.of(U, 4));
        assertThat(Ops.unstack(Tensor.zeros(5, 3, 4), null, 1).getFirst().shape()).isEqualTo(Shape.of(5, 4));
        assertThat(Ops.unstack(OpsTesting.input(U, 3), 2, 0)).hasSize(2).allMatch(p -> p.shape().equals(Shape.of(3)));
        assertThatThrownBy(() -> Ops.unstack(OpsTesting.input(U, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("unstack").hasMessageContaining("num");
        assertThatThrownBy(() -> Ops.unstack(Tensor.zeros(2, 3), null, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("axis 2").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.unstack(Tensor.zeros(2, 3), 4, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("num = 4");
        assertThatThrownBy(() -> Ops.unstack(Tensor.scalar(1f))).isInstanceOf(ShapeException.class);
    }

    /** Forward and gradient of a loss that uses every step of a (steps, 64) sequence, taken apart by {@code split}. */
    private static long stepwiseGradientBytes(int steps, Function<Tensor, List<Tensor>> split) {
        Tensor x = GradientCheck.random(steps, Shape.of(steps, 64), -1, 1);
        return AllocatedBytes.during(() -> {
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(x);
                Tensor loss = Tensor.scalar(0f);
                for (Tensor step : split.apply(x)) {
                    loss = Ops.add(loss, Ops.sum(Ops.square(step)));
                }
                tape.gradient(loss, x);
            }
        });
    }

    @Test
    void unstackGradientCostIsLinearInTheNumberOfSteps() {
        Function<Tensor, List<Tensor>> unstack = x -> Ops.unstack(x, null, 0);
        Function<Tensor, List<Tensor>> slices = x -> {
            List<Tensor> out = new ArrayList<>();
            for (int i = 0; i < x.shape().get(0); i++) {
                out.add(Ops.slice(x, new int[] {i, 0}, new int[] {1, 64}));
            }
            return out;
        };
        stepwiseGradientBytes(50, unstack); // warm up
        stepwiseGradientBytes(50, slices);
        long small = stepwiseGradientBytes(100, unstack);
        long large = stepwiseGradientBytes(400, unstack);
        long sequenceBytes = 400L * 64 * 4;
        // linear: 4x the steps costs about 4x; a slice per step gives back one sequence-sized gradient per step (16x)
        assertThat((double) large / small).as("allocation ratio for 4x the steps").isLessThan(6.5);
        assertThat(large).as("bytes for 400 steps").isLessThan(100 * sequenceBytes);
        // the measure sees the quadratic cost where it is: a slice per step
        assertThat(stepwiseGradientBytes(400, slices)).isGreaterThan(300 * sequenceBytes);
    }

    // ---- cast, saturate_cast, convert_to_tensor, shape, dtype ------------------------------------------------------

    @Test
    void castsMatchJaxForEveryDtype() {
        Tensor x = t(Ops16CoreGolden.X, Ops16CoreGolden.X.length);
        for (String d : Cast.DTYPES) {
            assertExact("cast " + d, Ops.cast(x, d), golden("CAST_" + d.toUpperCase()));
            assertExact("saturate_cast " + d, Ops.saturateCast(x, d), golden("SATURATE_" + d.toUpperCase()));
        }
        assertExact("convert_to_tensor bfloat16", Ops.convertToTensor(x, "bfloat16"), golden("CAST_BFLOAT16"));
        assertExact("convert_to_tensor", Ops.convertToTensor(x), Ops16CoreGolden.X);
    }

    @Test
    void castGradientsAreJaxs() {
        Tensor x = t(Ops16CoreGolden.XG, 8);
        Tensor w = t(Ops16CoreGolden.WG, 8);
        for (String d : List.of("float16", "bfloat16", "float32", "int32", "bool")) {
            String u = d.toUpperCase();
            assertExact("d cast " + d, Ops13Checks.gradient(v -> Ops.cast(v, d), x, w), golden("CAST_GRAD_" + u));
            assertExact("d saturate_cast " + d, Ops13Checks.gradient(v -> Ops.saturateCast(v, d), x, w),
                    golden("SATURATE_GRAD_" + u));
        }
        Tensor y = GradientCheck.random(4, Shape.of(3, 4), -2, 2);
        GradientCheck.check(in -> Ops.cast(in.getFirst(), "float32"), y);
        GradientCheck.check(in -> Ops.convertToTensor(in.getFirst()), y);
        GradientCheck.check(in -> Ops.saturateCast(Ops.multiply(in.getFirst(), 1e5f), "float16"), y);
    }

    @Test
    void castShapesTheJavaFormsAndErrors() {
        Tensor sym = OpsTesting.input(U, 3);
        assertThat(Ops.cast(sym, "int8").shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.saturateCast(sym, "uint8").shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.convertToTensor(sym, "float16").shape()).isEqualTo(Shape.of(U, 3));
        assertThatThrownBy(() -> Ops.cast(Tensor.zeros(2), "complex64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cast").hasMessageContaining("complex64").hasMessageContaining("int8");
        assertThatThrownBy(() -> Ops.saturateCast(sym, "float8_e4m3fn"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("saturateCast");

        float[] values = {1, 2, 3, 4, 5, 6};
        Tensor made = Ops.convertToTensor(values, 2, 3);
        values[0] = 99;
        assertThat(made.toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        float[] back = Ops.convertToNumpy(made);
        back[1] = 99;
        assertThat(made.toFloatArray()[1]).isEqualTo(2f);
        assertThatThrownBy(() -> Ops.convertToNumpy(sym)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("symbolic");
        assertThat(Ops.isTensor(made)).isTrue();
        assertThat(Ops.isTensor(sym)).isFalse();
        assertThat(Ops.isTensor(values)).isFalse();
        assertThat(Ops.shape(sym)).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.dtype(made)).isEqualTo("float32");
        assertThat(Ops.dtype(Ops.cast(made, "int32"))).isEqualTo("float32");
    }

    // ---- scatter, scatter_update, slice_update ---------------------------------------------------------------------

    @Test
    void scatterAddsDuplicatesDropsOutOfBoundsRowsAndMatchesKeras() {
        Tensor i1 = t(Ops16CoreGolden.SI1, 6, 1);
        Tensor v1 = t(Ops16CoreGolden.SV1, 6, 3);
        assertGolden("scatter k=1", Ops.scatter(i1, v1, 4, 3), Shape.of(4, 3), Ops16CoreGolden.SCATTER1, 1e-6, 0);
        assertExact("d scatter k=1", Ops13Checks.gradient(v -> Ops.scatter(i1, v, 4, 3), v1,
                t(Ops16CoreGolden.SW1, 4, 3)), Ops16CoreGolden.SCATTER1_GRAD);
        Tensor i2 = t(Ops16CoreGolden.SI2, 5, 2);
        Tensor v2 = t(Ops16CoreGolden.SV2, 5, 2);
        assertGolden("scatter k=2", Ops.scatter(i2, v2, 2, 3, 2), Shape.of(2, 3, 2), Ops16CoreGolden.SCATTER2, 1e-6,
                0);
        assertExact("d scatter k=2", Ops13Checks.gradient(v -> Ops.scatter(i2, v, 2, 3, 2), v2,
                t(Ops16CoreGolden.SW2, 2, 3, 2)), Ops16CoreGolden.SCATTER2_GRAD);
        GradientCheck.check(in -> Ops.scatter(i1, in.getFirst(), 4, 3), v1);
        GradientCheck.check(in -> OpsTesting.innerGradient(v -> Ops.square(Ops.scatter(i2, v, 2, 3, 2)),
                in.getFirst()), v2);
    }

    @Test
    void scatterUpdateOverwritesLastWriteWinsAndAddsLikeKeras() {
        Tensor x = t(Ops16CoreGolden.UX, 4, 3);
        Tensor w = t(Ops16CoreGolden.UW, 4, 3);
        Tensor[][] cases = {{t(Ops16CoreGolden.UI, 5, 2), t(Ops16CoreGolden.UU, 5)},
            {t(Ops16CoreGolden.UIR, 3, 1), t(Ops16CoreGolden.UUR, 3, 3)}};
        String[] suffixes = {"", "_ROWS"};
        for (int c = 0; c < 2; c++) {
            Tensor idx = cases[c][0];
            Tensor upd = cases[c][1];
            for (String red : new String[] {null, "add"}) {
                String name = "SCATTER_UPDATE" + suffixes[c] + (red == null ? "" : "_ADD");
                BiFunction<Tensor, Tensor, Tensor> f = (a, u) -> Ops.scatterUpdate(a, idx, u, red);
                assertExact(name, f.apply(x, upd), golden(name));
                List<Tensor> g = gradients(f, x, upd, w);
                assertExact(name + " d inputs", g.get(0), golden(name + "_GRAD_INPUTS"));
                assertExact(name + " d updates", g.get(1), golden(name + "_GRAD_UPDATES"));
                GradientCheck.check(in -> f.apply(in.get(0), in.get(1)), x, upd);
            }
        }
        assertExact("three-argument form", Ops.scatterUpdate(x, cases[0][0], cases[0][1]),
                Ops16CoreGolden.SCATTER_UPDATE);
    }

    @Test
    void sliceUpdateClampsItsStartAsJaxAndMatchesKeras() {
        Tensor x = t(Ops16CoreGolden.LX, 4, 5);
        Tensor u = t(Ops16CoreGolden.LU, 2, 3);
        Tensor w = t(Ops16CoreGolden.LW, 4, 5);
        int[][] starts = {{1, 2}, {3, 4}, {-1, 0}, {0, 0}};
        String[] names = {"1_2", "3_4", "M1_0", "0_0"};
        for (int i = 0; i < starts.length; i++) {
            int[] start = starts[i];
            String name = "SLICE_UPDATE_" + names[i];
            BiFunction<Tensor, Tensor, Tensor> f = (a, b) -> Ops.sliceUpdate(a, start, b);
            assertExact(name, f.apply(x, u), golden(name));
            List<Tensor> g = gradients(f, x, u, w);
            assertExact(name + " d inputs", g.get(0), golden(name + "_GRAD_INPUTS"));
            assertExact(name + " d updates", g.get(1), golden(name + "_GRAD_UPDATES"));
        }
        GradientCheck.check(in -> Ops.sliceUpdate(in.get(0), new int[] {1, 1}, Ops.square(in.get(1))), x, u);
        assertExact("tensor start", Ops.sliceUpdate(x, Tensor.of(new float[] {1, 2}, 2), u),
                Ops16CoreGolden.SLICE_UPDATE_1_2);
    }

    @Test
    void scatterOpsSymbolicShapesAndBadInput() {
        Tensor idx = Tensor.of(new float[] {0, 2, 1}, 3, 1);
        assertThat(Ops.scatter(idx, OpsTesting.input(3, 5), 4, 5).shape()).isEqualTo(Shape.of(4, 5));
        assertThat(Ops.scatterUpdate(OpsTesting.input(U, 4), idx, OpsTesting.input(3, 4)).shape())
                .isEqualTo(Shape.of(U, 4));
        assertThat(Ops.sliceUpdate(OpsTesting.input(U, 5), new int[] {0, 1}, OpsTesting.input(U, 2)).shape())
                .isEqualTo(Shape.of(U, 5));

        assertThatThrownBy(() -> Ops.scatter(Tensor.of(new float[] {0.5f}, 1, 1), Tensor.zeros(1, 3), 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole numbers")
                .hasMessageContaining("scatter");
        assertThatThrownBy(() -> Ops.scatter(idx, Tensor.zeros(3, 4), 4, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(3, 4)").hasMessageContaining("(3, 3)");
        assertThatThrownBy(() -> Ops.scatter(Tensor.zeros(2, 3), Tensor.zeros(2), 4, 3))
                .isInstanceOf(ShapeException.class).hasMessageContaining("k");
        // "max" is now computed (Ops16ArgsATest); a reduction Keras lacks is still refused
        assertThatThrownBy(() -> Ops.scatterUpdate(Tensor.zeros(4, 3), idx, Tensor.zeros(3, 3), "mean"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mean'");
        // updates (3,) would broadcast to the blocks (3, 3), as JAX's; (2,) does not
        assertThatThrownBy(() -> Ops.scatterUpdate(Tensor.zeros(4, 3), idx, Tensor.zeros(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("updates");
        assertThatThrownBy(() -> Ops.sliceUpdate(Tensor.zeros(4, 3), new int[] {0, 0}, Tensor.zeros(5, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(5, 1)").hasMessageContaining("(4, 3)");
        assertThatThrownBy(() -> Ops.sliceUpdate(Tensor.zeros(4, 3), new int[] {0}, Tensor.zeros(1, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("start_indices");
        assertThatThrownBy(() -> Ops.sliceUpdate(Tensor.zeros(4, 3), new int[] {0, 0}, Tensor.zeros(2)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("rank");
    }

    // ---- vectorized_map, custom_gradient ---------------------------------------------------------------------------

    private static Tensor mapped(Tensor e) {
        return Ops.multiply(Ops.tanh(Ops.matmul(e, Tensor.of(Ops16CoreGolden.M.clone(), 4, 2))), Ops.sum(e));
    }

    @Test
    void vectorizedMapMatchesKerasWithGradientsAndTraces() {
        Tensor x = t(Ops16CoreGolden.T, 2, 3, 4);
        assertGolden("vectorized_map", Ops.vectorizedMap(CoreOps16Test::mapped, x), Shape.of(2, 3, 2),
                Ops16CoreGolden.VMAP, 1e-5, 1e-6);
        assertGolden("d vectorized_map", Ops13Checks.gradient(v -> Ops.vectorizedMap(CoreOps16Test::mapped, v), x,
                t(Ops16CoreGolden.VW, 2, 3, 2)), Shape.of(2, 3, 4), Ops16CoreGolden.VMAP_GRAD, 1e-5, 1e-6);
        GradientCheck.check(in -> Ops.vectorizedMap(CoreOps16Test::mapped, in.getFirst()), x);
        Tensor two = Ops.vectorizedMap(l -> Ops.multiply(l.get(0), l.get(1)), List.of(x, Ops.square(x)));
        assertThat(two.toFloatArray()).containsExactly(Ops.multiply(x, Ops.square(x)).toFloatArray());

        Tensor sym = Ops.vectorizedMap(CoreOps16Test::mapped, OpsTesting.input(U, 3, 4));
        assertThat(sym.shape()).isEqualTo(Shape.of(U, 3, 2));
        assertThatThrownBy(() -> Ops.vectorizedMap(e -> Ops.reshape(e, -1), Tensor.scalar(1f)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("vectorizedMap");
        assertThatThrownBy(() -> Ops.vectorizedMap(l -> l.get(0), List.of(Tensor.zeros(2, 3), Tensor.zeros(3, 3))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("leading length");
    }

    /** Keras's own example: log(1 + e^x) with the stable gradient {@code upstream·(1 - 1/(1 + e^x))}. */
    static final CustomGradient LOG1PEXP = args -> {
        Tensor e = Ops.exp(args[0]);
        return CustomGradient.result(Ops.log(Ops.add(e, 1f)), upstream -> new Tensor[] {Ops.multiply(upstream,
                Ops.subtract(Tensor.scalar(1f), Ops.divide(Tensor.scalar(1f), Ops.add(e, 1f))))});
    };

    /** The identity, with the gradient clipped to [-0.5, 0.5]: a custom rule that differs from the true one. */
    static final CustomGradient CLIP_GRAD = args -> CustomGradient.result(Ops.multiply(args[0], 1f),
            upstream -> new Tensor[] {Ops.clip(upstream, -0.5f, 0.5f)});

    @Test
    void customGradientIsWhatTheTapeReturns() {
        Tensor x = t(Ops16CoreGolden.CX, 8);
        Tensor w = t(Ops16CoreGolden.CW, 8);
        CustomGradient.Function log1pexp = Ops.customGradient(LOG1PEXP);
        assertGolden("log1pexp", log1pexp.apply(x), Shape.of(8), Ops16CoreGolden.LOG1PEXP, 1e-6, 1e-6);
        // at x = 100 the forward's own gradient is NaN (inf/inf); the custom one is what comes back
        assertGolden("d log1pexp", Ops13Checks.gradient(log1pexp::apply, x, w), Shape.of(8),
                Ops16CoreGolden.LOG1PEXP_GRAD, 1e-6, 1e-7);
        assertExact("d clip_grad", Ops13Checks.gradient(Ops.customGradient(CLIP_GRAD)::apply, x, w),
                Ops16CoreGolden.CLIP_GRAD);

        // two arguments: x·y with the gradients swapped in size (2·upstream·y, none for y)
        CustomGradient.Function product = Ops.customGradient(a -> CustomGradient.result(Ops.multiply(a[0], a[1]),
                g -> new Tensor[] {Ops.multiply(Ops.multiply(g, a[1]), 2f), null}));
        Tensor y = Tensor.of(new float[] {3, -1}, 2);
        Tensor z = Tensor.of(new float[] {0.5f, 4}, 2);
        List<Tensor> g = gradients(product::apply, y, z, Tensor.ones(Shape.of(2)));
        assertThat(g.get(0).toFloatArray()).containsExactly(1f, 8f);
        assertThat(g.get(1)).isNull();

        CustomGradient.Function wrongCount = Ops.customGradient(a -> CustomGradient.result(Ops.square(a[0]),
                up -> new Tensor[] {up, up}));
        assertThatThrownBy(() -> Ops13Checks.gradient(wrongCount::apply, y, Tensor.ones(Shape.of(2))))
                .hasMessageContaining("customGradient").hasMessageContaining("2 gradient(s) for 1 argument(s)");
        CustomGradient.Function wrongShape = Ops.customGradient(a -> CustomGradient.result(Ops.sum(a[0]),
                up -> new Tensor[] {up}));
        assertThatThrownBy(() -> Ops13Checks.gradient(wrongShape::apply, y, Tensor.scalar(1f)))
                .hasMessageContaining("customGradient").hasMessageContaining("shape");
    }

    // ---- linalg.jvp ----------------------------------------------------------------------------------------------

    @Test
    void jvpMatchesJaxAndFiniteDifferences() {
        Tensor x = t(Ops16CoreGolden.JX, 2, 3);
        Tensor w = t(Ops16CoreGolden.JW, 3, 2);
        Tensor tx = t(Ops16CoreGolden.JTX, 2, 3);
        Tensor tw = t(Ops16CoreGolden.JTW, 3, 2);
        Function<List<Tensor>, Tensor> f = in -> Ops.multiply(Ops.tanh(Ops.matmul(in.get(0), in.get(1))),
                Ops.sum(in.get(0)));
        List<Tensor> r = dev.strata.autodiff.Jvp.jvp(f, List.of(x, w), List.of(tx, tw));
        assertGolden("jvp primal", r.get(0), Shape.of(2, 2), Ops16CoreGolden.JVP_PRIMAL, 1e-6, 1e-6);
        assertGolden("jvp tangent", r.get(1), Shape.of(2, 2), Ops16CoreGolden.JVP_TANGENT, 1e-5, 1e-5);
        // the directional derivative by central differences, along (tx, tw)
        float h = 1e-2f;
        Tensor plus = f.apply(List.of(Ops.add(x, Ops.multiply(tx, h)), Ops.add(w, Ops.multiply(tw, h))));
        Tensor minus = f.apply(List.of(Ops.subtract(x, Ops.multiply(tx, h)), Ops.subtract(w, Ops.multiply(tw, h))));
        assertGolden("jvp by differences", r.get(1), Shape.of(2, 2),
                Ops.divide(Ops.subtract(plus, minus), 2 * h).toFloatArray(), 1e-2, 1e-2);
        // an op whose rule is zero (floor) and an output that ignores an input: zero tangents, not null
        List<Tensor> z = dev.strata.autodiff.Jvp.jvp(in -> Ops.floor(in.get(0)), List.of(x), List.of(tx));
        assertThat(z.get(1).toFloatArray()).containsOnly(0f);
        assertThatThrownBy(() -> dev.strata.autodiff.Jvp.jvp(f, List.of(x, w), List.of(tx)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jvp");
        assertThatThrownBy(() -> dev.strata.autodiff.Jvp.jvp(f, List.of(x, w), List.of(tx, tx)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tangent 1");
    }
}
