package dev.strata.layers.pooling;

import dev.strata.layers.LayerCase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AdaptiveAveragePooling3D against Keras ({@link AdaptivePoolingChecks}). */
class AdaptiveAveragePooling3DTest {

    static List<LayerCase> contractCases() {
        return AdaptivePoolingChecks.contractCases(AdaptiveAveragePooling3D::new, 3);
    }

    @Test
    void valuesGradientsAndConfigsMatchKeras() {
        AdaptivePoolingChecks.matchKeras(AdaptiveAveragePooling3D.class, AdaptiveAveragePooling3D::new);
    }

    @Test
    void finiteDifferencesShapesAndErrors() {
        AdaptivePoolingChecks.gradientsShapesAndErrors(AdaptiveAveragePooling3D::new, 3);
    }
}
