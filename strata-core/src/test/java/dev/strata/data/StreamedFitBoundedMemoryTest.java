package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.training.EvaluateOptions;
import dev.strata.training.FitOptions;
import dev.strata.training.History;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Memory stays bounded: a child JVM with a 64 MB heap trains on a CSV stream of about 500 MB, generated on the fly
 * (never stored), whose values as float32 tensors would need about 260 MB; only the shuffle buffer and the batches
 * in flight are in memory.
 */
class StreamedFitBoundedMemoryTest {
    static final int ROWS = 2_000_000;
    static final int FEATURES = 32;

    /** CSV text of {@code rows} rows of {@code FEATURES} values in [-1, 1) and a target linear in them. */
    static final class GeneratedCsv extends InputStream {
        private final int rows;
        private final byte[] line = new byte[16 * (FEATURES + 2)];
        private int row = -1; // -1: the header
        private int pos;
        private int length;
        private long bytes;

        GeneratedCsv(int rows) {
            this.rows = rows;
        }

        long bytes() {
            return bytes;
        }

        private boolean fill() {
            if (row >= rows) {
                return false;
            }
            length = 0;
            if (row < 0) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < FEATURES; j++) {
                    sb.append('f').append(j).append(',');
                }
                byte[] h = sb.append("y\n").toString().getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(h, 0, line, 0, h.length);
                length = h.length;
            } else {
                SplittableRandom r = new SplittableRandom(row);
                int target = 0; // the target in units of 1e-4: sum of (j % 3 - 1) * x_j
                for (int j = 0; j < FEATURES; j++) {
                    int v = r.nextInt(-9999, 10000); // x = v / 10^4
                    target += (j % 3 - 1) * v;
                    put(v);
                    line[length++] = ',';
                }
                put(target);
                line[length++] = '\n';
            }
            row++;
            pos = 0;
            return true;
        }

        /** Writes {@code v / 10^4} with four decimals. */
        private void put(int v) {
            if (v < 0) {
                line[length++] = '-';
                v = -v;
            }
            int whole = v / 10_000;
            int frac = v % 10_000;
            String w = Integer.toString(whole);
            for (int i = 0; i < w.length(); i++) {
                line[length++] = (byte) w.charAt(i);
            }
            line[length++] = '.';
            line[length++] = (byte) ('0' + frac / 1000);
            line[length++] = (byte) ('0' + frac / 100 % 10);
            line[length++] = (byte) ('0' + frac / 10 % 10);
            line[length++] = (byte) ('0' + frac % 10);
        }

        @Override
        public int read() {
            if (pos == length && !fill()) {
                return -1;
            }
            bytes++;
            return line[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            while (n < len) {
                if (pos == length && !fill()) {
                    break;
                }
                int k = Math.min(len - n, length - pos);
                System.arraycopy(line, pos, b, off + n, k);
                pos += k;
                n += k;
            }
            bytes += n;
            return n == 0 ? -1 : n;
        }
    }

    /** The program run in the small-heap JVM. */
    public static final class Child {
        public static void main(String[] args) {
            long max = Runtime.getRuntime().maxMemory();
            System.out.println("maxMemory=" + max);
            Strata.setRandomSeed(1);
            Model m = new Sequential(new InputLayer(FEATURES), new Dense(16, "relu"), new Dense(1));
            m.compile("adam", "mse");
            GeneratedCsv[] last = new GeneratedCsv[1];
            CsvOptions options = CsvOptions.defaults().targetColumns("y");
            Dataset<Batch> train = Dataset.fromCsv(() -> last[0] = new GeneratedCsv(ROWS), "generated.csv", options)
                    .shuffle(10_000, 7).batch(256).prefetch(4);
            History h = m.fit(train, new FitOptions().epochs(1).verbose(0));
            System.out.println("csvBytes=" + last[0].bytes());
            double loss = h.history().get("loss").getFirst();
            double test = m.evaluate(Dataset.fromCsv(() -> new GeneratedCsv(5_000), "test.csv", options).batch(500),
                    new EvaluateOptions().verbose(0)).get("loss");
            System.out.println(String.format(Locale.ROOT, "loss=%.5f test=%.5f", loss, test));
            System.out.println("peakUsed=" + (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()));
        }
    }

    @Test
    void fitsOnACsvStreamFarLargerThanTheHeap() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process child = new ProcessBuilder(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                Child.class.getName())).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        long max = Long.parseLong(value(output, "maxMemory="));
        long csv = Long.parseLong(value(output, "csvBytes="));
        assertThat(max).as("the child's heap").isLessThanOrEqualTo(64L << 20);
        assertThat(csv).as("CSV bytes streamed").isGreaterThan(5 * max);
        assertThat((long) ROWS * (FEATURES + 1) * 4).as("the data as float32").isGreaterThan(2 * max);
        // it learned the linear target (variance of the target is about 32 / 3 * 2/3 = 7.1)
        assertThat(Double.parseDouble(value(output, "test="))).as(output).isLessThan(0.05);
    }

    private static String value(String output, String key) {
        int i = output.indexOf(key);
        assertThat(i).as(key + " in " + output).isGreaterThanOrEqualTo(0);
        int end = i + key.length();
        while (end < output.length() && !Character.isWhitespace(output.charAt(end))) {
            end++;
        }
        return output.substring(i + key.length(), end);
    }
}
