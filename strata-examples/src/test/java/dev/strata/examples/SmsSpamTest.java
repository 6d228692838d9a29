package dev.strata.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.preprocessing.TextVectorization;
import dev.strata.models.Model;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of {@link SmsSpam}: the bundled table reads as its README counts it (duplicates dropped, quoted
 * fields with doubled quotes), the split is disjoint and seeded, the model is Keras's (parameter count), and a short
 * run learns and saves. The full run is the README's command.
 */
class SmsSpamTest {
    private static SmsSpam.Messages all;

    @BeforeAll
    static void read() {
        all = SmsSpam.read(SmsSpam.dataFile());
    }

    @Test
    void theBundledTableReadsAsItsReadmeCountsIt() {
        assertThat(all.size()).isEqualTo(5_171); // 5,574 rows, 403 exact repeats
        double spam = 0;
        for (float y : all.labels()) {
            spam += y;
        }
        assertThat(spam).isEqualTo(653);
        assertThat(all.texts().getFirst()).startsWith("Go until jurong point, crazy..");
        assertThat(all.texts().stream().anyMatch(t -> t.contains("\"\""))).as("doubled quotes undone").isFalse();
    }

    @Test
    void theSplitIsSeededAndDisjoint() {
        SmsSpam.Messages[] a = SmsSpam.split(all, 0.8, 42), b = SmsSpam.split(all, 0.8, 42);
        assertThat(a[0].texts()).isEqualTo(b[0].texts());
        assertThat(a[0].size() + a[1].size()).isEqualTo(all.size());
        assertThat(a[1].texts()).doesNotContainAnyElementsOf(a[0].texts().subList(0, 200));
    }

    @Test
    void aShortRunLearnsAndSaves(@TempDir Path dir) {
        Strata.setRandomSeed(42);
        SmsSpam.Messages train = SmsSpam.split(all, 0.8, 42)[0];
        TextVectorization v = new TextVectorization(new TextVectorization.Options().maxTokens(2_000)
                .outputSequenceLength(SmsSpam.LENGTH));
        v.adapt(train.texts());
        Model model = SmsSpam.model(v.vocabularySize());
        // Keras: Embedding(2000, 32) 64,000 + LSTM(32) 8,320 + Dense(1) 33
        assertThat(model.countParams()).isEqualTo(v.vocabularySize() * 32 + 8_320 + 33);
        Tensor x = v.apply(train.texts().subList(0, 1_000).toArray(String[]::new));
        Tensor y = Tensor.of(java.util.Arrays.copyOf(train.labels(), 1_000), 1_000, 1);
        var history = model.fit(x, y, new FitOptions().epochs(2).batchSize(32).verbose(0));
        assertThat(history.get("accuracy").getLast()).isGreaterThan(0.85);
        Path saved = dir.resolve("spam.keras");
        model.save(saved);
        assertThat(FashionMnistCnn.reloadDifference(model, saved, x)).isZero();
    }

    @Test
    void aFileThatIsNotTheTableIsRefused(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "label,text\nmaybe,hello\n");
        assertThatThrownBy(() -> SmsSpam.read(bad)).hasMessageContaining("label must be ham or spam");
    }
}
