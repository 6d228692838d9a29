package dev.strata.losses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.config.SavingRegistry;
import dev.strata.internal.ClassIndex;
import dev.strata.internal.config.BuiltInClasses;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.testing.KerasConfigGolden;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every built-in loss declares its Keras identity, config and from-config in its own class: found by discovery, it
 * saves as Keras does ({@code keras-golden/loss_metric_configs.json}, from {@code tools/golden/losses_metrics.py
 * configs}), reads Keras's configs, round-trips, and refuses a key or value it does not take, naming both.
 */
class LossConfigTest {
    /** Keras's forms by class: the first losses, and those of issue 14 ({@code tools/golden/losses14.py configs}). */
    private static final Map<String, Object> GOLDEN = KerasConfigGolden.section("losses", "loss_metric_configs.json",
            "losses14_configs.json");

    /**
     * Keys Strata writes that Keras 3.15 leaves out: Huber's delta and CosineSimilarity's axis (Keras loses them on
     * reload; Strata keeps them, and Keras's from_config accepts them).
     */
    private static final Map<String, Map<String, Object>> STRATA_ADDS = Map.of("Huber", Map.of("delta", 1.0),
            "CosineSimilarity", Map.of("axis", -1));

    private static List<String> builtIns() {
        List<String> names = KerasObjects.builtInNames(Loss.class);
        assertThat(names).isNotEmpty();
        return names;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kerasForms(String className) {
        assertThat(GOLDEN).as("Keras's configs of loss class %s (add it to a tools/golden script's configs)",
                className).containsKey(className);
        return (List<Map<String, Object>>) GOLDEN.get(className);
    }

    /** Keras's serialized loss as Strata writes the same loss: its additions, and None as "none". */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStrataWritesIt(Map<String, Object> keras) {
        Map<String, Object> out = new LinkedHashMap<>(keras);
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) keras.get("config"));
        if (config.containsKey("reduction") && config.get("reduction") == null) {
            config.put("reduction", "none"); // both mean no reduction; Strata writes the string
        }
        STRATA_ADDS.getOrDefault((String) keras.get("class_name"), Map.of()).forEach(config::putIfAbsent);
        out.put("config", config);
        return out;
    }

    @Test
    void everyPublicLossClassIsABuiltInKerasClass() {
        // a new loss that forgets its fromConfig is not saveable as a built-in: this catches it
        Set<String> lossClasses = ClassIndex.classesUnder("dev.strata.losses").stream()
                .filter(c -> Loss.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                        && !Modifier.isAbstract(c.getModifiers()) && c != LossFunctionWrapper.class)
                .map(Class::getSimpleName).collect(Collectors.toSet());
        assertThat(builtIns()).containsExactlyInAnyOrderElementsOf(lossClasses);
        // LossFunctionWrapper wraps a Java function, which no config can hold
        assertThat(BuiltInClasses.isBuiltIn(LossFunctionWrapper.class)).isFalse();
    }

    @Test
    void everyBuiltInLossSavesAsKerasWithKerasDefaults() {
        for (String name : builtIns()) {
            Loss loss = KerasObjects.builtIn(name, Loss.class);
            assertThat(loss.getClass().getSimpleName()).isEqualTo(name);
            assertThat(KerasConfigGolden.canonical(Losses.serialize(loss))).as(name)
                    .isEqualTo(KerasConfigGolden.canonical(asStrataWritesIt(kerasForms(name).getFirst())));
        }
    }

    @Test
    void kerasConfigsLoadAsTheSameLoss() {
        for (String name : builtIns()) {
            for (Map<String, Object> keras : kerasForms(name)) {
                Loss loss = Losses.deserialize(keras, ConfigContext.DEFAULT);
                assertThat(loss.getClass().getSimpleName()).isEqualTo(name);
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) keras.get("config");
                assertThat(loss.name()).isEqualTo(config.get("name"));
                assertThat(KerasConfigGolden.canonical(Losses.serialize(loss))).as("%s", keras)
                        .isEqualTo(KerasConfigGolden.canonical(asStrataWritesIt(keras)));
            }
        }
    }

    @Test
    void everyBuiltInLossRoundTripsWithItsBaseKeys() {
        for (String name : builtIns()) {
            Map<String, Object> saved = Losses.serialize(KerasObjects.builtIn(name, Loss.class));
            assertThat(Losses.serialize(Losses.deserialize(saved, ConfigContext.DEFAULT))).as(name).isEqualTo(saved);
            // the family reads the base keys of every loss: another name and reduction come back
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) saved.get("config"));
            config.put("name", "renamed");
            config.put("reduction", "sum");
            Map<String, Object> other = new LinkedHashMap<>(saved);
            other.put("config", config);
            Loss back = Losses.deserialize(other, ConfigContext.DEFAULT);
            assertThat(back.name()).isEqualTo("renamed");
            assertThat(back.reduction()).isEqualTo(Reduction.SUM);
            assertThat(Losses.serialize(back)).as(name).isEqualTo(other);
        }
    }

    @Test
    void missingKeysTakeKerasDefaults() {
        Loss bce = Losses.deserialize(Map.of("class_name", "BinaryCrossentropy", "config", Map.of()),
                ConfigContext.DEFAULT);
        assertThat(Losses.serialize(bce)).isEqualTo(Losses.serialize(new BinaryCrossentropy()));
        Huber huber = (Huber) Losses.deserialize(Map.of("class_name", "Huber", "config", Map.of("delta", 2.5)),
                ConfigContext.DEFAULT);
        assertThat(huber.delta()).isEqualTo(2.5);
        assertThat(huber.name()).isEqualTo("huber_loss");
        // Keras's None reduction, and SparseCategoricalCrossentropy's axis at its only value Strata has
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("reduction", null);
        config.put("axis", -1);
        config.put("dtype", "float32");
        Loss scce = Losses.deserialize(Map.of("class_name", "SparseCategoricalCrossentropy", "config", config),
                ConfigContext.DEFAULT);
        assertThat(scce.reduction()).isEqualTo(Reduction.NONE);
        assertThat(Losses.deserialize("mae", ConfigContext.DEFAULT)).isInstanceOf(MeanAbsoluteError.class);
    }

    @Test
    void anUnknownKeyOrABadValueNamesTheClassAndTheKey() {
        assertThatThrownBy(() -> read("BinaryCrossentropy", Map.of("from_logits", true, "flux", 1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(BinaryCrossentropy)")
                .hasMessageContaining("unknown key [flux]");
        assertThatThrownBy(() -> read("CategoricalCrossentropy", Map.of("from_logits", "yes")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(CategoricalCrossentropy)")
                .hasMessageContaining("'from_logits' must be true or false, got \"yes\"");
        assertThatThrownBy(() -> read("Huber", Map.of("reduction", "average")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Huber)")
                .hasMessageContaining("'reduction' = \"average\" is not one of Keras's reductions");
        assertThatThrownBy(() -> read("Huber", Map.of("delta", "big")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Huber)")
                .hasMessageContaining("'delta' must be a number");
        assertThatThrownBy(() -> read("SparseCategoricalCrossentropy", Map.of("axis", 1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SparseCategoricalCrossentropy)")
                .hasMessageContaining("'axis' = 1 is not supported");
        assertThatThrownBy(() -> read("BinaryCrossentropy", Map.of("label_smoothing", 2)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(BinaryCrossentropy)")
                .hasMessageContaining("labelSmoothing must be in [0, 1], got 2.0");
        assertThatThrownBy(() -> read("Hingeless", Map.of()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("Strata has no loss class 'Hingeless'")
                .hasMessageContaining("MeanSquaredError");
    }

    private static Loss read(String className, Map<String, Object> config) {
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("module", "keras.losses");
        serialized.put("class_name", className);
        serialized.put("config", config);
        serialized.put("registered_name", null);
        return Losses.deserialize(serialized, ConfigContext.DEFAULT);
    }

    /** A user's loss: its config is the base keys and its fields, with no getConfig of its own. */
    public static class Scaled extends Loss {
        private final double factor;

        public Scaled(double factor) {
            super("scaled", Reduction.SUM_OVER_BATCH_SIZE);
            this.factor = factor;
        }

        @Override
        protected Tensor call(Tensor yTrue, Tensor yPred) {
            return Ops.multiply(Losses.meanSquaredError(yTrue, yPred), (float) factor);
        }
    }

    @Test
    void aUserLossHasAConfigFromItsFieldsAndLoadsWhenRegistered() {
        Scaled loss = new Scaled(0.5);
        assertThat(loss.getConfig()).containsExactly(Map.entry("name", "scaled"),
                Map.entry("reduction", "sum_over_batch_size"), Map.entry("factor", 0.5));
        Map<String, Object> saved = Losses.serialize(loss);
        assertThat(saved.get("module")).isNull();
        assertThat(saved.get("registered_name")).isEqualTo("Custom>Scaled");
        assertThatThrownBy(() -> Losses.deserialize(saved, ConfigContext.DEFAULT))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("SavingRegistry.register");
        SavingRegistry.register(Scaled.class);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) saved.get("config"));
            config.put("reduction", "sum");
            Map<String, Object> summed = new LinkedHashMap<>(saved);
            summed.put("config", config);
            Loss back = Losses.deserialize(summed, ConfigContext.DEFAULT);
            assertThat(back).isInstanceOf(Scaled.class);
            assertThat(((Scaled) back).factor).isEqualTo(0.5);
            assertThat(back.reduction()).isEqualTo(Reduction.SUM); // the base keys apply to a user's loss too
        } finally {
            SavingRegistry.unregister(Scaled.class);
        }
    }
}
