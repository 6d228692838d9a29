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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LearningRateScheduler against Keras driven the same way (tools/golden/callbacks14.py). */
class LearningRateSchedulerTest {
    private static void check(LearningRateScheduler cb, int epochs, double[] rates, double[] logged, String printed) {
        Model m = Drive.bind(cb.verbose(1), 0.01f);
        List<Double> gotRates = new ArrayList<>();
        List<Double> gotLogged = new ArrayList<>();
        String out = Drive.capture(false, () -> {
            for (int epoch = 0; epoch < epochs; epoch++) {
                cb.onEpochBegin(epoch, new LinkedHashMap<>());
                gotRates.add((double) m.optimizer().orElseThrow().learningRate());
                Map<String, Double> logs = new LinkedHashMap<>(Map.of("loss", 1.0));
                cb.onEpochEnd(epoch, logs);
                gotLogged.add(logs.get("learning_rate"));
            }
        });
        assertThat(gotRates).containsExactly(Arrays.stream(rates).boxed().toArray(Double[]::new));
        assertThat(gotLogged).containsExactly(Arrays.stream(logged).boxed().toArray(Double[]::new));
        assertThat(out).isEqualTo(printed);
    }

    @Test
    void epochAndRateScheduleMatchesKeras() {
        check(new LearningRateScheduler((epoch, lr) -> epoch < 2 ? lr : lr * Math.exp(-0.1)), 6,
                CallbacksGolden.SCHED_decay_RATES, CallbacksGolden.SCHED_decay_LOGGED, CallbacksGolden.SCHED_decay_OUT);
    }

    @Test
    void aFloatResultPrintsAsTheDoubleItWidensTo() {
        check(new LearningRateScheduler((epoch, lr) -> (float) (0.1 / (epoch + 1))), 4,
                CallbacksGolden.SCHED_float32_RATES, CallbacksGolden.SCHED_float32_LOGGED,
                CallbacksGolden.SCHED_float32_OUT);
    }

    @Test
    void oneArgumentScheduleMatchesKeras() {
        check(new LearningRateScheduler(epoch -> Math.pow(0.5, epoch)), 4, CallbacksGolden.SCHED_epochOnly_RATES,
                CallbacksGolden.SCHED_epochOnly_LOGGED, CallbacksGolden.SCHED_epochOnly_OUT);
    }

    @Test
    void aNonFloatResultIsKerasError() {
        LearningRateScheduler none = new LearningRateScheduler((epoch, lr) -> null);
        Drive.bind(none, 0.01f);
        assertThatThrownBy(() -> none.onEpochBegin(0, new LinkedHashMap<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(CallbacksGolden.SCHED_ERROR_NONE);
        LearningRateScheduler integer = new LearningRateScheduler((epoch, lr) -> 1);
        Drive.bind(integer, 0.01f);
        assertThatThrownBy(() -> integer.onEpochBegin(0, new LinkedHashMap<>()))
                .hasMessage(CallbacksGolden.SCHED_ERROR_INT);
        LearningRateScheduler nan = new LearningRateScheduler((epoch, lr) -> Double.NaN);
        Drive.bind(nan, 0.01f);
        assertThatThrownBy(() -> nan.onEpochBegin(3, new LinkedHashMap<>()))
                .hasMessage("LearningRateScheduler: the schedule returned nan for epoch 3; a learning rate must be "
                        + "finite");
        assertThatThrownBy(() -> new LearningRateScheduler((java.util.function.IntFunction<Double>) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("schedule");
    }

    @Test
    void inFitTheScheduleSetsEachEpochsRateAndHistoryRecordsIt() {
        Strata.setRandomSeed(6);
        Tensor x = Tensor.normal(Shape.of(16, 2), 0, 1);
        Tensor y = Tensor.normal(Shape.of(16, 1), 0, 1);
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile(new SGD(0.01f), new CompileOptions().loss("mse"));
        History h = m.fit(x, y, new FitOptions().epochs(3).verbose(0)
                .callbacks(new LearningRateScheduler((epoch, lr) -> 0.1 / (epoch + 1))));
        assertThat(h.get("learning_rate")).containsExactly((double) 0.1f, (double) 0.05f, (double) (float) (0.1 / 3));
    }
}
