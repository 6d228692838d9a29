/** Reshaping layers, as {@code keras.layers} reshaping: Flatten, Reshape. */
package dev.strata.layers.reshaping;
