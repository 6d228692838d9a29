/**
 * Models, like {@code keras.Model}: subclass {@link dev.strata.models.Model}, build a Functional model with
 * {@link dev.strata.models.Input} and {@link dev.strata.models.Model#of}, or stack layers in a
 * {@link dev.strata.models.Sequential}. All three share one training surface.
 */
package dev.strata.models;
