package dev.strata.tensor;

import dev.strata.ShapeException;
import dev.strata.internal.RandomState;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A float32, row-major, n-dimensional array. Tensors are immutable to users; ops in
 * {@link dev.strata.ops.Ops} make new ones.
 *
 * <p>There are three kinds: plain values, {@link Variable}s (whose value training updates) and
 * {@link SymbolicTensor}s (a shape without data, used to build Functional models and to trace subclassed
 * ones). Every op accepts all three.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
 * Tensor w = Tensor.normal(Shape.of(3, 4), 0f, 0.1f);
 * Tensor y = Ops.matmul(x, w);   // shape (2, 4)
 * }</pre>
 */
public sealed interface Tensor permits DenseTensor, Variable, SymbolicTensor {

    /** The tensor's dimensions. */
    Shape shape();

    /** The number of dimensions. */
    default int rank() {
        return shape().rank();
    }

    /** The number of elements. */
    default int size() {
        return shape().size();
    }

    /** Whether this tensor is symbolic: a shape with no data. */
    default boolean isSymbolic() {
        return false;
    }

    /**
     * The mask a layer attached to this tensor, like Keras's {@code _keras_mask}: 1 where a time step (or
     * element) is real, 0 where it is padding. Its shape is this tensor's leading dimensions, usually
     * {@code (batch, time)}. Layers that make masks ({@code Embedding} with {@code maskZero}, {@code Masking})
     * attach them to their outputs; layers that support masking pass them on; layers that consume them (recurrent
     * layers, attention, {@code GlobalAveragePooling1D}, losses and metrics) skip the masked steps. A symbolic
     * tensor carries a symbolic mask.
     */
    default Optional<Tensor> mask() {
        return Optional.empty();
    }

    /**
     * The same values carrying {@code mask}, as Keras's explicit {@code mask=} call argument: a layer applied to
     * the result sees the mask as if a {@code Masking} layer had made it. The values are shared, not copied, and
     * gradients flow through the result to this tensor as through an identity.
     *
     * @param mask 1 to keep, 0 to mask; its dimensions equal this tensor's leading ones, or it broadcasts to
     *     this tensor from the last axis
     * @throws ShapeException if the mask's shape fits neither way
     * @throws IllegalArgumentException for a {@link Variable} (apply the layer to the value it computes instead)
     *     or a symbolic tensor (explicit masks do not trace yet: let a layer's {@code computeMask} make it)
     */
    Tensor withMask(Tensor mask);

    /**
     * Checks that {@code mask} fits {@code tensor}: its dimensions equal the tensor's leading ones (a time-step
     * mask), or it broadcasts to the tensor from the last axis (an elementwise mask, as Softmax takes); 1 and
     * unknown dimensions match anything.
     */
    static void checkMask(Tensor tensor, Tensor mask, String who) {
        Objects.requireNonNull(mask, "mask");
        Shape m = mask.shape(), t = tensor.shape();
        boolean leading = m.rank() >= 1 && m.rank() <= t.rank();
        boolean trailing = leading;
        for (int i = 0; (leading || trailing) && i < m.rank(); i++) {
            leading &= fits(m.get(i), t.get(i));
            trailing &= fits(m.get(m.rank() - 1 - i), t.get(t.rank() - 1 - i));
        }
        if (!leading && !trailing) {
            throw new ShapeException(who + ": a mask of shape " + m + " does not fit a tensor of shape " + t
                    + "; a mask has the tensor's leading dimensions, e.g. (batch, time) for (batch, time, features), "
                    + "or broadcasts to it from the last axis");
        }
    }

    private static boolean fits(int maskDim, int dim) {
        return maskDim == dim || maskDim == 1 || maskDim == Shape.UNKNOWN || dim == Shape.UNKNOWN;
    }

    /** A copy of the elements, row-major. */
    float[] toFloatArray();

    /**
     * The element at the given index, one coordinate per dimension.
     *
     * @throws ShapeException if the index has the wrong length or is out of bounds
     */
    float get(int... index);

    /**
     * The only element of a tensor with exactly one element (e.g. a scalar loss).
     *
     * @throws ShapeException if the tensor has more than one element
     */
    float item();

    // ---- creation ------------------------------------------------------------------------------------------

    /**
     * A tensor of the given shape over a copy of {@code data} (row-major). With no dimensions given, a vector
     * of {@code data.length} elements.
     *
     * @throws ShapeException if {@code data.length} differs from the shape's element count
     */
    static Tensor of(float[] data, int... shape) {
        Shape s = shape.length == 0 ? Shape.of(data.length) : Shape.of(shape);
        return of(data, s);
    }

    /** A tensor of the given shape over a copy of {@code data} (row-major). */
    static Tensor of(float[] data, Shape shape) {
        if (!shape.isFullyDefined() || shape.size() != data.length) {
            throw new ShapeException("Tensor.of: " + data.length + " values cannot fill shape " + shape
                    + (shape.isFullyDefined() ? " of " + shape.size() + " elements" : ""));
        }
        return new DenseTensor(data.clone(), shape);
    }

    /** A matrix from rows, which must all have the same length. */
    static Tensor of(float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new ShapeException("Tensor.of: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols + "; all rows must have the same length");
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new DenseTensor(data, Shape.of(rows.length, cols));
    }

    /** A rank-0 tensor holding {@code value}. */
    static Tensor scalar(float value) {
        return new DenseTensor(new float[] {value}, Shape.scalar());
    }

    /** A tensor of zeros. */
    static Tensor zeros(int... shape) {
        return zeros(Shape.of(shape));
    }

    /** A tensor of zeros. */
    static Tensor zeros(Shape shape) {
        return new DenseTensor(new float[DenseTensor.checkedSize(shape, "zeros")], shape);
    }

    /** A tensor of ones. */
    static Tensor ones(int... shape) {
        return full(Shape.of(shape), 1f);
    }

    /** A tensor of ones. */
    static Tensor ones(Shape shape) {
        return full(shape, 1f);
    }

    /** A tensor with every element equal to {@code value}. */
    static Tensor full(Shape shape, float value) {
        float[] data = new float[DenseTensor.checkedSize(shape, "full")];
        java.util.Arrays.fill(data, value);
        return new DenseTensor(data, shape);
    }

    /** The vector {@code 0, 1, ..., stop - 1}. */
    static Tensor arange(int stop) {
        return arange(0, stop, 1);
    }

    /**
     * The vector {@code start, start + step, ...} of values below {@code stop} (above it for a negative step),
     * like {@code numpy.arange}.
     */
    static Tensor arange(float start, float stop, float step) {
        if (step == 0 || !Float.isFinite(step) || !Float.isFinite(start) || !Float.isFinite(stop)) {
            throw new IllegalArgumentException("arange: start, stop and step must be finite and step non-zero, got "
                    + start + ", " + stop + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - (double) start) / step));
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = (float) (start + (double) i * step);
        }
        return new DenseTensor(data, Shape.of(n));
    }

    /** The n x n identity matrix. */
    static Tensor eye(int n) {
        return eye(n, n);
    }

    /** An n x m matrix with ones on the main diagonal. */
    static Tensor eye(int n, int m) {
        return eye(n, m, 0);
    }

    /**
     * An n x m matrix with ones on diagonal k (k > 0 above the main diagonal, k < 0 below) and zeros elsewhere, like
     * {@code numpy.eye(N, M, k)}.
     */
    static Tensor eye(int n, int m, int k) {
        Shape shape = Shape.of(n, m);
        float[] data = new float[DenseTensor.checkedSize(shape, "eye")];
        for (int i = Math.max(0, -k); i < n && i + (long) k < m; i++) {
            data[i * m + i + k] = 1f;
        }
        return new DenseTensor(data, shape);
    }

    // ---- random (from the generator seeded by Strata.setRandomSeed, or from a given one) -------------------

    /** Samples from the normal distribution N(mean, stddev²). */
    static Tensor normal(Shape shape, float mean, float stddev) {
        float[] data = new float[DenseTensor.checkedSize(shape, "normal")];
        RandomState.fillNormal(data, mean, stddev);
        return new DenseTensor(data, shape);
    }

    /** Samples from the standard normal distribution. */
    static Tensor normal(int... shape) {
        return normal(Shape.of(shape), 0f, 1f);
    }

    /** Samples from the uniform distribution on {@code [min, max)}. */
    static Tensor uniform(Shape shape, float min, float max) {
        if (!(max >= min)) {
            throw new IllegalArgumentException("uniform: max (" + max + ") must be >= min (" + min + ")");
        }
        float[] data = new float[DenseTensor.checkedSize(shape, "uniform")];
        RandomState.fillUniform(data, min, max);
        return new DenseTensor(data, shape);
    }

    /** Samples from the uniform distribution on {@code [0, 1)}. */
    static Tensor uniform(int... shape) {
        return uniform(Shape.of(shape), 0f, 1f);
    }

    /**
     * Samples from the uniform distribution on {@code [min, max)}, drawn from {@code generator} instead of the
     * global one: what a layer with its own seed (Keras's {@code seed=} argument) uses, so its draws repeat
     * whatever else draws random numbers. Each value is {@code min + (max - min) * generator.nextFloat()}, row-major.
     *
     * <pre>{@code
     * RandomGenerator own = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
     * Tensor keep = Ops.less(Tensor.uniform(x.shape(), 0f, 1f, own), 0.8f);   // a dropout mask
     * }</pre>
     */
    static Tensor uniform(Shape shape, float min, float max, RandomGenerator generator) {
        if (!(max >= min)) {
            throw new IllegalArgumentException("uniform: max (" + max + ") must be >= min (" + min + ")");
        }
        Objects.requireNonNull(generator, "generator");
        float[] data = new float[DenseTensor.checkedSize(shape, "uniform")];
        float range = max - min;
        for (int i = 0; i < data.length; i++) {
            data[i] = min + range * generator.nextFloat();
        }
        return new DenseTensor(data, shape);
    }

    /**
     * Samples from the normal distribution N(mean, stddev²), drawn from {@code generator} instead of the global
     * one (see {@link #uniform(Shape, float, float, RandomGenerator)}); each value is
     * {@code mean + stddev * generator.nextGaussian()}, row-major.
     */
    static Tensor normal(Shape shape, float mean, float stddev, RandomGenerator generator) {
        Objects.requireNonNull(generator, "generator");
        float[] data = new float[DenseTensor.checkedSize(shape, "normal")];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (mean + stddev * generator.nextGaussian());
        }
        return new DenseTensor(data, shape);
    }

    /**
     * Samples from the normal distribution N(mean, stddev²), redrawing values more than two standard deviations
     * from the mean, like {@code keras.random.truncated_normal}.
     */
    static Tensor truncatedNormal(Shape shape, float mean, float stddev) {
        float[] data = new float[DenseTensor.checkedSize(shape, "truncatedNormal")];
        RandomState.fillTruncatedNormal(data, mean, stddev);
        return new DenseTensor(data, shape);
    }
}
