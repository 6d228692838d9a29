/** Stateful metrics ({@code update} / {@code result} / {@code reset}), like {@code keras.metrics}. */
package dev.strata.metrics;
