/** Normalization layers, as {@code keras.layers} normalization: BatchNormalization, LayerNormalization. */
package dev.strata.layers.normalization;
