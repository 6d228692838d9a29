/**
 * Saving models in Keras 3's formats, like {@code keras.saving}. {@link dev.strata.saving.Saving} writes and reads
 * {@code .keras} archives and {@code .weights.h5} files exactly as Keras 3 does (weights at the paths of Keras's
 * object walk, optimizer state included) and reads legacy Keras 2 {@code .h5} models;
 * {@link dev.strata.saving.KerasConfig} turns models, layers, optimizers, losses and metrics into Keras's configs
 * ({@code config.json}) and back; {@link dev.strata.config.SavingRegistry} decides which custom classes loading may
 * instantiate. The storage classes ({@link dev.strata.saving.KerasArchive}, {@link dev.strata.saving.WeightsFile},
 * {@link dev.strata.saving.LegacyH5}) give access to the files' parts; any problem with a file is a
 * {@link dev.strata.saving.ModelFormatException}.
 */
package dev.strata.saving;
