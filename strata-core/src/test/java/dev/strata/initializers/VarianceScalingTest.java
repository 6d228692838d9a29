package dev.strata.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.Config;
import dev.strata.tensor.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** VarianceScaling's config as Keras writes it. */
class VarianceScalingTest {

    @Test
    void aLoadedScaleIsWrittenBackToTheLastDigit() {
        // EfficientNet's dense kernel: VarianceScaling(scale=1. / 3., mode="fan_out", distribution="uniform")
        Map<String, Object> keras = new LinkedHashMap<>();
        keras.put("seed", null);
        keras.put("scale", 1.0 / 3.0);
        keras.put("mode", "fan_out");
        keras.put("distribution", "uniform");
        keras.put("input_axes", null);
        keras.put("output_axes", null);
        VarianceScaling v = VarianceScaling.fromConfig(Config.of(keras, "test"));
        assertThat(v.scale()).isEqualTo(1.0 / 3.0);
        assertThat(v.getConfig()).isEqualTo(keras);
        // uniform in ±sqrt(3 · scale / fan_out) = ±sqrt(1 / 50)
        float limit = (float) Math.sqrt(1.0 / 50);
        for (float f : v.apply(Shape.of(20, 50)).toFloatArray()) {
            assertThat(Math.abs(f)).isLessThanOrEqualTo(limit);
        }
        assertThat(new VarianceScaling().getConfig().get("scale")).isEqualTo(1.0);
    }
}
