package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Strata's config of the book's Functional Wide &amp; Deep against the one Keras 3.15.1 wrote for the same model
 * ({@code book_functional_wide_deep.keras}), key by key. Layer and model names are given the fixture's names, so
 * only what legitimately differs is ignored: {@code shared_object_id} (a Python object id) and {@code jit_compile}
 * (Strata has no XLA).
 */
class KerasConfigComparisonTest {
    private static final Set<String> IGNORED = Set.of("shared_object_id", "jit_compile");

    @Test
    void bookFunctionalWideAndDeepMatchesKerasKeyByKey() {
        Model m = WideAndDeepStyles.functional();
        Object strata = KerasConfig.parseJson(KerasConfig.modelToJson(m));
        Object keras = KerasConfig.parseJson(FixtureConfigTest.fixture("book_functional_wide_deep.config.json"));
        List<String> differences = new ArrayList<>();
        compare("", strata, keras, differences);
        assertThat(differences).isEmpty();
    }

    @Test
    void bookSequentialMatchesKerasKeyByKey() {
        // The fixture's Sequential 8-30-1, built with its names and compiled as it was (SGD 0.01, mse).
        dev.strata.models.Sequential s = new dev.strata.models.Sequential().named("sequential");
        s.add(new dev.strata.layers.core.InputLayer(dev.strata.tensor.Shape.of(dev.strata.tensor.Shape.UNKNOWN, 8),
                "input_layer"));
        s.add(new dev.strata.layers.core.Dense(30, "relu").named("dense_2"));
        s.add(new dev.strata.layers.core.Dense(1).named("dense_3"));
        s.compile(new dev.strata.optimizers.SGD(0.01f).name("sgd_1"), "mse");
        Object strata = KerasConfig.parseJson(KerasConfig.modelToJson(s));
        Object keras = KerasConfig.parseJson(FixtureConfigTest.fixture("book_sequential_mlp.config.json"));
        List<String> differences = new ArrayList<>();
        compare("", strata, keras, differences);
        assertThat(differences).isEmpty();
    }

    @Test
    void theComparisonSeesDifferences() {
        List<String> differences = new ArrayList<>();
        compare("", Map.of("a", 1, "b", List.of(1.0, "x")), Map.of("a", 1, "b", List.of(1.5, "x"), "c", true),
                differences);
        assertThat(differences).containsExactly("keys at '': Strata [a, b], Keras [a, b, c]", "b[0]: Strata 1.0, "
                + "Keras 1.5");
    }

    static void compare(String path, Object strata, Object keras, List<String> out) {
        if (strata instanceof Map<?, ?> a && keras instanceof Map<?, ?> b) {
            Set<String> ka = keys(a);
            Set<String> kb = keys(b);
            if (!ka.equals(kb)) {
                out.add("keys at '" + path + "': Strata " + ka + ", Keras " + kb);
            }
            for (String k : ka) {
                if (kb.contains(k)) {
                    compare(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
                }
            }
        } else if (strata instanceof List<?> a && keras instanceof List<?> b) {
            if (a.size() != b.size()) {
                out.add(path + ": Strata has " + a.size() + " items, Keras " + b.size());
                return;
            }
            for (int i = 0; i < a.size(); i++) {
                compare(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (strata instanceof Number a && keras instanceof Number b) {
            if (a.doubleValue() != b.doubleValue() || (a instanceof Double) != (b instanceof Double)) {
                out.add(path + ": Strata " + a + ", Keras " + b);
            }
        } else if (strata == null ? keras != null : !strata.equals(keras)) {
            out.add(path + ": Strata " + strata + ", Keras " + keras);
        }
    }

    private static Set<String> keys(Map<?, ?> m) {
        Set<String> out = new TreeSet<>();
        for (Object k : m.keySet()) {
            if (!IGNORED.contains(k.toString())) {
                out.add(k.toString());
            }
        }
        return out;
    }
}
