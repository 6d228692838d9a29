package dev.strata.layers.merging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The functional forms of the merge layers, on real and symbolic tensors. */
class LayersTest {
    private static final Tensor A = Tensor.of(LayerGolden.MERGE_A, 2, 3);
    private static final Tensor C = Tensor.of(LayerGolden.MERGE_C, 2, 3);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void concreteTensors() {
        assertThat(Layers.concatenate(List.of(A, C)).toFloatArray()).containsExactly(LayerGolden.MERGE_CONCAT_AC);
        assertThat(Layers.concatenate(List.of(A, C), 0).toFloatArray()).containsExactly(LayerGolden.MERGE_CONCAT0_AC);
        assertThat(Layers.add(List.of(A, C)).toFloatArray()).containsExactly(Ops.add(A, C).toFloatArray());
        LayerChecks.assertClose(Layers.subtract(A, C).toFloatArray(), LayerGolden.MERGE_SUBTRACT_AC, 1e-6, 1e-7);
        assertThat(Layers.multiply(List.of(A, C)).toFloatArray()).containsExactly(Ops.multiply(A, C).toFloatArray());
        LayerChecks.assertClose(Layers.average(List.of(A, C, C)).toFloatArray(), LayerGolden.MERGE_AVERAGE_ABC, 1e-6,
                1e-7);
        assertThat(Layers.maximum(List.of(A, C)).toFloatArray()).containsExactly(LayerGolden.MERGE_MAXIMUM_AC);
        assertThat(Layers.minimum(List.of(A, C)).toFloatArray()).containsExactly(LayerGolden.MERGE_MINIMUM_AC);
    }

    @Test
    void symbolicTensorsMakeGraphLayers() {
        Tensor wide = Input.of("wide", 5);
        Tensor deep = Input.of("deep", 6);
        Tensor h = new Dense(30, "relu").apply(deep);
        Tensor merged = Layers.concatenate(List.of(wide, h));
        assertThat(merged.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 35));
        Tensor both = Layers.add(List.of(new Dense(2).apply(merged), new Dense(2).apply(h)));
        Model m = Model.of(List.of(wide, deep), List.of(both));
        assertThat(m.layers()).extracting(Layer::name).contains("concatenate", "add");
        assertThat(m.apply(List.of(Tensor.ones(4, 5), Tensor.ones(4, 6))).get(0).shape()).isEqualTo(Shape.of(4, 2));
        assertThat(Layers.subtract(Input.of(3), Input.of(3)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        assertThat(Layers.maximum(List.of(Input.of(3), Input.of(1))).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
    }
}
