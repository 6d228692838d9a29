package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rescaling: x · scale + offset, as Keras's. */
class RescalingTest {
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Rescaling(1 / 255.0), Shape.of(4, 4, 3))
                        .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's"),
                LayerCase.of(() -> new Rescaling(2, -1), Shape.of(3)).label("offset")
                        .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void matchesKerasInTrainingAndInference() {
        Rescaling r = new Rescaling(1 / 127.5, -1);
        ImageLayerChecks.assertClose(r.apply(ImageLayerChecks.X), ImageGolden.RESCALING, 1e-6);
        assertThat(r.apply(ImageLayerChecks.X, true).toFloatArray()).containsExactly(
                r.apply(ImageLayerChecks.X).toFloatArray());
        assertThat(r.scale()).isEqualTo(1 / 127.5);
        assertThat(r.offset()).isEqualTo(-1.0);
    }

    @Test
    void configIsKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new Rescaling(1 / 255.0).getConfig(), ImageGolden.RESCALING_CONFIG);
        Strata.clearSession();
        Rescaling r = new Rescaling(0.5, -1.0);
        ActivationLayerChecks.assertConfigIsKeras(r.getConfig(), ImageGolden.RESCALING_OFFSET_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(r, Tensor.ones(2, 3));
    }
}
