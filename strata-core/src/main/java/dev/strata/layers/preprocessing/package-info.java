/** Preprocessing layers, as {@code keras.layers} preprocessing: Normalization (adapted to data). */
package dev.strata.layers.preprocessing;
