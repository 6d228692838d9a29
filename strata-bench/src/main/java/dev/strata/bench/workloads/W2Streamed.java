package dev.strata.bench.workloads;

import dev.strata.data.Batch;
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
 * the IDX files streamed through a {@link Dataset} (read sample by sample on a background thread, shuffled in a
 * 10,000-sample buffer, batched, prefetched) against the same model trained on the arrays in memory (W2's epochs:
 * 468 shuffled batches). The two alternate epoch by epoch on one model after a warm-up of both, so the machine's
 * drift hits them alike; throughput is samples per second of an epoch's wall time.
 *
 * <p>The files are the raw IDX files (the bundled {@code .gz} files decompressed once into a temporary directory
 * before timing): a gzip stream would add its inflation, about as costly as W2's epoch itself, to every pass.
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
            Dataset<Batch> stream = Dataset.fromIdx(images, labels, true)
                    .shuffle(Integer.getInteger("strata.bench.w2stream.buffer", 10_000))
                    .batch(BATCH, true)
                    .map(b -> new Batch(List.of(Ops.reshape(b.x().getFirst(), b.size(), 784)), b.y(), null))
                    .prefetch(2);
            Model m = W2FashionMnist.model();
            long start = System.nanoTime();
            while ((System.nanoTime() - start) / 1e9 < warmupSeconds) {
                memoryEpoch(m, x, y);
                streamEpoch(m, stream);
            }
            double[] memory = new double[repeats];
            double[] streamed = new double[repeats];
            double[] ratio = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                memory[r] = STEPS * BATCH / memoryEpoch(m, x, y);
                streamed[r] = STEPS * BATCH / streamEpoch(m, stream);
                ratio[r] = streamed[r] / memory[r];
                report.note("W2 streamed run %d: in memory %.0f samples/s, streamed IDX %.0f samples/s (%.3f)", r + 1,
                        memory[r], streamed[r], ratio[r]);
            }
            report.metric("w2stream.memory.samples_per_s", "samples/s", memory);
            report.metric("w2stream.idx.samples_per_s", "samples/s", streamed);
            report.metric("w2stream.idx_over_memory", "", ratio);
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
