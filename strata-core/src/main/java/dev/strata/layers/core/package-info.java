/** Core layers, as {@code keras.layers} core: InputLayer, Dense, Activation, Lambda, Identity. */
package dev.strata.layers.core;
