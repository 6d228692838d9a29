package dev.strata.examples;

import dev.strata.Strata;
import dev.strata.layers.convolutional.Conv1D;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.layers.rnn.LSTM;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.optimizers.Adam;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import dev.strata.training.PredictOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A time-series forecaster: PM2.5 in Beijing six hours ahead from the past 24 hours of pollution and weather
 * (hourly, 2010-2014, bundled in {@code strata-examples/data/beijing-pm25/}, CC BY 4.0, see the README there).
 * Conv1D 32 (kernel 3, relu) over the hours, LSTM 32, Dense 1; Adam, mse on standardized values; trained on
 * 2010-2013 (every second window), tested on every window of 2014 against the persistence forecast (the value six
 * hours ago), the baseline a forecaster has to beat. It prints the summary and Keras-style progress, saves the model
 * as {@code pm25_forecast.keras}, reloads it and checks it predicts the same. The last line is for scripts:
 * {@code RESULT example=pm25_forecast test_mae=... persistence_mae=... epochs=... fit_seconds=... saved=...}.
 *
 * <p>Features per hour (11): PM2.5 (missing hours carry the last known value forward), dew point, temperature,
 * pressure, cumulated wind speed, hours of snow and of rain, standardized with the training years' mean and
 * standard deviation, and the wind direction one-hot (NE, NW, SE, calm). Arguments, all optional:
 * {@code --epochs N} (default {@value #EPOCHS}) and {@code --data FILE}.
 */
public final class Pm25Forecast {
    static final int EPOCHS = 5;
    static final int HOURS = 24;
    static final int AHEAD = 6;
    static final int FEATURES = 11;
    static final Path SAVED = Path.of("pm25_forecast.keras");
    private static final String[] WIND = {"NE", "NW", "SE", "cv"};

    private Pm25Forecast() {
    }

    /** The hourly table: 11 features per hour, the year of each hour, the raw PM2.5 (µg/m³). */
    record Series(float[][] features, int[] years, float[] pm25) {
        int hours() {
            return years.length;
        }

        /** Hours before 2014: the training years. */
        int trainingHours() {
            int n = 0;
            while (n < years.length && years[n] < 2014) {
                n++;
            }
            return n;
        }
    }

    /** Windows of {@link #HOURS} hours (batch, HOURS, FEATURES), the standardized target, and raw values. */
    record Windows(Tensor x, Tensor y, float[] lastValue, float[] target) {
    }

    /**
     * Runs the example.
     *
     * @param args {@code --epochs N}, {@code --data FILE}
     */
    public static void main(String[] args) {
        int epochs = EPOCHS;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --epochs N, --data FILE");
            }
        }
        Strata.setRandomSeed(42);
        Series series = read(data != null ? data : dataFile());
        int split = series.trainingHours();
        float[][] stats = standardize(series, split);
        Windows train = windows(series, stats, 0, split, 2);
        Windows test = windows(series, stats, split, series.hours(), 1);
        System.out.printf(Locale.ROOT, "Beijing PM2.5: %d hours; %d training windows (2010-2013), %d test windows "
                + "(2014) of %d hours x %d features (kernels: %s)%n", series.hours(), train.x().shape().get(0),
                test.x().shape().get(0), HOURS, FEATURES, Strata.kernels());

        Model model = model();
        model.summary();
        long start = System.nanoTime();
        model.fit(train.x(), train.y(), new FitOptions().epochs(epochs).batchSize(64).validationSplit(0.1));
        double seconds = (System.nanoTime() - start) / 1e9;

        float mean = stats[0][0], sd = stats[1][0];
        float[] predicted = model.predict(test.x(), new PredictOptions().verbose(0)).toFloatArray();
        double mae = 0, persistence = 0;
        for (int i = 0; i < predicted.length; i++) {
            mae += Math.abs(predicted[i] * sd + mean - test.target()[i]);
            persistence += Math.abs(test.lastValue()[i] - test.target()[i]);
        }
        mae /= predicted.length;
        persistence /= predicted.length;
        System.out.printf(Locale.ROOT, "test (2014), mean absolute error of PM2.5 %d hours ahead: model %.2f, "
                + "persistence %.2f ug/m3 (%s)%n", AHEAD, mae, persistence,
                mae < persistence ? "the model beats persistence" : "the model does NOT beat persistence");

        model.save(SAVED);
        float difference = FashionMnistCnn.reloadDifference(model, SAVED, sliceRows(test.x(), 100));
        System.out.printf(Locale.ROOT, "saved to %s; reloaded: %s%n", SAVED, difference == 0
                ? "the same predictions for 100 test windows" : "predictions differ by up to " + difference);
        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT example=pm25_forecast test_mae=%.2f persistence_mae=%.2f epochs=%d "
                + "fit_seconds=%.1f saved=%s%n", mae, persistence, epochs, seconds, SAVED);
    }

    /** Conv1D 32 (3, relu), LSTM 32, Dense 1; Adam 1e-3 on mse. */
    static Model model() {
        Model model = new Sequential(new InputLayer(HOURS, FEATURES), new Conv1D(32, 3, "relu"), new LSTM(32),
                new Dense(1));
        model.compile(new Adam(1e-3f), "mse");
        return model;
    }

    /** Reads the bundled CSV ({@code No,year,month,day,hour,pm2.5,DEWP,TEMP,PRES,cbwd,Iws,Is,Ir}). */
    static Series read(Path file) {
        List<float[]> rows = new ArrayList<>();
        List<Integer> years = new ArrayList<>();
        List<Float> pm = new ArrayList<>();
        float last = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("No,year,month,day,hour,pm2.5,")) {
                throw new IllegalArgumentException(file + ": not the Beijing PM2.5 table (header " + header + ")");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                String[] f = line.split(",", -1);
                if (f.length != 13) {
                    throw new IllegalArgumentException(file + ":" + number + ": expected 13 fields, got " + f.length);
                }
                if (!f[5].equals("NA")) {
                    last = Float.parseFloat(f[5]);
                }
                float[] row = new float[FEATURES];
                row[0] = last;
                int[] numeric = {6, 7, 8, 10, 11, 12}; // DEWP, TEMP, PRES, Iws, Is, Ir
                for (int k = 0; k < numeric.length; k++) {
                    row[1 + k] = Float.parseFloat(f[numeric[k]]);
                }
                int wind = List.of(WIND).indexOf(f[9]);
                if (wind < 0) {
                    throw new IllegalArgumentException(file + ":" + number + ": unknown wind direction " + f[9]);
                }
                row[7 + wind] = 1;
                rows.add(row);
                years.add(Integer.parseInt(f[1]));
                pm.add(last);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        float[] raw = new float[pm.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = pm.get(i);
        }
        return new Series(rows.toArray(float[][]::new), years.stream().mapToInt(Integer::intValue).toArray(), raw);
    }

    /**
     * Standardizes the 7 numeric features in place with the training hours' mean and standard deviation; returns
     * {mean, sd} per feature (the one-hot wind columns keep 0 and 1).
     */
    static float[][] standardize(Series s, int trainingHours) {
        float[] mean = new float[FEATURES], sd = new float[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
            mean[j] = 0;
            sd[j] = 1;
        }
        for (int j = 0; j < 7; j++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < trainingHours; i++) {
                sum += s.features()[i][j];
            }
            double m = sum / trainingHours;
            for (int i = 0; i < trainingHours; i++) {
                double d = s.features()[i][j] - m;
                sq += d * d;
            }
            mean[j] = (float) m;
            sd[j] = (float) Math.sqrt(sq / trainingHours);
        }
        for (float[] row : s.features()) {
            for (int j = 0; j < 7; j++) {
                row[j] = (row[j] - mean[j]) / sd[j];
            }
        }
        return new float[][] {mean, sd};
    }

    /**
     * The windows ending at hours {@code from + HOURS - 1, ...} (every {@code stride}-th) whose target hour, {@link
     * #AHEAD} later, is before {@code to}.
     */
    static Windows windows(Series s, float[][] stats, int from, int to, int stride) {
        List<Integer> ends = new ArrayList<>();
        for (int end = from + HOURS - 1; end + AHEAD < to; end += stride) {
            ends.add(end);
        }
        int n = ends.size();
        float[] x = new float[n * HOURS * FEATURES];
        float[] y = new float[n];
        float[] last = new float[n];
        float[] target = new float[n];
        for (int w = 0; w < n; w++) {
            int end = ends.get(w);
            for (int h = 0; h < HOURS; h++) {
                System.arraycopy(s.features()[end - HOURS + 1 + h], 0, x, (w * HOURS + h) * FEATURES, FEATURES);
            }
            y[w] = (s.pm25()[end + AHEAD] - stats[0][0]) / stats[1][0];
            last[w] = s.pm25()[end];
            target[w] = s.pm25()[end + AHEAD];
        }
        return new Windows(Tensor.of(x, n, HOURS, FEATURES), Tensor.of(y, n, 1), last, target);
    }

    private static Tensor sliceRows(Tensor x, int n) {
        return dev.strata.data.Rows.select(x, 0, Math.min(n, x.shape().get(0)));
    }

    /**
     * The bundled data: {@code strata-examples/data/beijing-pm25/beijing_pm25.csv} from the repository root (where the
     * README's command runs) or {@code data/beijing-pm25/beijing_pm25.csv} from the module's directory.
     */
    static Path dataFile() {
        for (Path candidate : List.of(Path.of("strata-examples", "data", "beijing-pm25", "beijing_pm25.csv"),
                Path.of("data", "beijing-pm25", "beijing_pm25.csv"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("beijing_pm25.csv not found in strata-examples/data/beijing-pm25 (from "
                + Path.of("").toAbsolutePath() + "); run from the repository root or pass --data FILE");
    }
}
