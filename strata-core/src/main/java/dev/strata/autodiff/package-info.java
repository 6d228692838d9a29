/**
 * Reverse-mode automatic differentiation with TensorFlow's {@link dev.strata.autodiff.GradientTape}.
 */
package dev.strata.autodiff;
