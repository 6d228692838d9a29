package dev.strata.internal.kernels;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Chooses the kernels once, at first use, as Lucene's {@code VectorizationProvider} does: the Vector API
 * kernels when the JVM has the {@code jdk.incubator.vector} module, otherwise the scalar ones with a
 * one-line hint. {@code -Dstrata.kernels=scalar} or {@code =vector} forces a choice.
 *
 * <p>{@code VectorKernels} is loaded by name, so nothing here links against the incubator module.
 */
public final class KernelProvider {
    private static final String VECTOR_CLASS = "dev.strata.internal.kernels.VectorKernels";
    private static final System.Logger LOG = System.getLogger("dev.strata.kernels");
    private static final Kernels SCALAR = new ScalarKernels();

    private KernelProvider() {
    }

    // A holder class, so the lookup runs on first use and class loading cannot deadlock.
    private static final class Holder {
        static final Kernels INSTANCE = lookup();
    }

    /** The kernels in use. */
    public static Kernels get() {
        return Holder.INSTANCE;
    }

    /** The scalar kernels, always available (for tests and as the fallback). */
    public static Kernels scalar() {
        return SCALAR;
    }

    /** The Vector API kernels, if this JVM can run them. */
    public static Optional<Kernels> vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            Class<?> type = MethodHandles.lookup().findClass(VECTOR_CLASS);
            Object k = MethodHandles.lookup().findConstructor(type, MethodType.methodType(void.class)).invoke();
            return Optional.of((Kernels) k);
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, "Strata: Vector API kernels unavailable ("
                    + e.getMessage() + "); using scalar kernels");
            return Optional.empty();
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "Strata: could not load the Vector API kernels (" + e
                    + "); using scalar kernels");
            return Optional.empty();
        }
    }

    private static Kernels lookup() {
        return lookup(System.getProperty("strata.kernels", ""));
    }

    /** The choice for a given value of {@code -Dstrata.kernels} ("" when unset); package-private for tests. */
    static Kernels lookup(String property) {
        String forced = property.strip();
        if (!forced.isEmpty() && !forced.equals("scalar") && !forced.equals("vector")) {
            LOG.log(System.Logger.Level.WARNING, "Strata: ignoring -Dstrata.kernels=" + forced
                    + " (expected scalar or vector)");
        }
        if (forced.equals("scalar")) {
            return SCALAR;
        }
        Optional<Kernels> vector = vector();
        if (vector.isPresent()) {
            return vector.get();
        }
        if (forced.equals("vector")) {
            throw new IllegalStateException("-Dstrata.kernels=vector, but the Vector API kernels cannot run here; "
                    + "start the JVM with --add-modules jdk.incubator.vector");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Strata: the Vector API is not enabled, so kernels run as plain "
                    + "loops (several times slower); start the JVM with --add-modules jdk.incubator.vector "
                    + "(or set JDK_JAVA_OPTIONS) for SIMD kernels");
        }
        return SCALAR;
    }
}
