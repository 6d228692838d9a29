package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.regularization.Dropout;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.saving.Saving;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ModelCheckpoint (Keras's templates, rules and messages) and BackupAndRestore (exact resumption). */
class CheckpointCallbacksTest {
    @TempDir
    Path dir;

    private static int threads;

    @BeforeAll
    static void oneThread() {
        threads = Strata.numThreads();
        Strata.setNumThreads(1);
    }

    @AfterAll
    static void restore() {
        Strata.setNumThreads(threads);
    }

    private static final Tensor X;
    private static final Tensor Y;

    static {
        Strata.setRandomSeed(77);
        X = Tensor.normal(Shape.of(80, 4), 0, 1);
        Y = Tensor.normal(Shape.of(80, 1), 0, 1);
    }

    private static Model model() {
        Model m = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dropout(0.1), new Dense(1));
        m.compile(new Adam(0.05f), new CompileOptions().loss("mse").metrics("mae"));
        return m;
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static String captureOut(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void saveBestOnlyWithATemplateSavesTheImprovingEpochsUnderKerasNames() throws IOException {
        Strata.setRandomSeed(1);
        Model m = model();
        String template = dir.resolve("ckpt").resolve("model-{epoch:02d}-{val_loss:.4f}.keras").toString();
        ModelCheckpoint cp = new ModelCheckpoint(template).saveBestOnly(true).verbose(1);
        String[] out = new String[1];
        History[] h = new History[1];
        out[0] = captureOut(() -> h[0] = m.fit(X, Y, new FitOptions().epochs(6).batchSize(16).validationSplit(0.25)
                .verbose(0).callbacks(cp)));
        List<Double> val = h[0].get("val_loss");
        List<String> expectedFiles = new ArrayList<>();
        StringBuilder expectedOut = new StringBuilder();
        Double best = null;
        for (int e = 0; e < val.size(); e++) {
            String bestText = best == null ? "None" : String.format(Locale.ROOT, "%.5f", best);
            if (best == null || val.get(e) < best) {
                String name = String.format(Locale.ROOT, "model-%02d-%.4f.keras", e + 1, val.get(e));
                expectedFiles.add("ckpt/" + name);
                String path = dir.resolve("ckpt").resolve(name).toString();
                expectedOut.append(String.format(Locale.ROOT, "%nEpoch %d: val_loss improved from %s to %.5f, saving "
                        + "model to %s%n%nEpoch %d: finished saving model to %s%n", e + 1, bestText, val.get(e), path,
                        e + 1, path));
                best = val.get(e);
            } else {
                expectedOut.append(String.format(Locale.ROOT, "%nEpoch %d: val_loss did not improve from %s%n", e + 1,
                        bestText));
            }
        }
        assertThat(files()).containsExactlyElementsOf(expectedFiles);
        assertThat(out[0]).isEqualTo(expectedOut.toString());
        assertThat(cp.best()).isEqualTo(best);
        // the last file saved is a whole model, compiled, that loads
        Model saved = Saving.loadModel(cp.lastSaved());
        assertThat(saved.isCompiled()).isTrue();
    }

    @Test
    void everyEpochWithoutSaveBestOnlyAndWeightsOnly() throws IOException {
        Strata.setRandomSeed(2);
        Model m = model();
        m.fit(X, Y, new FitOptions().epochs(3).verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("w-{epoch}.weights.h5")).saveWeightsOnly(true)));
        assertThat(files()).containsExactly("w-1.weights.h5", "w-2.weights.h5", "w-3.weights.h5");
        Model again = model();
        again.loadWeights(dir.resolve("w-3.weights.h5"));
        assertThat(again.predict(X).toFloatArray()).containsExactly(m.predict(X).toFloatArray());
        assertThat(again.optimizer().get().iterations()).isEqualTo(m.optimizer().get().iterations());
    }

    @Test
    void saveFreqInBatchesCountsAcrossEpochsAndFillsBatch() throws IOException {
        Strata.setRandomSeed(3);
        Model m = model(); // 80 samples in batches of 16: 5 batches per epoch
        m.fit(X, Y, new FitOptions().epochs(3).batchSize(16).verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("e{epoch}-b{batch}.keras")).saveFreq(4)));
        // batches 4, 8 and 12 of 15: the 4th of epoch 1, the 3rd of epoch 2, the 2nd of epoch 3
        assertThat(files()).containsExactly("e1-b4.keras", "e2-b3.keras", "e3-b2.keras");
    }

    @Test
    void modeMaxAndErrors() throws IOException {
        Strata.setRandomSeed(4);
        Model m = model();
        ModelCheckpoint cp = new ModelCheckpoint(dir.resolve("m.keras")).monitor("loss").mode("max").saveBestOnly(true);
        History h = m.fit(X, Y, new FitOptions().epochs(4).verbose(0).callbacks(cp));
        assertThat(cp.best()).isEqualTo(h.get("loss").stream().max(Double::compare).orElseThrow());
        assertThat(files()).containsExactly("m.keras");

        assertThatThrownBy(() -> model().fit(X, Y, new FitOptions().verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("x.h5"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must end in `.keras`");
        assertThatThrownBy(() -> model().fit(X, Y, new FitOptions().verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("x.keras")).saveWeightsOnly(true))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`.weights.h5`");
        assertThatThrownBy(() -> model().fit(X, Y, new FitOptions().verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("x-{val_loss:.2f}.keras")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Failed to format this callback "
                        + "filepath").hasMessageContaining("KeyError: 'val_loss'");
        assertThatThrownBy(() -> new ModelCheckpoint("a.keras").mode("best")).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> model().fit(X, Y, new FitOptions().verbose(0).callbacks(
                new ModelCheckpoint(dir.resolve("y.keras")).monitor("custom_score").saveBestOnly(true))))
                .hasMessageContaining("mode(\"max\")");
    }

    /** Throws when the given epoch begins: a crash in the middle of training. */
    private static final class Interrupt extends Callback {
        private final int at;

        Interrupt(int at) {
            this.at = at;
        }

        @Override
        public void onEpochBegin(int epoch, Map<String, Double> logs) {
            if (epoch == at) {
                throw new IllegalStateException("interrupted at epoch " + epoch);
            }
        }
    }

    @Test
    void backupAndRestoreResumesAnInterruptedFitExactly() throws IOException {
        FitOptions options = new FitOptions().epochs(10).batchSize(16).validationSplit(0.2).verbose(0);
        Strata.setRandomSeed(5);
        Model straight = model();
        History all = straight.fit(X, Y, options);

        Path backupDir = dir.resolve("backup");
        Strata.setRandomSeed(5);
        Model first = model();
        BackupAndRestore backup = new BackupAndRestore(backupDir);
        assertThatThrownBy(() -> first.fit(X, Y, new FitOptions().epochs(10).batchSize(16).validationSplit(0.2)
                .verbose(0).callbacks(backup, new Interrupt(4)))).hasMessageContaining("interrupted at epoch 4");
        assertThat(files()).containsExactly("backup/latest.weights.h5", "backup/training_metadata.json");
        assertThat(Files.readString(backupDir.resolve("training_metadata.json")))
                .startsWith("{\"epoch\": 4, \"batch\": 0, \"strata_random_state\": [");

        // a new process: the model made again (drawing other random numbers), the same fit call
        Strata.setRandomSeed(12345);
        Model resumed = model();
        History rest = resumed.fit(X, Y, new FitOptions().epochs(10).batchSize(16).validationSplit(0.2).verbose(0)
                .callbacks(new BackupAndRestore(backupDir)));
        assertThat(rest.epochs()).containsExactly(4, 5, 6, 7, 8, 9);
        assertThat(rest.get("val_loss")).containsExactlyElementsOf(all.get("val_loss").subList(4, 10));
        List<Tensor> w1 = straight.getWeights();
        List<Tensor> w2 = resumed.getWeights();
        for (int i = 0; i < w1.size(); i++) {
            assertThat(w2.get(i).toFloatArray()).containsExactly(w1.get(i).toFloatArray());
        }
        assertThat(Files.exists(backupDir)).isFalse(); // deleted when the fit completed
    }

    @Test
    void doubleCheckpointFallsBackToThePreviousBackup() throws IOException {
        Path backupDir = dir.resolve("b2");
        Strata.setRandomSeed(6);
        Model first = model();
        assertThatThrownBy(() -> first.fit(X, Y, new FitOptions().epochs(10).verbose(0).callbacks(
                new BackupAndRestore(backupDir).doubleCheckpoint(true), new Interrupt(3)))).isNotNull();
        assertThat(files()).containsExactly("b2/latest.weights.h5", "b2/latest.weights.h5.bkp",
                "b2/training_metadata.json", "b2/training_metadata.json.bkp");
        Files.write(backupDir.resolve("latest.weights.h5"), new byte[] {1, 2, 3}); // damaged
        Model resumed = model();
        History rest = resumed.fit(X, Y, new FitOptions().epochs(10).verbose(0).callbacks(
                new BackupAndRestore(backupDir).doubleCheckpoint(true).deleteCheckpoint(false)));
        assertThat(rest.epochs().getFirst()).isEqualTo(2); // the previous backup: after epoch index 1
        assertThat(files()).contains("b2/latest.weights.h5", "b2/training_metadata.json");
        assertThat(Files.readString(backupDir.resolve("training_metadata.json"))).startsWith("{\"epoch\": 10,");
    }
}
