package dev.strata.internal;

import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;

/**
 * Raw access to tensor storage for Strata's own packages (ops, kernels, optimizers), without copies.
 * Tensors are immutable to users; inside the library the contract is: an array obtained from
 * {@link #data} of a non-{@link #isImmutable immutable} tensor may change later (it belongs to a
 * {@code Variable}), and an array given to {@link #wrap} must not be written after the call.
 *
 * <p>The tensor package installs the implementation when it loads (the JDK's "shared secrets" pattern), so
 * no storage accessor is public API.
 */
public final class TensorAccess {
    /** Implemented by the tensor package. */
    public interface Accessor {
        float[] data(Tensor tensor);

        Tensor wrap(float[] data, Shape shape);

        boolean isImmutable(Tensor tensor);

        int tapeIndex(Tensor tensor, Object key);

        boolean claimTapeSlot(Tensor tensor, Object key, int index);

        Tensors tensors(Tensor[] items);

        Tensor attachMask(Tensor tensor, Tensor mask, boolean fresh);

        void givePath(Variable variable, String path);

        <T> T derived(Tensor tensor, java.util.function.Function<float[], T> make);
    }

    private static volatile Accessor accessor;
    /** Records an alias as an identity op on the active tapes; installed by the tape when it first loads. */
    private static volatile java.util.function.BiConsumer<Tensor, Tensor> aliasRecorder;

    private TensorAccess() {
    }

    /** Gives a variable its Keras path ({@code Variable.path()}) if it has none yet; the owning model calls it. */
    public static void givePath(Variable variable, String path) {
        accessor().givePath(variable, path);
    }

    /** Called once, by the tensor package. */
    public static void install(Accessor implementation) {
        if (accessor != null) {
            throw new IllegalStateException("TensorAccess is already installed");
        }
        accessor = implementation;
    }

    /**
     * The row-major storage of a concrete tensor, not copied.
     *
     * @throws dev.strata.TracingException for a symbolic tensor
     */
    public static float[] data(Tensor tensor) {
        return accessor().data(tensor);
    }

    /** A tensor over {@code data} (taken, not copied); {@code data.length} must equal the shape's size. */
    public static Tensor wrap(float[] data, Shape shape) {
        return accessor().wrap(data, shape);
    }

    /**
     * Unnamed {@link Tensors} over {@code items} (taken, not copied: the caller never writes the array again), for
     * the graph runner, which makes one per step of every call.
     */
    public static Tensors tensors(Tensor[] items) {
        return accessor().tensors(items);
    }

    /**
     * Gives a layer's output its mask (Keras's {@code _keras_mask}). A {@code fresh} output (made by the layer's
     * call, seen by no one else yet) carries it from now on; otherwise the result is a new tensor over the same
     * values with the same tape entry, so the caller's tensor stays as it was.
     */
    public static Tensor attachMask(Tensor tensor, Tensor mask, boolean fresh) {
        return accessor().attachMask(tensor, mask, fresh);
    }

    /** Called once, by the gradient tape's recording half. */
    public static void installAliasRecorder(java.util.function.BiConsumer<Tensor, Tensor> recorder) {
        aliasRecorder = recorder;
    }

    /**
     * Tells the tapes that {@code alias} holds {@code original}'s values (a tensor given a mask), so gradients flow
     * from one to the other. Nothing to do before a tape class has loaded: then no tape records.
     */
    public static void recordAlias(Tensor alias, Tensor original) {
        java.util.function.BiConsumer<Tensor, Tensor> recorder = aliasRecorder;
        if (recorder != null) {
            recorder.accept(alias, original);
        }
    }

    /**
     * A value computed from a variable's current contents by {@code make} (given its storage, which it must not
     * write or keep beyond what it returns), kept with the variable and made again once the contents may have
     * changed: after {@link #data} handed the storage out (to any caller, who may write it) or an assignment. So a
     * writer of a variable's storage takes it from {@link #data} for each write, never keeping it across calls.
     * Null for a tensor that is not a variable. Used for weights prepared once for inference (a kernel packed for
     * the GEMM); the value lives as long as the variable.
     */
    public static <T> T derived(Tensor tensor, java.util.function.Function<float[], T> make) {
        return accessor().derived(tensor, make);
    }

    /** Whether the tensor's storage never changes (true for plain tensors, false for variables). */
    public static boolean isImmutable(Tensor tensor) {
        return accessor().isImmutable(tensor);
    }

    /**
     * The entry index stored by {@link #claimTapeSlot} if the tensor was claimed with this {@code key}, else -1.
     */
    public static int tapeIndex(Tensor tensor, Object key) {
        return accessor().tapeIndex(tensor, key);
    }

    /**
     * Marks a freshly recorded op output as entry {@code index} of the tape recording identified by {@code key},
     * if no recording has claimed it yet (then returns true). Only plain tensors have the slot; a tape keeps
     * what it could not claim (an output also recorded by an enclosing tape) in a map of its own.
     */
    public static boolean claimTapeSlot(Tensor tensor, Object key, int index) {
        return accessor().claimTapeSlot(tensor, key, index);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            Tensor.scalar(0f); // loads the tensor package, whose initializer installs the accessor
            a = accessor;
        }
        return a;
    }
}
