package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_full;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One single-precision GEMM, {@code C = op(A) op(B)} (alpha 1, beta 0, row-major), by Strata's kernels or by
 * native OpenBLAS ({@code cblas_sgemm} through JavaCPP, on off-heap buffers so no copying is timed). The score
 * is calls per second; {@link GemmReport} turns it into GFLOP/s. Which OpenBLAS kernel runs is chosen by
 * OpenBLAS at load time, or forced with the {@code OPENBLAS_CORETYPE} environment variable, which forked JVMs
 * inherit. The warmup is long enough for C2 to compile Strata's Vector API code even on a busy machine (until
 * then it runs as interpreted or C1 code, ~100x slower).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class GemmBenchmark {
    private static final int CBLAS_ROW_MAJOR = 101;
    private static final int CBLAS_NO_TRANS = 111;
    private static final int CBLAS_TRANS = 112;

    /** {@code strata} or {@code openblas}. */
    @Param({"strata", "openblas"})
    public String impl;

    /** Threads the implementation may use. */
    @Param({"1"})
    public int threads;

    /** {@code m,n,k,XY}: op(A) is m x k, op(B) k x n; X and Y are N (as stored) or T (stored transposed). */
    @Param({"512,512,512,NN"})
    public String shape;

    private int m;
    private int n;
    private int k;
    private boolean transA;
    private boolean transB;
    private int lda;
    private int ldb;
    private Kernels kernels;
    private float[] a;
    private float[] b;
    private float[] c;
    private FloatPointer pa;
    private FloatPointer pb;
    private FloatPointer pc;

    /** Parses the shape, fills A and B with random values and sets the thread count. */
    @Setup(Level.Trial)
    public void setUp() {
        String[] f = shape.split(",");
        m = Integer.parseInt(f[0].strip());
        n = Integer.parseInt(f[1].strip());
        k = Integer.parseInt(f[2].strip());
        transA = f[3].strip().charAt(0) == 'T';
        transB = f[3].strip().charAt(1) == 'T';
        lda = transA ? m : k;
        ldb = transB ? k : n;
        SplittableRandom random = new SplittableRandom(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        switch (impl) {
            case "strata" -> {
                Strata.setNumThreads(threads);
                kernels = KernelProvider.get();
            }
            case "openblas" -> {
                openblas_full.openblas_set_num_threads(threads);
                pa = new FloatPointer(a);
                pb = new FloatPointer(b);
                pc = new FloatPointer(c);
            }
            default -> throw new IllegalArgumentException("impl must be strata or openblas: " + impl);
        }
    }

    /** Frees the native buffers. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (pa != null) {
            pa.close();
            pb.close();
            pc.close();
        }
    }

    /** One product. */
    @Benchmark
    public void gemm() {
        if (kernels != null) {
            kernels.gemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
        } else {
            openblas_full.cblas_sgemm(CBLAS_ROW_MAJOR, transA ? CBLAS_TRANS : CBLAS_NO_TRANS,
                    transB ? CBLAS_TRANS : CBLAS_NO_TRANS, m, n, k, 1f, pa, lda, pb, ldb, 0f, pc, n);
        }
    }
}
