package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SpatialDropout1D: one mask per (sample, channel), shared along the steps; identity outside training. */
class SpatialDropout1DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SpatialDropout1D(0.5), Shape.of(3, 4)).randomInTraining()
                        .wrongRank(Shape.of(2, 4)),
                LayerCase.of(() -> new SpatialDropout1D(0.3).seed(2), Shape.of(3, 4)).label("own seed")
                        .wrongRank(Shape.of(2, 3, 4, 1))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call, so finite differences see a "
                                + "new mask each time; the unseeded case checks the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void identityOutsideTraining() {
        Tensor x = Tensor.normal(Shape.of(2, 3, 4), 0, 1);
        assertThat(new SpatialDropout1D(0.5).apply(x)).isSameAs(x);
        assertThat(new SpatialDropout1D(0).apply(x, true)).isSameAs(x);
    }

    @Test
    void dropsWholeChannelsAlongTheSteps() {
        double rate = 0.3;
        Tensor x = Tensor.uniform(Shape.of(100, 5, 40), 1f, 2f); // no zeros of its own
        Tensor y = new SpatialDropout1D(rate).apply(x, true);
        float keep = (float) (1 - rate);
        int dropped = 0;
        for (int b = 0; b < 100; b++) {
            for (int c = 0; c < 40; c++) {
                boolean zero = y.get(b, 0, c) == 0f;
                dropped += zero ? 1 : 0;
                for (int t = 0; t < 5; t++) {
                    assertThat(y.get(b, t, c)).isEqualTo(zero ? 0f : x.get(b, t, c) / keep);
                }
            }
        }
        RandomLayerChecks.assertProportion(dropped / 4000.0, rate, 4000, 4);
    }

    @Test
    void seededLayersRepeat() {
        Tensor x = Tensor.ones(4, 3, 8);
        Strata.setRandomSeed(1);
        float[] a = new SpatialDropout1D(0.5).seed(9).apply(x, true).toFloatArray();
        Strata.setRandomSeed(2);
        assertThat(new SpatialDropout1D(0.5).seed(9).apply(x, true).toFloatArray()).containsExactly(a);
    }

    @Test
    void badInputsAndConfig() {
        assertThatThrownBy(() -> new SpatialDropout1D(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SpatialDropout1D: invalid value for argument rate: expected a float value "
                        + "between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new SpatialDropout1D(0.2).apply(Tensor.ones(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected inputs of rank 3 (batch, steps, channels)")
                .hasMessageContaining("received shape (2, 3)");
        assertThat(new SpatialDropout1D(0.2).apply(Input.of(Shape.UNKNOWN, 4)).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4));
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new SpatialDropout1D(0.2).getConfig(), RegularizationGolden.SD1_CONFIG);
        SpatialDropout1D seeded = new SpatialDropout1D(0.5).seed(4);
        ActivationLayerChecks.assertConfigIsKeras(seeded.getConfig(), RegularizationGolden.SD1_SEED_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(seeded, Tensor.ones(2, 3, 4));
    }
}
