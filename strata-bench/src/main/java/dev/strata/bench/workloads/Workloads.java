package dev.strata.bench.workloads;

import dev.strata.Strata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Issue 6's workloads W1-W3, issue 12's W5 ({@link W5FashionMnistCnn}), issue 13's W7 and W8 and the allocation figures for Strata,
 * printed as {@code BENCH} lines that {@code strata-bench/peers/table.py} sets beside the Keras and PyTorch
 * peers' (run all with {@code strata-bench/run-peers.sh}). Not JMH: the same hand-made timing has to be applied
 * to the Python peers, and these are whole-fit and per-call wall times, repeated, of which the median is taken.
 *
 * <p>Arguments: {@code --quick} (fewer epochs, steps and repetitions: a smoke run, not for the record),
 * {@code --repeats N}, {@code --only w1,w2,w3,w5,alloc,example,cold,w6,w7,w8}, {@code --mnist DIR} (or
 * {@code -Dstrata.bench.mnist=DIR}; default {@code strata-examples/data/fashion-mnist}, the bundled copy, from the
 * repository root), and
 * {@code --example-classpath CP} (or {@code -Dstrata.bench.exampleClasspath}), the class path of
 * {@code strata-examples} for the whole-example runs, which are skipped without it. {@code cold} is issue 11's
 * cold start ({@link ColdStart}: first fit of a new JVM against the same fit warm); the JVM options of its child
 * JVMs and of the example's launches can be set with {@code -Dstrata.bench.coldJvmOptions="..."} (split at
 * spaces), e.g. to try an AOT cache. {@code w6} is issue 12's inference of ResNet50 and MobileNetV2
 * ({@link W6Inference}); it runs only when asked for ({@code --only w6}) and given {@code --apps DIR} (or
 * {@code -Dstrata.bench.apps=DIR}). {@code w7} (issue 13's LSTM and GRU text classifiers, {@link W7TextRnn}) and
 * {@code w8} (a transformer encoder block, {@link W8TransformerBlock}) also run only when asked for, as does
 * {@code w2stream} (issue 14's W2 trained from streamed IDX files against the arrays in memory, {@link W2Streamed}).
 */
public final class Workloads {
    private Workloads() {
    }

    /**
     * Runs the selected workloads.
     *
     * @param args see the class documentation
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Integer repeats = null;
        Set<String> only = new LinkedHashSet<>(List.of("w1", "w2", "w3", "w5", "alloc", "example", "cold"));
        String mnist = System.getProperty("strata.bench.mnist", "strata-examples/data/fashion-mnist");
        String apps = System.getProperty("strata.bench.apps");
        String exampleClasspath = System.getProperty("strata.bench.exampleClasspath");
        String coldOptions = System.getProperty("strata.bench.coldJvmOptions", "").strip();
        List<String> coldJvmOptions = coldOptions.isEmpty() ? List.of() : List.of(coldOptions.split("\\s+"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--mnist" -> mnist = args[++i];
                case "--apps" -> apps = args[++i];
                case "--example-classpath" -> exampleClasspath = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --quick, --repeats N, --only w1,w2,w3,w5,alloc,example,cold,w6, --mnist DIR,"
                        + " --example-classpath CP, --apps DIR");
            }
        }
        int r = repeats != null ? repeats : quick ? 1 : 3;
        Report report = new Report(System.out);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        meta.put("strata_kernels", Strata.kernels());
        meta.put("available_processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
        meta.put("max_heap_mb", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        meta.put("mode", quick ? "quick" : "full");
        meta.put("repeats", Integer.toString(r));
        report.meta(meta);

        Housing housing = Housing.load();
        if (only.contains("w1")) {
            W1Training.run(housing, quick ? 3 : 20, quick ? 0 : W1Training.WARMUP_SECONDS, r, report);
        }
        if (only.contains("alloc")) {
            Allocation.run(housing, report);
        }
        if (only.contains("w3")) {
            W3Serving.run(housing, quick ? 0.5 : 2.0, quick ? 1000 : 5000, quick ? 0.5 : 2.0, r, report);
        }
        if (only.contains("w2")) {
            Path dir = Path.of(mnist);
            if (Files.isDirectory(dir)) {
                W2FashionMnist.run(dir, quick ? 5 : 150, quick ? 20 : 150,
                        quick ? 0.5 : W2FashionMnist.TRAIN_WARMUP_SECONDS, quick ? 40 : W2FashionMnist.EPOCH_STEPS, r,
                        report);
            } else {
                report.note("W2 skipped: no Fashion-MNIST directory at %s (pass --mnist DIR)", dir.toAbsolutePath());
            }
        }
        if (only.contains("w2stream")) {
            Path dir = Path.of(mnist);
            if (Files.isDirectory(dir)) {
                W2Streamed.run(dir, quick ? 1.0 : W2FashionMnist.TRAIN_WARMUP_SECONDS, r, report);
            } else {
                report.note("W2 streamed skipped: no Fashion-MNIST directory at %s (pass --mnist DIR)",
                        dir.toAbsolutePath());
            }
        }
        if (only.contains("w5")) {
            Path dir = Path.of(mnist);
            if (Files.isDirectory(dir)) {
                W5FashionMnistCnn.run(dir, quick ? 5 : 150, quick ? 20 : 150,
                        quick ? 0.5 : W2FashionMnist.TRAIN_WARMUP_SECONDS, quick ? 40 : W2FashionMnist.EPOCH_STEPS, r,
                        report);
            } else {
                report.note("W5 skipped: no Fashion-MNIST directory at %s (pass --mnist DIR)", dir.toAbsolutePath());
            }
        }
        if (only.contains("example")) {
            if (exampleClasspath != null) {
                ExampleRuns.run(exampleClasspath, r, coldJvmOptions, report);
            } else {
                report.note("whole-example runs skipped: pass --example-classpath (strata-core and strata-examples)");
            }
        }
        if (only.contains("w6")) {
            if (apps != null) {
                W6Inference.run(Path.of(apps), quick ? 3 : 10, r, report);
            } else {
                report.note("W6 skipped: pass --apps DIR (made by tools/keras-interop/make_applications.py bench DIR)");
            }
        }
        if (only.contains("w7")) {
            W7TextRnn.run(quick ? 4 : W7TextRnn.STEPS, quick ? 0.5 : W7TextRnn.TRAIN_WARMUP_SECONDS,
                    quick ? 0.5 : W7TextRnn.INFER_WARMUP_SECONDS, r, report);
        }
        if (only.contains("w8")) {
            W8TransformerBlock.run(quick ? 2 : 10, quick ? 0.5 : W8TransformerBlock.WARMUP_SECONDS, r, report);
        }
        if (only.contains("cold")) {
            ColdStart.run(Path.of(mnist), r, quick ? 2.0 : ColdStart.WARM_SECONDS, coldJvmOptions, report);
        }
    }
}
