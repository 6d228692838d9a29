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
     * Not supported: a graph refers to tensors by identity, so a symbolic tensor cannot be copied with a mask, and
     * a traced model could not replay a mask passed by hand.
     */
    @Override
    public Tensor withMask(Tensor newMask) {
        throw new IllegalArgumentException("withMask: explicit masks do not trace yet (tensor " + this + ")"
                + CallSites.describeUserFrame() + "; let a layer make the mask (Embedding with maskZero, Masking, "
                + "or your own layer's computeMask)");
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
