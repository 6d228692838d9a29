/**
 * Recurrent layers, as {@code keras.layers}' rnn family ({@code keras.src.layers.rnn}): the cells
 * {@link dev.strata.layers.rnn.SimpleRNNCell}, {@link dev.strata.layers.rnn.LSTMCell},
 * {@link dev.strata.layers.rnn.GRUCell} and {@link dev.strata.layers.rnn.StackedRNNCells}; the generic
 * {@link dev.strata.layers.rnn.RNN} layer that runs any {@link dev.strata.layers.rnn.RNNCell} over a sequence (a cell
 * a user writes in Java too); {@link dev.strata.layers.rnn.SimpleRNN}, {@link dev.strata.layers.rnn.LSTM},
 * {@link dev.strata.layers.rnn.GRU}; and the wrappers {@link dev.strata.layers.rnn.Bidirectional} and
 * {@link dev.strata.layers.rnn.TimeDistributed}. Weight names, order and shapes are Keras's, so Keras files load.
 */
package dev.strata.layers.rnn;
