package dev.strata.tensor;

import dev.strata.ShapeException;
import dev.strata.internal.TensorAccess;

/** A concrete tensor: a shape and a row-major float array that never changes after construction. */
final class DenseTensor implements Tensor {
    static {
        TensorAccess.install(new Access());
    }

    private final float[] data;
    private final Shape shape;
    /**
     * The recording (of a gradient tape) that produced this tensor, and its entry there: lets the tape find
     * its own outputs without hashing. Written once, by the first tape that records the op; see
     * {@link TensorAccess#claimTapeSlot}.
     */
    private Object tapeKey;
    private int tapeIndex;
    /**
     * Keras's {@code _keras_mask}. Written at most once, by {@code Layer.apply} on an output its layer has just
     * made, before anyone else sees the tensor (see {@link TensorAccess#attachMask}).
     */
    private Tensor mask;

    /** Takes {@code data} without copying; callers never write to it afterwards. */
    DenseTensor(float[] data, Shape shape) {
        if (!shape.isFullyDefined() || data.length != shape.size()) {
            throw new ShapeException("internal: " + data.length + " values for shape " + shape);
        }
        this.data = data;
        this.shape = shape;
    }

    static int checkedSize(Shape shape, String what) {
        if (!shape.isFullyDefined()) {
            throw new ShapeException(what + ": shape " + shape + " has an unknown dimension; concrete tensors need "
                    + "fully known shapes");
        }
        return shape.size();
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public java.util.Optional<Tensor> mask() {
        return java.util.Optional.ofNullable(mask);
    }

    @Override
    public Tensor withMask(Tensor newMask) {
        Tensor.checkMask(this, newMask, "withMask");
        return alias(newMask);
    }

    /**
     * A tensor over the same (immutable) values carrying {@code newMask}, recorded as an identity of this one on
     * any tape that watches this one, so gradients flow through.
     */
    private DenseTensor alias(Tensor newMask) {
        DenseTensor alias = new DenseTensor(data, shape);
        alias.mask = newMask;
        TensorAccess.recordAlias(alias, this);
        return alias;
    }

    @Override
    public float[] toFloatArray() {
        return data.clone();
    }

    @Override
    public float get(int... index) {
        return data[flatIndex(shape, index)];
    }

    @Override
    public float item() {
        return singleElement(data, shape);
    }

    @Override
    public String toString() {
        return TensorFormat.format(data, shape, "Tensor");
    }

    static int flatIndex(Shape shape, int[] index) {
        if (index.length != shape.rank()) {
            throw new ShapeException("get: index of length " + index.length + " for a tensor of shape " + shape
                    + " (rank " + shape.rank() + ")");
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.get(i);
            int k = index[i] < 0 ? index[i] + d : index[i];
            if (k < 0 || k >= d) {
                throw new ShapeException("get: index " + index[i] + " is out of bounds for axis " + i
                        + " of size " + d + " (shape " + shape + ")");
            }
            flat = flat * d + k;
        }
        return flat;
    }

    static float singleElement(float[] data, Shape shape) {
        if (data.length != 1) {
            throw new ShapeException("item: a tensor of shape " + shape + " has " + data.length
                    + " elements; item() needs exactly one");
        }
        return data[0];
    }

    private static final class Access implements TensorAccess.Accessor {
        @Override
        public void givePath(Variable variable, String path) {
            variable.givePath(path);
        }

        @Override
        public float[] data(Tensor tensor) {
            return switch (tensor) {
                case DenseTensor d -> d.data;
                case Variable v -> v.storage();
                case SymbolicTensor s -> throw s.valueReadError("its values");
            };
        }

        @Override
        public Tensor wrap(float[] data, Shape shape) {
            return new DenseTensor(data, shape);
        }

        @Override
        public <T> T derived(Tensor tensor, java.util.function.Function<float[], T> make) {
            return tensor instanceof Variable v ? v.derived(make) : null;
        }

        @Override
        public boolean isImmutable(Tensor tensor) {
            return tensor instanceof DenseTensor;
        }

        @Override
        public int tapeIndex(Tensor tensor, Object key) {
            return tensor instanceof DenseTensor d && d.tapeKey == key ? d.tapeIndex : -1;
        }

        @Override
        public Tensor attachMask(Tensor tensor, Tensor newMask, boolean fresh) {
            return switch (tensor) {
                case DenseTensor d when fresh && d.mask == null -> {
                    d.mask = newMask;
                    yield d;
                }
                case DenseTensor d -> d.alias(newMask);
                case SymbolicTensor s -> s.attachMask(newMask);
                case Variable v -> throw new IllegalArgumentException("internal: a mask for variable '" + v.name()
                        + "'; a layer's output is never a variable");
            };
        }

        @Override
        public Tensors tensors(Tensor[] items) {
            return Tensors.owning(items);
        }

        @Override
        public boolean claimTapeSlot(Tensor tensor, Object key, int index) {
            if (tensor instanceof DenseTensor d && d.tapeKey == null) {
                d.tapeKey = key;
                d.tapeIndex = index;
                return true;
            }
            return false;
        }
    }
}
