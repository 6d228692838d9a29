/**
 * Layers, like {@code keras.layers}: the base class {@link dev.strata.layers.Layer} that every layer and model
 * extends, what it is described with ({@link dev.strata.layers.InputSpec}) and what it throws
 * ({@link dev.strata.layers.LayerShapeException}). The layers themselves live in one sub-package per Keras family,
 * each class in its own file: {@link dev.strata.layers.core} (InputLayer, Dense, Activation, Lambda),
 * {@link dev.strata.layers.merging} (Concatenate, Add, Subtract, ..., and their functional forms in
 * {@code Layers}), {@link dev.strata.layers.normalization}, {@link dev.strata.layers.preprocessing},
 * {@link dev.strata.layers.regularization} and {@link dev.strata.layers.reshaping}. The base knows none of them.
 *
 * <p>The contract, which the built-in layers follow through the same protected API a user's layer gets:
 * <ul>
 *   <li><b>Used through {@code apply}</b>, which is final. The first call builds the layer from the input's shape;
 *       every call is checked against its {@code InputSpec}; concrete and symbolic inputs are alike, a symbolic call
 *       recording one graph node for the layer ({@link dev.strata.graph}). {@code apply(x, true)} runs in training
 *       mode.</li>
 *   <li><b>Written by overriding Keras's hooks</b>: {@code build(Shape inputShape)} (batch first) creates the
 *       weights with {@code addWeight}; {@code call(Tensor)}, or {@code call(Tensors)} for several inputs or
 *       outputs, computes with {@link dev.strata.ops.Ops}, asking {@code training()} where training differs;
 *       {@code computeOutputShape} gives the output shape where running {@code call} on symbolic inputs cannot (an
 *       unknown time axis); {@code getConfig} lists the arguments that recreate the layer.</li>
 *   <li><b>Locked once built</b>: weights cannot be added, nor options that shape them changed.</li>
 *   <li><b>Sublayers found, not registered</b>: layers and variables held in fields (and in lists, arrays and maps in
 *       fields) are tracked and named after the field; {@code track} covers what reflection cannot see.</li>
 *   <li><b>Errors that say where</b>: a shape error names the layer by its path in the model
 *       ({@code WideAndDeepModel.mainOutput (Dense 'main_output')}), both shapes, and the line of user code that
 *       made the call, including errors found while tracing, before any data.</li>
 * </ul>
 *
 * <pre>{@code
 * Dense hidden = new Dense(30, "relu");
 * Tensor h = hidden.apply(x);                  // builds a (features, 30) kernel on first use
 * new Dense(30).buildForSamples(Shape.of(8));  // or builds without data, from the shape of one sample
 * }</pre>
 *
 * <p>Every built-in layer passes one contract test, found by its existing (config round trip, symbolic against
 * eager shapes, save and load, gradients, wrong-rank errors, the three model styles), so a new layer is its main file
 * plus its test.
 */
package dev.strata.layers;
