/**
 * TensorBoard's event files, byte by byte, without TensorFlow or a protobuf library: TFRecord framing with masked
 * CRC32C checksums ({@link dev.strata.internal.tensorboard.Records}), the few protobuf messages an event file holds
 * ({@code Event}, {@code Summary}, {@code SummaryMetadata}, {@code TensorProto}) encoded and decoded by hand
 * ({@link dev.strata.internal.tensorboard.Events}), and a writer that appends whole records to one
 * {@code events.out.tfevents.*} file ({@link dev.strata.internal.tensorboard.EventFileWriter}). It knows bytes, tags
 * and numbers, no models; {@code dev.strata.callbacks.TensorBoard} maps training onto it. Not exported by the
 * module; may change at any time.
 */
package dev.strata.internal.tensorboard;
