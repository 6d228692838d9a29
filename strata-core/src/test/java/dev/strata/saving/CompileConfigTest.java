package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.KerasConfigException;
import dev.strata.losses.BinaryCrossentropy;
import dev.strata.losses.Huber;
import dev.strata.losses.Reduction;
import dev.strata.metrics.BinaryAccuracy;
import dev.strata.metrics.RootMeanSquaredError;
import dev.strata.models.Model;
import dev.strata.optimizers.Adam;
import dev.strata.optimizers.AdamW;
import dev.strata.optimizers.Optimizer;
import dev.strata.optimizers.RMSprop;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compile config: what compile was given, in Keras's form, and compiling a loaded model from it. */
class CompileConfigTest {
    private static Map<String, Object> parse(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) KerasConfig.parseJson(json);
        return m;
    }

    @Test
    void optimizersAsKerasWritesThem() {
        // Keras 3.15.1: keras.saving.serialize_keras_object(keras.optimizers.Adam()) (tools/golden style check).
        Map<String, Object> adam = parse("{\"module\": \"keras.optimizers\", \"class_name\": \"Adam\", \"config\": "
                + "{\"name\": \"adam\", \"learning_rate\": 0.0010000000474974513, \"weight_decay\": null, "
                + "\"clipnorm\": null, \"global_clipnorm\": null, \"clipvalue\": null, \"use_ema\": false, "
                + "\"ema_momentum\": 0.99, \"ema_overwrite_frequency\": null, \"loss_scale_factor\": null, "
                + "\"gradient_accumulation_steps\": null, \"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, "
                + "\"amsgrad\": false}, \"registered_name\": null}");
        assertThat(KerasConfig.serialize(new Adam().name("adam"))).isEqualTo(adam);
        Optimizer back = KerasConfig.deserialize(adam, Optimizer.class, new LoadOptions());
        assertThat(back).isInstanceOf(Adam.class);
        assertThat(KerasConfig.serialize(back)).isEqualTo(adam);
    }

    @Test
    void adamWAndWeightDecayAsKerasWritesThem() {
        // Keras 3.15.1: serialize_keras_object(AdamW()) and (SGD(0.1, momentum=0.9, weight_decay=0.01, name="s"))
        Map<String, Object> adamW = parse("{\"module\": \"keras.optimizers\", \"class_name\": \"AdamW\", "
                + "\"config\": {\"name\": \"adam_w\", \"learning_rate\": 0.0010000000474974513, \"weight_decay\": 0.004, "
                + "\"clipnorm\": null, \"global_clipnorm\": null, \"clipvalue\": null, \"use_ema\": false, "
                + "\"ema_momentum\": 0.99, \"ema_overwrite_frequency\": null, \"loss_scale_factor\": null, "
                + "\"gradient_accumulation_steps\": null, \"beta_1\": 0.9, \"beta_2\": 0.999, \"epsilon\": 1e-07, "
                + "\"amsgrad\": false}, \"registered_name\": null}");
        assertThat(KerasConfig.serialize(new AdamW().name("adam_w"))).isEqualTo(adamW);
        Optimizer back = KerasConfig.deserialize(adamW, Optimizer.class, new LoadOptions());
        assertThat(back).isInstanceOf(AdamW.class);
        assertThat(KerasConfig.serialize(back)).isEqualTo(adamW);
        Map<String, Object> sgd = parse("{\"module\": \"keras.optimizers\", \"class_name\": \"SGD\", \"config\": "
                + "{\"name\": \"s\", \"learning_rate\": 0.10000000149011612, \"weight_decay\": 0.01, "
                + "\"clipnorm\": null, \"global_clipnorm\": null, \"clipvalue\": null, \"use_ema\": false, "
                + "\"ema_momentum\": 0.99, \"ema_overwrite_frequency\": null, \"loss_scale_factor\": null, "
                + "\"gradient_accumulation_steps\": null, \"momentum\": 0.9, \"nesterov\": false}, "
                + "\"registered_name\": null}");
        assertThat(KerasConfig.serialize(new SGD(0.1f, 0.9f, false).weightDecay(0.01f).name("s"))).isEqualTo(sgd);
        assertThat(KerasConfig.serialize(KerasConfig.deserialize(sgd, Optimizer.class, new LoadOptions())))
                .isEqualTo(sgd);
        // Keras's from_config is AdamW(**config): without the key, AdamW's default applies
        String noDecay = "{\"module\": \"keras.optimizers\", \"class_name\": \"AdamW\", \"config\": "
                + "{\"name\": \"w\", \"learning_rate\": 0.01}, \"registered_name\": null}";
        assertThat(KerasConfig.deserialize(parse(noDecay), Optimizer.class, new LoadOptions()).getConfig())
                .containsEntry("weight_decay", 0.004);
        assertThat(KerasConfig.deserialize("adamw", Optimizer.class, new LoadOptions())).isInstanceOf(AdamW.class);
    }

    @Test
    void optimizerSettingsRoundTrip() {
        for (Optimizer o : List.of(new SGD(0.1f, 0.9f, true).clipnorm(1f).name("fast"),
                new AdamW(2e-3f, 0.05f, 0.8f, 0.99f, 1e-6f).amsgrad(true).clipvalue(2f),
                new Adam().weightDecay(0.1f).excludeFromWeightDecay("bias"),
                new Adam(3e-4f, 0.8f, 0.99f, 1e-6f).amsgrad(true).globalClipnorm(5f),
                new RMSprop(0.01f).rho(0.8f).momentum(0.5f).epsilon(1e-5f).centered(true).clipvalue(0.5f))) {
            Object config = KerasConfig.serialize(o);
            Optimizer back = KerasConfig.deserialize(config, Optimizer.class, new LoadOptions());
            assertThat(back.getClass()).isEqualTo(o.getClass());
            assertThat(KerasConfig.serialize(back)).isEqualTo(config);
        }
        assertThat(KerasConfig.deserialize("rmsprop", Optimizer.class, new LoadOptions())).isInstanceOf(RMSprop.class);
    }

    @Test
    void unsupportedOptimizerSettingsFailNamingThem() {
        String adam = "{\"module\": \"keras.optimizers\", \"class_name\": \"%s\", \"config\": {\"name\": \"o\", %s}, "
                + "\"registered_name\": null}";
        assertThatThrownBy(() -> KerasConfig.deserialize(parse(String.format(adam, "Adam",
                "\"use_ema\": true, \"ema_momentum\": 2")), new LoadOptions())).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'ema_momentum'").hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> KerasConfig.deserialize(parse(String.format(adam, "Adam", "\"learning_rate\": "
                + "{\"module\": \"keras.optimizers.schedules\", \"class_name\": \"ExponentialDecay\", \"config\": {}}")),
                new LoadOptions())).isInstanceOf(KerasConfigException.class).hasMessageContaining("ExponentialDecay")
                .hasMessageContaining("initial_learning_rate");
        assertThatThrownBy(() -> KerasConfig.deserialize(parse(String.format(adam, "Adagradient", "\"beta_2_decay\": "
                + "-0.8")), new LoadOptions())).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("Strata has no optimizer class 'Adagradient'")
                .hasMessageContaining("[Adadelta, Adafactor, Adagrad, Adam, AdamW, Adamax, Ftrl, Lamb, Lion, "
                        + "LossScaleOptimizer, Muon, Nadam, RMSprop, SGD]");
        assertThatThrownBy(() -> KerasConfig.deserialize(parse(String.format(adam, "SGD", "\"nesterov\": false, "
                + "\"flux\": 1")), new LoadOptions())).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("unknown key [flux]");
    }

    @Test
    void oneLossForSeveralOutputsIsWrittenOncePerOutput() {
        Model m = WideAndDeepStyles.functional();
        m.compile(new SGD(0.01f), new CompileOptions().loss("mse").lossWeights(0.9, 0.1)
                .metrics("mae", new RootMeanSquaredError()));
        Map<String, Object> c = KerasConfig.compileConfig(m);
        assertThat(c.keySet()).containsExactly("optimizer", "loss", "loss_weights", "metrics", "weighted_metrics",
                "run_eagerly", "steps_per_execution", "jit_compile");
        assertThat(c.get("loss")).isEqualTo(List.of("mse", "mse"));
        assertThat(c.get("loss_weights")).isEqualTo(List.of(0.9, 0.1));
        Object rmse = KerasConfig.serialize(new RootMeanSquaredError());
        // a list with one entry per output, written as given: mae for the first output, rmse for the second
        assertThat(c.get("metrics")).isEqualTo(List.of("mae", rmse));
        assertRoundTrip(m);
    }

    @Test
    void lossesAndMetricsByNameAndAsObjects() {
        Model m = WideAndDeepStyles.functional();
        Map<String, Object> losses = new LinkedHashMap<>();
        losses.put("main_output", new Huber(2.0, Reduction.SUM, "h"));
        losses.put("aux_output", "mae");
        Map<String, List<?>> metrics = new LinkedHashMap<>();
        metrics.put("main_output", List.of(new BinaryAccuracy("acc", 0.3)));
        m.compile(new Adam(), new CompileOptions().losses(losses).lossWeights(Map.of("main_output", 2.0))
                .metrics(metrics));
        Map<String, Object> c = KerasConfig.compileConfig(m);
        assertThat(KerasConfig.toJson(c.get("loss"))).isEqualTo("{\"main_output\": {\"module\": \"keras.losses\", "
                + "\"class_name\": \"Huber\", \"config\": {\"name\": \"h\", \"reduction\": \"sum\", \"delta\": 2.0}, "
                + "\"registered_name\": null}, \"aux_output\": \"mae\"}");
        assertThat(c.get("loss_weights")).isEqualTo(Map.of("main_output", 2.0));
        assertRoundTrip(m);
        m.compile(new Adam(), new CompileOptions().losses(new BinaryCrossentropy(true), "mse")
                .metricsPerOutput(List.of(List.of("mse"), List.of())));
        assertThat(KerasConfig.compileConfig(m).get("metrics")).isEqualTo(List.of(List.of("mse"), List.of()));
        assertRoundTrip(m);
    }

    /** compileConfig -> compileFromConfig -> compileConfig gives the same config. */
    private static void assertRoundTrip(Model m) {
        Map<String, Object> c = KerasConfig.compileConfig(m);
        Model other = WideAndDeepStyles.functional();
        KerasConfig.compileFromConfig(other, c, new LoadOptions());
        assertThat(KerasConfig.toJson(KerasConfig.compileConfig(other))).isEqualTo(KerasConfig.toJson(c));
    }

    @Test
    void kerasTwoMetricsWithoutAModuleLoadAsTheirMetrics() {
        // Keras 2.13-2.15 wrote compile-config metrics without a module, a function's metric as a MeanMetricWrapper
        Map<String, Object> c = parse("{\"optimizer\": \"sgd\", \"loss\": {\"class_name\": \"Huber\", \"config\": "
                + "{\"name\": \"h\", \"reduction\": \"sum\", \"delta\": 0.5}}, \"metrics\": [{\"class_name\": "
                + "\"MeanMetricWrapper\", \"config\": {\"name\": \"accuracy\", \"dtype\": \"float32\", \"fn\": "
                + "\"binary_accuracy\"}}, {\"class_name\": \"RootMeanSquaredError\", \"config\": {\"name\": \"rmse\", "
                + "\"dtype\": \"float32\"}}]}");
        Model m = new dev.strata.models.Sequential(new dev.strata.layers.core.InputLayer(2),
                new dev.strata.layers.core.Dense(1));
        KerasConfig.compileFromConfig(m, c, new LoadOptions());
        Huber loss = (Huber) m.compileOptions().get().losses().getFirst();
        assertThat(loss.delta()).isEqualTo(0.5);
        assertThat(loss.reduction()).isEqualTo(Reduction.SUM);
        List<Object> metrics = m.compileOptions().get().metrics();
        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0)).isInstanceOf(BinaryAccuracy.class);
        assertThat(((BinaryAccuracy) metrics.get(0)).name()).isEqualTo("accuracy");
        assertThat(metrics.get(1)).isInstanceOf(RootMeanSquaredError.class);
        assertThat(((RootMeanSquaredError) metrics.get(1)).name()).isEqualTo("rmse");
        // and a lone serialized metric without a module, read with no type asked for
        assertThat(KerasConfig.deserialize(Map.of("class_name", "BinaryAccuracy", "config", Map.of("threshold", 0.25)),
                new LoadOptions())).isInstanceOf(BinaryAccuracy.class);
    }

    @Test
    void aNotCompiledModelHasAnEmptyCompileConfig() {
        assertThat(KerasConfig.compileConfig(new WideAndDeepModel(3, "relu"))).isEmpty();
    }

    @Test
    void weightedMetricsAreReadAndWrittenBackAndUnknownOnesLeftOutWithAWarning() {
        Model m = WideAndDeepStyles.functional();
        Map<String, Object> c = new LinkedHashMap<>(KerasConfig.compileConfig(m));
        c.put("weighted_metrics", List.of("mae"));
        List<String> warnings = new java.util.ArrayList<>();
        KerasConfig.compileFromConfig(m, c, new LoadOptions().warnings(warnings::add));
        assertThat(warnings).isEmpty();
        assertThat(m.compileOptions().get().weightedMetrics()).containsExactly("mae");
        // a list is written back as Keras's list, as given (for two outputs Keras, like Strata, rejects it on use)
        assertThat(KerasConfig.compileConfig(m).get("weighted_metrics")).isEqualTo(List.of("mae"));
        assertRoundTrip(m);

        Map<String, List<?>> byName = new LinkedHashMap<>();
        byName.put("aux_output", List.of("mse", new RootMeanSquaredError()));
        m.compile(new Adam(), new CompileOptions().loss("mse").metrics("mae", "mae").weightedMetrics(byName));
        assertThat(KerasConfig.compileConfig(m).get("metrics")).isEqualTo(List.of("mae", "mae"));
        assertThat(KerasConfig.compileConfig(m).get("weighted_metrics")).isEqualTo(Map.of("aux_output",
                List.of("mse", KerasConfig.serialize(new RootMeanSquaredError()))));
        assertRoundTrip(m);
        m.compile(new Adam(), new CompileOptions().loss("mse").weightedMetricsPerOutput(List.of(List.of(),
                List.of("mae"))));
        assertThat(KerasConfig.compileConfig(m).get("weighted_metrics")).isEqualTo(List.of(List.of(),
                List.of("mae")));
        assertRoundTrip(m);

        c.put("weighted_metrics", List.of(List.of("mae"), List.of("no_such_metric")));
        KerasConfig.compileFromConfig(m, c, new LoadOptions().warnings(warnings::add));
        assertThat(warnings).singleElement().asString().contains("weighted_metrics[1]").contains("no_such_metric")
                .contains("left out");
        assertThat(m.compileOptions().get().weightedMetricsByPosition()).isEqualTo(List.of(List.of("mae"),
                List.of()));
    }

    @Test
    void aLoadedModelTrainsWithoutCompilingAgain() {
        Model m = WideAndDeepStyles.functional();
        Model back = KerasConfig.modelFromJson(KerasConfig.modelToJson(m));
        assertThat(back.isCompiled()).isTrue();
        Tensor wide = Tensor.uniform(dev.strata.tensor.Shape.of(16, 5), -1f, 1f);
        Tensor deep = Tensor.uniform(dev.strata.tensor.Shape.of(16, 6), -1f, 1f);
        Tensor y = Tensor.uniform(dev.strata.tensor.Shape.of(16, 1), -1f, 1f);
        History h = back.fit(List.of(wide, deep), List.of(y, y), new FitOptions().epochs(2).verbose(0));
        assertThat(h.history().keySet()).contains("loss", "main_output_loss", "aux_output_loss");
        assertThat(back.optimizer().get().iterations()).isEqualTo(2);
        assertThat(h.get("loss")).hasSize(2);
    }
}
