/**
 * Optimizers, like {@code keras.optimizers}: {@link dev.strata.optimizers.SGD}, {@link dev.strata.optimizers.Adam},
 * {@link dev.strata.optimizers.AdamW} and {@link dev.strata.optimizers.RMSprop}, computing exactly what Keras 3
 * computes (same formulas, float32 arithmetic in the same order, same defaults, same clipping and weight decay, and
 * the same state variables in the same order), and {@link dev.strata.optimizers.Optimizers#get} to pick one by
 * name. Each is a Keras object ({@code getConfig()} and a {@code static fromConfig}, the keys every optimizer has read
 * by {@link dev.strata.optimizers.Optimizer#FAMILY}), saved and loaded as Keras saves it
 * ({@link dev.strata.optimizers.Optimizers#serialize}). To write an optimizer of your own, extend
 * {@link dev.strata.optimizers.Optimizer} (its class comment says how, and how it is saved); the built-in ones use only
 * that API.
 *
 * <pre>{@code
 * Variable w = new Variable(Tensor.of(new float[] {1, -2}), "w", true);
 * Optimizer opt = new Adam();
 * opt.apply(List.of(Tensor.of(new float[] {0.5f, -0.25f})), List.of(w));   // w is now [0.999, -1.999]
 * }</pre>
 *
 * <p>Updates run on the variables' storage directly: they allocate nothing per element and are never recorded
 * on a gradient tape.
 */
package dev.strata.optimizers;
