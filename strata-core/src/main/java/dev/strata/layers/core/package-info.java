/** Core layers, as {@code keras.layers} core: Dense, Activation, Dropout, Flatten, Reshape, Lambda, InputLayer. */
package dev.strata.layers.core;
