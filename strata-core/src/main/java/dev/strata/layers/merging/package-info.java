/**
 * Merging layers, as {@code keras.layers} merging: Concatenate, Add, Subtract, Multiply, Average, Maximum,
 * Minimum. Their functional forms are in {@link dev.strata.layers.merging.Layers}.
 */
package dev.strata.layers.merging;
