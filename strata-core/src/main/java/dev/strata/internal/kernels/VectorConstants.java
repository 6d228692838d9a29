package dev.strata.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
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

    /**
     * The swaps of a butterfly over the lanes: step t pairs lane i with lane i ^ (LANES >> (t + 1)). After all
     * steps of adding (or multiplying) each lane to its partner, every lane holds the total, summed in one fixed
     * tree.
     */
    private static final VectorShuffle<Float>[] BUTTERFLY = butterfly();
    private static final VectorShuffle<Float> SWAP8 = BUTTERFLY.length > 0 ? BUTTERFLY[0] : null;
    private static final VectorShuffle<Float> SWAP4 = BUTTERFLY.length > 1 ? BUTTERFLY[1] : null;
    private static final VectorShuffle<Float> SWAP2 = BUTTERFLY.length > 2 ? BUTTERFLY[2] : null;
    private static final VectorShuffle<Float> SWAP1 = BUTTERFLY.length > 3 ? BUTTERFLY[3] : null;

    private VectorConstants() {
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Float>[] butterfly() {
        int steps = Integer.numberOfTrailingZeros(LANES);
        VectorShuffle<Float>[] out = new VectorShuffle[steps];
        for (int t = 0; t < steps; t++) {
            int distance = LANES >> (t + 1);
            out[t] = VectorShuffle.fromOp(SPECIES, i -> i ^ distance);
        }
        return out;
    }

    /**
     * The sum of the lanes in a fixed order. Not {@code reduceLanes(ADD)}: the Vector API leaves the order of a
     * floating-point reduction to the implementation, and C2's tree differs from the interpreter's left-to-right
     * loop, so a result would change in its last bits once the JIT compiled the caller (seen as a prediction
     * that changed after warm-up). Lane-wise adds and swaps round the same in every tier.
     */
    static float sumLanes(FloatVector v) {
        if (LANES == 16) { // unrolled on constant shuffles for the common width, which C2 turns into 4 permutes
            v = v.add(v.rearrange(SWAP8));
            v = v.add(v.rearrange(SWAP4));
            v = v.add(v.rearrange(SWAP2));
            v = v.add(v.rearrange(SWAP1));
            return v.lane(0);
        }
        for (VectorShuffle<Float> swap : BUTTERFLY) {
            v = v.add(v.rearrange(swap));
        }
        return v.lane(0);
    }

    /** The product of the lanes in a fixed order; see {@link #sumLanes}. */
    static float productLanes(FloatVector v) {
        for (VectorShuffle<Float> swap : BUTTERFLY) {
            v = v.mul(v.rearrange(swap));
        }
        return v.lane(0);
    }
}
