package dev.strata.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.SGD;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.training.CompileOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import dev.strata.training.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSVLogger writes the bytes Keras's CSVLogger writes for the same logs (tools/golden/callbacks14.py). */
class CSVLoggerTest {
    @TempDir
    Path dir;

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    private static final List<Map<String, Double>> MAIN = List.of(
            logs("loss", 0.4302417039871216, "val_loss", 0.5, "mae", 1e-05, "val_mae", 1.5e16),
            logs("loss", NAN, "val_loss", INF, "mae", -0.0, "val_mae", 3.0),
            logs("loss", 0.1, "val_loss", 0.30000001192092896, "mae", -INF));
    private static final List<Map<String, Double>> NO_VAL = List.of(
            logs("loss", 0.25, "acc", 0.5),
            logs("loss", 0.125, "acc", 0.75, "extra", 9.0));
    private static final List<Map<String, Double>> QUOTE = List.of(logs("a;b", 1.0, "q\"uote", 2.0, "loss", 0.5));

    @SafeVarargs
    private String run(CSVLogger cb, String existing, List<Map<String, Double>>... runs) throws IOException {
        if (existing != null) {
            Files.writeString(cb.filename(), existing);
        }
        for (List<Map<String, Double>> run : runs) {
            cb.onTrainBegin(new HashMap<>());
            for (int epoch = 0; epoch < run.size(); epoch++) {
                cb.onEpochEnd(epoch, new LinkedHashMap<>(run.get(epoch)));
            }
            cb.onTrainEnd(new HashMap<>());
        }
        return Files.readString(cb.filename(), StandardCharsets.UTF_8);
    }

    private CSVLogger logger() {
        return new CSVLogger(dir.resolve("log.csv"));
    }

    @Test
    void rowsAndHeaderMatchKeras() throws IOException {
        assertThat(run(logger(), null, MAIN)).isEqualTo(CallbacksGolden.CSV_main);
        assertThat(run(logger(), null, NO_VAL)).isEqualTo(CallbacksGolden.CSV_noVal);
    }

    @Test
    void separatorsAndQuotingMatchKeras() throws IOException {
        assertThat(run(logger().separator(";"), null, QUOTE)).isEqualTo(CallbacksGolden.CSV_semicolonQuotes);
        assertThat(run(logger().separator("\t"), null, MAIN)).isEqualTo(CallbacksGolden.CSV_tab);
        assertThat(run(logger().separator("."), null, NO_VAL)).isEqualTo(CallbacksGolden.CSV_dot);
    }

    @Test
    void appendMatchesKeras() throws IOException {
        assertThat(run(logger().append(true), CallbacksGolden.CSV_EXISTING, NO_VAL))
                .isEqualTo(CallbacksGolden.CSV_appendExisting);
        Files.delete(dir.resolve("log.csv"));
        assertThat(run(logger().append(true), "", NO_VAL)).isEqualTo(CallbacksGolden.CSV_appendEmpty);
        Files.delete(dir.resolve("log.csv"));
        assertThat(run(logger().append(true), null, NO_VAL)).isEqualTo(CallbacksGolden.CSV_appendNew);
        Files.delete(dir.resolve("log.csv"));
        assertThat(run(logger().append(true), null, NO_VAL, NO_VAL.subList(0, 1)))
                .isEqualTo(CallbacksGolden.CSV_appendTwoFits);
    }

    @Test
    void withoutAppendEachFitStartsTheFileAgain() throws IOException {
        assertThat(run(logger(), "old text\n", MAIN, NO_VAL)).isEqualTo(CallbacksGolden.CSV_overwriteTwoFits);
    }

    @Test
    void badSeparatorsAreClearErrors() {
        assertThatThrownBy(() -> logger().separator(", "))
                .hasMessageContaining("CSVLogger separator must be a 1-character string").hasMessageContaining("', '");
        assertThatThrownBy(() -> logger().separator("")).hasMessageContaining("1-character");
        assertThatThrownBy(() -> logger().separator("\"")).hasMessageContaining("cannot be a quote or a line break");
        assertThatThrownBy(() -> logger().separator("\n")).hasMessageContaining("cannot be a quote or a line break");
    }

    @Test
    void anUnwritableFileFailsBeforeTrainingAndCreatesNothing() {
        Path missing = dir.resolve("no-such-dir").resolve("log.csv");
        CSVLogger cb = new CSVLogger(missing);
        assertThatThrownBy(() -> cb.onTrainBegin(new HashMap<>())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("CSVLogger cannot open '" + missing + "' for writing");
        assertThat(Files.exists(missing.getParent())).isFalse();
        CSVLogger onDir = new CSVLogger(dir);
        assertThatThrownBy(() -> onDir.onTrainBegin(new HashMap<>())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("CSVLogger cannot open '" + dir + "'");

        Strata.setRandomSeed(3);
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile(new SGD(0.01f), new CompileOptions().loss("mse"));
        Tensor x = Tensor.normal(Shape.of(8, 2), 0, 1);
        Tensor y = Tensor.normal(Shape.of(8, 1), 0, 1);
        assertThatThrownBy(() -> m.fit(x, y, new FitOptions().epochs(2).verbose(0).callbacks(cb)))
                .hasMessageContaining("CSVLogger cannot open");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void inFitWritesOneRowPerEpochWithTheLearningRate() throws IOException {
        Strata.setRandomSeed(4);
        Tensor x = Tensor.normal(Shape.of(20, 2), 0, 1);
        Tensor y = Tensor.normal(Shape.of(20, 1), 0, 1);
        Model m = new Sequential(new InputLayer(2), new Dense(1));
        m.compile(new SGD(0.01f), new CompileOptions().loss("mse").metrics("mae"));
        Path file = dir.resolve("fit.csv");
        History h = m.fit(x, y, new FitOptions().epochs(3).verbose(0).validationSplit(0.25)
                .callbacks(new LearningRateScheduler((epoch, lr) -> lr), new CSVLogger(file)));
        List<String> lines = List.of(Files.readString(file).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("epoch,learning_rate,loss,mae,val_loss,val_mae");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).isEqualTo("1," + PythonFormat.pythonRepr(h.get("learning_rate").get(1)) + ","
                + PythonFormat.pythonRepr(h.get("loss").get(1)) + "," + PythonFormat.pythonRepr(h.get("mae").get(1))
                + "," + PythonFormat.pythonRepr(h.get("val_loss").get(1)) + ","
                + PythonFormat.pythonRepr(h.get("val_mae").get(1)));
    }

    @Test
    void drivenWithoutTrainBeginIsAClearError() {
        CSVLogger cb = logger();
        cb.setState(new TrainingState(new Sequential(new InputLayer(2), new Dense(1)), Map.of()));
        assertThatThrownBy(() -> cb.onEpochEnd(0, new HashMap<>())).hasMessageContaining("before onTrainBegin");
    }
}
