/** Regularization layers, as {@code keras.layers} regularization: Dropout. */
package dev.strata.layers.regularization;
