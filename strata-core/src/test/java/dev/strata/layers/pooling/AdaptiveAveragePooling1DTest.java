package dev.strata.layers.pooling;

import dev.strata.layers.LayerCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdaptiveAveragePooling1D against Keras ({@link AdaptivePoolingChecks}). */
class AdaptiveAveragePooling1DTest {

    static List<LayerCase> contractCases() {
        return AdaptivePoolingChecks.contractCases(AdaptiveAveragePooling1D::new, 1);
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        AdaptivePoolingChecks.matchKeras(AdaptiveAveragePooling1D.class, AdaptiveAveragePooling1D::new);
    }

    @Test
    void finiteDifferencesShapesAndErrors() {
        AdaptivePoolingChecks.gradientsShapesAndErrors(AdaptiveAveragePooling1D::new, 1);
    }
}
