package dev.strata.optimizers.schedules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.optimizers.LossScaleOptimizer;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.Optimizers;
import dev.strata.testing.KerasConfigGolden;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keras's serialized schedules, and optimizers with a schedule, use_ema, gradient accumulation, loss_scale_factor and
 * LossScaleOptimizer ({@code keras-golden/schedule_configs.json}, from {@code tools/golden/schedules.py}), read and
 * written back to exactly Keras's dicts, both ways.
 */
class ScheduleConfigTest {
    private static final Map<String, Object> GOLDEN = KerasConfigGolden.load("schedule_configs.json");

    @Test
    @SuppressWarnings("unchecked")
    void everySchedulesKerasConfigRoundTrips() {
        Map<String, List<Map<String, Object>>> all = (Map<String, List<Map<String, Object>>>) GOLDEN.get("schedules");
        assertThat(all.keySet()).containsExactlyInAnyOrder("ExponentialDecay", "PiecewiseConstantDecay",
                "PolynomialDecay", "InverseTimeDecay", "CosineDecay", "CosineDecayRestarts");
        for (List<Map<String, Object>> forms : all.values()) {
            for (Map<String, Object> keras : forms) {
                LearningRateSchedule s = KerasObjects.deserialize(keras, LearningRateSchedule.class,
                        ConfigContext.DEFAULT, "schedule");
                assertThat(s.getClass().getSimpleName()).isEqualTo(keras.get("class_name"));
                assertThat(KerasObjects.serialize(s)).as("%s", keras).isEqualTo(keras);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void optimizersWithTheBaseOptionsRoundTrip() {
        for (String key : List.of("optimizers", "loss_scale_optimizers")) {
            for (Map<String, Object> keras : (List<Map<String, Object>>) GOLDEN.get(key)) {
                Optimizer opt = Optimizers.deserialize(keras, ConfigContext.DEFAULT);
                assertThat(opt.getClass().getSimpleName()).isEqualTo(keras.get("class_name"));
                assertThat(Optimizers.serialize(opt)).as("%s", keras).isEqualTo(keras);
                if (opt instanceof LossScaleOptimizer lso) {
                    assertThat(lso.innerOptimizer()).isNotNull();
                }
            }
        }
    }
}
