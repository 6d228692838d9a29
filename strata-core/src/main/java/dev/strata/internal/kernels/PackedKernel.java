package dev.strata.internal.kernels;

/**
 * A GEMM's right operand (a k x n weight matrix, row stride n) packed once, as the packed GEMM would pack it on
 * every call ({@link Kernels#packKernel}), so that the calls of an inference convolution (one per chunk of output
 * rows) skip that packing. {@link Kernels#dense(int, PackedKernel, float[], int, float[], boolean, float[], int)}
 * reads the packed panels where the packed path runs and the source matrix elsewhere, so the result has the same
 * bits as {@link Kernels#dense(int, int, int, float[], int, float[], int, float[], int, boolean, float[], int)}
 * on the source. Read-only once made; valid while the source's contents stay as they were when it was packed.
 *
 * @param k       rows of the matrix
 * @param n       columns of the matrix
 * @param source  the matrix, from {@code offset}, row stride n
 * @param offset  where the matrix starts in source
 * @param panels  the packed panels (the layout of the kernels that made it), or null when they pack nothing
 */
public record PackedKernel(int k, int n, float[] source, int offset, float[] panels) {
}
