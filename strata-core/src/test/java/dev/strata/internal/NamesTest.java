package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.graph.Graph;
import dev.strata.layers.Layer;
import dev.strata.layers.core.Dense;
import dev.strata.layers.merging.Concatenate;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.RMSprop;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One session-wide name counter for everything Keras auto-names, reset by {@link Strata#clearSession()}. */
class NamesTest {
    /** A layer class whose Keras name is also an optimizer's: Keras counts the two together. */
    static final class Adam2 extends Layer {
    }

    @BeforeEach
    @AfterEach
    void freshSession() {
        Strata.clearSession();
    }

    @Test
    void uniquifyCountsPerName() {
        assertThat(Names.uniquify("x")).isEqualTo("x");
        assertThat(Names.uniquify("y")).isEqualTo("y");
        assertThat(Names.uniquify("x")).isEqualTo("x_1");
        assertThat(Names.uniquify("x")).isEqualTo("x_2");
        assertThat(Names.autoName("X")).isEqualTo("x_3");
    }

    @Test
    void layersAndOptimizersShareOneCounterAsInKeras() {
        assertThat(new Adam().name()).isEqualTo("adam");
        assertThat(Names.autoName("Adam")).isEqualTo("adam_1"); // a layer class named Adam, in Keras: adam_1
        assertThat(new Adam().name()).isEqualTo("adam_2");
        assertThat(new RMSprop().name()).isEqualTo("rm_sprop");
    }

    @Test
    void clearSessionResetsLayerModelAndOptimizerNames() {
        new Dense(1);
        new Adam();
        Tensor in = Input.of(3);
        Model.of(in, new Dense(1).apply(in));
        Strata.clearSession();
        assertThat(new Dense(1).name()).isEqualTo("dense");
        assertThat(new Adam().name()).isEqualTo("adam");
        assertThat(inputName(Input.of(3))).isEqualTo("input_layer");
        Tensor in2 = Input.of(3);
        assertThat(Model.of(in2, new Dense(1).apply(in2)).name()).isEqualTo("functional");
    }

    @Test
    void aGivenNameUsesNoCounterAsKerasNameArgument() {
        // Keras: Input(name="x") and Model(..., name="m") leave input_layer and functional to the next unnamed ones.
        Tensor named = Input.of("wide", 3);
        Tensor unnamed = Input.of(3);
        assertThat(inputName(unnamed)).isEqualTo("input_layer");
        Model.of(List.of(named), List.of(new Dense(1).apply(named)), "m");
        assertThat(Model.of(unnamed, new Dense(1).apply(unnamed)).name()).isEqualTo("functional");
        Tensor in = Input.of(3);
        assertThat(Model.of(in, new Dense(1).apply(in)).name()).isEqualTo("functional_1");
    }

    @Test
    void aScopeHasCountersOfItsOwnAndPassesOverTakenNames() {
        Names.autoName("Concatenate");
        Names.Scope scope = new Names.Scope(Set.of("concatenate", "concatenate_2", "dense"));
        assertThat(scope.autoName("Concatenate")).isEqualTo("concatenate_1");
        assertThat(scope.autoName("Concatenate")).isEqualTo("concatenate_3");
        assertThat(scope.autoName("Concatenate")).isEqualTo("concatenate_4");
        assertThat(scope.autoName("Add")).isEqualTo("add");
        assertThat(scope.autoName("Dense")).isEqualTo("dense_1");
        assertThat(new Concatenate().name()).isEqualTo("concatenate_1"); // the session's counter is untouched
    }

    private static String inputName(Tensor t) {
        return Graph.producer((SymbolicTensor) t).orElseThrow().operation().name();
    }

    @Test
    void aLayerClassAutoNameIsItsSimpleNameSnakeCased() {
        assertThat(new Adam2().name()).isEqualTo("adam2");
        assertThat(new Adam2().name()).isEqualTo("adam2_1");
    }
}
