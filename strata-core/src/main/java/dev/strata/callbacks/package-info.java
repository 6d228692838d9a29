/**
 * Callbacks run by {@code fit}, {@code evaluate} and {@code predict} at the start and end of training, epochs
 * and batches, like {@code keras.callbacks}.
 */
package dev.strata.callbacks;
