package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Sequential;
import dev.strata.tensor.Tensor;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit (or evaluate) that fails closes the callbacks' files: TensorBoard's event files and CSVLogger's log are not
 * left open (checked through the process's open file descriptors, {@code /proc/self/fd}), and what was written
 * before the failure is on disk.
 */
class CallbackResourcesOnFailureTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(5);
    }

    /** The files under {@code root} this process holds open. */
    private static List<Path> openFilesUnder(Path root) throws IOException {
        Path fds = Path.of("/proc/self/fd");
        List<Path> open = new ArrayList<>();
        Path real = root.toRealPath();
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // the descriptor of the listing itself, closed meanwhile
                }
            }
        }
        return open;
    }

    private static Sequential model() {
        Sequential m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile("sgd", "mse");
        return m;
    }

    @Test
    void aFitThatThrowsClosesTensorBoardsAndCsvLoggersFiles() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd to see open files");
        Path logs = dir.resolve("tb");
        Path csv = dir.resolve("log.csv");
        TensorBoard tb = new TensorBoard(logs);
        CSVLogger csvLogger = new CSVLogger(csv);
        RuntimeException boom = new IllegalStateException("boom in epoch 2");
        LambdaCallback failing = new LambdaCallback().onEpochBegin((epoch, l) -> {
            if (epoch == 1) {
                try {
                    assertThat(openFilesUnder(dir)).as("files open during the fit").isNotEmpty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                throw boom;
            }
        });
        Sequential m = model();
        assertThatThrownBy(() -> m.fit(Tensor.ones(8, 2), Tensor.ones(8, 1), new FitOptions().epochs(3).batchSize(4)
                .verbose(0).validationData(Tensor.ones(4, 2), Tensor.ones(4, 1))
                .callbacks(tb, csvLogger, failing))).isSameAs(boom);
        assertThat(openFilesUnder(dir)).isEmpty();
        assertThat(Files.readAllLines(csv)).hasSize(2); // the header and epoch 0's row
        try (Stream<Path> s = Files.walk(logs)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents")).count())
                    .isEqualTo(2); // train and validation
        }
        // the callbacks work again in a later fit
        m.fit(Tensor.ones(8, 2), Tensor.ones(8, 1), new FitOptions().epochs(1).verbose(0).callbacks(tb, csvLogger));
        assertThat(openFilesUnder(dir)).isEmpty();
    }

    @Test
    void anEvaluateThatThrowsClosesTensorBoardsFiles() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd to see open files");
        TensorBoard tb = new TensorBoard(dir.resolve("tb"));
        RuntimeException boom = new IllegalStateException("boom in batch 1");
        Callback failing = new Callback() {
            @Override
            public void onTestBatchEnd(int batch, java.util.Map<String, Double> logs) {
                if (batch == 1) {
                    throw boom;
                }
            }
        };
        Sequential m = model();
        assertThatThrownBy(() -> m.evaluate(Tensor.ones(8, 2), Tensor.ones(8, 1), new EvaluateOptions().batchSize(2)
                .verbose(0).callbacks(tb, failing))).isSameAs(boom);
        assertThat(openFilesUnder(dir)).isEmpty();
    }
}
