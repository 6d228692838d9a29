/**
 * The codec of Keras's files, below anything that knows a model: HDF5 trees ({@link
 * dev.strata.internal.io.WeightsFile}, {@link dev.strata.internal.io.H5Group}, {@link
 * dev.strata.internal.io.H5Dataset}; read with jHDF behind bounds checks, written by Strata's own writer), the
 * {@code .keras} zip ({@link dev.strata.internal.io.KerasArchive}, written byte for byte as Python's {@code zipfile}
 * writes it), the legacy Keras 2 {@code .h5} layouts ({@link dev.strata.internal.io.LegacyH5}), format sniffing and
 * atomic writes. It deals in tensors, bytes and paths; {@code dev.strata.saving} maps models onto it. Every problem
 * with a file is a {@link dev.strata.ModelFormatException}. Not exported by the module; may change at any time.
 */
package dev.strata.internal.io;
