package dev.strata.layers.pooling;

import dev.strata.layers.LayerCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdaptiveMaxPooling2D against Keras ({@link AdaptivePoolingChecks}). */
class AdaptiveMaxPooling2DTest {

    static List<LayerCase> contractCases() {
        return AdaptivePoolingChecks.contractCases(AdaptiveMaxPooling2D::new, 2);
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        AdaptivePoolingChecks.matchKeras(AdaptiveMaxPooling2D.class, AdaptiveMaxPooling2D::new);
    }

    @Test
    void finiteDifferencesShapesAndErrors() {
        AdaptivePoolingChecks.gradientsShapesAndErrors(AdaptiveMaxPooling2D::new, 2);
    }
}
