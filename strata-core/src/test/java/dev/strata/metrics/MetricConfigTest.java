package dev.strata.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.ClassIndex;
import dev.strata.losses.Losses;
import dev.strata.testing.KerasConfigGolden;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every built-in metric declares its Keras identity, config and from-config in its own class: found by discovery, it
 * saves as Keras does ({@code keras-golden/loss_metric_configs.json}, from {@code tools/golden/losses_metrics.py
 * configs}), reads Keras's configs (and Keras's {@code MeanMetricWrapper} around a named function), round-trips, and
 * refuses a key or value it does not take, naming both.
 */
class MetricConfigTest {
    private static final Map<String, Object> GOLDEN = KerasConfigGolden.load("loss_metric_configs.json");
    /** Keras's forms by class: the first metrics, and those of issue 14 ({@code tools/golden/losses14.py}, {@code metrics14.py}). */
    private static final Map<String, Object> FORMS = KerasConfigGolden.section("metrics", "loss_metric_configs.json",
            "losses14_configs.json", "metric14_configs.json");
    /** Keys Strata writes that Keras 3.15 leaves out: CosineSimilarity's axis (Keras's from_config accepts it). */
    private static final Map<String, Map<String, Object>> STRATA_ADDS = Map.of("CosineSimilarity",
            Map.of("axis", -1));

    /** Metric classes Keras cannot make without arguments (a value to meet, the number of classes). */
    private static final Set<String> REQUIRED_ARGUMENTS = Set.of("PrecisionAtRecall", "RecallAtPrecision",
            "SensitivityAtSpecificity", "SpecificityAtSensitivity", "IoU", "MeanIoU", "OneHotIoU", "OneHotMeanIoU");

    /** Keras's wrapper of a function, which Strata reads as the function's metric class, not a class of its own. */
    private static final String WRAPPER = "MeanMetricWrapper";

    private static List<String> builtIns() {
        List<String> names = KerasObjects.builtInNames(Metric.class);
        assertThat(names).contains(WRAPPER);
        return names.stream().filter(n -> !n.equals(WRAPPER)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kerasForms(String className) {
        assertThat(FORMS).as("Keras's configs of metric class %s (add it to a tools/golden script's configs)",
                className).containsKey(className);
        return (List<Map<String, Object>>) FORMS.get(className);
    }

    /** Keras's serialized metric as Strata writes the same metric: with its additions. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStrataWritesIt(Map<String, Object> keras) {
        Map<String, Object> out = new LinkedHashMap<>(keras);
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) keras.get("config"));
        STRATA_ADDS.getOrDefault((String) keras.get("class_name"), Map.of()).forEach(config::putIfAbsent);
        out.put("config", config);
        return out;
    }

    /** The metric with Keras's defaults: made by name, or from Keras's first config where it needs arguments. */
    private static Metric withDefaults(String className) {
        if (REQUIRED_ARGUMENTS.contains(className)) {
            assertThatThrownBy(() -> Metrics.get(className)).as(className)
                    .isInstanceOf(IllegalArgumentException.class);
            return Metrics.deserialize(kerasForms(className).getFirst(), ConfigContext.DEFAULT);
        }
        return KerasObjects.builtIn(className, Metric.class);
    }

    @Test
    void everyPublicMetricClassIsABuiltInKerasClass() {
        // a new metric that forgets its fromConfig is not saveable as a built-in: this catches it
        Set<String> metricClasses = ClassIndex.classesUnder("dev.strata.metrics").stream()
                .filter(c -> Metric.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                        && !Modifier.isAbstract(c.getModifiers()))
                .map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(KerasObjects.builtInNames(Metric.class)).containsExactlyInAnyOrderElementsOf(metricClasses);
    }

    @Test
    void everyBuiltInMetricSavesAsKerasWithKerasDefaults() {
        for (String name : builtIns()) {
            Metric metric = withDefaults(name);
            assertThat(metric.getClass().getSimpleName()).isEqualTo(name);
            assertThat(KerasConfigGolden.canonical(Metrics.serialize(metric))).as(name)
                    .isEqualTo(KerasConfigGolden.canonical(asStrataWritesIt(kerasForms(name).getFirst())));
        }
    }

    @Test
    void kerasConfigsLoadAsTheSameMetric() {
        for (String name : builtIns()) {
            for (Map<String, Object> keras : kerasForms(name)) {
                Metric metric = Metrics.deserialize(keras, ConfigContext.DEFAULT);
                assertThat(metric.getClass().getSimpleName()).isEqualTo(name);
                assertThat(KerasConfigGolden.canonical(Metrics.serialize(metric))).as("%s", keras)
                        .isEqualTo(KerasConfigGolden.canonical(asStrataWritesIt(keras)));
            }
        }
    }

    @Test
    void kerasMeanMetricWrapperOfAFunctionLoadsAsThatFunctionsMetric() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) GOLDEN.get("metric_wrappers");
        assertThat(cases).isNotEmpty();
        for (Map<String, Object> c : cases) {
            Metric metric = Metrics.deserialize(c.get("wrapper"), ConfigContext.DEFAULT);
            assertThat(KerasConfigGolden.canonical(Metrics.serialize(metric))).as("%s", c.get("wrapper"))
                    .isEqualTo(KerasConfigGolden.canonical(c.get("metric")));
        }
        // Keras 2 wrote the function as its name, and no module
        Metric acc = Metrics.deserialize(Map.of("class_name", WRAPPER, "config", Map.of("name", "accuracy",
                "dtype", "float32", "fn", "binary_accuracy")), ConfigContext.DEFAULT);
        assertThat(acc).isInstanceOf(BinaryAccuracy.class);
        assertThat(acc.name()).isEqualTo("accuracy");
    }

    @Test
    void aMeanMetricWrapperWithoutAKerasFunctionSaysWhy() {
        Map<String, Object> saved = Metrics.serialize(new MeanMetricWrapper(Losses::meanAbsoluteError, "l1"));
        assertThat(saved.get("class_name")).isEqualTo(WRAPPER);
        assertThatThrownBy(() -> Metrics.deserialize(saved, ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'l1' (MeanMetricWrapper)")
                .hasMessageContaining("missing 'fn'").hasMessageContaining("subclass");
        assertThatThrownBy(() -> Metrics.deserialize(Map.of("class_name", WRAPPER, "config", Map.of("fn",
                "no_such_fn")), ConfigContext.DEFAULT)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("'fn': unknown metric 'no_such_fn'");
        assertThatThrownBy(() -> Metrics.deserialize(Map.of("class_name", WRAPPER, "config", Map.of("fn",
                "RootMeanSquaredError")), ConfigContext.DEFAULT)).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("not a function of (y_true, y_pred)");
    }

    @Test
    void everyBuiltInMetricRoundTripsWithItsBaseKeys() {
        for (String name : builtIns()) {
            Map<String, Object> saved = Metrics.serialize(withDefaults(name));
            assertThat(Metrics.serialize(Metrics.deserialize(saved, ConfigContext.DEFAULT))).as(name).isEqualTo(saved);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) saved.get("config"));
            config.put("name", "renamed");
            Map<String, Object> other = new LinkedHashMap<>(saved);
            other.put("config", config);
            Metric back = Metrics.deserialize(other, ConfigContext.DEFAULT);
            assertThat(back.name()).isEqualTo("renamed");
            assertThat(Metrics.serialize(back)).as(name).isEqualTo(other);
        }
    }

    @Test
    void anUnknownKeyOrABadValueNamesTheClassAndTheKey() {
        assertThatThrownBy(() -> read("BinaryAccuracy", Map.of("threshold", 0.3, "k", 5)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(BinaryAccuracy)")
                .hasMessageContaining("unknown key [k]");
        assertThatThrownBy(() -> read("BinaryAccuracy", Map.of("threshold", "high")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(BinaryAccuracy)")
                .hasMessageContaining("'threshold' must be a number");
        assertThatThrownBy(() -> read("Mean", Map.of("dtype", "float16")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Mean)")
                .hasMessageContaining("'dtype' = \"float16\" is not supported");
        assertThatThrownBy(() -> read("SparseCategoricalCrossentropy", Map.of("axis", 0)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SparseCategoricalCrossentropy)")
                .hasMessageContaining("'axis' = 0 is not supported");
        assertThatThrownBy(() -> read("NoSuchMetric", Map.of()))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("Strata has no metric class 'NoSuchMetric'");
    }

    private static Metric read(String className, Map<String, Object> config) {
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("module", "keras.metrics");
        serialized.put("class_name", className);
        serialized.put("config", config);
        serialized.put("registered_name", null);
        return Metrics.deserialize(serialized, ConfigContext.DEFAULT);
    }

    /** A user's metric: its config is the base keys and its fields. */
    public static class Counting extends Mean {
        private final int every;

        public Counting(int every) {
            super("counting");
            this.every = every;
        }
    }

    @Test
    void aUserMetricHasAConfigFromItsFieldsAndLoadsWhenRegistered() {
        Map<String, Object> saved = Metrics.serialize(new Counting(3));
        assertThat(saved.get("config")).isEqualTo(Map.of("name", "counting", "dtype", "float32", "every", 3));
        assertThat(saved.get("registered_name")).isEqualTo("Custom>Counting");
        SavingRegistry.register(Counting.class);
        try {
            Metric back = Metrics.deserialize(saved, ConfigContext.DEFAULT);
            assertThat(back).isInstanceOf(Counting.class);
            assertThat(((Counting) back).every).isEqualTo(3);
            assertThat(Metrics.serialize(back)).isEqualTo(saved);
        } finally {
            SavingRegistry.unregister(Counting.class);
        }
    }
}
