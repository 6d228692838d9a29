/**
 * Saving models in Keras 3's formats, like {@code keras.saving}. {@link dev.strata.saving.Saving} writes and reads
 * {@code .keras} archives and {@code .weights.h5} files exactly as Keras 3 does (weights at the paths of Keras's
 * object walk, optimizer state included), to and from paths or streams, and reads legacy Keras 2 {@code .h5}
 * models; {@link dev.strata.saving.KerasConfig} turns models, layers, optimizers, losses and metrics into Keras's
 * configs ({@code config.json}) and back, as {@code model.to_json()} and {@code model_from_json} do;
 * {@link dev.strata.saving.ConfigOptions} and {@link dev.strata.saving.LoadOptions} are the arguments of saving and
 * loading. Which custom classes loading may instantiate is {@link dev.strata.config.SavingRegistry}'s decision. Any
 * problem with a file is a {@link dev.strata.ModelFormatException} naming the file, the place in it and what was
 * wrong.
 *
 * <p>The file formats themselves (HDF5, the zip container, the legacy layouts) are an internal codec: users save
 * and load models, not HDF5 groups.
 */
package dev.strata.saving;
