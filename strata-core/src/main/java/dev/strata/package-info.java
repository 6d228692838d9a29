/**
 * Strata, a Keras-style deep-learning library for Java: this package holds what every other one shares.
 * {@link dev.strata.Strata} has the library's global switches, like {@code keras.utils.set_random_seed} and
 * {@code keras.utils.clear_session} (plus the kernels in use and the number of threads). The exceptions are
 * unchecked and say what was wrong and where: {@link dev.strata.StrataException} is their root,
 * {@link dev.strata.ShapeException} a shape that breaks an op's or layer's rule, {@link dev.strata.TracingException}
 * code that needs values while a model is traced, and {@link dev.strata.ModelFormatException} a model or weights
 * file that cannot be read (naming the file, the place in it and the problem).
 *
 * <p>The rest is in Keras's places: {@code dev.strata.layers} ({@code keras.layers}), {@code dev.strata.models}
 * ({@code keras.Model}, {@code keras.Sequential}), {@code dev.strata.ops} ({@code keras.ops}),
 * {@code dev.strata.optimizers}, {@code dev.strata.losses}, {@code dev.strata.metrics},
 * {@code dev.strata.callbacks}, {@code dev.strata.saving} ({@code keras.saving}), {@code dev.strata.config}
 * ({@code get_config}, {@code from_config} and the registry of custom classes), with tensors in
 * {@code dev.strata.tensor}.
 */
package dev.strata;
