package dev.strata;

import dev.strata.internal.Names;
import dev.strata.internal.RandomState;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Parallelism;

/**
 * Global switches of the library, like {@code keras.utils.set_random_seed} and {@code keras.utils.clear_session}.
 */
public final class Strata {
    private Strata() {
    }

    /**
     * Seeds the one generator behind every random tensor, weight initializer, shuffle and dropout mask, so a
     * single-threaded program gives the same results on every run.
     */
    public static void setRandomSeed(long seed) {
        RandomState.setSeed(seed);
    }

    /**
     * Resets the state of the session, like Keras's {@code keras.utils.clear_session()} (also
     * {@code keras.backend.clear_session()}): the counters behind automatic names, so the next {@code Dense} layer
     * made without a name is {@code dense} again and the next Adam optimizer {@code adam}. Layers, models and
     * optimizers made before keep their names. The random seed is not affected ({@link #setRandomSeed}).
     */
    public static void clearSession() {
        Names.clearSession();
    }

    /**
     * Describes the compute kernels in use, e.g. {@code "vector (512-bit, GEMM tile 12x2)"} or
     * {@code "scalar"}. The Vector API kernels are used when the JVM was started with
     * {@code --add-modules jdk.incubator.vector}.
     */
    public static String kernels() {
        return KernelProvider.get().name();
    }

    /**
     * Sets how many threads one large operation (a big matrix product) may use, the calling thread included,
     * like {@code torch.set_num_threads}. Small operations always run on the calling thread. Results do not
     * depend on this setting. The default is the number of available processors.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setNumThreads(int n) {
        Parallelism.setNumThreads(n);
    }

    /** The number of threads one large operation may use (see {@link #setNumThreads(int)}). */
    public static int numThreads() {
        return Parallelism.numThreads();
    }
}
