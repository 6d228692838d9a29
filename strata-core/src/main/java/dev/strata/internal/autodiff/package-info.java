/**
 * The tape engine behind {@link dev.strata.autodiff.GradientTape}: per-thread stacks of recording tapes,
 * entries with backward functions, and the reverse pass. Ops record here; users use {@code GradientTape}.
 * Not exported; may change at any time.
 */
package dev.strata.internal.autodiff;
