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

/** Expected values are the outputs printed in Keras's TextVectorization docstring, and Keras's rules applied by hand. */
class TextVectorizationTest {
    static List<LayerCase> contractCases() {
        return List.of(TextChecks.strings(() -> new TextVectorization(new TextVectorization.Options()
                .vocabulary(List.of("earth", "wind")))));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void docstringExamples() {
        TextVectorization tv = new TextVectorization(new TextVectorization.Options().maxTokens(5000)
                .outputSequenceLength(4));
        tv.adapt(List.of("foo bar", "bar baz", "baz bada boom"));
        assertThat(tv.apply(new String[][] {{"foo qux bar"}, {"qux baz"}}).toFloatArray())
                .containsExactly(4, 1, 3, 0, 1, 2, 0, 0);
        TextVectorization given = new TextVectorization(new TextVectorization.Options().maxTokens(5000)
                .outputSequenceLength(4).vocabulary(List.of("earth", "wind", "and", "fire")));
        assertThat(given.getVocabulary()).containsExactly("", "[UNK]", "earth", "wind", "and", "fire");
    }

    @Test
    void standardizeSplitNgramsAndModes() {
        TextVectorization tv = new TextVectorization();
        assertThat(tv.tokens("Hello, WORLD! It's   Émile\tok")).containsExactly("hello", "world", "its", "Émile",
                "ok"); // ASCII lower case only, as tf.strings.lower
        TextVectorization chars = new TextVectorization(new TextVectorization.Options().split("character")
                .standardize(null));
        assertThat(chars.tokens("aé日")).containsExactly("a", "é", "日");
        TextVectorization grams = new TextVectorization(new TextVectorization.Options().ngrams(2));
        assertThat(grams.tokens("a b c")).containsExactly("a", "b", "c", "a b", "b c");
        TextVectorization only2 = new TextVectorization(new TextVectorization.Options().ngrams(new int[] {2}));
        assertThat(only2.tokens("a b c")).containsExactly("a b", "b c");
        TextVectorization counts = new TextVectorization(new TextVectorization.Options().outputMode("count"));
        counts.adapt(List.of("the cat", "the dog the end"));
        assertThat(counts.getVocabulary()).containsExactly("[UNK]", "the", "end", "dog", "cat");
        assertValues(counts.apply("the the cat", "bird"), new float[] {0, 2, 0, 0, 1, 1, 0, 0, 0, 0}, 2, 5);
        TextVectorization padded = new TextVectorization(new TextVectorization.Options().maxTokens(3));
        padded.adapt(List.of("b a", "b"));
        assertThat(padded.getVocabulary()).containsExactly("", "[UNK]", "b");
        Tensor ids = padded.apply("a b b", "b");
        assertThat(ids.shape().toArray()).containsExactly(2, 3); // padded to the longest document
        assertThat(ids.toFloatArray()).containsExactly(1, 2, 2, 2, 0, 0);
        TextVectorization idf = new TextVectorization(new TextVectorization.Options().outputMode("tf_idf"));
        idf.adapt(List.of("a b", "a"));
        float wa = (float) Math.log(1 + 2.0 / 3);
        float wb = (float) Math.log(1 + 2.0 / 2);
        assertValues(idf.apply("a a b"), new float[] {(wa + wb) / 2 * 0, 2 * wa, wb}, 1, 3);
    }

    @Test
    void configAndAssets() {
        TextVectorization tv = new TextVectorization(new TextVectorization.Options().maxTokens(10)
                .outputSequenceLength(3)).named("tv");
        tv.adapt(List.of("x y", "y"));
        Map<String, Object> c = tv.getConfig();
        assertThat(c).containsEntry("max_tokens", 10).containsEntry("standardize", "lower_and_strip_punctuation")
                .containsEntry("split", "whitespace").containsEntry("output_sequence_length", 3)
                .containsEntry("vocabulary", null).containsEntry("vocabulary_size", 4);
        byte[] file = tv.saveAssets().get("vocabulary.txt");
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("\n[UNK]\ny\nx");
        TextVectorization again = TextVectorization.fromConfig(dev.strata.config.Config.of(c, "test"));
        again.loadAssets(Map.of("vocabulary.txt", file), "assets/tv/");
        assertThat(again.apply("y x z").toFloatArray()).containsExactly(2, 3, 1);
    }

    @Test
    void badInputNamesTheLayer() {
        TextVectorization tv = new TextVectorization().named("text");
        assertThatThrownBy(() -> tv.apply(Tensor.of(new float[] {1}, 1, 1)))
                .hasMessageContaining("'text'").hasMessageContaining("takes strings");
        assertThatThrownBy(() -> tv.apply(new String[0])).hasMessageContaining("'text'")
                .hasMessageContaining("empty batch");
        assertThatThrownBy(() -> tv.apply(new String[][] {{"a", "b"}})).hasMessageContaining("last shape dimension");
        assertThatThrownBy(() -> new TextVectorization(new TextVectorization.Options().outputMode("count")
                .outputSequenceLength(3))).hasMessageContaining("output_sequence_length");
        assertThatThrownBy(() -> new TextVectorization(new TextVectorization.Options().outputMode("count")).apply("a"))
                .hasMessageContaining("vocabulary");
    }
}
