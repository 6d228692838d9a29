/**
 * The options of {@code compile}, {@code fit}, {@code evaluate} and {@code predict}, with Keras's argument
 * names and defaults (camelCase).
 */
package dev.strata.training;
