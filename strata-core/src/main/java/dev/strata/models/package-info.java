/**
 * Models, like {@code keras.Model}: subclass {@link dev.strata.models.Model}, build a Functional model with
 * {@link dev.strata.models.Input} and {@link dev.strata.models.Model#of}, or stack layers in a
 * {@link dev.strata.models.Sequential}. All three share one training surface ({@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}), whose loop is {@code dev.strata.training}'s, and one traced graph
 * ({@link dev.strata.graph.Trace}) for summaries, plots and saving.
 */
package dev.strata.models;
