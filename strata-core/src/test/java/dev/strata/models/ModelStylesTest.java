package dev.strata.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three ways to build a model share one object model and give the same results. */
class ModelStylesTest {

    /** Two inputs, two outputs, like the seed's Wide & Deep (with add in place of concatenate). */
    static final class TwoTower extends Model {
        private final Dense hidden1 = new Dense(4, "relu");
        private final Dense hidden2 = new Dense(3, "relu");
        private final Dense mainOutput = new Dense(1);
        private final Dense auxOutput = new Dense(1);

        @Override
        protected Tensors call(Tensors inputs) {
            Tensor h1 = hidden1.apply(inputs.get(1));
            Tensor h2 = hidden2.apply(h1);
            Tensor merged = Ops.add(inputs.get(0), h2);
            return Tensors.of(mainOutput.apply(merged), auxOutput.apply(h2));
        }
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(1);
    }

    @Test
    void subclassedModelTracksFieldsAndNamesThem() {
        TwoTower model = new TwoTower();
        assertThat(model.name()).isEqualTo("two_tower");
        assertThat(model.layers()).extracting(Layer::name)
                .containsExactly("hidden1", "hidden2", "main_output", "aux_output");
        assertThatThrownBy(model::countParams).hasMessageContaining("not built yet");
        model.buildForSamples(Shape.of(3), Shape.of(6));
        assertThat(model.countParams()).isEqualTo((6 * 4 + 4) + (4 * 3 + 3) + (3 + 1) + (3 + 1));
        assertThat(model.outputNames()).containsExactly("main_output", "aux_output");
        assertThat(model.weights()).extracting(v -> v.name())
                .containsExactly("kernel", "bias", "kernel", "bias", "kernel", "bias", "kernel", "bias");
    }

    @Test
    void functionalModelMatchesTheSubclassedOne() {
        TwoTower sub = new TwoTower();
        sub.buildForSamples(Shape.of(3), Shape.of(6));
        Tensor wide = Input.of("wide", 3);
        Tensor deep = Input.of("deep", 6);
        List<Layer> ls = sub.layers();
        Tensor h2 = ls.get(1).apply(ls.get(0).apply(deep));
        Tensor main = ls.get(2).apply(Ops.add(wide, h2));
        Tensor aux = ls.get(3).apply(h2);
        Model functional = Model.of(List.of(wide, deep), List.of(main, aux));
        assertThat(functional.outputNames()).containsExactly("main_output", "aux_output");
        assertThat(functional.layers()).extracting(Layer::name)
                .containsExactly("deep", "hidden1", "wide", "hidden2", "main_output", "aux_output"); // Keras's depth order
        assertThat(functional.countParams()).isEqualTo(sub.countParams());

        Tensor a = Tensor.normal(Shape.of(5, 3), 0, 1);
        Tensor b = Tensor.normal(Shape.of(5, 6), 0, 1);
        Tensors x = sub.apply(List.of(a, b));
        Tensors y = functional.apply(List.of(a, b));
        assertThat(y.get(0).toFloatArray()).containsExactly(x.get(0).toFloatArray());
        assertThat(y.get(1).toFloatArray()).containsExactly(x.get(1).toFloatArray());
        assertThat(functional.getLayer("hidden2")).isSameAs(ls.get(1));
        assertThatThrownBy(() -> functional.getLayer("nope")).hasMessageContaining("its layers are [deep, hidden1, wide");
    }

    @Test
    void sequentialStacksLayers() {
        Sequential mlp = new Sequential(new InputLayer(8), new Dense(30, "relu"), new Dense(1));
        assertThat(mlp.isBuilt()).isTrue();
        assertThat(mlp.countParams()).isEqualTo(8 * 30 + 30 + 31);
        assertThat(mlp.layers()).extracting(Layer::name).containsExactly("dense", "dense_1");
        mlp.add(new Dense(2));
        assertThat(mlp.countParams()).isEqualTo(8 * 30 + 30 + 31 + 4);
        assertThat(mlp.pop().name()).isEqualTo("dense_2");
        Tensor out = mlp.apply(Tensor.ones(4, 8));
        assertThat(out.shape()).isEqualTo(Shape.of(4, 1));
        assertThatThrownBy(() -> mlp.apply(Tensor.ones(4, 7))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'dense' (Dense) expected rank >= 2 with last axis 8")
                .hasMessageContaining("received shape (4, 7)");
    }

    @Test
    void modelsNestInModels() {
        Sequential inner = new Sequential(new Dense(4, "relu"), new Dense(2));
        Tensor in = Input.of("x", 3);
        Tensor out = new Dense(1).apply(inner.apply(in));
        Model outer = Model.of(in, out);
        assertThat(outer.layers()).hasSize(3);
        assertThat(outer.countParams()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
        assertThat(outer.apply(Tensor.ones(2, 3)).shape()).isEqualTo(Shape.of(2, 1));

        TwoTower sub = new TwoTower();
        Tensor w = Input.of(3);
        Tensor d = Input.of(6);
        Tensors both = sub.apply(List.of(w, d));
        Model wrapper = Model.of(List.of(w, d), List.of(Ops.add(both.get(0), both.get(1))));
        assertThat(wrapper.apply(List.of(Tensor.ones(2, 3), Tensor.ones(2, 6))).get(0).shape())
                .isEqualTo(Shape.of(2, 1));
    }

    @Test
    void sharedLayersAreCountedOnce() {
        Dense shared = new Dense(2);
        Tensor a = Input.of(3);
        Tensor b = Input.of(3);
        Model m = Model.of(List.of(a, b), List.of(Ops.add(shared.apply(a), shared.apply(b))));
        assertThat(m.countParams()).isEqualTo(3 * 2 + 2);
        assertThat(m.layers()).filteredOn(l -> l == shared).hasSize(1);
    }

    @Test
    void functionalErrorsAreSpecific() {
        Tensor a = Input.of("a", 3);
        Tensor stray = Input.of("stray", 3);
        Tensor out = Ops.add(new Dense(3).apply(a), stray);
        assertThatThrownBy(() -> Model.of(List.of(a), List.of(out)))
                .hasMessageContaining("depend on input 'stray', which is not among the model's inputs [a]");
        Model m = Model.of(a, new Dense(1).apply(a));
        assertThatThrownBy(() -> m.apply(Tensor.ones(2, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("input 'a' expected shape (None, 3), got (2, 4)");
        assertThatThrownBy(() -> Model.of(Tensor.ones(1, 3), a)).hasMessageContaining("is not a model input");
    }
}
