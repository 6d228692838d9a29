/**
 * Saving models in Keras 3's formats. {@link dev.strata.saving.KerasConfig} turns models, layers, optimizers,
 * losses and metrics into Keras's configs ({@code config.json}) and back; {@link dev.strata.saving.SavingRegistry}
 * decides which custom classes loading may instantiate.
 */
package dev.strata.saving;
