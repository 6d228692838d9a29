package dev.strata.optimizers;

import static dev.strata.optimizers.MuonPathsGolden.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keras's {@code variable.path} ({@link Variable#path()}) and Muon's {@code exclude_layers} and
 * {@code exclude_embeddings} matched against it, against Keras ({@link MuonPathsGolden}, from
 * {@code tools/golden/train14_muon_paths.py}): a Sequential model ({@code seq/hidden/kernel}), a Functional one
 * ({@code hidden/kernel}) and a Functional model holding a Sequential block ({@code block/inner_a/kernel}).
 */
class MuonPathsTest {
    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Model sequential() {
        Sequential s = new Sequential().named("seq");
        s.add(new InputLayer(5));
        s.add(new Dense(4).named("embedding_proj"));
        s.add(new Dense(4).named("hidden"));
        s.add(new Dense(3).named("output_dense"));
        return s;
    }

    private static Model functional() {
        Tensor x = Input.of("x", 5);
        Tensor h = new Dense(4).named("hidden").apply(x);
        return Model.of(List.of(x), List.of(new Dense(3).named("output_dense").apply(h)), "func");
    }

    private static Model nested() {
        Sequential block = new Sequential().named("block");
        block.add(new InputLayer(5));
        block.add(new Dense(4).named("inner_a"));
        block.add(new Dense(4).named("inner_b"));
        Tensor x = Input.of("x", 5);
        return Model.of(List.of(x), List.of(new Dense(2).named("head").apply(block.apply(x))), "outer");
    }

    /** The model's trainable variables by path, once it met data. */
    private static Map<String, Variable> byPath(Model m) {
        m.predict(Tensor.ones(2, 5));
        Map<String, Variable> out = new LinkedHashMap<>();
        for (Variable v : m.trainableWeights()) {
            out.put(v.path(), v);
        }
        return out;
    }

    private static void check(Model m, String[] paths, boolean[][] adamw) {
        Map<String, Variable> vars = byPath(m);
        assertThat(vars.keySet()).containsExactlyInAnyOrder(paths);
        assertThat(Models.variablePaths(m).keySet()).containsExactlyInAnyOrder(paths);
        for (int e = 0; e < EXCLUDES.length; e++) {
            Muon muon = new Muon().excludeLayers(EXCLUDES[e]);
            for (int i = 0; i < paths.length; i++) {
                assertThat(muon.usesAdamW(vars.get(paths[i]))).as("exclude %s, %s", List.of(EXCLUDES[e]), paths[i])
                        .isEqualTo(adamw[e][i]);
            }
        }
    }

    @Test
    void sequentialPathsCarryTheModelsNameAndExcludeByThem() {
        check(sequential(), SEQUENTIAL_PATHS, SEQUENTIAL_ADAMW);
    }

    @Test
    void functionalPathsStartAtTheLayer() {
        check(functional(), FUNCTIONAL_PATHS, FUNCTIONAL_ADAMW);
    }

    @Test
    void aNestedBlocksLayersHaveTheBlockInTheirPath() {
        check(nested(), NESTED_PATHS, NESTED_ADAMW);
    }

    @Test
    void aVariableNoModelOwnsIsMatchedByItsNameAndFitUsesThePaths() {
        Variable loose = new Variable(Tensor.ones(2, 2), "kernel", true);
        assertThat(loose.path()).isEqualTo("kernel");
        assertThat(new Muon().excludeLayers("hidden").usesAdamW(loose)).isFalse();
        // before any data a model's variables answer with their names; fit gives the paths before the first step
        Model m = sequential();
        Muon muon = new Muon(0.01f).excludeLayers("^seq/hidden");
        m.compile(muon, new CompileOptions().loss("mse"));
        m.fit(Tensor.ones(4, 5), Tensor.ones(4, 3), new FitOptions().verbose(0).epochs(1));
        Variable hiddenKernel = byPath(m).get("seq/hidden/kernel");
        assertThat(muon.usesAdamW(hiddenKernel)).isTrue();
        // the AdamW variables, and only they, got a velocity slot when Muon built on the first step
        long velocities = muon.variables().stream().filter(v -> v.name().contains("velocity")).count();
        assertThat(velocities).isEqualTo(5); // 3 biases, embedding_proj's kernel (its path), hidden's kernel
    }
}
