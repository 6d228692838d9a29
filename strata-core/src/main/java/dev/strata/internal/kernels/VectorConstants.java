package dev.strata.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API constants of {@link VectorKernels}, kept in their own class (Lucene's
 * {@code PanamaVectorConstants} pattern) so that loading {@code VectorKernels} touches no Vector API before its
 * constructor has checked the hardware. This class initialises on first use, after those checks passed.
 */
final class VectorConstants {
    /** The widest float vector the CPU runs natively (128 bits or more, checked by the constructor). */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector. */
    static final int LANES = SPECIES.length();
    /**
     * Whether vector FMA is a hardware instruction. Without it the Vector API computes {@code fma} lane by
     * lane in software (two orders of magnitude slower), so dot and axpy fall back to multiply-then-add.
     * Unknown (no HotSpot management bean) counts as present: every x86 CPU with AVX2 and every ARMv8 CPU has it.
     */
    static final boolean FMA = !"false".equals(VectorKernels.vmOption("UseFMA"));

    private VectorConstants() {
    }
}
