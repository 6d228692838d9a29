package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control-flow ops against Keras 3 (JAX backend; {@code tools/golden/ops16_control.py}), each computed eagerly
 * and through a traced Functional model, values and gradients, plus finite-difference checks of the traced forms.
 */
class Ops16ControlGoldenTest {
    private static final Tensor X = Tensor.of(Ops16ControlGolden.X, 2, 3);
    private static final Tensor XS = Tensor.of(Ops16ControlGolden.XS, 4, 2);
    private static final Tensor E = Tensor.of(Ops16ControlGolden.E, 7);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    /** f eagerly and in a Functional model over an input of x's per-sample shape: both give Keras's values. */
    private static void both(UnaryOperator<Tensor> f, Tensor x, float[] expected, int... sampleShape) {
        assertThat(f.apply(x).toFloatArray()).as("eager").containsExactly(expected, within(1e-5f * scale(expected)));
        Tensor in = Input.of(sampleShape);
        Model model = Model.of(in, f.apply(in));
        assertThat(model.apply(x).toFloatArray()).as("traced").containsExactly(expected, within(1e-5f * scale(expected)));
    }

    /** A tolerance scale: the largest magnitude expected, at least 1 (float32 rounding grows with the values). */
    private static float scale(float[] expected) {
        float m = 1f;
        for (float v : expected) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** The gradient of sum(f(x)) eagerly and through the traced model: both give Keras's (jax.grad's). */
    private static void gradient(UnaryOperator<Tensor> f, Tensor x, float[] expected, int... sampleShape) {
        Tensor in = Input.of(sampleShape);
        Model model = Model.of(in, f.apply(in));
        for (Function<Tensor, Tensor> g : List.<Function<Tensor, Tensor>>of(f, model::apply)) {
            Tensor v = Tensor.of(x.toFloatArray(), x.shape().toArray());
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(v);
                Tensor grad = tape.gradient(Ops.sum(g.apply(v)), v);
                assertThat(grad.toFloatArray()).containsExactly(expected, within(2e-5f));
            }
        }
        GradientCheck.check(ins -> model.apply(ins.get(0)), Tensor.of(x.toFloatArray(), x.shape().toArray()));
    }

    private static Tensor condF(Tensor x) {
        return Ops.cond(Ops.greater(Ops.sum(x), 0f), () -> Ops.multiply(Ops.square(x), 2f), () -> Ops.sin(x));
    }

    @Test
    void cond() {
        both(Ops16ControlGoldenTest::condF, X, Ops16ControlGolden.COND_POS, 3);
        both(Ops16ControlGoldenTest::condF, Ops.negative(X), Ops16ControlGolden.COND_NEG, 3);
        gradient(Ops16ControlGoldenTest::condF, X, Ops16ControlGolden.COND_POS_GRAD, 3);
        gradient(Ops16ControlGoldenTest::condF, Ops.negative(X), Ops16ControlGolden.COND_NEG_GRAD, 3);
    }

    private static UnaryOperator<Tensor> switchAt(float index) {
        List<Function<Tensors, List<Tensor>>> branches = List.of(v -> List.of(Ops.add(v.get(0), 1f)),
                v -> List.of(Ops.multiply(v.get(0), 3f)), v -> List.of(Ops.exp(v.get(0))));
        // the index is computed from the input, so the traced form really is a switch node
        return x -> Ops.switchCase(Ops.add(Ops.multiply(Ops.sum(x), 0f), index), branches, x).get(0);
    }

    @Test
    void switchClampsItsIndex() {
        both(switchAt(-1), X, Ops16ControlGolden.SWITCH_M1, 3);
        both(switchAt(0), X, Ops16ControlGolden.SWITCH_0, 3);
        both(switchAt(1), X, Ops16ControlGolden.SWITCH_1, 3);
        both(switchAt(2), X, Ops16ControlGolden.SWITCH_2, 3);
        both(switchAt(5), X, Ops16ControlGolden.SWITCH_5, 3);
        gradient(switchAt(1), X, Ops16ControlGolden.SWITCH_1_GRAD, 3);
    }

    @Test
    void whileLoop() {
        UnaryOperator<Tensor> halve = x -> Ops.whileLoop(v -> Ops.greater(Ops.sum(Ops.square(v.get(0))), 1f),
                v -> List.of(Ops.multiply(v.get(0), 0.5f), Ops.add(v.get(1), 1f)), List.of(x, Tensor.scalar(0f)))
                .get(0);
        both(halve, X, Ops16ControlGolden.WHILE_VALUE, 3);
        Tensors eager = Ops.whileLoop(v -> Ops.greater(Ops.sum(Ops.square(v.get(0))), 1f),
                v -> List.of(Ops.multiply(v.get(0), 0.5f), Ops.add(v.get(1), 1f)), List.of(X, Tensor.scalar(0f)));
        assertThat(eager.get(1).item()).isEqualTo(Ops16ControlGolden.WHILE_STEPS[0]);
        UnaryOperator<Tensor> capped = x -> Ops.whileLoop(v -> Ops.greater(Ops.sum(Ops.square(v.get(0))), 1f),
                v -> List.of(Ops.multiply(v.get(0), 0.5f), Ops.add(v.get(1), 1f)), List.of(x, Tensor.scalar(0f)), 1)
                .get(0);
        both(capped, X, Ops16ControlGolden.WHILE_CAPPED, 3);
        float steps = Ops16ControlGolden.WHILE_STEPS[0];
        UnaryOperator<Tensor> tanhLoop = x -> Ops.whileLoop(v -> Ops.less(v.get(1), steps),
                v -> List.of(Ops.add(Ops.multiply(Ops.tanh(v.get(0)), 1.5f), Ops.multiply(v.get(0), 0.5f)),
                        Ops.add(v.get(1), 1f)), List.of(x, Tensor.scalar(0f))).get(0);
        both(tanhLoop, X, Ops16ControlGolden.WHILE_TANH, 3);
        gradient(tanhLoop, X, Ops16ControlGolden.WHILE_TANH_GRAD, 3);
    }

    @Test
    void forILoop() {
        both(x -> Ops.forILoop(0, 5, (i, v) -> Ops.add(Ops.multiply(v, 0.9f), Ops.multiply(i, 0.1f)), x), X,
                Ops16ControlGolden.FORI, 3);
        UnaryOperator<Tensor> sinLoop = x -> Ops.forILoop(0, 5, (i, v) -> Ops.add(Ops.sin(v), Ops.multiply(v, i)), x);
        both(sinLoop, X, Ops16ControlGolden.FORI_SIN, 3);
        gradient(sinLoop, X, Ops16ControlGolden.FORI_GRAD, 3);
    }

    private static UnaryOperator<Tensor> scanned(boolean reverse, boolean carry) {
        return xs -> {
            ScanResult r = Ops.scan((c, x) -> {
                Tensor c2 = Ops.add(Ops.multiply(c.get(0), 0.5f), x.get(0));
                return ScanResult.of(c2, Ops.multiply(Ops.tanh(c2), x.get(0)));
            }, List.of(Tensor.zeros(2)), List.of(xs), reverse);
            return carry ? r.carry().get(0) : r.outputs().get(0);
        };
    }

    @Test
    void scanForwardsAndReversed() {
        both(scanned(false, true), XS, Ops16ControlGolden.SCAN_FWD_CARRY, 2);
        both(scanned(false, false), XS, Ops16ControlGolden.SCAN_FWD_YS, 2);
        both(scanned(true, true), XS, Ops16ControlGolden.SCAN_REV_CARRY, 2);
        both(scanned(true, false), XS, Ops16ControlGolden.SCAN_REV_YS, 2);
        for (boolean reverse : new boolean[] {false, true}) {
            UnaryOperator<Tensor> total = xs -> Ops.add(Ops.sum(scanned(reverse, false).apply(xs)),
                    Ops.sum(scanned(reverse, true).apply(xs)));
            gradient(total, XS, reverse ? Ops16ControlGolden.SCAN_REV_GRAD : Ops16ControlGolden.SCAN_FWD_GRAD, 2);
        }
    }

    @Test
    void mapAndAssociativeScan() {
        both(xs -> Ops.map(r -> Ops.sum(Ops.square(r)), xs), XS, Ops16ControlGolden.MAP, 2);
        assertThat(Ops.associativeScan(Ops::add, E).toFloatArray())
                .containsExactly(Ops16ControlGolden.ASSOC_SUM, within(2e-6f));
        assertThat(Ops.associativeScan(Ops::add, E, true, 0).toFloatArray())
                .containsExactly(Ops16ControlGolden.ASSOC_SUM_REV, within(2e-6f));
        assertThat(Ops.associativeScan(Ops::maximum, E).toFloatArray())
                .containsExactly(Ops16ControlGolden.ASSOC_MAX, within(0f));
        Tensor e = Tensor.of(E.toFloatArray(), 7);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(e);
            Tensor g = tape.gradient(Ops.sum(Ops.associativeScan(Ops::multiply, e)), e);
            assertThat(g.toFloatArray()).containsExactly(Ops16ControlGolden.ASSOC_PROD_GRAD, within(2e-5f));
        }
        GradientCheck.check(in -> Ops.associativeScan(Ops::multiply, in.get(0)), Tensor.of(E.toFloatArray(), 7));
    }
}
