package dev.strata.bench.workloads;

import dev.strata.data.Batch;
import dev.strata.data.CsvOptions;
import dev.strata.data.Dataset;
import dev.strata.data.Datasets;
import dev.strata.data.Rows;
import dev.strata.data.Split;
import dev.strata.models.Model;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import dev.strata.training.FitOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Issue 14's streamed-input measure: W2 (the MLP 784-256-256-10 on Fashion-MNIST, batch 128, Adam) trained from
 * the IDX files, and from the same samples as a CSV file, streamed through a {@link Dataset} (read sample by sample
 * on a background thread, shuffled in a buffer of {@code -Dstrata.bench.w2stream.buffer} samples, 10,000 by
 * default, batched, prefetched) against the same model trained on the arrays in memory (W2's epochs: 468 shuffled
 * batches). The three alternate epoch by epoch on one model after a warm-up of each, so the machine's drift hits
 * them alike; throughput is samples per second of an epoch's wall time, each stream's ratio taken against the
 * in-memory epoch of its own round.
 *
 * <p>The files are the raw IDX files (the bundled {@code .gz} files decompressed once into a temporary directory
 * before timing): a gzip stream would add its inflation, about as costly as W2's epoch itself, to every pass. The
 * CSV is written there too, as Kaggle's {@code fashion-mnist_train.csv} is laid out ({@code label,pixel1,...,
 * pixel784}, whole numbers 0-255), and scaled to [0, 1] per batch. {@code -Dstrata.bench.w2stream.csv=false} leaves
 * it out.
 */
final class W2Streamed {
    private static final int STEPS = W2FashionMnist.EPOCH_STEPS;
    private static final int BATCH = W2FashionMnist.BATCH;

    private W2Streamed() {
    }

    static void run(Path mnist, double warmupSeconds, int repeats, Report report) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("strata-w2stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path images = gunzip(mnist.resolve("train-images-idx3-ubyte.gz"), tmp.resolve("train-images-idx3-ubyte"));
            Path labels = gunzip(mnist.resolve("train-labels-idx1-ubyte.gz"), tmp.resolve("train-labels-idx1-ubyte"));
            Split data = Datasets.fashionMnist(mnist);
            Tensor x = Rows.select(data.train().features(), 0, STEPS * BATCH);
            Tensor y = Rows.select(data.train().targets(), 0, STEPS * BATCH);
            int buffer = Integer.getInteger("strata.bench.w2stream.buffer", 10_000);
            boolean withCsv = Boolean.parseBoolean(System.getProperty("strata.bench.w2stream.csv", "true"));
            report.note("W2 streamed: shuffle buffer %d samples%s", buffer, withCsv ? ", IDX and CSV" : ", IDX");
            Dataset<Batch> stream = Dataset.fromIdx(images, labels, true)
                    .shuffle(buffer)
                    .batch(BATCH, true)
                    .map(b -> new Batch(List.of(Ops.reshape(b.x().getFirst(), b.size(), 784)), b.y(), null))
                    .prefetch(2);
            Dataset<Batch> csv = null;
            if (withCsv) {
                Path file = writeCsv(data.train().features(), data.train().targets(), tmp.resolve("train.csv"));
                csv = Dataset.fromCsv(file, CsvOptions.defaults().targetColumns("label"))
                        .shuffle(buffer)
                        .batch(BATCH, true)
                        .map(b -> new Batch(List.of(Ops.multiply(b.x().getFirst(), 1f / 255f)), b.y(), null))
                        .prefetch(2);
            }
            Model m = W2FashionMnist.model();
            long start = System.nanoTime();
            while ((System.nanoTime() - start) / 1e9 < warmupSeconds) {
                memoryEpoch(m, x, y);
                streamEpoch(m, stream);
                if (csv != null) {
                    streamEpoch(m, csv);
                }
            }
            double[] memory = new double[repeats];
            double[] streamed = new double[repeats];
            double[] ratio = new double[repeats];
            double[] csvStreamed = new double[repeats];
            double[] csvRatio = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                memory[r] = STEPS * BATCH / memoryEpoch(m, x, y);
                streamed[r] = STEPS * BATCH / streamEpoch(m, stream);
                ratio[r] = streamed[r] / memory[r];
                if (csv != null) {
                    csvStreamed[r] = STEPS * BATCH / streamEpoch(m, csv);
                    csvRatio[r] = csvStreamed[r] / memory[r];
                }
                report.note("W2 streamed run %d: in memory %.0f samples/s, streamed IDX %.0f samples/s (%.3f)%s", r + 1,
                        memory[r], streamed[r], ratio[r], csv == null ? "" : String.format(
                                ", streamed CSV %.0f samples/s (%.3f)", csvStreamed[r], csvRatio[r]));
            }
            report.metric("w2stream.memory.samples_per_s", "samples/s", memory);
            report.metric("w2stream.idx.samples_per_s", "samples/s", streamed);
            report.metric("w2stream.idx_over_memory", "", ratio);
            if (csv != null) {
                report.metric("w2stream.csv.samples_per_s", "samples/s", csvStreamed);
                report.metric("w2stream.csv_over_memory", "", csvRatio);
            }
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                report.note("W2 streamed: could not delete %s: %s", tmp, e);
            }
        }
    }

    /** The samples as Kaggle's Fashion-MNIST CSV: a header, then the label and 784 whole-number pixels per line. */
    private static Path writeCsv(Tensor features, Tensor targets, Path to) {
        float[] px = features.toFloatArray();
        float[] labels = targets.toFloatArray();
        int n = labels.length;
        int width = px.length / n;
        try (var out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(to),
                java.nio.charset.StandardCharsets.US_ASCII), 1 << 16)) {
            StringBuilder line = new StringBuilder("label");
            for (int j = 1; j <= width; j++) {
                line.append(",pixel").append(j);
            }
            out.write(line.append('\n').toString());
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                line.append((int) labels[i]);
                for (int j = 0; j < width; j++) {
                    line.append(',').append(Math.round(px[i * width + j] * 255f));
                }
                out.write(line.append('\n').toString());
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("W2 streamed: cannot write " + to + ": " + e, e);
        }
    }

    private static double memoryEpoch(Model m, Tensor x, Tensor y) {
        long start = System.nanoTime();
        m.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0));
        return (System.nanoTime() - start) / 1e9;
    }

    private static double streamEpoch(Model m, Dataset<Batch> stream) {
        long start = System.nanoTime();
        m.fit(stream, new FitOptions().epochs(1).verbose(0));
        return (System.nanoTime() - start) / 1e9;
    }

    private static Path gunzip(Path from, Path to) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16);
             OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException("W2 streamed: cannot decompress " + from + ": " + e, e);
        }
    }
}
