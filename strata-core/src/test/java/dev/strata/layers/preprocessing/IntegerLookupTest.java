package dev.strata.layers.preprocessing;

import static dev.strata.layers.preprocessing.TextChecks.assertValues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expected values are the outputs printed in Keras's IntegerLookup docstring (computed there with TensorFlow). */
class IntegerLookupTest {
    private static final List<Long> VOCAB = List.of(12L, 36L, 1138L, 42L);

    static List<LayerCase> contractCases() {
        return List.of(TextChecks.categorical(() -> new IntegerLookup(new IntegerLookup.Options()
                        .vocabulary(List.of(1L, 3L, 5L))), 7, 3),
                TextChecks.categorical(() -> new IntegerLookup(new IntegerLookup.Options()
                        .vocabulary(List.of(1L, 3L, 5L)).outputMode("multi_hot")), 7, 3).label("multi_hot"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static IntegerLookup.Options vocab() {
        return new IntegerLookup.Options().vocabulary(VOCAB);
    }

    private static Tensor data() {
        return Tensor.of(new float[] {12, 1138, 42, 42, 1000, 36}, 2, 3);
    }

    @Test
    void lookupsMatchKerasDocstrings() {
        assertThat(new IntegerLookup(vocab()).apply(data()).toFloatArray()).containsExactly(1, 3, 4, 4, 0, 2);
        IntegerLookup adapted = new IntegerLookup();
        adapted.adapt(Tensor.of(new float[] {12, 1138, 42, 42, 1000, 36}, 2, 3));
        assertThat(adapted.getVocabulary()).containsExactly(-1L, 42L, 1138L, 1000L, 36L, 12L);
        assertThat(adapted.apply(data()).toFloatArray()).containsExactly(5, 2, 1, 1, 3, 4);
        assertThat(new IntegerLookup(vocab().numOovIndices(2)).apply(
                Tensor.of(new float[] {12, 1138, 42, 37, 1000, 36}, 2, 3)).toFloatArray())
                .containsExactly(2, 4, 5, 1, 0, 3); // floormod: 37 % 2 = 1, 1000 % 2 = 0
        assertValues(new IntegerLookup(vocab().outputMode("one_hot")).apply(Tensor.of(new float[] {12, 36, 1138, 42,
                7}, 5)), new float[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, 5, 5);
        assertValues(new IntegerLookup(vocab().outputMode("count")).apply(
                Tensor.of(new float[] {12, 1138, 42, 42, 42, 7, 36, 7}, 2, 4)),
                new float[] {0, 1, 0, 1, 2, 2, 0, 1, 0, 1}, 2, 5);
        IntegerLookup inverse = new IntegerLookup(vocab().invert(true));
        assertThat(inverse.apply(Tensor.of(new float[] {1, 3, 4, 4, 0, 2}, 2, 3)).toFloatArray())
                .containsExactly(12, 1138, 42, 42, -1, 36);
        IntegerLookup masked = new IntegerLookup(vocab().maskToken(0L));
        assertThat(masked.apply(Tensor.of(new float[] {12, 0, 1138, 42}, 1, 4)).toFloatArray())
                .containsExactly(2, 0, 4, 5);
        assertThat(masked.getVocabulary()).containsExactly(0L, -1L, 12L, 36L, 1138L, 42L);
    }

    @Test
    void configAndAssets() {
        IntegerLookup l = new IntegerLookup().named("ids");
        l.adapt(Tensor.of(new float[] {5, 5, 9, 2}, 4));
        Map<String, Object> c = l.getConfig();
        assertThat(c).containsEntry("vocabulary_dtype", "int64").containsEntry("oov_token", -1L)
                .containsEntry("vocabulary_size", 4);
        byte[] file = l.saveAssets().get("vocabulary.txt");
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("-1\n5\n9\n2");
        IntegerLookup again = IntegerLookup.fromConfig(dev.strata.config.Config.of(c, "test"));
        again.loadAssets(Map.of("vocabulary.txt", file), "assets/ids/");
        assertThat(again.getVocabulary()).isEqualTo(l.getVocabulary());
        IntegerLookup fresh = new IntegerLookup().named("fresh");
        assertThatThrownBy(() -> fresh.loadAssets(Map.of("vocabulary.txt", "-1\nx".getBytes(StandardCharsets.UTF_8)),
                "assets/fresh/")).hasMessageContaining("'fresh'").hasMessageContaining("line 2");
    }

    @Test
    void badInputNamesTheLayer() {
        IntegerLookup l = new IntegerLookup(vocab()).named("ids");
        assertThatThrownBy(() -> l.apply(Tensor.of(new float[] {1.5f}, 1, 1)))
                .hasMessageContaining("'ids'").hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> l.apply(Tensor.of(new float[0], 0, 2))).hasMessageContaining("empty batch");
        IntegerLookup inv = new IntegerLookup(vocab().invert(true)).named("inv");
        assertThatThrownBy(() -> inv.apply(Tensor.of(new float[] {9}, 1, 1))).hasMessageContaining("'inv'")
                .hasMessageContaining("outside the vocabulary");
        assertThatThrownBy(() -> new IntegerLookup(vocab().invert(true).outputMode("count")))
                .hasMessageContaining("invert");
        assertThatThrownBy(() -> new IntegerLookup(new IntegerLookup.Options().vocabulary(List.of(1L, 1L))))
                .hasMessageContaining("repeated");
    }
}
