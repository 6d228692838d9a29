/**
 * The hot loops (GEMM, elementwise maps, reductions) behind one interface, {@link
 * dev.strata.internal.kernels.Kernels}, with two implementations: {@code VectorKernels} on the incubating
 * Vector API and {@code ScalarKernels} in plain Java. {@link dev.strata.internal.kernels.KernelProvider}
 * picks one at start-up. Not exported; may change at any time.
 */
package dev.strata.internal.kernels;
