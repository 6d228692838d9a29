package dev.strata.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path dir;

    /** Every test leaves no pipeline thread running. */
    @AfterEach
    void noThreadsLeft() throws InterruptedException {
        assertNoPipelineThreads();
    }

    static void assertNoPipelineThreads() throws InterruptedException {
        // a pool's workers end just after awaitTermination returns; give them a moment
        for (int i = 0; i < 100 && !pipelineThreads().isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(pipelineThreads()).as("pipeline threads still running").isEmpty();
    }

    static List<String> pipelineThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(Pipeline.THREAD_PREFIX)).toList();
    }

    private static <T> List<T> list(Dataset<T> d) {
        List<T> out = new ArrayList<>();
        for (T t : d) {
            out.add(t);
        }
        return out;
    }

    private static List<Integer> ints(Dataset<Integer> d) {
        return list(d);
    }

    private static Tensor column(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(v, n, 1);
    }

    @Test
    void slicesBatchAndCardinality() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 2);
        Tensor y = Tensor.of(new float[] {0, 10, 20, 30, 40}, 5);
        Dataset<Batch> d = Dataset.fromTensorSlices(x, y);
        assertThat(d.cardinality()).isEqualTo(5);
        Batch first = d.iterator().next();
        assertThat(first.x().getFirst().shape()).isEqualTo(Shape.of(2));
        assertThat(first.y().getFirst().shape()).isEqualTo(Shape.scalar());

        Dataset<Batch> b = d.batch(2);
        assertThat(b.cardinality()).isEqualTo(3);
        List<Batch> batches = list(b);
        assertThat(batches).hasSize(3);
        assertThat(batches.get(0).x().getFirst().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(batches.get(1).x().getFirst().toFloatArray()).containsExactly(4, 5, 6, 7);
        assertThat(batches.get(1).y().getFirst().toFloatArray()).containsExactly(20, 30);
        assertThat(batches.get(2).size()).isEqualTo(1);

        Dataset<Batch> dropped = d.batch(2, true);
        assertThat(dropped.cardinality()).isEqualTo(2);
        assertThat(list(dropped)).hasSize(2);
    }

    @Test
    void fromTensorsIsOneElement() {
        Dataset<Batch> d = Dataset.fromTensors(column(4), column(4));
        assertThat(d.cardinality()).isEqualTo(1);
        assertThat(list(d).getFirst().size()).isEqualTo(4);
        assertThat(list(Dataset.fromTensors(column(3)))).hasSize(1);
    }

    @Test
    void sampleWeightsAreSlicedAndStacked() {
        Dataset<Batch> d = Dataset.fromTensorSlices(column(3), column(3), Tensor.of(new float[] {1, 2, 3}, 3))
                .batch(3);
        Batch b = d.iterator().next();
        assertThat(b.sampleWeights().getFirst().toFloatArray()).containsExactly(1, 2, 3);
    }

    @Test
    void slicesMustShareTheFirstDimension() {
        assertThatThrownBy(() -> Dataset.fromTensorSlices(column(3), column(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor 1 has 4 rows but tensor 0 has 3");
    }

    @Test
    void batchRefusesDifferentShapesAndPaddedBatchPads() {
        List<Tensor> seqs = List.of(Tensor.of(new float[] {1, 2, 3}, 3), Tensor.of(new float[] {4}, 1),
                Tensor.of(new float[] {5, 6}, 2));
        assertThatThrownBy(() -> list(Dataset.fromIterable(seqs).batch(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 1 of a batch has shape (1,) but the first has (3,)")
                .hasMessageContaining("paddedBatch");
        Tensor padded = Dataset.fromIterable(seqs).paddedBatch(3, -1f, false).iterator().next();
        assertThat(padded.shape()).isEqualTo(Shape.of(3, 3));
        assertThat(padded.toFloatArray()).containsExactly(1, 2, 3, 4, -1, -1, 5, 6, -1);

        // rank 2: pads both axes
        List<Tensor> mats = List.of(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.of(new float[] {3, 4}, 2, 1));
        Tensor m = Dataset.fromIterable(mats).paddedBatch(2).iterator().next();
        assertThat(m.shape()).isEqualTo(Shape.of(2, 2, 2));
        assertThat(m.toFloatArray()).containsExactly(1, 2, 0, 0, 3, 0, 4, 0);
    }

    @Test
    void batchRefusesElementsItCannotStack() {
        assertThatThrownBy(() -> list(Dataset.fromIterable(List.of("a", "b")).batch(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String cannot be stacked");
    }

    @Test
    void mapFilterTakeSkipRepeat() {
        Dataset<Integer> d = Dataset.range(10);
        assertThat(ints(d.map(i -> i * 2).filter(i -> i % 3 == 0))).containsExactly(0, 6, 12, 18);
        assertThat(ints(d.take(3))).containsExactly(0, 1, 2);
        assertThat(d.take(3).cardinality()).isEqualTo(3);
        assertThat(ints(d.skip(8))).containsExactly(8, 9);
        assertThat(d.skip(8).cardinality()).isEqualTo(2);
        assertThat(ints(d.take(2).repeat(3))).containsExactly(0, 1, 0, 1, 0, 1);
        assertThat(d.take(2).repeat(3).cardinality()).isEqualTo(6);
        assertThat(d.repeat().cardinality()).isEqualTo(Dataset.INFINITE_CARDINALITY);
        assertThat(ints(d.repeat().take(12))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
        assertThat(d.filter(i -> true).cardinality()).isEqualTo(Dataset.UNKNOWN_CARDINALITY);
        assertThat(ints(Dataset.range(0).repeat())).isEmpty();
    }

    @Test
    void closingAParallelMapReturnsOnlyOnceItsThreadsHaveEnded() {
        // Cursor.close waits for the pass's threads: none may still be alive the moment it returns (a terminated
        // pool's workers can still be leaving their run loops)
        for (int round = 0; round < 200; round++) {
            try (Dataset.Cursor<Integer> c = Dataset.range(1000).map(i -> i + 1, 2).iterator()) {
                assertThat(c.next()).isEqualTo(1);
            }
            assertThat(pipelineThreads()).as("round %d", round).isEmpty();
        }
    }

    @Test
    void parallelMapKeepsTheOrderAndUsesThreads() throws InterruptedException {
        Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Dataset<Integer> d = Dataset.range(200).map(i -> {
            threads.add(Thread.currentThread().getName());
            if (i % 7 == 0) {
                try {
                    Thread.sleep(1); // uneven work: later elements finish first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return i * i;
        }, 4);
        assertThat(ints(d)).containsExactlyElementsOf(IntStream.range(0, 200).map(i -> i * i).boxed().toList());
        assertThat(threads).allMatch(n -> n.startsWith("strata-data-map-"));
        assertThat(threads.size()).isGreaterThan(1);
        assertNoPipelineThreads();
    }

    @Test
    void shuffleBufferSemantics() {
        Dataset<Integer> d = Dataset.range(100);
        // a buffer of one keeps the order
        assertThat(ints(d.shuffle(1, 3))).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        Dataset<Integer> s = d.shuffle(100, 42);
        List<Integer> first = ints(s);
        List<Integer> second = ints(s);
        assertThat(first).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(first).isNotEqualTo(second); // reshuffled each pass
        // the same seed gives the same sequence of orders
        Dataset<Integer> again = d.shuffle(100, 42);
        assertThat(ints(again)).isEqualTo(first);
        assertThat(ints(again)).isEqualTo(second);
        // without reshuffling every pass has the first order
        Dataset<Integer> fixed = d.shuffle(100, 7L, false);
        assertThat(ints(fixed)).isEqualTo(ints(fixed));
        // a small buffer only moves elements a bounded distance ahead: element i cannot come out before
        // position i - bufferSize + 1
        List<Integer> local = ints(d.shuffle(5, 1));
        for (int pos = 0; pos < local.size(); pos++) {
            assertThat(local.get(pos)).isLessThanOrEqualTo(pos + 4);
        }
        assertThat(local).isNotEqualTo(IntStream.range(0, 100).boxed().toList());
        assertThatThrownBy(() -> d.shuffle(0)).hasMessageContaining("bufferSize is 0");
    }

    @Test
    void unseededShuffleFollowsStrataSeed() {
        dev.strata.Strata.setRandomSeed(5);
        List<Integer> a = ints(Dataset.range(50).shuffle(50));
        dev.strata.Strata.setRandomSeed(5);
        List<Integer> b = ints(Dataset.range(50).shuffle(50));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void generatorIsCalledPerPassAndItsExceptionSurfaces() {
        AtomicInteger calls = new AtomicInteger();
        Dataset<Integer> d = Dataset.fromGenerator(() -> {
            calls.incrementAndGet();
            return List.of(1, 2, 3).iterator();
        });
        assertThat(ints(d)).containsExactly(1, 2, 3);
        assertThat(ints(d)).containsExactly(1, 2, 3);
        assertThat(calls.get()).isEqualTo(2);
        assertThat(d.cardinality()).isEqualTo(Dataset.UNKNOWN_CARDINALITY);

        Dataset<Integer> failing = Dataset.fromGenerator(() -> new Iterator<Integer>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i == 2) {
                    throw new IllegalStateException("bad record 2");
                }
                return i++;
            }
        });
        assertThatThrownBy(() -> list(failing.prefetch(2))).isInstanceOf(IllegalStateException.class)
                .hasMessage("bad record 2");
        assertThatThrownBy(() -> list(failing.map(i -> i, 2))).hasMessage("bad record 2");
        assertThatThrownBy(() -> list(Dataset.range(3).map(i -> i == 1 ? null : i)))
                .hasMessageContaining("the function returned null");
    }

    @Test
    void closableGeneratorIsClosedWhenThePassStopsEarly() {
        AtomicInteger closed = new AtomicInteger();
        class Source implements Iterator<Integer>, AutoCloseable {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return i++;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        Dataset<Integer> d = Dataset.fromGenerator(Source::new).prefetch(3);
        try (Dataset.Cursor<Integer> c = d.iterator()) {
            assertThat(c.next()).isEqualTo(0);
            assertThat(c.next()).isEqualTo(1);
        }
        assertThat(closed.get()).isEqualTo(1);
        assertThat(pipelineThreads()).isEmpty(); // close waited for the prefetch thread
    }

    @Test
    void prefetchReadsAheadOnAnotherThread() {
        Set<String> producers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Dataset<Integer> d = Dataset.range(50).map(i -> {
            producers.add(Thread.currentThread().getName());
            return i;
        }).prefetch(Dataset.AUTOTUNE);
        assertThat(ints(d)).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(producers).singleElement().asString().startsWith("strata-data-prefetch-");
        assertThatThrownBy(() -> d.prefetch(0)).hasMessageContaining("bufferSize is 0");
    }

    @Test
    void memoryCacheRunsThePipelineOnce() {
        AtomicInteger runs = new AtomicInteger();
        Dataset<Integer> d = Dataset.range(5).map(i -> {
            runs.incrementAndGet();
            return i;
        }).cache();
        // a pass stopped early caches nothing
        try (Dataset.Cursor<Integer> c = d.iterator()) {
            c.next();
        }
        assertThat(ints(d)).containsExactly(0, 1, 2, 3, 4);
        assertThat(ints(d)).containsExactly(0, 1, 2, 3, 4);
        assertThat(runs.get()).isEqualTo(6);
    }

    @Test
    void fileCacheWritesOnceAndLeavesNothingHalfWritten() throws IOException {
        Path file = dir.resolve("cache.bin");
        AtomicInteger runs = new AtomicInteger();
        Dataset<Batch> source = Dataset.fromTensorSlices(column(6), column(6)).map(b -> {
            runs.incrementAndGet();
            return b;
        }).batch(4);
        Dataset<Batch> d = source.cache(file);
        try (Dataset.Cursor<Batch> c = d.iterator()) {
            c.next();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).isEmpty();
        }
        List<Batch> first = list(d);
        assertThat(file).exists();
        List<Batch> second = list(d);
        assertThat(runs.get()).isEqualTo(4 + 6);
        assertThat(second).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(second.get(i).x().getFirst().toFloatArray())
                    .containsExactly(first.get(i).x().getFirst().toFloatArray());
            assertThat(second.get(i).y().getFirst().shape()).isEqualTo(first.get(i).y().getFirst().shape());
        }
        // another dataset (another program) reads the file without running its pipeline
        AtomicInteger other = new AtomicInteger();
        Dataset<Batch> reader = Dataset.fromTensorSlices(column(6), column(6)).map(b -> {
            other.incrementAndGet();
            return b;
        }).batch(4).cache(file);
        assertThat(list(reader)).hasSize(2);
        assertThat(other.get()).isZero();

        Path tensors = dir.resolve("t.bin");
        Dataset<Tensor> t = Dataset.fromTensorSlices(column(3)).cache(tensors);
        list(t);
        assertThat(list(t).get(2).toFloatArray()).containsExactly(2);
    }

    @Test
    void fileCacheReportsAnUnwritablePathAndAnUncachableElement() throws IOException {
        Path notADir = Files.writeString(dir.resolve("plain"), "x");
        Dataset<Integer> d = Dataset.range(3);
        Dataset<Tensor> t = Dataset.fromTensorSlices(column(3)).cache(notADir.resolve("cache.bin"));
        assertThatThrownBy(() -> list(t)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Dataset.cache: cannot write the cache file")
                .hasMessageContaining("cache.bin");
        assertThatThrownBy(() -> list(d.cache(dir.resolve("ints.bin"))))
                .hasMessageContaining("elements of type java.lang.Integer cannot be written");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("plain");
        }
    }

    @Test
    void csvIsStreamedWithTypedColumns() throws IOException {
        Path csv = dir.resolve("data.csv");
        Files.writeString(csv, "id,a,city,b,y\n7,1,Paris,2,0\n8,3,Oslo,4,1\n9,5,\"Rome, IT\",6,0\n",
                StandardCharsets.UTF_8);
        Dataset<Batch> d = Dataset.fromCsv(csv, CsvOptions.defaults().targetColumns("y").skipColumns("city", "id"))
                .batch(2);
        List<Batch> batches = list(d);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0).x().getFirst().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(batches.get(0).x().getFirst().toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThat(batches.get(0).y().getFirst().toFloatArray()).containsExactly(0, 1);
        assertThat(list(d)).hasSize(2); // read anew in a second pass

        List<CsvRow> rows = list(Dataset.csvRows(csv, CsvOptions.defaults().targetColumns("y")
                .selectColumns("a", "city").stringColumns("city")));
        assertThat(rows).hasSize(3);
        CsvRow r = rows.get(2);
        assertThat(r.string("city")).isEqualTo("Rome, IT");
        assertThat(r.number("a")).isEqualTo(5);
        assertThat(r.number("y")).isEqualTo(0);
        assertThat(r.featureNames()).containsExactly("a");
        assertThat(r.line()).isEqualTo(4);
        assertThat(r.features().toFloatArray()).containsExactly(5);
        assertThatThrownBy(() -> r.string("a")).hasMessageContaining("no string column 'a'");
        assertThatThrownBy(() -> r.number("b")).hasMessageContaining("no numeric column 'b'");
        assertThatThrownBy(() -> Dataset.fromCsv(csv, CsvOptions.defaults().stringColumns("city")))
                .hasMessageContaining("csvRows");
        assertThatThrownBy(() -> Csv.read(csv, CsvOptions.defaults().stringColumns("city")))
                .isInstanceOf(CsvException.class).hasMessageContaining("csvRows");
        // selection works for tables too
        Table t = Csv.read(csv, CsvOptions.defaults().targetColumns("y").selectColumns("b"));
        assertThat(t.featureNames()).containsExactly("b");
    }

    @Test
    void csvErrorsNameFileLineAndColumn() throws IOException {
        Path csv = dir.resolve("bad.csv");
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 100; i++) {
            sb.append(i).append(',').append(i == 57 ? "4x" : "1").append('\n');
        }
        Files.writeString(csv, sb.toString());
        Dataset<Batch> d = Dataset.fromCsv(csv, CsvOptions.defaults().targetColumns("b")).batch(10).prefetch(2);
        assertThatThrownBy(() -> list(d)).isInstanceOf(CsvException.class)
                .hasMessageContaining("bad.csv, line 59, column 'b' (index 1): cannot read \"4x\" as a number")
                .satisfies(e -> assertThat(((CsvException) e).line()).isEqualTo(59));
        assertThatThrownBy(() -> Dataset.fromCsv(csv, CsvOptions.defaults().targetColumns("nope")).iterator())
                .isInstanceOf(CsvException.class).hasMessageContaining("no column named 'nope'");
        assertThatThrownBy(() -> Dataset.fromCsv(dir.resolve("missing.csv"), CsvOptions.defaults()).iterator())
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.csv");
    }

    @Test
    void pyDatasetInOrderOnWorkersAndShuffled() {
        class Squares extends PyDataset {
            final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

            Squares(int workers) {
                super(workers, false, 4);
            }

            @Override
            public int size() {
                return 20;
            }

            @Override
            public Batch get(int index) {
                threads.add(Thread.currentThread().getName());
                return Batch.inputs(List.of(Tensor.of(new float[] {index}, 1, 1)));
            }
        }
        Squares one = new Squares(1);
        List<Float> plain = list(Dataset.fromPyDataset(one, false)).stream()
                .map(b -> b.x().getFirst().toFloatArray()[0]).toList();
        assertThat(plain).containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> (float) i).toList());
        assertThat(one.threads).containsExactly(Thread.currentThread().getName());

        Squares three = new Squares(3);
        List<Float> threaded = list(Dataset.fromPyDataset(three, false)).stream()
                .map(b -> b.x().getFirst().toFloatArray()[0]).toList();
        assertThat(threaded).isEqualTo(plain);
        assertThat(three.threads).allMatch(n -> n.startsWith("strata-data-pydataset-"));

        Dataset<Batch> shuffled = Dataset.fromPyDataset(one, true);
        assertThat(shuffled.cardinality()).isEqualTo(20);
        List<Float> s = list(shuffled).stream().map(b -> b.x().getFirst().toFloatArray()[0]).toList();
        assertThat(new HashSet<>(s)).hasSize(20);
        assertThat(s).isNotEqualTo(plain);
        assertThatThrownBy(() -> new Squares(0)).hasMessageContaining("workers is 0");
    }

    @Test
    void idxFilesAreStreamedSampleBySample() throws IOException {
        Path images = dir.resolve("images.idx");
        Path labels = dir.resolve("labels.idx");
        // 3 images of 2 x 2 uint8, 3 uint8 labels
        Files.write(images, new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) 255});
        Files.write(labels, new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9});
        List<Batch> samples = list(Dataset.fromIdx(images, labels, false));
        assertThat(samples).hasSize(3);
        assertThat(samples.get(2).x().getFirst().shape()).isEqualTo(Shape.of(2, 2));
        assertThat(samples.get(2).x().getFirst().toFloatArray()).containsExactly(9, 10, 11, 255);
        assertThat(samples.get(1).y().getFirst().toFloatArray()).containsExactly(8);
        Batch all = Dataset.fromIdx(images, labels, true).batch(3).iterator().next();
        assertThat(all.x().getFirst().shape()).isEqualTo(Shape.of(3, 2, 2));
        assertThat(all.x().getFirst().toFloatArray()[11]).isEqualTo(1f);
        // the same values as reading the whole file
        assertThat(all.x().getFirst().toFloatArray()).containsExactly(Idx.read(images, true).toFloatArray());

        Path short3 = dir.resolve("labels2.idx");
        Files.write(short3, new byte[] {0, 0, 8, 1, 0, 0, 0, 2, 7, 8});
        assertThatThrownBy(() -> Dataset.fromIdx(images, short3, false).iterator())
                .isInstanceOf(IdxException.class).hasMessageContaining("holds 3 samples but");
        Path cut = dir.resolve("cut.idx");
        Files.write(cut, new byte[] {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5});
        assertThatThrownBy(() -> list(Dataset.fromIdx(cut, null, false)))
                .isInstanceOf(IdxException.class).hasMessageContaining("sample 1 of 3");
    }
}
