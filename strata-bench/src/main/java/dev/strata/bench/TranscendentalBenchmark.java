package dev.strata.bench;

import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.UnaryOp;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Strata's vector kernels for exp, log, tanh and sigmoid (IEEE-exact polynomials, the same bits in every JIT tier)
 * against the Vector API's own {@code lanewise(EXP/LOG/TANH)}, which C2 compiles to the JDK's SVML stubs on x86
 * (and whose last bits differ between the interpreter and C2). Nanoseconds per call over {@code n} floats in
 * [-5, 5] ([0.01, 10] for log), in L1.
 *
 * <pre>
 * mvn -q -DskipTests package
 * java -cp "strata-bench/target/classes:$(cat strata-bench/target/classpath.txt)" org.openjdk.jmh.Main \
 *     TranscendentalBenchmark [-jvmArgsAppend -XX:UseAVX=2]
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TranscendentalBenchmark {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    /** {@code exp}, {@code log}, {@code tanh} or {@code sigmoid}. */
    @Param({"exp", "log", "tanh", "sigmoid"})
    public String function;

    /** Floats per call (a multiple of every vector width). */
    @Param({"4096"})
    public int n;

    private Kernels kernels;
    private UnaryOp op;
    private float[] x;
    private float[] y;

    @Setup
    public void setUp() {
        kernels = KernelProvider.vector().orElseThrow();
        op = UnaryOp.valueOf(function.toUpperCase(java.util.Locale.ROOT));
        SplittableRandom random = new SplittableRandom(7);
        x = new float[n];
        y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = function.equals("log") ? (float) random.nextDouble(0.01, 10) : (float) random.nextDouble(-5, 5);
        }
    }

    /** Strata's kernel. */
    @Benchmark
    public float strata() {
        kernels.unary(op, x, 0, y, 0, n);
        return y[n - 1];
    }

    /** The Vector API's own operator, in the same loop shape (sigmoid as 1 / (1 + exp(-x))). */
    @Benchmark
    public float vectorApi() {
        switch (function) {
            case "exp" -> {
                for (int i = 0; i < n; i += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.EXP).intoArray(y, i);
                }
            }
            case "log" -> {
                for (int i = 0; i < n; i += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.LOG).intoArray(y, i);
                }
            }
            case "tanh" -> {
                for (int i = 0; i < n; i += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, x, i).lanewise(VectorOperators.TANH).intoArray(y, i);
                }
            }
            default -> {
                FloatVector one = FloatVector.broadcast(SPECIES, 1f);
                for (int i = 0; i < n; i += SPECIES.length()) {
                    one.div(FloatVector.fromArray(SPECIES, x, i).neg().lanewise(VectorOperators.EXP).add(one))
                            .intoArray(y, i);
                }
            }
        }
        return y[n - 1];
    }
}
