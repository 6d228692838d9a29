package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Lambda;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Models;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keras's clone_model: same architecture, fresh weights, the same outputs once the weights are copied. */
class CloneModelTest {
    private static final ConfigOptions NO_COMPILE = new ConfigOptions().includeCompile(false);

    @BeforeEach
    void seed() {
        Strata.setRandomSeed(11);
    }

    private static void assertClone(Model original, Model clone, List<Tensor> inputs) {
        assertThat(clone).isNotSameAs(original);
        assertThat(clone.getClass()).isEqualTo(original.getClass());
        assertThat(KerasConfig.modelToJson(clone, NO_COMPILE)).isEqualTo(KerasConfig.modelToJson(original,
                NO_COMPILE));
        assertThat(clone.isCompiled()).isFalse();
        // fresh weights: no layer shares a variable with the original, and the kernels differ
        List<Tensor> a = original.getWeights();
        List<Tensor> b = clone.getWeights();
        assertThat(b).hasSameSizeAs(a);
        for (Layer l : original.layers()) {
            for (var w : l.weights()) {
                assertThat(clone.weights()).doesNotContain(w);
            }
        }
        boolean anyDifferent = false;
        for (int i = 0; i < a.size(); i++) {
            anyDifferent |= !java.util.Arrays.equals(a.get(i).toFloatArray(), b.get(i).toFloatArray());
        }
        assertThat(anyDifferent).as("the clone has freshly initialized weights").isTrue();
        clone.setWeights(original.getWeights());
        RoundTripTest.assertSameOutputs(original, clone, inputs); // copies again by name; same result
    }

    @Test
    void functional() {
        Model m = WideAndDeepStyles.functional();
        assertClone(m, Models.cloneModel(m), List.of(Tensor.ones(2, 5), Tensor.ones(2, 6)));
    }

    @Test
    void sequential() {
        Model m = WideAndDeepStyles.sequential();
        assertClone(m, Models.cloneModel(m), List.of(Tensor.ones(3, 8)));
    }

    @Test
    void subclassedFromItsConfig() {
        Model m = WideAndDeepStyles.subclassed();
        Model clone = Models.cloneModel(m);
        assertThat(clone).isInstanceOf(WideAndDeepModel.class);
        assertThat(clone.isBuilt()).isTrue();
        assertClone(m, clone, List.of(Tensor.ones(2, 5), Tensor.ones(2, 6)));
        WideAndDeepModel unbuilt = new WideAndDeepModel(4, "tanh");
        WideAndDeepModel c = (WideAndDeepModel) Models.cloneModel(unbuilt);
        assertThat(c.isBuilt()).isFalse();
        assertThat(c.units()).isEqualTo(4);
        assertThat(c.activation()).isEqualTo("tanh");
    }

    @Test
    void lambdaLayersKeepTheirFunctions() {
        Tensor in = Input.of("x", 3);
        Model m = Model.of(in, new Lambda(x -> Ops.multiply(x, 5f)).named("times5").apply(new Dense(2).apply(in)));
        Model clone = Models.cloneModel(m);
        assertClone(m, clone, List.of(Tensor.uniform(Shape.of(4, 3), -1f, 1f)));
    }

    @Test
    void cloneOfAModelWithACustomLayer() {
        Sequential s = new Sequential(new dev.strata.layers.core.InputLayer(8), new MyDense(4, "relu"),
                new Dense(1));
        assertClone(s, Models.cloneModel(s), List.of(Tensor.uniform(Shape.of(2, 8), -1f, 1f)));
    }
}
