package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ReduceLROnPlateau against Keras driven with the same logs (tools/golden/callbacks14.py). */
class ReduceLROnPlateauTest {
    private static void check(ReduceLROnPlateau cb, float lr, String key, double[] values, double[] logged,
                              double[] after, String printed) {
        Model m = Drive.bind(cb, lr);
        List<Double> gotLogged = new ArrayList<>();
        List<Double> gotAfter = new ArrayList<>();
        String out = Drive.capture(false, () -> {
            cb.onTrainBegin(new LinkedHashMap<>());
            for (int epoch = 0; epoch < values.length; epoch++) {
                Map<String, Double> logs = new LinkedHashMap<>();
                if (!key.equals("loss")) {
                    logs.put("loss", 1.0);
                }
                logs.put(key, values[epoch]);
                cb.onEpochEnd(epoch, logs);
                gotLogged.add(logs.get("learning_rate"));
                gotAfter.add((double) m.optimizer().orElseThrow().learningRate());
            }
        });
        assertThat(gotLogged).containsExactly(box(logged));
        assertThat(gotAfter).containsExactly(box(after));
        assertThat(out).isEqualTo(printed);
    }

    private static Double[] box(double[] a) {
        return java.util.Arrays.stream(a).boxed().toArray(Double[]::new);
    }

    @Test
    void defaultsMatchKeras() {
        check(new ReduceLROnPlateau(), 0.01f, "val_loss", CallbacksGolden.PLATEAU_defaults_VALUES,
                CallbacksGolden.PLATEAU_defaults_LOGGED, CallbacksGolden.PLATEAU_defaults_AFTER,
                CallbacksGolden.PLATEAU_defaults_OUT);
    }

    @Test
    void cooldownAndMinLrMatchKeras() {
        check(new ReduceLROnPlateau().factor(0.5).patience(2).cooldown(1).minLr(0.002).minDelta(0.01).verbose(1),
                0.01f, "val_loss", CallbacksGolden.PLATEAU_cooldownMinLr_VALUES,
                CallbacksGolden.PLATEAU_cooldownMinLr_LOGGED, CallbacksGolden.PLATEAU_cooldownMinLr_AFTER,
                CallbacksGolden.PLATEAU_cooldownMinLr_OUT);
    }

    @Test
    void maxModeMatchesKeras() {
        check(new ReduceLROnPlateau().monitor("val_acc").mode("max").patience(1).factor(0.2).verbose(1), 0.001f,
                "val_acc", CallbacksGolden.PLATEAU_maxMode_VALUES, CallbacksGolden.PLATEAU_maxMode_LOGGED,
                CallbacksGolden.PLATEAU_maxMode_AFTER, CallbacksGolden.PLATEAU_maxMode_OUT);
    }

    @Test
    void comparesInFloat32AsKerasDoes() {
        check(new ReduceLROnPlateau().patience(1).factor(0.5).verbose(1), 0.1f, "val_loss",
                CallbacksGolden.PLATEAU_float32Compare_VALUES, CallbacksGolden.PLATEAU_float32Compare_LOGGED,
                CallbacksGolden.PLATEAU_float32Compare_AFTER, CallbacksGolden.PLATEAU_float32Compare_OUT);
    }

    @Test
    void lossMonitorWithZeroPatienceMatchesKeras() {
        check(new ReduceLROnPlateau().monitor("loss").patience(0).factor(0.3).minDelta(0).verbose(1), 0.3f, "loss",
                CallbacksGolden.PLATEAU_lossMonitor_VALUES, CallbacksGolden.PLATEAU_lossMonitor_LOGGED,
                CallbacksGolden.PLATEAU_lossMonitor_AFTER, CallbacksGolden.PLATEAU_lossMonitor_OUT);
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> new ReduceLROnPlateau().factor(1.0))
                .hasMessage(CallbacksGolden.PLATEAU_FACTOR_ERROR);
        assertThatThrownBy(() -> new ReduceLROnPlateau().factor(Double.NaN)).hasMessageContaining("factor >= 1.0");
        assertThatThrownBy(() -> new ReduceLROnPlateau().factor(0)).hasMessageContaining("factor must be > 0");
        assertThatThrownBy(() -> new ReduceLROnPlateau().patience(-1)).hasMessageContaining("patience must be >= 0");
        assertThatThrownBy(() -> new ReduceLROnPlateau().cooldown(-2)).hasMessageContaining("cooldown must be >= 0");
        assertThatThrownBy(() -> new ReduceLROnPlateau().minLr(-1e-3)).hasMessageContaining("min_lr");
        assertThatThrownBy(() -> new ReduceLROnPlateau().mode("maximum"))
                .hasMessageContaining("mode must be 'auto', 'min' or 'max', got 'maximum'");
        ReduceLROnPlateau unsure = new ReduceLROnPlateau().monitor("val_widgets");
        Drive.bind(unsure, 0.1f);
        assertThatThrownBy(() -> unsure.onEpochEnd(0, new LinkedHashMap<>(Map.of("val_widgets", 1.0))))
                .hasMessageContaining("ReduceLROnPlateau callback received monitor=val_widgets");
    }

    @Test
    void uncompiledModelIsAClearError() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau();
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        cb.setState(new dev.strata.training.TrainingState(m, Map.of()));
        assertThatThrownBy(() -> cb.onEpochEnd(0, new LinkedHashMap<>(Map.of("val_loss", 1.0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ReduceLROnPlateau needs a compiled model");
    }

    @Test
    void missingMonitorWarnsAsKerasDoesAndStillLogsTheRate() {
        ReduceLROnPlateau cb = new ReduceLROnPlateau();
        Drive.bind(cb, 0.1f);
        Map<String, Double> logs = new LinkedHashMap<>(Map.of("loss", 1.0));
        String err = Drive.capture(true, () -> cb.onEpochEnd(0, logs));
        assertThat(err).contains("Learning rate reduction is conditioned on metric `val_loss` which is not "
                + "available. Available metrics are: loss,learning_rate.");
        assertThat(logs.get("learning_rate")).isEqualTo((double) 0.1f);
    }

    @Test
    void inFitTheRateIsReducedAndRecordedInHistory() {
        Strata.setRandomSeed(5);
        Tensor x = Tensor.normal(Shape.of(32, 3), 0, 1);
        Tensor y = Tensor.normal(Shape.of(32, 1), 0, 1);
        Model m = new Sequential(new InputLayer(3), new Dense(1));
        m.compile(new SGD(0.05f), new CompileOptions().loss("mse"));
        // patience 0 on a loss that must fall by more than 1e9: after the first epoch (the best so far), every
        // epoch end reduces; the rate is logged before the reduction, as Keras logs it
        History h = m.fit(x, y, new FitOptions().epochs(3).verbose(0)
                .callbacks(new ReduceLROnPlateau().monitor("loss").patience(0).minDelta(1e9).factor(0.5)));
        assertThat(h.get("learning_rate")).containsExactly((double) 0.05f, (double) 0.05f, (double) 0.025f);
        assertThat(m.optimizer().orElseThrow().learningRate()).isEqualTo(0.0125f);
    }
}
