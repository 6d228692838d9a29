package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SpatialDropout2D: one mask per (sample, channel), shared over rows and columns, in both data formats. */
class SpatialDropout2DTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new SpatialDropout2D(0.5), Shape.of(3, 2, 4)).randomInTraining()
                        .wrongRank(Shape.of(2, 3, 4)),
                LayerCase.of(() -> new SpatialDropout2D(0.3).dataFormat("channels_first").seed(3), Shape.of(4, 3, 2))
                        .label("channels_first, own seed").wrongRank(Shape.of(2, 4, 3, 2, 1))
                        .skip(Check.GRADIENTS, "its own generator moves on at every call, so finite differences see a "
                                + "new mask each time; the unseeded case checks the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void kerassOwnDrawsFollowTheSameRule() {
        // Keras's output in training: per (sample, channel) every value is x / 0.5 or every value is 0.
        Tensor x = Tensor.of(RegularizationGolden.SD2_X, 2, 3, 3, 4);
        Tensor keras = Tensor.of(RegularizationGolden.SD2_Y, 2, 3, 3, 4);
        checkChannelsShareTheirMask(x, keras, 0.5f, false);
        checkChannelsShareTheirMask(x, new SpatialDropout2D(0.5).apply(x, true), 0.5f, false);
    }

    private static void checkChannelsShareTheirMask(Tensor x, Tensor y, float keep, boolean channelsFirst) {
        int[] s = x.shape().toArray();
        int channels = channelsFirst ? s[1] : s[3];
        int rows = channelsFirst ? s[2] : s[1];
        int cols = channelsFirst ? s[3] : s[2];
        for (int b = 0; b < s[0]; b++) {
            for (int c = 0; c < channels; c++) {
                boolean zero = channelsFirst ? y.get(b, c, 0, 0) == 0f : y.get(b, 0, 0, c) == 0f;
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        float xv = channelsFirst ? x.get(b, c, i, j) : x.get(b, i, j, c);
                        float yv = channelsFirst ? y.get(b, c, i, j) : y.get(b, i, j, c);
                        assertThat(yv).isEqualTo(zero ? 0f : xv / keep);
                    }
                }
            }
        }
    }

    @Test
    void statisticsInBothFormats() {
        double rate = 0.4;
        Tensor x = Tensor.uniform(Shape.of(50, 3, 3, 40), 1f, 2f);
        Tensor y = new SpatialDropout2D(rate).apply(x, true);
        checkChannelsShareTheirMask(x, y, 0.6f, false);
        RandomLayerChecks.assertProportion(RandomLayerChecks.zeros(y.toFloatArray()), rate, 2000, 4);
        Tensor xf = Tensor.uniform(Shape.of(50, 40, 3, 3), 1f, 2f);
        Tensor yf = new SpatialDropout2D(rate).dataFormat("channels_first").apply(xf, true);
        checkChannelsShareTheirMask(xf, yf, 0.6f, true);
        RandomLayerChecks.assertProportion(RandomLayerChecks.zeros(yf.toFloatArray()), rate, 2000, 4);
        assertThat(new SpatialDropout2D(0.5).apply(xf)).isSameAs(xf);
    }

    @Test
    void badInputsAndConfig() {
        assertThatThrownBy(() -> new SpatialDropout2D(-0.1)).hasMessageContaining("between 0 and 1, got -0.1");
        assertThatThrownBy(() -> new SpatialDropout2D(0.1).dataFormat("channels_middle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data_format argument must be one of {'channels_first', 'channels_last'}, got "
                        + "'channels_middle'");
        assertThatThrownBy(() -> new SpatialDropout2D(0.1).dataFormat("channels_first").apply(Tensor.ones(2, 3, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected inputs of rank 4 (batch, channels, rows, cols) for data_format "
                        + "channels_first").hasMessageContaining("received shape (2, 3, 4)");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new SpatialDropout2D(0.2).getConfig(), RegularizationGolden.SD2_CONFIG);
        SpatialDropout2D first = new SpatialDropout2D(0.3).dataFormat("CHANNELS_FIRST").seed(5);
        ActivationLayerChecks.assertConfigIsKeras(first.getConfig(), RegularizationGolden.SD2_FIRST_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(first, Tensor.ones(2, 3, 4, 4));
    }
}
