/**
 * The unexported half of {@code dev.strata.config}: finding Strata's built-in Keras classes
 * ({@link dev.strata.internal.config.BuiltInClasses}, with {@link dev.strata.internal.config.KerasClass} for the few
 * that Keras names otherwise), making a user's class from its config
 * ({@link dev.strata.internal.config.Instantiator}) and writing its auto-config
 * ({@link dev.strata.internal.config.AutoConfig}), the table behind {@code SavingRegistry}
 * ({@link dev.strata.internal.config.Registry}), Keras's JSON forms of envelopes, shapes and tensors
 * ({@link dev.strata.internal.config.KerasForms}) and JSON written as Python writes it
 * ({@link dev.strata.internal.config.Json}). {@code dev.strata.config} and this package use each other; saving,
 * models and the base classes of layers, losses and metrics use the helpers here, users do not. Not exported by the
 * module; may change at any time.
 */
package dev.strata.internal.config;
