/**
 * The recording half of {@link dev.strata.autodiff.GradientTape}: per-thread stacks of recording tapes and their
 * entries (an op application with its gradient rule). Ops record here; the reverse pass that reads a recording
 * back is in {@code dev.strata.autodiff}, above the ops. Not exported; may change at any time.
 */
package dev.strata.internal.autodiff;
