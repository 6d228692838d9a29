package dev.strata.layers.pooling;

import dev.strata.layers.LayerCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdaptiveMaxPooling3D against Keras ({@link AdaptivePoolingChecks}). */
class AdaptiveMaxPooling3DTest {

    static List<LayerCase> contractCases() {
        return AdaptivePoolingChecks.contractCases(AdaptiveMaxPooling3D::new, 3);
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        AdaptivePoolingChecks.matchKeras(AdaptiveMaxPooling3D.class, AdaptiveMaxPooling3D::new);
    }

    @Test
    void finiteDifferencesShapesAndErrors() {
        AdaptivePoolingChecks.gradientsShapesAndErrors(AdaptiveMaxPooling3D::new, 3);
    }
}
