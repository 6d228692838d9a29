/**
 * Reverse-mode automatic differentiation with TensorFlow's {@link dev.strata.autodiff.GradientTape}.
 *
 * <p>This package sits above {@code dev.strata.ops}: the ops record their applications onto the tape's recording
 * half ({@code dev.strata.internal.autodiff}, below them), and the reverse pass here reads the recording back and
 * sums gradients with the ops themselves, so gradients of gradients are recorded too.
 */
package dev.strata.autodiff;
