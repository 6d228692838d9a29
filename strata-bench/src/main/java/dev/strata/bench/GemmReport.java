package dev.strata.bench;

import dev.strata.Strata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.openblas.global.openblas_full;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link GemmBenchmark} over the shapes that matter to Strata and prints Strata against OpenBLAS in
 * GFLOP/s. Used by {@code strata-bench/run-gemm.sh}:
 * <ul>
 *   <li>{@code run --out FILE [--impl strata,openblas] [--threads 1,2] [--shapes "m,n,k,XY;..."] [--quick]}:
 *   runs the grid (one JMH fork
 *   per point) and appends CSV lines to FILE, tagged with the kernel that ran (Strata's kernels, or the core
 *   OpenBLAS chose or was forced to by {@code OPENBLAS_CORETYPE});</li>
 *   <li>{@code table FILE...}: prints the comparison table (Markdown) from such files.</li>
 * </ul>
 */
public final class GemmReport {
    /** The benchmarked products: label, then {@code m,n,k,XY} as in {@link GemmBenchmark#shape}. */
    static final String[][] SHAPES = {
        {"square 32", "32,32,32,NN"},
        {"square 64", "64,64,64,NN"},
        {"square 128", "128,128,128,NN"},
        {"square 256", "256,256,256,NN"}, {"square 256", "256,256,256,NT"},
        {"square 256", "256,256,256,TN"}, {"square 256", "256,256,256,TT"},
        {"square 512", "512,512,512,NN"}, {"square 512", "512,512,512,NT"},
        {"square 512", "512,512,512,TN"}, {"square 512", "512,512,512,TT"},
        {"square 1024", "1024,1024,1024,NN"}, {"square 1024", "1024,1024,1024,NT"},
        {"square 1024", "1024,1024,1024,TN"}, {"square 1024", "1024,1024,1024,TT"},
        // Dense(8 -> 30), batch 32: forward X.W, backprop dX = dY.W^T (NT) and dW = X^T.dY (TN)
        {"W1 fwd 32x8.8x30", "32,30,8,NN"}, {"W1 dX 32x30.(8x30)T", "32,8,30,NT"},
        {"W1 dW (32x8)T.32x30", "8,30,32,TN"},
        // Dense(30 -> 30), batch 32
        {"W2 fwd 32x30.30x30", "32,30,30,NN"}, {"W2 dX 32x30.(30x30)T", "32,30,30,NT"},
        {"W2 dW (32x30)T.32x30", "30,30,32,TN"},
        // Dense(784 -> 256), W2's inference batch of 1024
        {"W2 infer 1024x784.784x256", "1024,256,784,NN"},
        // Dense(784 -> 256), batch 128
        {"L1 fwd 128x784.784x256", "128,256,784,NN"}, {"L1 dX 128x256.(784x256)T", "128,784,256,NT"},
        {"L1 dW (128x784)T.128x256", "784,256,128,TN"},
        // Dense(256 -> 256), batch 128
        {"L2 fwd 128x256.256x256", "128,256,256,NN"}, {"L2 dX 128x256.(256x256)T", "128,256,256,NT"},
        {"L2 dW (128x256)T.128x256", "256,256,128,TN"},
    };

    private GemmReport() {
    }

    /** Entry point; see the class comment for the commands. */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "run" -> run(Arrays.copyOfRange(args, 1, args.length));
            case "table" -> System.out.print(table(Arrays.stream(args, 1, args.length).map(Path::of).toList()));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: GemmReport run --out FILE [--impl strata,openblas] [--threads 1,2] "
                + "[--shapes \"m,n,k,XY;...\"] [--quick]");
        System.err.println("       GemmReport table FILE...");
        System.exit(2);
    }

    private static void run(String[] args) throws RunnerException, IOException {
        Path out = null;
        String[] impls = {"strata", "openblas"};
        String[] threads = {"1", String.valueOf(Runtime.getRuntime().availableProcessors())};
        boolean quick = false;
        String[] shapes = Arrays.stream(SHAPES).map(s -> s[1]).distinct().toArray(String[]::new);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--impl" -> impls = args[++i].split(",");
                case "--threads" -> threads = args[++i].split(",");
                case "--quick" -> quick = true;
                case "--shapes" -> shapes = args[++i].split(";");
                default -> usage();
            }
        }
        if (out == null) {
            usage();
        }
        threads = Arrays.stream(threads).distinct().toArray(String[]::new);
        Map<String, String> kernelOf = new LinkedHashMap<>();
        for (String impl : impls) {
            kernelOf.put(impl, kernelName(impl));
            System.out.println(impl + ": " + kernelOf.get(impl));
        }
        Path log = out.resolveSibling(out.getFileName() + ".jmh.log");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(GemmBenchmark.class.getName() + ".gemm")
                .param("impl", impls)
                .param("threads", threads)
                .param("shape", shapes)
                .output(log.toString())
                .shouldFailOnError(true);
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.milliseconds(300))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(300));
        }
        System.out.printf("running %d benchmarks (JMH log: %s)%n",
                impls.length * threads.length * shapes.length, log);
        Collection<RunResult> results = new Runner(options.build()).run();
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            var p = r.getParams();
            String impl = p.getParam("impl");
            lines.add(String.join(";", impl, kernelOf.get(impl), p.getParam("threads"), p.getParam("shape"),
                    String.valueOf(r.getPrimaryResult().getScore()),
                    String.valueOf(r.getPrimaryResult().getScoreError())));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, lines, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        System.out.println("wrote " + lines.size() + " results to " + out);
    }

    /** What runs: Strata's kernel choice, or OpenBLAS's core (and whether OPENBLAS_CORETYPE forced it). */
    static String kernelName(String impl) {
        if (impl.equals("strata")) {
            return "Strata " + Strata.kernels();
        }
        String core = openblas_full.openblas_get_corename().getString();
        String forced = System.getenv("OPENBLAS_CORETYPE");
        return "OpenBLAS " + core + (forced == null || forced.isBlank() ? " (auto)" : " (forced)");
    }

    private record Result(String impl, String kernel, int threads, String shape, double gflops, double error) {
    }

    /**
     * The Markdown tables, one per Strata kernel (vector width and GEMM tile, or scalar): one row per shape and
     * thread count, one column per peer kernel (each OpenBLAS core measured, and Strata's scalar kernels for the
     * vector ones), with the ratio Strata / peer.
     */
    static String table(List<Path> files) {
        List<Result> results = new ArrayList<>();
        for (Path f : files) {
            try {
                for (String line : Files.readAllLines(f)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] x = line.split(";");
                    double flop = flops(x[3]);
                    results.add(new Result(x[0], x[1], Integer.parseInt(x[2]), x[3],
                            Double.parseDouble(x[4]) * flop / 1e9, Double.parseDouble(x[5]) * flop / 1e9));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> strataKernels = results.stream().filter(r -> r.impl.equals("strata")).map(Result::kernel)
                .distinct().toList();
        List<String> blasKernels = results.stream().filter(r -> !r.impl.equals("strata")).map(Result::kernel)
                .distinct().toList();
        List<Integer> threadCounts = results.stream().map(Result::threads).distinct().sorted().toList();
        StringBuilder sb = new StringBuilder();
        sb.append("GFLOP/s (higher is better); ratio = Strata / peer.\n");
        for (String kernel : strataKernels) {
            List<String> peers = new ArrayList<>(blasKernels);
            if (!kernel.equals("Strata scalar")) {
                strataKernels.stream().filter(k -> k.equals("Strata scalar")).forEach(peers::add);
            }
            sb.append("\n**").append(kernel).append("**\n\n");
            sb.append("| product | op(A)·op(B) m×n×k | threads | Strata |");
            for (String p : peers) {
                sb.append(' ').append(p).append(" | ratio |");
            }
            sb.append('\n').append("|---|---|---:|---:|");
            sb.append("---:|---:|".repeat(peers.size())).append('\n');
            for (int t : threadCounts) {
                for (String[] s : SHAPES) {
                    Result strata = find(results, null, kernel, t, s[1]);
                    if (strata == null) {
                        continue;
                    }
                    String[] f = s[1].split(",");
                    sb.append(String.format(Locale.ROOT, "| %s | %s %s×%s×%s | %d | %s |", s[0], f[3], f[0], f[1],
                            f[2], t, fmt(strata.gflops)));
                    for (String p : peers) {
                        Result peer = find(results, null, p, t, s[1]);
                        sb.append(' ').append(peer == null ? "" : fmt(peer.gflops)).append(" | ");
                        sb.append(peer == null ? ""
                                : String.format(Locale.ROOT, "%.2f", strata.gflops / peer.gflops)).append(" |");
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static Result find(List<Result> results, String impl, String kernel, int threads, String shape) {
        return results.stream().filter(r -> (impl == null || r.impl.equals(impl))
                && (kernel == null || r.kernel.equals(kernel)) && r.threads == threads && r.shape.equals(shape))
                .findFirst().orElse(null);
    }

    private static String fmt(double gflops) {
        return String.format(Locale.ROOT, gflops >= 100 ? "%.0f" : "%.1f", gflops);
    }

    static double flops(String shape) {
        String[] f = shape.split(",");
        return 2.0 * Long.parseLong(f[0].strip()) * Long.parseLong(f[1].strip()) * Long.parseLong(f[2].strip());
    }
}
