/**
 * Activation layers, as {@code keras.layers} activations: ReLU, LeakyReLU, PReLU, ELU, Softmax. (Keras's Identity
 * is a core layer, {@code dev.strata.layers.core.Identity}; the Activation layer, which applies a function by name,
 * is core too.)
 */
package dev.strata.layers.activations;
