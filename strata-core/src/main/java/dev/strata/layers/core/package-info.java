/** Core layers, as {@code keras.layers} core: InputLayer, Dense, EinsumDense, Activation, Lambda, Identity. */
package dev.strata.layers.core;
