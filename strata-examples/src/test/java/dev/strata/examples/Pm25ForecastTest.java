package dev.strata.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces of {@link Pm25Forecast}: the bundled table is complete (the counts its README states), missing hours
 * carry the last value forward, windows line up with their targets, and the model is Keras's (parameter count of the
 * same Sequential in Keras 3). The full run (5 epochs) is the README's command.
 */
class Pm25ForecastTest {
    private static Pm25Forecast.Series series;

    @BeforeAll
    static void read() {
        series = Pm25Forecast.read(Pm25Forecast.dataFile());
    }

    @Test
    void theBundledTableIsComplete() {
        assertThat(series.hours()).isEqualTo(43_824);
        assertThat(series.trainingHours()).isEqualTo(35_064); // 2010-2013, as the data's README says
        assertThat(series.pm25()[0]).as("2010-01-01 starts with NA: nothing known yet").isZero();
        assertThat(series.pm25()[24]).isEqualTo(129f); // row 25, the first value
        assertThat(series.pm25()[series.hours() - 1]).isEqualTo(12f);
        assertThat(series.features()[0][8]).as("NW wind, one-hot").isEqualTo(1f);
    }

    @Test
    void windowsEndAtTheirLastHourAndTargetSixHoursLater() {
        float[][] stats = Pm25Forecast.standardize(Pm25Forecast.read(Pm25Forecast.dataFile()), 35_064);
        Pm25Forecast.Windows w = Pm25Forecast.windows(series, stats, 0, 100, 1);
        int n = 100 - Pm25Forecast.HOURS - Pm25Forecast.AHEAD + 1;
        assertThat(w.x().shape()).isEqualTo(Shape.of(n, Pm25Forecast.HOURS, Pm25Forecast.FEATURES));
        assertThat(w.lastValue()[0]).isEqualTo(series.pm25()[Pm25Forecast.HOURS - 1]);
        assertThat(w.target()[0]).isEqualTo(series.pm25()[Pm25Forecast.HOURS - 1 + Pm25Forecast.AHEAD]);
    }

    @Test
    void theModelIsKerassAndTrainsAndSaves(@TempDir Path dir) throws Exception {
        Strata.setRandomSeed(42);
        Model model = Pm25Forecast.model();
        // Keras: Conv1D(32, 3) on 11 features 1,088 + LSTM(32) 8,320 + Dense(1) 33
        assertThat(model.countParams()).isEqualTo(9_441);
        float[][] stats = Pm25Forecast.standardize(Pm25Forecast.read(Pm25Forecast.dataFile()), 35_064);
        Pm25Forecast.Windows w = Pm25Forecast.windows(series, stats, 24, 1_000, 1);
        model.fit(w.x(), w.y(), new dev.strata.training.FitOptions().epochs(2).batchSize(64).verbose(0));
        Path saved = dir.resolve("pm25.keras");
        model.save(saved);
        assertThat(Files.size(saved)).isPositive();
        assertThat(FashionMnistCnn.reloadDifference(model, saved, w.x())).isZero();
    }

    @Test
    void aFileThatIsNotTheTableIsRefused(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> Pm25Forecast.read(bad)).hasMessageContaining("not the Beijing PM2.5 table");
    }
}
