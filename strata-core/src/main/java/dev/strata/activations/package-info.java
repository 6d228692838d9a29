/**
 * Activation functions by Keras name ({@code "relu"}, {@code "sigmoid"}, ...) or as objects, like
 * {@code keras.activations}; one registry serves both strings in code and names in saved models.
 */
package dev.strata.activations;
