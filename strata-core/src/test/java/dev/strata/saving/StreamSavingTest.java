package dev.strata.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ModelFormatException;
import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.internal.io.FileFormat;
import dev.strata.internal.io.KerasArchive;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Saving}'s stream forms, Keras's {@code save_model} and {@code load_model} with a file object: the same
 * bytes as the files, loaded back exactly, streams left open, and the file forms' errors.
 */
class StreamSavingTest {
    @TempDir
    Path dir;

    private static Model trainedMlp(long seed) {
        Strata.setRandomSeed(seed);
        Model m = new Sequential(new InputLayer(8), new Dense(16, "relu"), new Dense(1));
        m.compile(new Adam(), "mse");
        m.fit(Tensor.normal(Shape.of(32, 8), 0, 1), Tensor.normal(Shape.of(32, 1), 0, 1), new FitOptions().verbose(0));
        return m;
    }

    private static Model untrainedMlp() {
        Model m = new Sequential(new InputLayer(8), new Dense(16, "relu"), new Dense(1));
        m.compile(new Adam(), "mse");
        return m;
    }

    private static void assertSamePredictions(Model a, Model b) {
        Tensor x = Tensor.normal(Shape.of(5, 8), 0, 1);
        assertThat(b.predict(x).toFloatArray()).containsExactly(a.predict(x).toFloatArray());
    }

    /** Records whether it was closed. */
    private static final class Recording extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class RecordingInput extends ByteArrayInputStream {
        boolean closed;

        RecordingInput(byte[] b) {
            super(b);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aModelSavedToAStreamLoadsFromAStreamAndFromAFile() throws IOException {
        Model m = trainedMlp(21);
        Recording out = new Recording();
        Saving.saveModel(m, out);
        assertThat(out.closed).as("the stream is left open").isFalse();
        byte[] bytes = out.toByteArray();
        assertThat(FileFormat.sniff(bytes)).isEqualTo(FileFormat.KERAS_ZIP);

        RecordingInput in = new RecordingInput(bytes);
        Model back = Saving.loadModel(in);
        assertThat(in.closed).as("the stream is left open").isFalse();
        assertSamePredictions(m, back);
        assertThat(back.optimizer().get().iterations()).isEqualTo(m.optimizer().get().iterations());

        Path p = dir.resolve("from-stream.keras");
        Files.write(p, bytes);
        assertSamePredictions(m, Saving.loadModel(p));
        assertThat(Saving.loadModel(new ByteArrayInputStream(bytes), new LoadOptions().compile(false)).isCompiled())
                .isFalse();
    }

    @Test
    void theStreamHoldsWhatTheFileHolds() throws IOException {
        Model m = trainedMlp(22);
        Path p = dir.resolve("m.keras");
        m.save(p);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Saving.saveModel(m, out, new ConfigOptions());
        KerasArchive fromFile = KerasArchive.read(p);
        KerasArchive fromStream = KerasArchive.read(out.toByteArray(), "stream");
        assertThat(fromStream.configJson()).isEqualTo(fromFile.configJson());
        assertThat(fromStream.weights().toBytes()).isEqualTo(fromFile.weights().toBytes());
        try (InputStream in = Files.newInputStream(p)) {
            assertSamePredictions(m, Saving.loadModel(in));
        }
    }

    @Test
    void weightsThroughStreamsAreTheWeightsFileBytes() throws IOException {
        Model m = trainedMlp(23);
        Recording out = new Recording();
        Saving.saveWeights(m, out);
        assertThat(out.closed).isFalse();
        Path p = dir.resolve("m.weights.h5");
        m.saveWeights(p);
        assertThat(out.toByteArray()).as("deterministic HDF5, the same bytes as the file").isEqualTo(Files.readAllBytes(p));

        Model other = untrainedMlp();
        RecordingInput in = new RecordingInput(out.toByteArray());
        Saving.loadWeights(other, in);
        assertThat(in.closed).isFalse();
        assertSamePredictions(m, other);
        assertThat(other.optimizer().get().iterations()).isEqualTo(m.optimizer().get().iterations());

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        Saving.saveModel(m, archive);
        Model third = untrainedMlp();
        Saving.loadWeights(third, new ByteArrayInputStream(archive.toByteArray())); // a .keras file's weights
        assertSamePredictions(m, third);
    }

    @Test
    void errorsNameTheStream() {
        byte[] text = "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Saving.loadModel(new ByteArrayInputStream(text)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Cannot read <input stream>")
                .hasMessageContaining("neither a .keras zip archive nor an HDF5 file")
                .satisfies(e -> assertThat(((ModelFormatException) e).file()).isEqualTo("<input stream>"));
        assertThatThrownBy(() -> Saving.loadWeights(untrainedMlp(), new ByteArrayInputStream(text)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("neither a .weights.h5 (HDF5) nor a .keras file");

        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        Saving.saveWeights(trainedMlp(24), weights);
        assertThatThrownBy(() -> Saving.loadModel(new ByteArrayInputStream(weights.toByteArray())))
                .isInstanceOf(ModelFormatException.class).hasMessageContaining("an HDF5 weights file, not a model");

        Model wider = new Sequential(new InputLayer(8), new Dense(17, "relu"), new Dense(1));
        assertThatThrownBy(() -> Saving.loadWeights(wider, new ByteArrayInputStream(weights.toByteArray())))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("Cannot read <input stream> at /layers/dense/vars/0")
                .hasMessageContaining("/layers/dense/vars/0: shape (8, 16) in the file");
    }

    @Test
    void nothingIsWrittenWhenTheModelCannotBeSaved() {
        Model unbuilt = new Sequential(new Dense(3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Saving.saveWeights(unbuilt, out)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not yet been built");
        Model anonymous = new Sequential(new InputLayer(2), new Dense(3) { });
        assertThatThrownBy(() -> Saving.saveModel(anonymous, out)).isInstanceOf(KerasConfigException.class);
        assertThat(out.size()).isZero();
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        Saving.saveWeights(trainedMlp(26), weights);
        assertThatThrownBy(() -> Saving.loadWeights(unbuilt, new ByteArrayInputStream(weights.toByteArray())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not built yet");
    }

    @Test
    void aFailingStreamIsAnIoError() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full (simulated)");
            }
        };
        assertThatThrownBy(() -> Saving.saveModel(trainedMlp(25), broken)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("disk full (simulated)");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset (simulated)");
            }
        };
        assertThatThrownBy(() -> Saving.loadModel(failing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("connection reset (simulated)").hasMessageContaining("<input stream>");
    }
}
