package dev.strata.tensor;

import dev.strata.TracingException;
import dev.strata.internal.CallSites;
import java.util.Objects;

/**
 * A tensor with a shape but no data, like Keras's {@code KerasTensor}. Ops and layers given symbolic inputs
 * compute only the output shape and record a node; this is how Functional models are built and how
 * subclassed models are traced. Dimensions may be {@link Shape#UNKNOWN}, typically the batch.
 *
 * <p>Reading values ({@link #toFloatArray}, {@link #get}, {@link #item}) throws a {@link TracingException}:
 * code whose control flow depends on tensor values cannot be traced.
 */
public final class SymbolicTensor implements Tensor {
    /** Where a symbolic tensor comes from: a model input, or a node recorded by an op or layer. */
    public interface Origin {
        /** A short description for messages, e.g. {@code "input 'wide_input'"} or {@code "op 'add'"}. */
        String describe();
    }

    private final Shape shape;
    private final Origin origin;
    private final int index;
    /** Keras's {@code _keras_mask}, symbolic: set at most once, by the layer call that recorded this tensor. */
    private Tensor mask;
    /** For a tensor made by {@link #withMask}: the graph's tensor it stands for. */
    private SymbolicTensor aliasOf;

    /**
     * @param shape  the shape, possibly with unknown dimensions
     * @param origin what produced the tensor
     * @param index  which of the origin's outputs this tensor is
     */
    public SymbolicTensor(Shape shape, Origin origin, int index) {
        this.shape = Objects.requireNonNull(shape, "shape");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.index = index;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public boolean isSymbolic() {
        return true;
    }

    /** What produced this tensor. */
    public Origin origin() {
        return origin;
    }

    /** Which of its origin's outputs this tensor is. */
    public int index() {
        return index;
    }

    @Override
    public java.util.Optional<Tensor> mask() {
        return java.util.Optional.ofNullable(mask);
    }

    /**
     * The same symbolic value carrying {@code newMask}, for Keras's explicit {@code mask=} argument. The result stands
     * for this tensor in any graph ({@link #original()}); a layer applied to it records the mask with its node if
     * its {@code call} reads masks, so running the graph again gives it the same mask.
     */
    @Override
    public Tensor withMask(Tensor newMask) {
        Tensor.checkMask(this, newMask, "withMask");
        SymbolicTensor alias = new SymbolicTensor(shape, origin, index);
        alias.aliasOf = original();
        alias.mask = newMask;
        return alias;
    }

    /** The tensor of the graph this one stands for: itself, or for one made by {@link #withMask}, its source. */
    public SymbolicTensor original() {
        return aliasOf == null ? this : aliasOf;
    }

    /** Sets the mask of a tensor its layer call has just recorded (see {@code TensorAccess.attachMask}). */
    Tensor attachMask(Tensor newMask) {
        if (mask != null && mask != newMask) {
            throw new IllegalStateException("internal: " + this + " already carries a mask");
        }
        mask = newMask;
        return this;
    }

    @Override
    public float[] toFloatArray() {
        throw valueReadError("toFloatArray()");
    }

    @Override
    public float get(int... index) {
        throw valueReadError("get(...)");
    }

    @Override
    public float item() {
        throw valueReadError("item()");
    }

    TracingException valueReadError(String what) {
        return new TracingException("cannot read " + what + " of a symbolic tensor (shape " + shape + ", from "
                + origin.describe() + ")" + CallSites.describeUserFrame() + ": symbolic tensors carry a shape, "
                + "not data, so code whose control flow depends on tensor values cannot be traced");
    }

    @Override
    public String toString() {
        return "SymbolicTensor(shape=" + shape + ", from " + origin.describe() + ")";
    }
}
