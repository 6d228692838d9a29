package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.ops.ScanResult;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graphs with control-flow nodes save and load: the branches and loop bodies as sub-graphs of the op's entry, the
 * layers they call among the model's layers (weights included), the same predictions after loading.
 */
class ControlFlowSavingTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(7);
    }

    @Test
    void aFunctionalModelWithCondWhileAndScanSavesAndLoads() {
        Tensor in = Input.of("x", 4);
        Dense up = new Dense(4, "tanh").named("up");
        Dense down = new Dense(4).named("down");
        Dense head = new Dense(2).named("head");
        Tensor h = Ops.cond(Ops.greater(Ops.mean(in), 0f), () -> up.apply(in), () -> down.apply(in));
        Tensor looped = Ops.whileLoop(v -> Ops.less(Ops.sum(Ops.abs(v)), 20f), v -> Ops.multiply(up.apply(v), 3f), h, 5);
        ScanResult s = Ops.scan((c, x) -> ScanResult.of(Ops.add(c, x), Ops.square(x)), Tensor.zeros(4), looped);
        Tensor out = head.apply(Ops.add(looped, Ops.multiply(s.outputs().get(0), 0.1f)));
        Model model = Model.of(in, out);
        Tensor x = Tensor.of(new float[] {0.5f, -1, 2, 0.25f, -1, -2, -0.5f, 0.1f, 0.3f, 0.3f, 0.3f, 0.3f}, 3, 4);
        Tensor expected = model.apply(x);

        Path file = dir.resolve("control_flow.keras");
        model.save(file);
        Model loaded = Saving.loadModel(file);
        assertThat(loaded.layers()).extracting(l -> l.name()).contains("up", "down", "head");
        assertThat(loaded.trainableWeights()).hasSize(6);
        assertThat(loaded.apply(x).toFloatArray()).containsExactly(expected.toFloatArray());
        String config = dev.strata.internal.io.KerasArchive.read(file).configJson();
        assertThat(config).contains("strata.ops.control_flow", "WhileLoop", "Cond", "Scan", "__layer__");
        // both branches of the cond read x: the call passes it once, and each branch names that one input
        assertThat(config).containsPattern("\"subgraph_captures\":\\s*\\[\\[0\\],\\s*\\[0\\]\\]");
    }

    /** A value-dependent branch in a subclassed call(): it traces, summarizes and saves. */
    static final class Gated extends Model {
        private final Dense small = new Dense(3, "relu");
        private final Dense large = new Dense(3, "tanh");

        @Override
        protected Tensor call(Tensor x) {
            return Ops.cond(Ops.greater(Ops.max(x), 1f), () -> large.apply(x), () -> small.apply(x));
        }
    }

    @Test
    void aSubclassedModelWithAValueDependentBranchTracesSummarizesAndReloads() {
        Gated model = new Gated();
        model.buildForSamples(dev.strata.tensor.Shape.of(2));
        List<String> lines = new ArrayList<>();
        Consumer<String> print = lines::add;
        model.summary(print);
        String summary = String.join("\n", lines);
        assertThat(summary).contains("cond (Cond)", "greater[0][0]", "inside cond").contains("(true_fn)", "(false_fn)")
                .doesNotContain("could not be traced", "?");
        Tensor x = Tensor.of(new float[] {0.5f, 0.2f, 3f, -1f}, 2, 2);
        Tensor expected = model.predict(x);
        Path file = dir.resolve("gated.keras");
        model.save(file);
        Model loaded = Saving.loadModel(file);
        assertThat(loaded).isInstanceOf(Gated.class);
        assertThat(loaded.predict(x).toFloatArray()).containsExactly(expected.toFloatArray());

        // its graph alone (what code without the class loads): the cond node runs the branch the data choose
        Model graph = model.toFunctional();
        assertThat(dev.strata.models.Plot.toDot(graph)).contains("cond");
        Path graphFile = dir.resolve("gated_graph.keras");
        graph.save(graphFile);
        Model reloaded = Saving.loadModel(graphFile);
        assertThat(reloaded).isNotInstanceOf(Gated.class);
        assertThat(reloaded.trainableWeights()).hasSize(4);
        assertThat(reloaded.predict(x).toFloatArray()).containsExactly(expected.toFloatArray());
    }
}
