package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.MaskingGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Masking against Keras. */
class MaskingTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Masking::new, Shape.of(4, 3)).wrongRank(Shape.of(2)),
                LayerCase.of(() -> new Masking(0.5), Shape.of(3, 2, 2)).label("mask_value 0.5, rank 4")
                        .wrongRank(Shape.of(2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndMaskMatchKeras() {
        Tensor x = Tensor.of(MaskingGolden.MASKING_X, 2, 4, 3);
        Tensor y = new Masking().apply(x);
        assertThat(y.toFloatArray()).containsExactly(MaskingGolden.MASKING_Y);
        assertThat(y.mask().orElseThrow().toFloatArray()).containsExactly(MaskingGolden.MASKING_MASK);
        Tensor y15 = new Masking(1.5).apply(x);
        assertThat(y15.toFloatArray()).containsExactly(MaskingGolden.MASKING_15_Y);
        assertThat(y15.mask().orElseThrow().toFloatArray()).containsExactly(MaskingGolden.MASKING_15_MASK);
    }

    @Test
    void tracesWithASymbolicMaskAndRefusesRankOne() {
        Tensor y = new Masking().apply(Input.of(Shape.UNKNOWN, 5));
        assertThat(y.mask().orElseThrow().shape()).isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN));
        assertThatThrownBy(() -> new Masking().apply(Tensor.ones(3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'masking_1' (Masking)").hasMessageContaining("(3,)");
    }

    @Test
    void configMatchesKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new Masking(0.5).getConfig(), MaskingGolden.MASKING_CONFIG);
        Masking back = ActivationLayerChecks.assertConfigRoundTrip(new Masking(0.5), Tensor.ones(2, 3, 2));
        assertThat(back.maskValue()).isEqualTo(0.5);
    }
}
