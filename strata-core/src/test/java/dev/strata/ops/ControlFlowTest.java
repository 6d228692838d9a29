package dev.strata.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control-flow ops: eager (a plain branch or loop the tape records) and traced (one node over sub-graphs
 * traced once), agreeing on values and gradients, with shape errors before data.
 */
class ControlFlowTest {
    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(16);
    }

    private static Tensor t(float... v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void eagerCondRunsOnlyTheChosenBranchAndDifferentiatesThroughIt() {
        Tensor x = t(1, 2, 3);
        int[] calls = new int[2];
        Tensor y = Ops.cond(Tensor.scalar(1f), () -> {
            calls[0]++;
            return Ops.square(x);
        }, () -> {
            calls[1]++;
            return Ops.negative(x);
        });
        assertThat(y.toFloatArray()).containsExactly(1, 4, 9);
        assertThat(calls).containsExactly(1, 0);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor z = Ops.cond(Tensor.scalar(0f), () -> Ops.square(x), () -> Ops.multiply(x, 3f));
            assertThat(tape.gradient(Ops.sum(z), x).toFloatArray()).containsExactly(3, 3, 3);
        }
    }

    @Test
    void tracedCondRecordsOneNodeThatRunsTheChosenBranch() {
        Tensor in = Input.of(4);
        Dense up = new Dense(3, "relu").named("up");
        Dense down = new Dense(3).named("down");
        Tensor out = Ops.cond(Ops.greater(Ops.mean(in), 0f), () -> up.apply(in), () -> down.apply(Ops.negative(in)));
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        Model model = Model.of(in, out);
        assertThat(model.layers()).extracting(l -> l.name()).contains("up", "down");
        assertThat(model.trainableWeights()).hasSize(4);

        Tensor positive = Tensor.of(new float[] {1, 2, 3, 4, 0, 1, 0, 1}, 2, 4);
        Tensor negative = Ops.negative(positive);
        assertThat(model.predict(positive).toFloatArray()).containsExactly(up.apply(positive).toFloatArray());
        assertThat(model.predict(negative).toFloatArray())
                .containsExactly(down.apply(Ops.negative(negative)).toFloatArray());
    }

    @Test
    void branchesThatReadTheSameTensorShareOneInputOfTheNode() {
        Tensor in = Input.of(4);
        Tensor h = Ops.multiply(in, 2f);
        Dense up = new Dense(3).named("up");
        Dense down = new Dense(3).named("down");
        Tensor out = Ops.cond(Ops.greater(Ops.mean(in), 0f), () -> up.apply(h), () -> down.apply(Ops.negative(h)));
        var node = dev.strata.graph.Graph.producer((dev.strata.tensor.SymbolicTensor) out).orElseThrow();
        assertThat(node.inputs()).hasSize(2); // the predicate, then h once (both branches read it)
        assertThat(node.inputs().get(1)).isSameAs(h);

        // a loop's condition and body reading the same tensor: one input after the loop variable
        Tensor limit = Ops.sum(in, new int[] {1}, true);
        Tensor looped = Ops.whileLoop(v -> Ops.less(Ops.sum(v), Ops.sum(limit)), v -> Ops.add(v, limit),
                Ops.zerosLike(in), 4);
        var loop = dev.strata.graph.Graph.producer((dev.strata.tensor.SymbolicTensor) looped).orElseThrow();
        assertThat(loop.inputs()).hasSize(2); // the loop variable, then limit once (cond and body read it)

        Model model = Model.of(List.of(in), List.of(out, looped));
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, -1, -2, -3, -4}, 2, 4);
        Tensor eager = Ops.cond(Ops.greater(Ops.mean(x), 0f), () -> up.apply(Ops.multiply(x, 2f)),
                () -> down.apply(Ops.negative(Ops.multiply(x, 2f))));
        assertThat(model.apply(List.of(x)).get(0).toFloatArray()).containsExactly(eager.toFloatArray());
    }

    @Test
    void branchesOfDifferentShapesFailBeforeData() {
        Tensor in = Input.of(4);
        assertThatThrownBy(() -> Ops.cond(Ops.greater(Ops.mean(in), 0f), () -> in, () -> Ops.sum(in, 1)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("cond: true_fn returns shape (None, 4) for output 0 but false_fn returns shape "
                        + "(None,)");
        assertThatThrownBy(() -> Ops.cond(in, () -> in, () -> in)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("'pred' must be a scalar, got shape (None, 4)");
    }

    @Test
    void eagerWhileLoopRunsUntilTheConditionFailsAndDifferentiatesThroughEveryIteration() {
        Tensor x = Tensor.scalar(3f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor y = Ops.whileLoop(v -> Ops.less(v, 100f), v -> Ops.multiply(v, 2f), x);
            assertThat(y.item()).isEqualTo(192f); // 3 * 2^6
            assertThat(tape.gradient(y, x).item()).isEqualTo(64f);
        }
        Tensor capped = Ops.whileLoop(v -> Ops.less(v, 100f), v -> Ops.multiply(v, 2f), x, 2);
        assertThat(capped.item()).isEqualTo(12f);
    }

    @Test
    void tracedWhileLoopMatchesTheEagerLoopInValuesAndGradients() {
        Tensor in = Input.of(3);
        // adaptive depth: halve the vector until its norm is below 1, counting the steps
        Tensors out = Ops.whileLoop(v -> Ops.greater(Ops.sum(Ops.square(v.get(0))), 1f),
                v -> List.of(Ops.multiply(v.get(0), 0.5f), Ops.add(v.get(1), 1f)), List.of(in, Tensor.scalar(0f)));
        assertThat(out.get(0).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        Model model = Model.of(List.of(in), List.of(out.get(0), out.get(1)));
        Tensor x = Tensor.of(new float[] {4, 0, 3}, 1, 3); // norm 5: three halvings
        Tensors got = model.apply(List.of(x)); // (the step count has no batch axis, so not predict:)
        assertThatThrownBy(() -> model.predict(List.of(x))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("predict: the model returned an output of shape () for a batch of 1 samples");
        assertThat(got.get(0).toFloatArray()).containsExactly(0.5f, 0f, 0.375f);
        assertThat(got.get(1).item()).isEqualTo(3f);
    }

    @Test
    void aBodyThatChangesALoopVariablesShapeFailsBeforeData() {
        Tensor in = Input.of(3);
        assertThatThrownBy(() -> Ops.whileLoop(v -> Ops.greater(Ops.sum(v), 0f),
                v -> Ops.concatenate(List.of(v, v), 1), in))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("while_loop: body changes the shape of loop variable 0 from (None, 3) to "
                        + "(None, 6)");
    }

    @Test
    void scanCarriesStateAndStacksOutputsEagerAndTraced() {
        Tensor xs = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        ScanResult r = Ops.scan((c, x) -> {
            Tensor next = Ops.add(c, x);
            return ScanResult.of(next, Ops.multiply(next, 10f));
        }, Tensor.zeros(2), xs);
        assertThat(r.carry().get(0).toFloatArray()).containsExactly(9, 12);
        assertThat(r.outputs().get(0).toFloatArray()).containsExactly(10, 20, 40, 60, 90, 120);
        ScanResult back = Ops.scan((c, x) -> ScanResult.of(List.of(Ops.add(c.get(0), x.get(0))),
                List.of(c.get(0))), List.of(Tensor.zeros(2)), List.of(xs), true);
        assertThat(back.outputs().get(0).toFloatArray()).containsExactly(8, 10, 5, 6, 0, 0);

        Tensor in = Input.of(3, 2); // (batch, 3, 2): scan over the batch axis
        ScanResult traced = Ops.scan((c, x) -> ScanResult.of(Ops.add(c, x), Ops.sum(x)), Tensor.zeros(3, 2), in);
        assertThat(traced.outputs().get(0).shape()).isEqualTo(Shape.of(Shape.UNKNOWN));
        Model model = Model.of(List.of(in), List.of(traced.carry().get(0), traced.outputs().get(0)));
        Tensor batch = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 1, 1, 1, 1, 1, 1}, 2, 3, 2);
        Tensors got = model.apply(List.of(batch));
        assertThat(got.get(0).toFloatArray()).containsExactly(2, 3, 4, 5, 6, 7);
        assertThat(got.get(1).toFloatArray()).containsExactly(21, 6);
    }

    @Test
    void mapForILoopSwitchAndAssociativeScan() {
        Tensor xs = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertThat(Ops.map(x -> Ops.sum(x), xs).toFloatArray()).containsExactly(3, 7, 11);
        assertThat(Ops.forILoop(0, 5, (i, v) -> Ops.add(v, i), Tensor.scalar(0f)).item()).isEqualTo(10f);
        List<java.util.function.Function<Tensors, List<Tensor>>> branches = new ArrayList<>();
        branches.add(v -> List.of(Ops.add(v.get(0), 1f)));
        branches.add(v -> List.of(Ops.multiply(v.get(0), 2f)));
        assertThat(Ops.switchCase(Tensor.scalar(1f), branches, t(3)).get(0).item()).isEqualTo(6f);
        assertThat(Ops.switchCase(Tensor.scalar(7f), branches, t(3)).get(0).item()).isEqualTo(6f); // clamped
        assertThat(Ops.switchCase(Tensor.scalar(-2f), branches, t(3)).get(0).item()).isEqualTo(4f);
        Tensor e = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7}, 7);
        assertThat(Ops.associativeScan(Ops::add, e).toFloatArray())
                .containsExactly(Ops.cumsum(e, 0).toFloatArray());
        assertThat(Ops.associativeScan(Ops::add, e, true, 0).toFloatArray())
                .containsExactly(28, 27, 25, 22, 18, 13, 7);
    }

    @Test
    void gradientsThroughTracedControlFlowMatchFiniteDifferences() {
        Tensor in = Input.of(3);
        Tensor y = Ops.whileLoop(v -> Ops.less(Ops.sum(Ops.abs(v)), 50f), v -> Ops.multiply(Ops.add(v, 1f), 1.5f), in, 10);
        Tensor z = Ops.cond(Ops.greater(Ops.sum(y), 0f), () -> Ops.square(y), () -> Ops.sin(y));
        Model model = Model.of(in, z);
        GradientCheck.check(inputs -> model.apply(inputs.get(0)), GradientCheck.random(3, Shape.of(1, 3), 0.5, 1.5));
    }
}
