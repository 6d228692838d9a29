package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.graph.Graph;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.tensor.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * InputLayer: the contract's config round trip (it is in every model file, so the save-and-load checks of the other
 * layers load it every time); the other checks are about calling a layer, which an InputLayer is not made for.
 */
class InputLayerTest {

    static List<LayerCase> contractCases() {
        String notCalled = "an InputLayer is not called on data: it makes a model's symbolic input";
        return List.of(LayerCase.of(() -> new InputLayer(3), Shape.of(3))
                .skip(Check.SHAPES, notCalled)
                .skip(Check.GRADIENTS, notCalled)
                .skip(Check.WRONG_RANK, notCalled)
                .skip(Check.MODEL_STYLES, notCalled + "; every model style starts from one")
                .skip(Check.SAVE_LOAD, "every model file holds InputLayers: each layer's SAVE_LOAD check loads them"));
    }

    @Test
    void itIsBuiltAtOnceAndItsOutputIsAPlaceholder() {
        InputLayer in = new InputLayer(4, 2);
        assertThat(in.isBuilt()).isTrue();
        assertThat(in.batchShape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 2));
        assertThat(in.output().shape()).isEqualTo(in.batchShape());
        assertThat(Graph.producer(in.output()).orElseThrow().operation()).isSameAs(in);
        assertThatThrownBy(() -> new InputLayer(Shape.scalar(), "x"))
                .hasMessageContaining("at least a batch dimension");
    }
}
