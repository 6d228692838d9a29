/**
 * Callbacks run by {@code fit}, {@code evaluate} and {@code predict} at the start and end of training, epochs
 * and batches, like {@code keras.callbacks}. Each extends {@link dev.strata.callbacks.Callback}, which implements
 * the loop's {@link dev.strata.training.TrainingListener} and gives the model being trained. {@code History} and
 * {@code ProgbarLogger}, which the loop adds itself, are in {@code dev.strata.training}.
 *
 * <p>This package sits above {@code models} and {@code saving}: checkpoints save the model they see.
 */
package dev.strata.callbacks;
