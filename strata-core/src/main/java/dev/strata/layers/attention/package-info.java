/**
 * Attention layers, as Keras's {@code keras.src.layers.attention}: {@link dev.strata.layers.attention.Attention}
 * (dot-product, Luong-style), {@link dev.strata.layers.attention.AdditiveAttention} (Bahdanau-style),
 * {@link dev.strata.layers.attention.MultiHeadAttention} and
 * {@link dev.strata.layers.attention.GroupQueryAttention}, with Keras's weight layouts (projections are
 * {@link dev.strata.layers.core.EinsumDense} layers) and numerics (masked logits replaced by a large negative).
 */
package dev.strata.layers.attention;
