package dev.strata.tensor;

import dev.strata.ShapeException;
import java.util.Arrays;

/**
 * The dimensions of a tensor, outermost first. A dimension may be {@link #UNKNOWN} (printed {@code None}) in
 * the shapes of symbolic tensors, typically the batch dimension; concrete tensors always have fully known
 * shapes. Immutable.
 *
 * <pre>{@code
 * Shape s = Shape.of(32, 5);     // (32, 5)
 * s.get(-1);                     // 5, negative axes count from the end
 * Shape.of(Shape.UNKNOWN, 30);   // (None, 30)
 * }</pre>
 */
public final class Shape {
    /** An unknown dimension, such as the batch dimension of a symbolic tensor. */
    public static final int UNKNOWN = -1;

    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /**
     * A shape with the given dimensions; each must be non-negative or {@link #UNKNOWN}.
     *
     * @throws ShapeException if a dimension is negative (other than {@code UNKNOWN})
     */
    public static Shape of(int... dims) {
        return owning(dims.clone());
    }

    /** {@link #of} over an array the caller gives up. */
    private static Shape owning(int[] dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 && dims[i] != UNKNOWN) {
                throw new ShapeException("invalid shape " + Arrays.toString(dims) + ": dimension " + i + " is "
                        + dims[i] + "; dimensions must be >= 0 or Shape.UNKNOWN");
            }
        }
        return new Shape(dims);
    }

    /** The shape {@code ()} of a rank-0 tensor (a scalar). */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /**
     * The dimension at {@code axis}; negative axes count from the end ({@code -1} is the last).
     *
     * @return the size, or {@link #UNKNOWN}
     */
    public int get(int axis) {
        return dims[normalizeAxis(axis)];
    }

    /** The dimensions as a new array. */
    public int[] toArray() {
        return dims.clone();
    }

    /** Whether every dimension is known. */
    public boolean isFullyDefined() {
        for (int d : dims) {
            if (d == UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /**
     * The number of elements (1 for a scalar).
     *
     * @throws ShapeException if a dimension is unknown or the count exceeds {@code Integer.MAX_VALUE}
     */
    public int size() {
        long n = 1;
        for (int d : dims) {
            if (d == UNKNOWN) {
                throw new ShapeException("shape " + this + " has an unknown dimension, so it has no element count");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException("shape " + this + " has more than " + Integer.MAX_VALUE
                        + " elements, more than a float[] can hold");
            }
        }
        return (int) n;
    }

    /**
     * Turns a possibly negative axis into an index in {@code [0, rank)}.
     *
     * @throws ShapeException if the axis is out of range
     */
    public int normalizeAxis(int axis) {
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new ShapeException("axis " + axis + " is out of bounds for shape " + this + " of rank " + r);
        }
        return axis < 0 ? axis + r : axis;
    }

    /** This shape with dimension {@code axis} replaced by {@code value}. */
    public Shape withDim(int axis, int value) {
        int[] d = dims.clone();
        d[normalizeAxis(axis)] = value;
        return owning(d);
    }

    /** The dimensions {@code [from, to)} as a shape. */
    public Shape subShape(int from, int to) {
        return owning(Arrays.copyOfRange(dims, from, to));
    }

    /** This shape followed by {@code more}. */
    public Shape append(int... more) {
        int[] d = Arrays.copyOf(dims, dims.length + more.length);
        System.arraycopy(more, 0, d, dims.length, more.length);
        return of(d);
    }

    /** {@code first} followed by this shape's dimensions. */
    public Shape prepend(int first) {
        int[] d = new int[dims.length + 1];
        d[0] = first;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return of(d);
    }

    /**
     * Whether the two shapes could describe the same tensor: same rank, and equal dimensions wherever both
     * are known.
     */
    public boolean isCompatibleWith(Shape other) {
        if (other.dims.length != dims.length) {
            return false;
        }
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] != UNKNOWN && other.dims[i] != UNKNOWN && dims[i] != other.dims[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Python's tuple notation, as Keras prints shapes: {@code ()}, {@code (3,)}, {@code (None, 30)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(dims[i] == UNKNOWN ? "None" : Integer.toString(dims[i]));
        }
        if (dims.length == 1) {
            sb.append(',');
        }
        return sb.append(')').toString();
    }
}
