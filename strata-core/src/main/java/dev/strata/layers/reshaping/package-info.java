/**
 * Reshaping layers, as {@code keras.layers} reshaping: Flatten, Reshape, Permute, RepeatVector, and over 1 to 3
 * spatial axes ZeroPadding, Cropping and UpSampling (channels_last or channels_first).
 */
package dev.strata.layers.reshaping;
