package dev.strata.internal.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Vector API. Loaded by name by {@link KernelProvider}, only when the JVM has the
 * {@code jdk.incubator.vector} module.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private final ScalarKernels scalar = new ScalarKernels();

    VectorKernels() {
        if (SPECIES.vectorBitSize() < 128) {
            throw new UnsupportedOperationException("preferred vector size is " + SPECIES.vectorBitSize() + " bits");
        }
    }

    @Override
    public String name() {
        return "vector (" + SPECIES.vectorBitSize() + "-bit)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
        VectorGemm.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        scalar.binary(op, a, aOff, b, bOff, out, outOff, n);
    }

    @Override
    public void binaryScalarRight(BinaryOp op, float[] a, int aOff, float b, float[] out, int outOff, int n) {
        scalar.binaryScalarRight(op, a, aOff, b, out, outOff, n);
    }

    @Override
    public void binaryScalarLeft(BinaryOp op, float a, float[] b, int bOff, float[] out, int outOff, int n) {
        scalar.binaryScalarLeft(op, a, b, bOff, out, outOff, n);
    }

    @Override
    public void unary(UnaryOp op, float[] a, int aOff, float[] out, int outOff, int n) {
        scalar.unary(op, a, aOff, out, outOff, n);
    }

    @Override
    public float reduce(ReduceOp op, float[] a, int off, int n) {
        return scalar.reduce(op, a, off, n);
    }

    @Override
    public void reduceInto(ReduceOp op, float[] a, int aOff, float[] acc, int accOff, int n) {
        scalar.reduceInto(op, a, aOff, acc, accOff, n);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        return scalar.dot(a, aOff, b, bOff, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        scalar.axpy(alpha, x, xOff, y, yOff, n);
    }
}
