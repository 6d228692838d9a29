/**
 * Tensors, like Keras's tensors and {@code keras.Variable}: the values every op takes and returns, and the shapes
 * that describe them.
 *
 * <p>{@link dev.strata.tensor.Tensor} is a float32, row-major, n-dimensional array that users treat as immutable
 * (ops in {@link dev.strata.ops.Ops} make new ones). It is sealed to three kinds, and every op and layer accepts all
 * three:
 * <ul>
 *   <li>a plain value: made by {@code Tensor.of}, {@code zeros}, {@code ones}, {@code arange}, the random
 *       {@code normal}, {@code uniform} and {@code truncatedNormal}, or returned by an op;</li>
 *   <li>a {@link dev.strata.tensor.Variable}, whose value changes in place ({@code assign}): a layer's weights, an
 *       optimizer's slots. It has a name and a {@code trainable} flag, and a gradient tape watches the trainable
 *       ones by itself;</li>
 *   <li>a {@link dev.strata.tensor.SymbolicTensor}, Keras's {@code KerasTensor}: a shape and the node that made it,
 *       but no data. Ops and layers called on symbolic tensors compute only the output shape and record a graph
 *       ({@link dev.strata.graph}): that is how a Functional model is built and a subclassed model traced. Reading
 *       its values throws a {@link dev.strata.TracingException} that says where.</li>
 * </ul>
 *
 * <p>{@link dev.strata.tensor.Shape} lists the dimensions, outermost first; {@link dev.strata.tensor.Shape#UNKNOWN}
 * (printed {@code None}, as in Keras) is a dimension a symbolic tensor leaves open, usually the batch. Concrete
 * tensors always have fully known shapes. {@link dev.strata.tensor.Tensors} is the immutable, ordered list, with
 * optional names, that layers and models with several inputs or outputs take and return where Keras passes a list or
 * a dict.
 *
 * <p>Random tensors draw from the one generator that {@code Strata.setRandomSeed} seeds (Keras's
 * {@code keras.utils.set_random_seed}), so a seeded program repeats itself; or, given a
 * {@link java.util.random.RandomGenerator}, from that generator alone, which is how a layer with its own
 * {@code seed} (Dropout) repeats its draws whatever else draws random numbers.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);               // shape (2, 3)
 * Variable w = new Variable(Tensor.normal(Shape.of(3, 4), 0f, 0.1f), "w", true);
 * Tensor y = Ops.matmul(x, w);                                                // shape (2, 4)
 * Tensors both = Tensors.of(x, y).withNames("x", "y");
 * }</pre>
 *
 * <p>This package is the bottom of the library: it depends on nothing of Strata's above it.
 */
package dev.strata.tensor;
