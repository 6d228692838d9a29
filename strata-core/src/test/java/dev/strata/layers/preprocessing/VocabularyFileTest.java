package dev.strata.layers.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vocabulary files, Keras's path form of {@code vocabulary} for StringLookup, IntegerLookup and TextVectorization.
 * Keras's lookup layers need TensorFlow, which cannot be installed here, so these expectations come from reading
 * the Keras 3.15 source ({@code keras/src/layers/preprocessing/index_lookup.py}, {@code text_vectorization.py})
 * and the TensorFlow code it reads the file with, cited at each test:
 * <ul>
 *   <li>{@code set_vocabulary(path)} (index_lookup.py 443-466) builds the table with {@code _lookup_table_from_file}
 *       (977-993): TensorFlow's {@code TextFileInitializer}, the whole line the key and the line number plus
 *       {@code value_index_offset=self._token_start_index()} the index. So line n is index n - 1 + the reserved
 *       indices, and every line is a term (no reserved tokens are skipped, unlike the list form, 497-508).</li>
 *   <li>TensorFlow reads lines with {@code InputBuffer::ReadLine} (tensorflow/core/lib/io/inputbuffer.cc: split at
 *       {@code \n}, one trailing {@code \r} dropped, the last line's {@code \n} optional) and
 *       {@code TextFileLineIterator::Next} (tensorflow/core/kernels/lookup_util.cc) refuses an empty line
 *       ("Invalid content in ...: empty line found"); the table (lookup_table_op.h {@code HashTable::DoInsert})
 *       refuses a repeated key ("HashTable has different value for same key").</li>
 *   <li>The path is not kept: {@code input_vocabulary} is None for a string (233-238), so {@code get_config}
 *       writes {@code vocabulary: None} (398) and {@code vocabulary_size} (399), and {@code save_assets} writes the
 *       vocabulary, reserved tokens first, to {@code vocabulary.txt} (924-932), read back by {@code load_assets}
 *       (934-952). {@code _has_input_vocabulary} is True (244-246), so {@code adapt} is refused (669-674).</li>
 *   <li>{@code tf_idf} cannot read a file (460-464); a path in a config is refused in safe mode (444-454).</li>
 * </ul>
 * Where Keras would accept a file and give a layer it cannot save and load again, or a silently different
 * vocabulary, Strata refuses it with a message saying why (see each error test).
 */
class VocabularyFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void aFileIsTheSameVocabularyAsItsLines() throws IOException {
        // Line n is index n - 1 + token_start (index_lookup.py 985-991): the list form without reserved tokens.
        Path vocab = file("vocab.txt", "a\nb\nc\nd\n");
        String[][] data = {{"a", "c", "d"}, {"d", "z", "b"}};
        StringLookup fromFile = new StringLookup(new StringLookup.Options().vocabulary(vocab));
        assertThat(fromFile.apply(data).toFloatArray()).containsExactly(1, 3, 4, 4, 0, 2);
        assertThat(fromFile.getVocabulary()).containsExactly("[UNK]", "a", "b", "c", "d");
        StringLookup twoOov = new StringLookup(new StringLookup.Options().numOovIndices(2).maskToken("")
                .vocabulary(vocab));
        StringLookup twoOovList = new StringLookup(new StringLookup.Options().numOovIndices(2).maskToken("")
                .vocabulary(List.of("a", "b", "c", "d")));
        assertThat(twoOov.getVocabulary()).isEqualTo(twoOovList.getVocabulary());
        assertThat(twoOov.apply(data).toFloatArray()).containsExactly(twoOovList.apply(data).toFloatArray());
        StringLookup inverse = new StringLookup(new StringLookup.Options().invert(true).vocabulary(vocab));
        assertThat(inverse.applyInverse(Tensor.of(new float[] {1, 3, 4, 0}, 4)))
                .isEqualTo(new String[][] {{"a", "c", "d", "[UNK]"}});
        // ReadLine drops one "\r" before "\n"; the last line needs no "\n"; lines are not otherwise trimmed
        StringLookup crlf = new StringLookup(new StringLookup.Options()
                .vocabulary(file("crlf.txt", "a\r\nb \r\nç")));
        assertThat(crlf.getVocabulary()).containsExactly("[UNK]", "a", "b ", "ç");
        StringLookup set = new StringLookup();
        set.setVocabulary(vocab);
        assertThat(set.getVocabulary()).isEqualTo(fromFile.getVocabulary());

        IntegerLookup ints = new IntegerLookup(new IntegerLookup.Options().vocabulary(file("ids.txt", "12\n36\n1138\n42")));
        assertThat(ints.apply(Tensor.of(new float[] {12, 1138, 42, 42, 1000, 36}, 2, 3)).toFloatArray())
                .containsExactly(1, 3, 4, 4, 0, 2); // Keras's IntegerLookup docstring, from a list
        IntegerLookup multiHot = new IntegerLookup(new IntegerLookup.Options().outputMode("multi_hot")
                .vocabulary(file("ids2.txt", "12\n36\n1138\n42\n")));
        assertThat(multiHot.apply(Tensor.of(new float[] {12, 1138, 42, 42, 1000, 36}, 2, 3)).toFloatArray())
                .containsExactly(0, 1, 0, 1, 1, 1, 0, 1, 0, 1);

        TextVectorization tv = new TextVectorization(new TextVectorization.Options().outputSequenceLength(4)
                .vocabulary(file("words.txt", "the\ncat\nsat\n")));
        TextVectorization tvList = new TextVectorization(new TextVectorization.Options().outputSequenceLength(4)
                .vocabulary(List.of("the", "cat", "sat")));
        assertThat(tv.getVocabulary()).containsExactly("", "[UNK]", "the", "cat", "sat");
        assertThat(tv.apply("The cat ran").toFloatArray()).containsExactly(tvList.apply("The cat ran")
                .toFloatArray());
        assertThat(tv.apply("The cat ran").toFloatArray()).containsExactly(2, 3, 1, 0);
        TextVectorization tvSet = new TextVectorization();
        tvSet.setVocabulary(file("words2.txt", "the\ncat\nsat"));
        assertThat(tvSet.getVocabulary()).isEqualTo(tv.getVocabulary());
    }

    @Test
    void theConfigKeepsNoPathAndTheAssetsKeepTheVocabulary() throws IOException {
        // get_config: vocabulary None (input_vocabulary None for a path, 233-238), vocabulary_size (399);
        // save_assets writes the vocabulary with the reserved tokens (924-932), load_assets reads it (934-952)
        StringLookup l = new StringLookup(new StringLookup.Options().maskToken("")
                .vocabulary(file("v.txt", "x\ny\nz"))).named("words");
        Map<String, Object> c = l.getConfig();
        assertThat(c).containsEntry("vocabulary", null).containsEntry("vocabulary_size", 5)
                .containsEntry("idf_weights", null);
        byte[] asset = l.saveAssets().get("vocabulary.txt");
        assertThat(new String(asset, StandardCharsets.UTF_8)).isEqualTo("\n[UNK]\nx\ny\nz");
        StringLookup again = StringLookup.fromConfig(Config.of(c, "test"));
        again.loadAssets(Map.of("vocabulary.txt", asset), "assets/words/");
        assertThat(again.getVocabulary()).isEqualTo(l.getVocabulary());
        // _has_input_vocabulary is True for a path (244-246): adapt is refused (669-674)
        assertThatThrownBy(() -> l.adapt(List.of("q"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot adapt");
        TextVectorization tv = new TextVectorization(new TextVectorization.Options()
                .vocabulary(file("t.txt", "x\ny")));
        assertThat(tv.getConfig()).containsEntry("vocabulary", null).containsEntry("vocabulary_size", 4);
        assertThatThrownBy(() -> tv.adapt(List.of("q"))).hasMessageContaining("cannot adapt");
    }

    @Test
    void modelsWithFileVocabulariesSaveThemInTheAssetsAndLoad() throws IOException {
        IntegerLookup lookup = new IntegerLookup(new IntegerLookup.Options().maskToken(0L)
                .vocabulary(file("ids.txt", "9\n7\n3\n"))).named("lookup");
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 4), "ids", "int32").output();
        Model m = Model.of(in, new CategoryEncoding(lookup.vocabularySize(), "multi_hot").named("encode")
                .apply(lookup.apply(in)));
        Path saved = dir.resolve("ids.keras");
        m.save(saved);
        KerasArchive archive = KerasArchive.read(saved);
        assertThat(new String(archive.assets().get("layers/integer_lookup/vocabulary.txt"), StandardCharsets.UTF_8))
                .isEqualTo("0\n-1\n9\n7\n3");
        assertThat(archive.configJson()).contains("\"vocabulary\": null").contains("\"vocabulary_size\": 5")
                .doesNotContain("ids.txt");
        Files.delete(dir.resolve("ids.txt")); // the archive alone is enough
        Model again = Saving.loadModel(saved);
        Tensor x = Tensor.of(new float[] {7, 0, 3, 42, 9, 9, 1, 0}, 2, 4);
        assertThat(again.predict(x).toFloatArray()).containsExactly(m.predict(x).toFloatArray());
        assertThat(((IntegerLookup) again.getLayer("lookup")).getVocabulary()).containsExactly(0L, -1L, 9L, 7L, 3L);

        TextVectorization tv = new TextVectorization(new TextVectorization.Options().outputSequenceLength(3)
                .vocabulary(file("w.txt", "cat\ndog"))).named("text_vectorization");
        Tensor text = new InputLayer(Shape.of(Shape.UNKNOWN, 1), "text", "string").output();
        Model tm = Model.of(text, tv.apply(text));
        Path tfile = dir.resolve("text.keras");
        tm.save(tfile);
        assertThat(new String(KerasArchive.read(tfile).assets()
                .get("layers/text_vectorization/_lookup_layer/vocabulary.txt"), StandardCharsets.UTF_8))
                .isEqualTo("\n[UNK]\ncat\ndog");
        TextVectorization loaded = (TextVectorization) Saving.loadModel(tfile).getLayer("text_vectorization");
        assertThat(loaded.apply("dog and cat").toFloatArray()).containsExactly(3, 1, 2);
    }

    /** A vocabulary set after the one given to the constructor is the one saved (Keras's config keeps the first). */
    @Test
    void aVocabularySetAfterTheGivenOneIsTheOneSaved() throws IOException {
        StringLookup lookup = new StringLookup(new StringLookup.Options().vocabulary(List.of("a", "b")))
                .named("lookup");
        Tensor in = new InputLayer(Shape.of(Shape.UNKNOWN, 2), "words", "string").output();
        Model m = Model.of(in, lookup.apply(in));
        lookup.setVocabulary(List.of("x", "y", "z"));
        lookup.setVocabulary(file("v.txt", "p\nq\nr\ns"));
        assertThat(lookup.getConfig().get("vocabulary")).isEqualTo(List.of("p", "q", "r", "s"));
        Path saved = dir.resolve("set.keras");
        m.save(saved);
        StringLookup again = (StringLookup) Saving.loadModel(saved).getLayer("lookup");
        assertThat(again.getVocabulary()).containsExactly("[UNK]", "p", "q", "r", "s");
    }

    @Test
    void aPathInAConfigIsReadOnlyOutsideSafeMode() throws IOException {
        // Keras refuses a vocabulary file outside the archive in safe mode (index_lookup.py 444-454)
        Path vocab = file("v.txt", "a\nb");
        Map<String, Object> c = new LinkedHashMap<>(new StringLookup(new StringLookup.Options()
                .vocabulary(List.of("a"))).getConfig());
        c.put("vocabulary", vocab.toString());
        c.put("vocabulary_size", null);
        assertThatThrownBy(() -> StringLookup.fromConfig(Config.of(c, "test")))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("safe mode")
                .hasMessageContaining(vocab.toString());
        StringLookup l = StringLookup.fromConfig(new Config(c, "test", new ConfigContext(false, Map.of())));
        assertThat(l.getVocabulary()).containsExactly("[UNK]", "a", "b");
        assertThat(l.getConfig()).containsEntry("vocabulary", null);

        Map<String, Object> t = new LinkedHashMap<>(new TextVectorization().getConfig());
        t.put("vocabulary", vocab.toString());
        assertThatThrownBy(() -> TextVectorization.fromConfig(Config.of(t, "test")))
                .hasMessageContaining("safe mode");
        assertThat(TextVectorization.fromConfig(new Config(t, "test", new ConfigContext(false, Map.of())))
                .getVocabulary()).containsExactly("", "[UNK]", "a", "b");
    }

    @Test
    void aMissingUnreadableOrEmptyFileNamesTheLayerAndTheFile() throws IOException {
        Path missing = dir.resolve("nope.txt");
        // "Vocabulary file {vocabulary} does not exist." (index_lookup.py 456-459)
        assertThatThrownBy(() -> new StringLookup(new StringLookup.Options().vocabulary(missing)).named("w"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StringLookup")
                .hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        StringLookup named = new StringLookup().named("words");
        assertThatThrownBy(() -> named.setVocabulary(missing)).hasMessageContaining("'words'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> named.setVocabulary(dir)).hasMessageContaining("'words'")
                .hasMessageContaining("is a directory");
        // Keras (TensorFlow) would take an empty file as no terms at all; the list form refuses an empty vocabulary
        // (491-495), and so does Strata for the file
        Path empty = file("empty.txt", "");
        assertThatThrownBy(() -> named.setVocabulary(empty)).hasMessageContaining("'words'")
                .hasMessageContaining(empty.toString()).hasMessageContaining("is empty; expected one token per line");
        assertThat(named.getVocabulary()).containsExactly("[UNK]"); // a refused file changes nothing
    }

    @Test
    void aMalformedLineNamesTheLayerTheFileAndTheLine() throws IOException {
        StringLookup l = new StringLookup().named("words");
        // TextFileLineIterator::Next refuses empty lines (lookup_util.cc: "empty line found")
        Path blank = file("blank.txt", "a\n\nb\n");
        assertThatThrownBy(() -> l.setVocabulary(blank)).hasMessageContaining("'words'")
                .hasMessageContaining(blank + ", line 2 is empty");
        assertThatThrownBy(() -> l.setVocabulary(file("blank2.txt", "a\nb\n\n")))
                .hasMessageContaining("line 3 is empty");
        assertThatThrownBy(() -> l.setVocabulary(file("crlf.txt", "a\r\n\r\nb")))
                .hasMessageContaining("line 2 is empty");
        // TensorFlow keeps the bytes, but Keras's get_vocabulary decodes them as UTF-8 (string_lookup.py
        // _tensor_vocab_to_numpy), so a non-UTF-8 file fails there, and its save with it
        Path latin1 = file("latin1.txt", new byte[] {'a', '\n', 'c', (byte) 0xe7, 'a', '\n'});
        assertThatThrownBy(() -> l.setVocabulary(latin1)).hasMessageContaining("'words'")
                .hasMessageContaining(latin1 + ", line 2 is not UTF-8 text");
        // HashTable::DoInsert: "HashTable has different value for same key"
        Path twice = file("twice.txt", "earth\nwind\nand\nfire\nearth\n");
        assertThatThrownBy(() -> l.setVocabulary(twice)).hasMessageContaining("'words'")
                .hasMessageContaining(twice + ", line 5 repeats 'earth' of line 1");
        // IntegerLookup: the line must be an int64 (TextFileLineIterator::SetValue: "is not a valid int64")
        IntegerLookup ints = new IntegerLookup().named("ids");
        Path words = file("words.txt", "12\nforty\n");
        assertThatThrownBy(() -> ints.setVocabulary(words)).hasMessageContaining("'ids'")
                .hasMessageContaining(words + ", line 2: expected an integer, got 'forty'");
        assertThatThrownBy(() -> ints.setVocabulary(file("dup.txt", "42\n1138\n42")))
                .hasMessageContaining("line 3 repeats '42' of line 1");
        assertThat(l.getVocabulary()).containsExactly("[UNK]");
    }

    @Test
    void aReservedTokenInAFileIsAnErrorSayingWhy() throws IOException {
        // The list form skips the reserved tokens at its start (index_lookup.py 497-508), but a file's every line
        // is a term (985-991): Keras would give "[UNK]" its own index after the OOV index (every other index shifted
        // by one for a file that starts with it, as Keras's own vocabulary.txt asset does), and a mask token in a
        // file makes a layer whose saved vocabulary Keras's load_assets then refuses (518-528). Strata refuses both.
        StringLookup l = new StringLookup().named("words");
        Path asset = file("asset.txt", "[UNK]\na\nb");
        assertThatThrownBy(() -> l.setVocabulary(asset)).hasMessageContaining("'words'")
                .hasMessageContaining(asset + ", line 1 is the OOV token '[UNK]'")
                .hasMessageContaining("a list, which may start with the reserved tokens [[UNK]]");
        StringLookup masked = new StringLookup(new StringLookup.Options().maskToken("[MASK]")).named("masked");
        assertThatThrownBy(() -> masked.setVocabulary(file("m.txt", "a\n[MASK]\nb")))
                .hasMessageContaining("'masked'").hasMessageContaining("line 2 is the mask token '[MASK]'")
                .hasMessageContaining("[[MASK], [UNK]]");
        IntegerLookup ints = new IntegerLookup().named("ids");
        assertThatThrownBy(() -> ints.setVocabulary(file("ids.txt", "7\n-1\n"))).hasMessageContaining("'ids'")
                .hasMessageContaining("line 2 is the OOV token '-1'");
        // TextVectorization's "" mask token is an empty line; its "[UNK]" an OOV token; the error names it
        Path tvAsset = file("tv.txt", "the\n[UNK]\ncat");
        assertThatThrownBy(() -> new TextVectorization(new TextVectorization.Options().vocabulary(tvAsset)))
                .hasMessageContaining("TextVectorization").hasMessageContaining("line 2 is the OOV token '[UNK]'");
        TextVectorization tv = new TextVectorization().named("text");
        assertThatThrownBy(() -> tv.setVocabulary(file("tv2.txt", "\n[UNK]\nthe"))).hasMessageContaining("'text'")
                .hasMessageContaining("line 1 is empty");
    }

    @Test
    void maxTokensAndTfIdfAreCheckedForFiles() throws IOException {
        Path vocab = file("v.txt", "a\nb\nc\n");
        // Keras checks max_tokens only for a list (547-553); a file larger than it would give indices past the
        // encoded depth, so Strata checks it for files too
        assertThatThrownBy(() -> new StringLookup(new StringLookup.Options().maxTokens(3).vocabulary(vocab)))
                .hasMessageContaining(vocab.toString()).hasMessageContaining("3 terms, 4 indices")
                .hasMessageContaining("max_tokens=3");
        assertThat(new StringLookup(new StringLookup.Options().maxTokens(4).vocabulary(vocab)).vocabularySize())
                .isEqualTo(4);
        // "output_mode `'tf_idf'` does not support loading a vocabulary from file." (460-464)
        assertThatThrownBy(() -> new StringLookup(new StringLookup.Options().outputMode("tf_idf").vocabulary(vocab)
                .idfWeights(new float[] {1, 2, 3}))).hasMessageContaining("'tf_idf' does not support loading a "
                        + "vocabulary from file");
        assertThatThrownBy(() -> new TextVectorization(new TextVectorization.Options().outputMode("tf_idf")
                .vocabulary(vocab))).hasMessageContaining("TextVectorization")
                .hasMessageContaining("does not support loading a vocabulary from file");
        // "`idf_weights` should only be set if output_mode is 'tf_idf'" (436-441)
        assertThatThrownBy(() -> new IntegerLookup(new IntegerLookup.Options().vocabulary(vocab)
                .idfWeights(new float[] {1}))).hasMessageContaining("`idf_weights` should only be set");
    }
}
