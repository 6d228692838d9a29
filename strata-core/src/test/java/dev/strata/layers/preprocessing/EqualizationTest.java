package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Equalization: Keras's values in training (bins, value ranges, both formats, one-bin channels), identity else. */
class EqualizationTest {
    static List<LayerCase> contractCases() {
        String lookup = "a table lookup of the binned values: piecewise constant, no gradient to check";
        return List.of(
                LayerCase.of(() -> new Equalization().valueRange(-3, 3), Shape.of(3, 4, 2))
                        .wrongRank(Shape.of(2, 3, 4)).skip(Check.GRADIENTS, lookup),
                LayerCase.of(() -> new Equalization(16).dataFormat("channels_first"), Shape.of(2, 3, 4))
                        .label("channels_first, 16 bins").wrongRank(Shape.of(2, 3, 4))
                        .skip(Check.GRADIENTS, lookup));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void equalizesAsKerasInTraining() {
        Tensor x = Augment12Checks.X255;
        assertThat(new Equalization().apply(x, false)).isSameAs(x);
        ImageLayerChecks.assertClose(new Equalization().apply(x, true), Augment12Golden.EQUALIZE, 1e-4);
        ImageLayerChecks.assertClose(new Equalization(16).valueRange(0, 1).apply(Augment12Checks.X01, true),
                Augment12Golden.EQUALIZE_BINS, 1e-6);
        ImageLayerChecks.assertClose(new Equalization().dataFormat("channels_first").apply(Augment12Checks.XF, true),
                Augment12Golden.EQUALIZE_CF, 1e-4);
        ImageLayerChecks.assertClose(new Equalization().apply(Tensor.of(Augment12Golden.XC, 2, 4, 5, 3), true),
                Augment12Golden.EQUALIZE_XC, 1e-4);
        Tensor xk = Tensor.of(Augment12Golden.XK, 2, 3, 3, 3);
        ImageLayerChecks.assertClose(new Equalization().apply(xk, true), Augment12Golden.EQUALIZE_XK, 1e-4);
    }

    @Test
    void badArgumentsAndConfig() {
        assertThatThrownBy(() -> new Equalization(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("equalization").hasMessageContaining("bins");
        assertThatThrownBy(() -> new Equalization().valueRange(2, 2)).hasMessageContaining("value_range");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new Equalization().getConfig(), Augment12Golden.EQUALIZATION_CONFIG);
        Strata.clearSession();
        Equalization e = new Equalization(16).valueRange(1, 0);
        ActivationLayerChecks.assertConfigIsKeras(e.getConfig(), Augment12Golden.EQUALIZATION_FULL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(e, Tensor.uniform(Shape.of(1, 3, 3, 2), 0f, 1f,
                Images.generator(3)));
    }
}
