/** Core layers, as {@code keras.layers} core: InputLayer, Dense, Activation, Lambda. */
package dev.strata.layers.core;
