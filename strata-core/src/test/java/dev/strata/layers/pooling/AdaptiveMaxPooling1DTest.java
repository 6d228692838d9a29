package dev.strata.layers.pooling;

import dev.strata.layers.LayerCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdaptiveMaxPooling1D against Keras ({@link AdaptivePoolingChecks}). */
class AdaptiveMaxPooling1DTest {

    static List<LayerCase> contractCases() {
        return AdaptivePoolingChecks.contractCases(AdaptiveMaxPooling1D::new, 1);
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        AdaptivePoolingChecks.matchKeras(AdaptiveMaxPooling1D.class, AdaptiveMaxPooling1D::new);
    }

    @Test
    void finiteDifferencesShapesAndErrors() {
        AdaptivePoolingChecks.gradientsShapesAndErrors(AdaptiveMaxPooling1D::new, 1);
    }
}
