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

/** Expected values are the outputs printed in Keras's StringLookup docstring (computed there with TensorFlow). */
class StringLookupTest {
    private static final List<String> VOCAB = List.of("a", "b", "c", "d");
    private static final String[][] DATA = {{"a", "c", "d"}, {"d", "z", "b"}};
    private static final String[][] DATA4 = {{"a", "c", "d", "d"}, {"d", "z", "b", "z"}};

    static List<LayerCase> contractCases() {
        return List.of(TextChecks.strings(() -> new StringLookup(new StringLookup.Options().vocabulary(VOCAB))));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static StringLookup.Options vocab() {
        return new StringLookup.Options().vocabulary(VOCAB);
    }

    @Test
    void lookupsMatchKerasDocstrings() {
        assertThat(new StringLookup(vocab()).apply(DATA).toFloatArray()).containsExactly(1, 3, 4, 4, 0, 2);
        assertThat(new StringLookup(vocab().numOovIndices(2)).apply(new String[][] {{"a", "c", "d"}, {"m", "z", "b"}})
                .toFloatArray()).containsExactly(2, 4, 5, 0, 1, 3);
        assertValues(new StringLookup(vocab().outputMode("one_hot")).apply("a", "b", "c", "d", "z"),
                new float[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, 5, 5);
        assertValues(new StringLookup(vocab().outputMode("multi_hot")).apply(DATA4),
                new float[] {0, 1, 0, 1, 1, 1, 0, 1, 0, 1}, 2, 5);
        assertValues(new StringLookup(vocab().outputMode("count")).apply(DATA4),
                new float[] {0, 1, 0, 1, 2, 2, 0, 1, 0, 1}, 2, 5);
        StringLookup tfidf = new StringLookup(new StringLookup.Options().outputMode("tf_idf"));
        tfidf.setVocabulary(VOCAB, new float[] {0.25f, 0.75f, 0.6f, 0.4f});
        assertValues(tfidf.apply(DATA4), new float[] {0, 0.25f, 0, 0.6f, 0.8f, 1.0f, 0, 0.75f, 0, 0.4f}, 2, 5);
        StringLookup withOov = new StringLookup(new StringLookup.Options().outputMode("tf_idf"));
        withOov.setVocabulary(List.of("[UNK]", "a", "b", "c", "d"), new float[] {0.9f, 0.25f, 0.75f, 0.6f, 0.4f});
        assertValues(withOov.apply(DATA4), new float[] {0, 0.25f, 0, 0.6f, 0.8f, 1.8f, 0, 0.75f, 0, 0.4f}, 2, 5);
        StringLookup inverse = new StringLookup(vocab().invert(true));
        assertThat(inverse.applyInverse(Tensor.of(new float[] {1, 3, 4, 4, 0, 2}, 2, 3)))
                .isEqualTo(new String[][] {{"a", "c", "d"}, {"d", "[UNK]", "b"}});
    }

    @Test
    void adaptOrdersAsKeras() {
        StringLookup l = new StringLookup();
        l.adapt(DATA);
        assertThat(l.getVocabulary()).containsExactly("[UNK]", "d", "z", "c", "b", "a");
        assertThat(l.apply(DATA).toFloatArray()).containsExactly(5, 3, 1, 1, 2, 4);
        assertThat(l.vocabularySize()).isEqualTo(6);
        StringLookup capped = new StringLookup(new StringLookup.Options().maxTokens(3).maskToken(""));
        capped.adapt(DATA);
        assertThat(capped.getVocabulary()).containsExactly("", "[UNK]", "d");
        assertThat(capped.getVocabulary(false)).containsExactly("d");
        // IDF: log(1 + docs / (1 + docs with the token)), reserved index: their mean
        StringLookup idf = new StringLookup(new StringLookup.Options().outputMode("tf_idf"));
        idf.adapt(DATA);
        float d = (float) Math.log(1 + 2.0 / 3);
        float o = (float) Math.log(1 + 2.0 / 2);
        float[] w = idf.idfWeights();
        assertThat(w[1]).isEqualTo(d);
        assertThat(w[2]).isEqualTo(o);
        assertThat(w[0]).isCloseTo((d + 4 * o) / 5, org.assertj.core.data.Offset.offset(1e-6f));
    }

    @Test
    void configAndAssets() {
        StringLookup l = new StringLookup(new StringLookup.Options().maskToken("")).named("lookup");
        l.adapt(DATA);
        Map<String, Object> c = l.getConfig();
        assertThat(c).containsEntry("vocabulary", null).containsEntry("mask_token", "")
                .containsEntry("oov_token", "[UNK]").containsEntry("vocabulary_size", 7)
                .containsEntry("encoding", "utf-8").doesNotContainKey("vocabulary_dtype");
        byte[] file = l.saveAssets().get("vocabulary.txt");
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("\n[UNK]\nd\nz\nc\nb\na");
        StringLookup again = StringLookup.fromConfig(dev.strata.config.Config.of(c, "test"));
        again.loadAssets(Map.of("vocabulary.txt", file), "assets/lookup/");
        assertThat(again.getVocabulary()).isEqualTo(l.getVocabulary());
        assertThat(new StringLookup(vocab()).saveAssets()).isEmpty(); // a given vocabulary is in the config
    }

    @Test
    void badInputNamesTheLayer() {
        StringLookup l = new StringLookup(vocab()).named("words");
        assertThatThrownBy(() -> l.apply(Tensor.of(new float[] {1}, 1, 1)))
                .hasMessageContaining("'words'").hasMessageContaining("takes strings");
        assertThatThrownBy(() -> l.apply(new String[0][])).hasMessageContaining("'words'")
                .hasMessageContaining("empty batch");
        assertThatThrownBy(() -> l.apply(new String[][] {{"a"}, {"a", "b"}})).hasMessageContaining("rectangular");
        StringLookup inv = new StringLookup(vocab().invert(true)).named("inv");
        assertThatThrownBy(() -> inv.applyInverse(Tensor.of(new float[] {7}, 1, 1)))
                .hasMessageContaining("'inv'").hasMessageContaining("outside the vocabulary");
        assertThatThrownBy(() -> inv.applyInverse(Tensor.of(new float[] {1}, 1, 1, 1))).hasMessageContaining("rank");
        StringLookup strict = new StringLookup(vocab().numOovIndices(0));
        assertThatThrownBy(() -> strict.apply("z")).hasMessageContaining("num_oov_indices=0");
        StringLookup learnt = new StringLookup().named("learnt");
        assertThatThrownBy(() -> learnt.loadAssets(Map.of("vocabulary.txt", new byte[] {(byte) 0xff}), "assets/x/"))
                .hasMessageContaining("'learnt'").hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> learnt.loadAssets(Map.of("vocabulary.txt",
                "[UNK]\na\na".getBytes(StandardCharsets.UTF_8)), "assets/x/")).hasMessageContaining("repeated");
        assertThatThrownBy(() -> learnt.loadAssets(Map.of(), "assets/x/")).hasMessageContaining("vocabulary.txt");
    }
}
