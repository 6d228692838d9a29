package dev.strata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.Layer;
import dev.strata.optimizers.Optimizer;
import dev.strata.saving.KerasConfig;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Strata's automatic names against Keras's own ({@code keras-golden/layer_names.json}, written by
 * {@code tools/golden/layer_names.py} from every class {@code keras.layers} and {@code keras.optimizers} export):
 * the snake_case of every class name, the first and second auto-name in a fresh session, and the names Strata's own
 * layers and optimizers of those classes get.
 */
class NamesGoldenTest {
    private static final Map<?, ?> GOLDEN = golden();

    @BeforeEach
    @AfterEach
    void freshSession() {
        Strata.clearSession();
    }

    @Test
    void theGoldenListCoversKerasLayersAndOptimizers() {
        assertThat(GOLDEN.get("keras_version")).isEqualTo("3.15.1");
        assertThat(entries("layers")).hasSizeGreaterThanOrEqualTo(140);
        assertThat(entries("optimizers")).hasSizeGreaterThanOrEqualTo(15);
        List<String> skipped = new ArrayList<>();
        for (Map<?, ?> e : entries("layers")) {
            if (e.containsKey("skipped")) {
                skipped.add((String) e.get("exported_as"));
            }
        }
        // Only classes that cannot be made without TensorFlow, Flax, torch or a SavedModel, and InputSpec.
        assertThat(skipped).hasSizeLessThanOrEqualTo(10).contains("InputSpec");
    }

    @Test
    void snakeCaseOfEveryKerasClassNameIsKeras() {
        for (String kind : List.of("layers", "optimizers")) {
            for (Map<?, ?> e : entries(kind)) {
                String className = (String) e.get("class_name");
                assertThat(Names.toSnakeCase(className)).as(kind + " " + className).isEqualTo(e.get("snake_case"));
            }
        }
    }

    @Test
    void autoNamesOfEveryKerasClassInAFreshSessionAreKeras() {
        int checked = 0;
        for (String kind : List.of("layers", "optimizers")) {
            for (Map<?, ?> e : entries(kind)) {
                if (!e.containsKey("name")) {
                    continue;
                }
                String className = (String) e.get("class_name");
                Strata.clearSession();
                assertThat(Names.autoName(className)).as(className).isEqualTo(e.get("name"));
                assertThat(Names.autoName(className)).as(className + ", second").isEqualTo(e.get("second_name"));
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(160);
    }

    @Test
    void spotChecksFromTheIssue() {
        Map<String, String> expected = Map.of("Conv2D", "conv2d", "MaxPooling2D", "max_pooling2d", "LSTM", "lstm",
                "MultiHeadAttention", "multi_head_attention", "GRU", "gru", "ZeroPadding2D", "zero_padding2d",
                "PReLU", "p_re_lu", "RMSprop", "rm_sprop", "AdamW", "adam_w", "LeakyReLU", "leaky_re_lu");
        Map<String, String> fromKeras = new HashMap<>();
        for (String kind : List.of("layers", "optimizers")) {
            for (Map<?, ?> e : entries(kind)) {
                fromKeras.put((String) e.get("exported_as"), (String) e.get("snake_case"));
            }
        }
        expected.forEach((cls, name) -> {
            assertThat(fromKeras.get(cls)).as(cls).isEqualTo(name);
            assertThat(Names.toSnakeCase(cls)).as(cls).isEqualTo(name);
        });
    }

    @Test
    void identifiersAndEdgeCasesSnakeCaseAsKerasDoes() {
        Map<?, ?> strings = (Map<?, ?>) GOLDEN.get("strings");
        assertThat(new ArrayList<Object>(strings.keySet())).contains("mainOutput", "conv2D", "block2Dense", "Mixed_Case", "Über");
        strings.forEach((text, snake) -> assertThat(Names.toSnakeCase((String) text)).as("'" + text + "'")
                .isEqualTo(snake));
    }

    /** Strata's own layers and optimizers named after a Keras class are auto-named as Keras names it. */
    @Test
    void strataClassesOfKerasNamesAreAutoNamedAsKeras() throws ReflectiveOperationException {
        Map<String, Map<?, ?>> keras = new HashMap<>();
        for (String kind : List.of("layers", "optimizers")) {
            for (Map<?, ?> e : entries(kind)) {
                if (e.containsKey("name") && e.get("exported_as").equals(e.get("class_name"))) {
                    keras.put((String) e.get("class_name"), e);
                }
            }
        }
        List<String> checked = new ArrayList<>();
        List<Class<?>> classes = new ArrayList<>(ClassIndex.classesUnder("dev.strata.layers"));
        classes.addAll(ClassIndex.classesUnder("dev.strata.optimizers"));
        for (Class<?> c : classes) {
            Map<?, ?> e = keras.get(c.getSimpleName());
            Constructor<?> noArgs = noArgConstructor(c);
            if (e == null || noArgs == null) {
                continue;
            }
            Strata.clearSession();
            assertThat(nameOf(noArgs.newInstance())).as(c.getName()).isEqualTo(e.get("name"));
            assertThat(nameOf(noArgs.newInstance())).as(c.getName() + ", second").isEqualTo(e.get("second_name"));
            checked.add(c.getSimpleName());
        }
        assertThat(checked).contains("Concatenate", "Add", "BatchNormalization", "LayerNormalization", "Flatten",
                "Adam", "SGD", "RMSprop");
    }

    private static String nameOf(Object o) {
        return o instanceof Layer l ? l.name() : ((Optimizer) o).name();
    }

    private static Constructor<?> noArgConstructor(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())
                || !(Layer.class.isAssignableFrom(c) || Optimizer.class.isAssignableFrom(c))) {
            return null;
        }
        try {
            return c.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static List<Map<?, ?>> entries(String kind) {
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object o : (List<?>) GOLDEN.get(kind)) {
            out.add((Map<?, ?>) o);
        }
        return out;
    }

    private static Map<?, ?> golden() {
        try (InputStream in = NamesGoldenTest.class.getResourceAsStream("/keras-golden/layer_names.json")) {
            Map<?, ?> all = (Map<?, ?>) KerasConfig.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(Set.of("generated_by", "source", "keras_version", "backend")).allMatch(all::containsKey);
            return all;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
