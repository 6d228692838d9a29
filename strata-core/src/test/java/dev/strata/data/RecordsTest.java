package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX and CSV samples that {@code shuffle} and {@code batch} move without per-sample objects ({@link Records}) give
 * the same batches, in the same order, as the per-sample pipeline (forced here by a {@code map} in between), and
 * the same errors.
 */
class RecordsTest {
    @TempDir
    Path dir;

    private static <T> List<T> list(Dataset<T> d) {
        List<T> out = new ArrayList<>();
        for (T t : d) {
            out.add(t);
        }
        return out;
    }

    /** The per-sample pipeline: the same stages after an identity map, which no fused stage sees through. */
    private static Dataset<Batch> perSample(Dataset<Batch> source) {
        return source.map(b -> b);
    }

    private static void assertSameBatches(List<Batch> fused, List<Batch> perSample) {
        assertThat(fused).hasSize(perSample.size());
        for (int i = 0; i < fused.size(); i++) {
            Batch a = fused.get(i);
            Batch b = perSample.get(i);
            assertThat(a.x()).hasSize(b.x().size());
            assertThat(a.y()).hasSize(b.y().size());
            assertThat(a.sampleWeights()).isNull();
            List<Tensor> ta = new ArrayList<>(a.x());
            ta.addAll(a.y());
            List<Tensor> tb = new ArrayList<>(b.x());
            tb.addAll(b.y());
            for (int k = 0; k < ta.size(); k++) {
                assertThat(ta.get(k).shape()).as("batch %d tensor %d", i, k).isEqualTo(tb.get(k).shape());
                assertThat(ta.get(k).toFloatArray()).as("batch %d tensor %d", i, k)
                        .containsExactly(tb.get(k).toFloatArray());
            }
        }
    }

    /** An IDX file of {@code n} uint8 samples of 3x2 (header: type 8, rank 3). */
    private Path images(int n, String name) throws IOException {
        byte[] b = new byte[16 + n * 6];
        b[2] = 8;
        b[3] = 3;
        b[4] = (byte) (n >>> 24);
        b[5] = (byte) (n >>> 16);
        b[6] = (byte) (n >>> 8);
        b[7] = (byte) n;
        b[11] = 3;
        b[15] = 2;
        Random r = new Random(n);
        for (int i = 16; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return Files.write(dir.resolve(name), b);
    }

    /** An IDX file of {@code n} int32 labels (type 0x0C, rank 1), 0..n-1, big-endian. */
    private Path labels(int n) throws IOException {
        byte[] b = new byte[8 + n * 4];
        b[2] = 0x0C;
        b[3] = 1;
        b[6] = (byte) (n >>> 8);
        b[7] = (byte) n;
        for (int i = 0; i < n; i++) {
            b[8 + 4 * i + 2] = (byte) (i >>> 8);
            b[8 + 4 * i + 3] = (byte) i;
        }
        return Files.write(dir.resolve("labels"), b);
    }

    @Test
    void idxShuffledAndBatchedIsThePerSamplePipelinesBatchesInItsOrder() throws IOException {
        Path images = images(301, "images");
        Path labels = labels(301);
        // the fused stages are the ones under test, and the identity map keeps them out
        try (var fused = Dataset.fromIdx(images, labels, true).shuffle(50, 7).iterator();
             var plain = perSample(Dataset.fromIdx(images, labels, true)).shuffle(50, 7).iterator()) {
            assertThat(fused).isInstanceOf(Records.Pass.class);
            assertThat(plain).isNotInstanceOf(Records.Pass.class);
        }
        List<UnaryOperator<Dataset<Batch>>> stages = List.of(
                d -> d.shuffle(50, 7).batch(32, true),
                d -> d.shuffle(50, 7).batch(32),
                d -> d.shuffle(1000, 3).batch(7),   // a buffer larger than the file
                d -> d.shuffle(1, 3).batch(10),     // a buffer of one keeps the order
                d -> d.batch(40),
                d -> d.shuffle(64, 11),             // samples, drawn from raw slots
                d -> d.shuffle(20, 5).batch(8).map(b -> b).prefetch(2));
        for (UnaryOperator<Dataset<Batch>> s : stages) {
            assertSameBatches(list(s.apply(Dataset.fromIdx(images, labels, true))),
                    list(s.apply(perSample(Dataset.fromIdx(images, labels, true)))));
            assertSameBatches(list(s.apply(Dataset.fromIdx(images, null, false))),
                    list(s.apply(perSample(Dataset.fromIdx(images, null, false)))));
        }
        // and the values are the file's: every label once, each with its image
        Tensor all = Idx.read(images, true);
        float[] px = all.toFloatArray();
        List<Batch> shuffled = list(Dataset.fromIdx(images, labels, true).shuffle(100, 1).batch(301));
        float[] x = shuffled.getFirst().x().getFirst().toFloatArray();
        float[] y = shuffled.getFirst().y().getFirst().toFloatArray();
        boolean[] seen = new boolean[301];
        for (int i = 0; i < 301; i++) {
            int label = (int) y[i];
            assertThat(seen[label]).isFalse();
            seen[label] = true;
            for (int j = 0; j < 6; j++) {
                assertThat(x[i * 6 + j]).isEqualTo(px[label * 6 + j]);
            }
        }
        assertThat(shuffled.getFirst().x().getFirst().shape().toArray()).containsExactly(301, 3, 2);
    }

    @Test
    void csvShuffledAndBatchedIsThePerSamplePipelinesBatchesInItsOrder() throws IOException {
        StringBuilder text = new StringBuilder("a,b,label,c\n");
        Random r = new Random(5);
        for (int i = 0; i < 257; i++) {
            text.append(r.nextInt(300)).append(',').append(r.nextGaussian()).append(',').append(i).append(',')
                    .append(r.nextFloat()).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("data.csv"), text);
        for (CsvOptions o : List.of(CsvOptions.defaults().targetColumns("label"), CsvOptions.defaults(),
                CsvOptions.defaults().targetColumns("c", "a").skipColumns("b"))) {
            List<UnaryOperator<Dataset<Batch>>> stages = List.of(d -> d.shuffle(40, 9).batch(16, true),
                    d -> d.shuffle(40, 9).batch(16), d -> d.batch(100), d -> d.shuffle(500, 2).batch(3),
                    d -> d.shuffle(30, 4));
            for (UnaryOperator<Dataset<Batch>> s : stages) {
                assertSameBatches(list(s.apply(Dataset.fromCsv(csv, o))), list(s.apply(perSample(Dataset.fromCsv(csv,
                        o)))));
            }
        }
    }

    @Test
    void aFileThatFailsMidStreamFailsTheFusedPassAsThePerSampleOne() throws IOException {
        Path cut = dir.resolve("cut.idx");
        Files.write(cut, new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5});
        assertThatThrownBy(() -> list(Dataset.fromIdx(cut, null, false).shuffle(10, 1).batch(2)))
                .isInstanceOf(IdxException.class).hasMessageContaining("sample 1 of 3")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> list(Dataset.fromIdx(cut, null, false).batch(2)))
                .isInstanceOf(IdxException.class).hasMessageContaining("sample 1 of 3");
        Path extra = dir.resolve("extra.idx");
        Files.write(extra, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 8, 9});
        assertThatThrownBy(() -> list(Dataset.fromIdx(extra, null, false).shuffle(4, 1).batch(2)))
                .isInstanceOf(IdxException.class).hasMessageContaining("1 byte(s) after the 2");

        Path csv = Files.writeString(dir.resolve("bad.csv"), "a,y\n1,2\n3,4\n5,x\n7,8\n");
        assertThatThrownBy(() -> list(Dataset.fromCsv(csv, CsvOptions.defaults().targetColumns("y")).shuffle(10, 1)
                .batch(2))).isInstanceOf(CsvException.class).hasMessageContaining("line 4")
                .hasMessageContaining("cannot read \"x\" as a number");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,y\n1,2\n3\n");
        assertThatThrownBy(() -> list(Dataset.fromCsv(ragged, CsvOptions.defaults()).batch(2)))
                .isInstanceOf(CsvException.class).hasMessageContaining("expected 2 fields");
    }
}
