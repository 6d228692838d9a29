package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TextDatasets} as Keras's {@code text_dataset_from_directory}: the order, labels and split of its
 * {@code index_directory} (shared with {@link ImageDatasets}, whose tests hold Keras's goldens), numpy's shuffle
 * (the expected orders printed by {@code np.random.RandomState(seed).shuffle(list(range(5)))}), and
 * {@code max_length} in bytes.
 */
class TextDatasetsTest {
    @TempDir
    Path root;

    @BeforeEach
    void files() throws Exception {
        write("neg/b.txt", "bad");
        write("neg/a.txt", "awful");
        write("neg/sub/c.txt", "cold"); // sub-folders count, after the folder's own files
        write("pos/x.txt", "excellent");
        write("pos/y.txt", "yes, \u00e9t\u00e9"); // two-byte characters
        write("pos/notes.md", "not a text file");
        write(".hidden/z.txt", "hidden folders are not classes");
    }

    private void write(String path, String text) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    @Test
    void readsTheClassFoldersInKerassOrder() {
        TextDataset d = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().shuffle(false)
                .verbose(false));
        assertThat(d.texts()).containsExactly("awful", "bad", "cold", "excellent", "yes, \u00e9t\u00e9");
        assertThat(d.labels().toFloatArray()).containsExactly(0, 0, 0, 1, 1);
        assertThat(d.classNames()).containsExactly("neg", "pos");
        assertThat(d.batchSize()).isEqualTo(32);
        TextDataset binary = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().shuffle(false)
                .labelMode("binary").verbose(false));
        assertThat(binary.labels().shape()).isEqualTo(Shape.of(5, 1));
        TextDataset onlyPos = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().shuffle(false)
                .classNames("pos").labelMode("categorical").verbose(false));
        assertThat(onlyPos.texts()).hasSize(2);
        assertThat(onlyPos.labels().shape()).isEqualTo(Shape.of(2, 1));
    }

    @Test
    void shufflesAsNumpyAndSplitsAsKeras() {
        TextDataset d = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().seed(1337).verbose(false));
        List<String> sorted = List.of("awful", "bad", "cold", "excellent", "yes, \u00e9t\u00e9");
        int[] numpy = {3, 2, 1, 0, 4}; // np.random.RandomState(1337).shuffle(list(range(5)))
        for (int i = 0; i < numpy.length; i++) {
            assertThat(d.texts().get(i)).isEqualTo(sorted.get(numpy[i]));
        }
        var both = TextDatasets.textDatasetsFromDirectory(root, TextDatasets.options().seed(7).validationSplit(0.4)
                .subset("both").verbose(false));
        // order 0, 3, 2, 1, 4; int(0.4 * 5) = 2 last files validate
        assertThat(both.training().texts()).containsExactly("awful", "excellent", "cold");
        assertThat(both.validation().texts()).containsExactly("bad", "yes, \u00e9t\u00e9");
        assertThat(TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().seed(7).validationSplit(0.4)
                .subset("validation").verbose(false)).texts()).isEqualTo(both.validation().texts());
    }

    @Test
    void maxLengthKeepsTheFirstBytes() {
        TextDataset d = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().shuffle(false)
                .maxLength(7).verbose(false));
        assertThat(d.texts()).containsExactly("awful", "bad", "cold", "excelle", "yes, \u00e9");
        TextDataset cut = TextDatasets.textDatasetFromDirectory(root, TextDatasets.options().shuffle(false)
                .maxLength(9).verbose(false));
        assertThat(cut.texts().get(4)).as("half a character").isEqualTo("yes, \u00e9t\ufffd");
    }

    @Test
    void badArgumentsAreKerassErrors() {
        assertThatThrownBy(() -> TextDatasets.textDatasetFromDirectory(root.resolve("missing"),
                TextDatasets.options())).hasMessageContaining("text directory").hasMessageContaining("missing");
        assertThatThrownBy(() -> TextDatasets.textDatasetFromDirectory(root, TextDatasets.options()
                .validationSplit(0.2))).hasMessageContaining("If subset is set, validation_split must be set");
        assertThatThrownBy(() -> TextDatasets.textDatasetFromDirectory(root, TextDatasets.options()
                .validationSplit(0.2).subset("training"))).hasMessageContaining("you must provide a seed");
        assertThatThrownBy(() -> TextDatasets.options().maxLength(0)).hasMessageContaining("max_length");
        assertThatThrownBy(() -> TextDatasets.textDatasetFromDirectory(root.resolve("neg/sub"), TextDatasets.options()
                .verbose(false))).hasMessageContaining("No text files found");
    }

    @Test
    void streamsBatchesThroughTheVectorizer() throws InterruptedException {
        java.util.function.Function<String[], Tensor> lengths = texts -> {
            float[] v = new float[texts.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = texts[k].length();
            }
            return Tensor.of(v, v.length, 1);
        };
        Dataset<Batch> d = TextDatasets.dataset(root, TextDatasets.options().shuffle(false).batchSize(2)
                .verbose(false), lengths);
        assertThat(d.cardinality()).isEqualTo(3);
        List<Float> x = new ArrayList<>();
        List<Float> y = new ArrayList<>();
        for (Batch b : d) {
            for (float f : b.x().getFirst().toFloatArray()) {
                x.add(f);
            }
            for (float f : b.y().getFirst().toFloatArray()) {
                y.add(f);
            }
        }
        assertThat(x).containsExactly(5f, 3f, 4f, 9f, 8f); // lengths of the texts, in file order
        assertThat(y).containsExactly(0f, 0f, 0f, 1f, 1f);
        DatasetTest.assertNoPipelineThreads();
    }
}
