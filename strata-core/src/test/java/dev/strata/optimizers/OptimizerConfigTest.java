package dev.strata.optimizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObjects;
import dev.strata.internal.ClassIndex;
import dev.strata.testing.KerasConfigGolden;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every built-in optimizer declares its Keras identity, config and from-config in its own class, and the keys every
 * optimizer has are read once, by {@link Optimizer#FAMILY}: found by discovery, each optimizer saves as Keras does
 * ({@code keras-golden/optimizer_configs.json}, from {@code tools/golden/optimizers.py configs}), reads Keras 3's and
 * Keras 2's configs, round-trips, and refuses a key or value it does not take, naming both.
 */
class OptimizerConfigTest {
    /** Keras's forms of every optimizer class: those of {@code optimizers.py configs} and {@code optimizers14.py configs}. */
    private static final Map<String, Object> KERAS_FORMS = merged("optimizer_configs.json", "optimizer_configs14.json");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merged(String... files) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String file : files) {
            all.putAll((Map<String, Object>) KerasConfigGolden.load(file).get("optimizers"));
        }
        return all;
    }

    /**
     * The built-in optimizers that Keras makes with its defaults alone: all but the wrappers, which need the
     * optimizer they wrap (LossScaleOptimizer's configs are checked by LossScaleOptimizerTest).
     */
    private static List<String> builtIns() {
        List<String> names = KerasObjects.builtInNames(Optimizer.class);
        assertThat(names).contains("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl",
                "Lion", "Lamb", "Muon", "Adafactor", "LossScaleOptimizer");
        return names.stream().filter(n -> !WRAPPERS.contains(n)).toList();
    }

    private static final Set<String> WRAPPERS = Set.of("LossScaleOptimizer");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> kerasForms(String className) {
        assertThat(KERAS_FORMS).as("Keras's configs of optimizer class %s (add it to a tools/golden/optimizers*.py "
                + "configs)", className).containsKey(className);
        return (List<Map<String, Object>>) KERAS_FORMS.get(className);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> configOf(Map<String, Object> serialized) {
        return (Map<String, Object>) serialized.get("config");
    }

    private static Optimizer read(Object serialized) {
        return KerasObjects.deserialize(serialized, Optimizer.class, ConfigContext.DEFAULT, "optimizer");
    }

    private static Optimizer read(String className, Map<String, Object> config) {
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("module", "keras.optimizers");
        serialized.put("class_name", className);
        serialized.put("config", config);
        serialized.put("registered_name", null);
        return read(serialized);
    }

    private static Map<String, Object> withConfig(Map<String, Object> serialized, Map<String, Object> config) {
        Map<String, Object> out = new LinkedHashMap<>(serialized);
        out.put("config", config);
        return out;
    }

    @Test
    void everyPublicOptimizerClassIsABuiltInKerasClass() {
        // a new optimizer that forgets its fromConfig is not saveable as a built-in: this catches it
        Set<String> optimizerClasses = ClassIndex.classesUnder("dev.strata.optimizers").stream()
                .filter(c -> Optimizer.class.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                        && !Modifier.isAbstract(c.getModifiers()))
                .map(Class::getSimpleName).collect(Collectors.toSet());
        List<String> all = new java.util.ArrayList<>(builtIns());
        all.addAll(WRAPPERS);
        assertThat(all).containsExactlyInAnyOrderElementsOf(optimizerClasses);
        assertThatThrownBy(() -> KerasObjects.builtIn("LossScaleOptimizer", Optimizer.class))
                .hasMessageContaining("LossScaleOptimizer needs 'inner_optimizer'");
        for (String name : builtIns()) {
            assertThat(KerasObjects.serialize(KerasObjects.builtIn(name, Optimizer.class)))
                    .containsEntry("module", "keras.optimizers").containsEntry("class_name", name)
                    .containsEntry("registered_name", null);
        }
    }

    @Test
    void everyBuiltInOptimizerSavesAsKerasWithKerasDefaults() {
        for (String name : builtIns()) {
            Map<String, Object> keras = kerasForms(name).getFirst();
            Optimizer optimizer = KerasObjects.builtIn(name, Optimizer.class);
            assertThat(optimizer.getClass().getSimpleName()).isEqualTo(name);
            optimizer.name((String) configOf(keras).get("name")); // Keras's auto name, made unique per process
            // exactly Keras's dict: the same keys in the same order, the same values of the same JSON types
            assertThat(KerasObjects.serialize(optimizer)).as(name).isEqualTo(keras);
            assertThat(Optimizers.serialize(optimizer)).isEqualTo(keras);
        }
    }

    @Test
    void kerasConfigsLoadAsTheSameOptimizer() {
        for (String name : builtIns()) {
            for (Map<String, Object> keras : kerasForms(name)) {
                Optimizer optimizer = read(keras);
                assertThat(optimizer.getClass().getSimpleName()).isEqualTo(name);
                assertThat(optimizer.name()).isEqualTo(configOf(keras).get("name"));
                assertThat(optimizer.learningRate()).isEqualTo(
                        ((Number) configOf(keras).get("learning_rate")).floatValue());
                assertThat(KerasObjects.serialize(optimizer)).as("%s", keras).isEqualTo(keras);
            }
        }
    }

    @Test
    void everyBuiltInOptimizerRoundTripsWithItsBaseKeys() {
        for (String name : builtIns()) {
            Map<String, Object> saved = KerasObjects.serialize(KerasObjects.builtIn(name, Optimizer.class));
            assertThat(KerasObjects.serialize(read(saved))).as(name).isEqualTo(saved);
            // the family reads the keys every optimizer has: another name, learning rate, clipping and decay come back
            Map<String, Object> config = new LinkedHashMap<>(configOf(saved));
            config.put("name", "renamed");
            config.put("learning_rate", 0.25);
            config.put("weight_decay", 0.125);
            config.put("clipvalue", 0.5);
            Map<String, Object> other = withConfig(saved, config);
            Optimizer back = read(other);
            assertThat(back.name()).isEqualTo("renamed");
            assertThat(back.learningRate()).isEqualTo(0.25f);
            assertThat(KerasObjects.serialize(back)).as(name).isEqualTo(other);
            assertThat(Optimizers.deserialize(other, ConfigContext.DEFAULT).getConfig()).isEqualTo(config);
        }
    }

    @Test
    void missingKeysTakeKerasDefaults() {
        for (String name : builtIns()) {
            Optimizer fromEmpty = read(Map.of("class_name", name, "config", Map.of()));
            Map<String, Object> expected = KerasObjects.builtIn(name, Optimizer.class).getConfig();
            Map<String, Object> actual = fromEmpty.getConfig();
            expected.remove("name");
            actual.remove("name");
            assertThat(actual).as(name).isEqualTo(expected);
        }
        assertThat(read("SGD", Map.of()).learningRate()).isEqualTo(0.01f);
        assertThat(read("RMSprop", Map.of()).learningRate()).isEqualTo(0.001f);
        // Keras's AdamW.from_config is AdamW(**config): without weight_decay, AdamW's own default applies
        assertThat(read("AdamW", Map.of("name", "w")).getConfig()).containsEntry("weight_decay", 0.004)
                .containsEntry("learning_rate", (double) 0.001f);
        Map<String, Object> nullDecay = new LinkedHashMap<>();
        nullDecay.put("weight_decay", null); // None: Keras's AdamW refuses it; Strata keeps the default
        assertThat(read("AdamW", nullDecay).getConfig()).containsEntry("weight_decay", 0.004);
        assertThat(read("Adam", nullDecay).getConfig()).containsEntry("weight_decay", null);
        Map<String, Object> nullRate = new LinkedHashMap<>();
        nullRate.put("learning_rate", null);
        assertThat(read("SGD", nullRate).learningRate()).isEqualTo(0.01f);
    }

    @Test
    void keras2ConfigsLoad() {
        // Keras 2.13's training_config of k2.13_haimeds_functional_concat.h5: a built-in optimizer as "Custom>Adam"
        Map<String, Object> k213 = new LinkedHashMap<>();
        k213.put("name", "Adam");
        k213.put("weight_decay", null);
        k213.put("clipnorm", null);
        k213.put("global_clipnorm", null);
        k213.put("clipvalue", null);
        k213.put("use_ema", false);
        k213.put("ema_momentum", 0.99);
        k213.put("ema_overwrite_frequency", null);
        k213.put("jit_compile", false);
        k213.put("is_legacy_optimizer", false);
        k213.put("learning_rate", 0.00020000000949949026);
        k213.put("beta_1", 0.9);
        k213.put("beta_2", 0.999);
        k213.put("epsilon", 1e-07);
        k213.put("amsgrad", false);
        for (Map<String, Object> serialized : List.of(Map.of("class_name", "Custom>Adam", "config", k213),
                Map.of("module", "keras.optimizers", "class_name", "Custom>Adam", "config", k213))) {
            Optimizer adam = read(serialized);
            assertThat(adam).isExactlyInstanceOf(Adam.class);
            assertThat(adam.name()).isEqualTo("Adam");
            assertThat(adam.learningRate()).isEqualTo((float) 0.00020000000949949026); // as saved
            // written back in Keras 3's form
            assertThat(KerasObjects.serialize(adam)).containsEntry("class_name", "Adam");
        }
        // Keras 2.2-2.10: lr (or learning_rate) and decay
        Optimizer sgd = read("SGD", Map.of("name", "SGD", "lr", 0.05, "decay", 0.0, "momentum", 0.9,
                "nesterov", true));
        assertThat(sgd.learningRate()).isEqualTo(0.05f);
        assertThat(sgd.getConfig()).containsEntry("momentum", 0.9).containsEntry("nesterov", true);
        Optimizer rms = read("RMSprop", Map.of("lr", 0.002, "rho", 0.95, "epsilon", 1e-07, "decay", 0));
        assertThat(rms.learningRate()).isEqualTo(0.002f);
        assertThat(rms.getConfig()).containsEntry("rho", 0.95);
        assertThatThrownBy(() -> read("Adam", Map.of("lr", 0.001, "decay", 0.01)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("'decay' = 0.01 is not supported (Keras 2's learning-rate decay");
        // a class Keras has no optimizer for, in the same form, still says so
        assertThatThrownBy(() -> read(Map.of("class_name", "Custom>Adagradient", "config", Map.of())))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'Custom>Adagradient'");
    }

    @Test
    void anUnknownKeyOrABadValueNamesTheClassAndTheKey() {
        assertThatThrownBy(() -> read("SGD", Map.of("nesterov", false, "flux", 1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SGD)")
                .hasMessageContaining("unknown key [flux]");
        assertThatThrownBy(() -> read("Adam", Map.of("beta_1", "high")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("'beta_1' must be a number, got \"high\"");
        assertThatThrownBy(() -> read("SGD", Map.of("momentum", 2)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SGD)")
                .hasMessageContaining("momentum must be a float between [0, 1], got 2.0");
        assertThatThrownBy(() -> read("Adam", Map.of("beta_2", 1.5)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("beta_2 must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> read("RMSprop", Map.of("rho", 1.5)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(RMSprop)")
                .hasMessageContaining("rho must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> read("AdamW", Map.of("amsgrad", "yes")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(AdamW)")
                .hasMessageContaining("'amsgrad' must be true or false");
        // the keys every optimizer has (a schedule is read as a Keras object, which names its own missing keys)
        assertThatThrownBy(() -> read("SGD", Map.of("learning_rate", Map.of("class_name", "ExponentialDecay",
                "config", Map.of())))).isInstanceOf(KerasConfigException.class).hasMessageContaining("(SGD)")
                .hasMessageContaining("learning_rate").hasMessageContaining("ExponentialDecay")
                .hasMessageContaining("initial_learning_rate");
        assertThatThrownBy(() -> read("SGD", Map.of("learning_rate", "fast")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SGD)")
                .hasMessageContaining("'learning_rate' must be a number");
        assertThatThrownBy(() -> read("Adam", Map.of("clipnorm", -1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("'clipnorm'").hasMessageContaining("must be positive and finite, got -1.0");
        assertThatThrownBy(() -> read("Adam", Map.of("clipnorm", 1, "clipvalue", 1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("only one of clipnorm, clipvalue and global_clipnorm");
        assertThatThrownBy(() -> read("AdamW", Map.of("weight_decay", "lots")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(AdamW)")
                .hasMessageContaining("'weight_decay' must be a number");
        assertThatThrownBy(() -> read("RMSprop", Map.of("name", 5)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(RMSprop)")
                .hasMessageContaining("'name' must be a string");
        assertThatThrownBy(() -> read("Adam", Map.of("use_ema", true, "ema_momentum", 1.5)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(Adam)")
                .hasMessageContaining("'ema_momentum'").hasMessageContaining("must be in the range [0, 1]");
        assertThatThrownBy(() -> read("Adam", Map.of("use_ema", true, "ema_overwrite_frequency", 0)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'ema_overwrite_frequency'")
                .hasMessageContaining("must be an integer >= 1");
        assertThatThrownBy(() -> read("SGD", Map.of("gradient_accumulation_steps", 1)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("(SGD)")
                .hasMessageContaining("`gradient_accumulation_steps` must be an integer >= 2");
        assertThatThrownBy(() -> read("Adam", Map.of("loss_scale_factor", -128)))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'loss_scale_factor'")
                .hasMessageContaining("positive finite");
        assertThatThrownBy(() -> read("Adagradient", Map.of()))
                .isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("Strata has no optimizer class 'Adagradient'")
                .hasMessageContaining("[Adadelta, Adafactor, Adagrad, Adam, AdamW, Adamax, Ftrl, Lamb, Lion, "
                        + "LossScaleOptimizer, Muon, Nadam, RMSprop, SGD]");
    }

    @Test
    void namesAreTheGenericLookupOfTheDiscoveredClasses() {
        for (String name : builtIns()) {
            for (String alias : List.of(name, name.toLowerCase(java.util.Locale.ROOT),
                    name.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(Optimizers.get(alias)).as(alias).isExactlyInstanceOf(KerasObjects.builtIn(name,
                        Optimizer.class).getClass());
                assertThat(Optimizers.deserialize(alias, ConfigContext.DEFAULT).getClass().getSimpleName())
                        .isEqualTo(name);
            }
        }
        assertThatThrownBy(() -> Optimizers.get("adagradient")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown optimizer: 'adagradient'. Known optimizers: adadelta, adafactor, adagrad, adam, "
                        + "adamax, adamw, ftrl, lamb, lion, lossscaleoptimizer, muon, nadam, rmsprop, sgd (case-insensitive)");
    }
}
