package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SpatialDropout3D: one mask per (sample, channel), shared over the three spatial axes. */
class SpatialDropout3DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SpatialDropout3D(0.5), Shape.of(2, 2, 2, 3)).randomInTraining()
                        .wrongRank(Shape.of(2, 2, 2, 3)),
                LayerCase.of(() -> new SpatialDropout3D(0.5).dataFormat("channels_first"), Shape.of(3, 2, 2, 2))
                        .label("channels_first").randomInTraining().wrongRank(Shape.of(2, 3, 2, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void dropsWholeChannels() {
        double rate = 0.25;
        Tensor x = Tensor.uniform(Shape.of(40, 2, 2, 2, 50), 1f, 2f);
        Tensor y = new SpatialDropout3D(rate).apply(x, true);
        int dropped = 0;
        for (int b = 0; b < 40; b++) {
            for (int c = 0; c < 50; c++) {
                boolean zero = y.get(b, 0, 0, 0, c) == 0f;
                dropped += zero ? 1 : 0;
                for (int i = 0; i < 8; i++) {
                    float xv = x.get(b, i / 4, (i / 2) % 2, i % 2, c);
                    assertThat(y.get(b, i / 4, (i / 2) % 2, i % 2, c)).isEqualTo(zero ? 0f : xv / 0.75f);
                }
            }
        }
        RandomLayerChecks.assertProportion(dropped / 2000.0, rate, 2000, 4);
        Tensor xf = Tensor.uniform(Shape.of(4, 6, 2, 2, 2), 1f, 2f);
        Tensor yf = new SpatialDropout3D(0.5).dataFormat("channels_first").apply(xf, true);
        for (int b = 0; b < 4; b++) {
            for (int c = 0; c < 6; c++) {
                boolean zero = yf.get(b, c, 0, 0, 0) == 0f;
                assertThat(yf.get(b, c, 1, 1, 1)).isEqualTo(zero ? 0f : xf.get(b, c, 1, 1, 1) / 0.5f);
            }
        }
        assertThat(new SpatialDropout3D(0.5).apply(x)).isSameAs(x);
    }

    @Test
    void badInputsAndConfig() {
        assertThatThrownBy(() -> new SpatialDropout3D(0.1).apply(Tensor.ones(2, 3, 4, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected inputs of rank 5 (batch, dim1, dim2, dim3, channels) for data_format "
                        + "channels_last").hasMessageContaining("received shape (2, 3, 4, 5)");
        Strata.clearSession();
        SpatialDropout3D d = new SpatialDropout3D(0.1);
        ActivationLayerChecks.assertConfigIsKeras(d.getConfig(), RegularizationGolden.SD3_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(d, Tensor.ones(1, 2, 2, 2, 3));
    }
}
