package dev.strata.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register tile of {@link VectorGemm}'s micro-kernel: MR rows of A broadcast against two vectors of B, so
 * MR x 2 FMA accumulators live in vector registers for the whole depth of a packed block. The best MR depends
 * on the register file more than on the vector width: when the accumulators, the two B vectors and the
 * broadcasts C2 hoists ahead of their FMAs (it loads all MR of a step first) do not fit, C2 spills an
 * accumulator to the stack on every step. Measured on a Xeon with AVX-512 (GFLOP/s, one thread;
 * {@code -XX:UseAVX=2} gives C2 the 16 registers of an AVX2 machine, {@code -XX:MaxVectorSize=16} 128-bit
 * vectors with 32 registers, as NEON has), the micro-kernel alone on cached panels, then a whole 512^3 product:
 * <pre>
 *                                  micro-kernel, MR =   4    5    6    8   12    512^3 GEMM (MR)
 *   512-bit, 32 registers                             142  150  170  177  187    138 (12), 130 (8)
 *   256-bit, 32 registers                              94  100  109  119  118     97 (12), 92 (8)
 *   256-bit, 16 registers (AVX2)                       97   63   74   69   42     84 (4), 54 (5)
 *   128-bit, 32 registers                              51   56   61   61   60     54 (12 or 8)
 * </pre>
 * so 12 rows with 32 registers, 4 with 16, and 8 for 128-bit vectors (as fast as 12 here, with registers to
 * spare for an AArch64 C2 that may keep broadcasts in registers of their own).
 *
 * <p>Each micro-kernel reads a k-major A panel (MR values per step of k, so its offsets are constants and C2
 * removes their bounds checks) and a k-major B panel of {@link VectorGemm#NR} values per step, and writes the
 * MR x NR tile, rows NR apart, to a small buffer: written out in full here, the C update would make the method
 * too large for C2 to inline every vector operation (a vector operation left as a call boxes its operands).
 * The order of the FMAs into each element is the same for every tile, so the tile never changes a result.
 */
enum GemmTile {
    /** 12 rows: 24 accumulators, for 32 vector registers and vectors of 256 bits or more. */
    ROWS_12(12) {
        @Override
        void multiply(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
            FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
            FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
            FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
            FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
            FloatVector ca0 = FloatVector.zero(S), ca1 = FloatVector.zero(S);
            FloatVector cb0 = FloatVector.zero(S), cb1 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int ai = aBase + p * 12;
                int bi = bBase + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector x = FloatVector.broadcast(S, ap[ai]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, ap[ai + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, ap[ai + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, ap[ai + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, ap[ai + 4]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, ap[ai + 5]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
                x = FloatVector.broadcast(S, ap[ai + 6]);
                c60 = x.fma(b0, c60);
                c61 = x.fma(b1, c61);
                x = FloatVector.broadcast(S, ap[ai + 7]);
                c70 = x.fma(b0, c70);
                c71 = x.fma(b1, c71);
                x = FloatVector.broadcast(S, ap[ai + 8]);
                c80 = x.fma(b0, c80);
                c81 = x.fma(b1, c81);
                x = FloatVector.broadcast(S, ap[ai + 9]);
                c90 = x.fma(b0, c90);
                c91 = x.fma(b1, c91);
                x = FloatVector.broadcast(S, ap[ai + 10]);
                ca0 = x.fma(b0, ca0);
                ca1 = x.fma(b1, ca1);
                x = FloatVector.broadcast(S, ap[ai + 11]);
                cb0 = x.fma(b0, cb0);
                cb1 = x.fma(b1, cb1);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + L);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + L);
            c80.intoArray(tile, 8 * NR);
            c81.intoArray(tile, 8 * NR + L);
            c90.intoArray(tile, 9 * NR);
            c91.intoArray(tile, 9 * NR + L);
            ca0.intoArray(tile, 10 * NR);
            ca1.intoArray(tile, 10 * NR + L);
            cb0.intoArray(tile, 11 * NR);
            cb1.intoArray(tile, 11 * NR + L);
        }
    },

    /** 8 rows: 16 accumulators, for 32 vector registers and 128-bit vectors. */
    ROWS_8(8) {
        @Override
        void multiply(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
            FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
            FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
            FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int ai = aBase + p * 8;
                int bi = bBase + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector x = FloatVector.broadcast(S, ap[ai]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, ap[ai + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, ap[ai + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, ap[ai + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
                x = FloatVector.broadcast(S, ap[ai + 4]);
                c40 = x.fma(b0, c40);
                c41 = x.fma(b1, c41);
                x = FloatVector.broadcast(S, ap[ai + 5]);
                c50 = x.fma(b0, c50);
                c51 = x.fma(b1, c51);
                x = FloatVector.broadcast(S, ap[ai + 6]);
                c60 = x.fma(b0, c60);
                c61 = x.fma(b1, c61);
                x = FloatVector.broadcast(S, ap[ai + 7]);
                c70 = x.fma(b0, c70);
                c71 = x.fma(b1, c71);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
            c40.intoArray(tile, 4 * NR);
            c41.intoArray(tile, 4 * NR + L);
            c50.intoArray(tile, 5 * NR);
            c51.intoArray(tile, 5 * NR + L);
            c60.intoArray(tile, 6 * NR);
            c61.intoArray(tile, 6 * NR + L);
            c70.intoArray(tile, 7 * NR);
            c71.intoArray(tile, 7 * NR + L);
        }
    },

    /** 4 rows: 8 accumulators, for the 16 vector registers of AVX2 (and SSE), as OpenBLAS's Haswell kernel. */
    ROWS_4(4) {
        @Override
        void multiply(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int ai = aBase + p * 4;
                int bi = bBase + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector x = FloatVector.broadcast(S, ap[ai]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, ap[ai + 1]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, ap[ai + 2]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, ap[ai + 3]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
        }

        @Override
        boolean readsRowsOfA() {
            return true;
        }

        @Override
        void multiplyRows(int kc, float[] a, int a0, int lda, float[] bp, int bBase, float[] tile) {
            FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
            FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
            FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
            FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
            int a1 = a0 + lda;
            int a2 = a1 + lda;
            int a3 = a2 + lda;
            for (int p = 0; p < kc; p++) {
                int bi = bBase + p * NR;
                FloatVector b0 = FloatVector.fromArray(S, bp, bi);
                FloatVector b1 = FloatVector.fromArray(S, bp, bi + L);
                FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
                c00 = x.fma(b0, c00);
                c01 = x.fma(b1, c01);
                x = FloatVector.broadcast(S, a[a1 + p]);
                c10 = x.fma(b0, c10);
                c11 = x.fma(b1, c11);
                x = FloatVector.broadcast(S, a[a2 + p]);
                c20 = x.fma(b0, c20);
                c21 = x.fma(b1, c21);
                x = FloatVector.broadcast(S, a[a3 + p]);
                c30 = x.fma(b0, c30);
                c31 = x.fma(b1, c31);
            }
            c00.intoArray(tile, 0);
            c01.intoArray(tile, L);
            c10.intoArray(tile, NR);
            c11.intoArray(tile, NR + L);
            c20.intoArray(tile, 2 * NR);
            c21.intoArray(tile, 2 * NR + L);
            c30.intoArray(tile, 3 * NR);
            c31.intoArray(tile, 3 * NR + L);
        }
    };

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = VectorGemm.NR;
    /** The largest MR, for buffers that hold any tile. */
    static final int MAX_ROWS = 12;

    /** Rows of the register tile. */
    final int rows;
    /**
     * Rows of A per packed block, a multiple of {@link #rows} near 288: 288 x 256 floats (288 KB) stay in a
     * 512 KB or larger L2 (measured best of 96..288 with 6-row tiles).
     */
    final int blockRows;

    GemmTile(int rows) {
        this.rows = rows;
        this.blockRows = 288 / rows * rows;
    }

    /**
     * tile[r*NR + j] = sum over p < kc of ap[aBase + p*rows + r] * bp[bBase + p*NR + j], for r < rows and
     * j < NR: one register tile of a packed A panel (k-major, {@link #rows} per step) times a packed B panel.
     */
    abstract void multiply(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile);

    /**
     * Whether this tile can also multiply rows of A where they are ({@link #multiplyRows}), so that A stored
     * row-major need not be packed: with 4 rows, their streams read as fast as a packed panel.
     */
    boolean readsRowsOfA() {
        return false;
    }

    /**
     * {@link #multiply} with A read in place: ap[aBase + p*rows + r] becomes a[a0 + r*lda + p]. Only for tiles
     * that {@link #readsRowsOfA}.
     */
    void multiplyRows(int kc, float[] a, int a0, int lda, float[] bp, int bBase, float[] tile) {
        throw new UnsupportedOperationException(label());
    }

    /** "12x2": rows by vectors, as {@code -Dstrata.gemm.tile} takes it. */
    String label() {
        return rows + "x2";
    }

    /**
     * The tile for this JVM: {@code -Dstrata.gemm.tile} if set (e.g. {@code 4x2}; an unknown value is ignored
     * with a warning), else by the number of vector registers C2 can use and the vector width.
     */
    static GemmTile forThisJvm() {
        String forced = System.getProperty("strata.gemm.tile", "").strip();
        for (GemmTile t : values()) {
            if (t.label().equals(forced)) {
                return t;
            }
        }
        if (!forced.isEmpty()) {
            System.getLogger("dev.strata.kernels").log(System.Logger.Level.WARNING, "Strata: ignoring "
                    + "-Dstrata.gemm.tile=" + forced + " (expected 12x2, 8x2 or 4x2)");
        }
        return choose(L, vectorRegisters());
    }

    /** The tile for vectors of {@code lanes} floats and {@code registers} vector registers. */
    static GemmTile choose(int lanes, int registers) {
        if (registers < 32) {
            return ROWS_4;
        }
        return lanes >= 8 ? ROWS_12 : ROWS_8;
    }

    /**
     * The vector registers C2 allocates: 32 on AArch64 (NEON, SVE) and on x86 with AVX-512 (EVEX encodings,
     * which C2 uses whenever {@code UseAVX} is 3, even for narrower vectors), else 16. 512-bit vectors imply
     * AVX-512; for narrower ones the flag is read (about 20 ms, once).
     */
    static int vectorRegisters() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return 32;
        }
        if (L >= 16) {
            return 32;
        }
        return "3".equals(VectorKernels.vmOption("UseAVX")) ? 32 : 16;
    }
}
