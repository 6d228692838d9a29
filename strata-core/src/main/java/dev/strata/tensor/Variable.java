package dev.strata.tensor;

import dev.strata.ShapeException;
import dev.strata.internal.TensorAccess;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A tensor whose value can change: a layer's weights, an optimizer's slots. Like {@code keras.Variable}: it
 * has a name, a fixed shape, a {@code trainable} flag, and {@code assign}. Ops read its current value, and a
 * {@link dev.strata.autodiff.GradientTape} watches trainable variables automatically.
 *
 * <p>Training updates a variable in place; reading it from other threads while it is being assigned may see
 * a mix of old and new values, so train and serve from different copies, or not at the same time.
 */
public final class Variable implements Tensor {
    private final Shape shape;
    private final float[] value;
    private final String name;
    /** Keras's {@code variable.path}, given once by the model that owns the variable; null until then. */
    private volatile String path;
    private boolean trainable;
    private volatile UnaryOperator<Tensor> constraint;
    /** Counts the times the storage was handed out for writing or assigned: a derived value of another count is stale. */
    private volatile long version;
    /** A value derived from the storage at {@code version} (a kernel packed for inference), or null. */
    private volatile Derived derived;

    private record Derived(long version, Class<?> maker, Object value) {
    }

    /** A trainable variable named {@code "variable"} holding a copy of {@code initialValue}. */
    public Variable(Tensor initialValue) {
        this(initialValue, "variable", true);
    }

    /** A variable holding a copy of {@code initialValue}. */
    public Variable(Tensor initialValue, String name, boolean trainable) {
        Objects.requireNonNull(initialValue, "initialValue");
        if (initialValue.isSymbolic()) {
            throw new IllegalArgumentException("Variable '" + name + "': the initial value must be concrete, got "
                    + initialValue);
        }
        this.shape = initialValue.shape();
        this.value = TensorAccess.data(initialValue).clone();
        this.name = Objects.requireNonNull(name, "name");
        this.trainable = trainable;
    }

    /** The variable's name, e.g. {@code "kernel"}. */
    public String name() {
        return name;
    }

    /**
     * Keras's {@code variable.path}: the name scopes of the layers that own the variable, then its name
     * ({@code "dense/kernel"} in a Functional model, {@code "sequential/dense/kernel"} in a Sequential or subclassed
     * one, {@code "block/inner/kernel"} for a nested layer's). A model gives its variables their paths when it first
     * meets data ({@code fit}, {@code evaluate}, {@code predict}, the one-batch methods), once: a layer shared by a
     * later model keeps the first path, as in Keras. Until then, and for a variable no model owns, the name.
     */
    public String path() {
        String p = path;
        return p != null ? p : name;
    }

    /** Sets the path if none is set yet (see {@link #path()}). */
    void givePath(String newPath) {
        if (path == null) {
            path = Objects.requireNonNull(newPath, "path");
        }
    }

    /** Whether optimizers update it and gradient tapes watch it automatically. */
    public boolean trainable() {
        return trainable;
    }

    /** Sets whether the variable is trainable. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /**
     * The projection applied after each optimizer update (Keras's {@code variable.constraint}): Strata's optimizers
     * assign {@code constraint.apply(variable)} to the variable once its update is done. Null (the default) for none.
     * Layers set it from their constraint arguments ({@code dev.strata.constraints}).
     */
    public UnaryOperator<Tensor> constraint() {
        return constraint;
    }

    /** Sets the projection applied after each optimizer update (null for none); see {@link #constraint()}. */
    public void setConstraint(UnaryOperator<Tensor> constraint) {
        this.constraint = constraint;
    }

    /**
     * Not supported: a variable's values change with training, so a mask cannot stay attached to them. Apply the
     * layer to the value the variable computes (any op's result) instead.
     */
    @Override
    public Tensor withMask(Tensor newMask) {
        throw new IllegalArgumentException("withMask: variable '" + name + "' cannot carry a mask; attach it to a "
                + "value computed from the variable instead");
    }

    @Override
    public Shape shape() {
        return shape;
    }

    /** A snapshot of the current value, as a plain tensor that later assignments do not change. */
    public Tensor value() {
        return new DenseTensor(value.clone(), shape);
    }

    /**
     * Replaces the value.
     *
     * @throws ShapeException if {@code newValue}'s shape differs from the variable's
     */
    public void assign(Tensor newValue) {
        float[] src = checkedSource(newValue, "assign");
        changed();
        System.arraycopy(src, 0, value, 0, value.length);
    }

    /** Adds {@code delta} to the value. */
    public void assignAdd(Tensor delta) {
        float[] src = checkedSource(delta, "assignAdd");
        changed();
        for (int i = 0; i < value.length; i++) {
            value[i] += src[i];
        }
    }

    /** Subtracts {@code delta} from the value. */
    public void assignSub(Tensor delta) {
        float[] src = checkedSource(delta, "assignSub");
        changed();
        for (int i = 0; i < value.length; i++) {
            value[i] -= src[i];
        }
    }

    private float[] checkedSource(Tensor t, String op) {
        if (!t.shape().equals(shape)) {
            throw new ShapeException("Variable '" + name + "'." + op + ": value of shape " + t.shape()
                    + " does not match the variable's shape " + shape);
        }
        return TensorAccess.data(t);
    }

    /** The live storage: the library's optimizers update it in place, so any derived value is stale from here on. */
    float[] storage() {
        changed();
        return value;
    }

    private void changed() {
        version++; // training is single-caller (class comment), so no two threads bump it at once
        derived = null;
    }

    /** See {@link dev.strata.internal.TensorAccess#derived}; racing callers may each make the value once. */
    @SuppressWarnings("unchecked")
    <T> T derived(Function<float[], T> make) {
        long at = version;
        Derived d = derived;
        if (d != null && d.version() == at && d.maker() == make.getClass()) {
            return (T) d.value();
        }
        T made = make.apply(value);
        if (version == at) {
            derived = new Derived(at, make.getClass(), made);
        }
        return made;
    }

    @Override
    public float[] toFloatArray() {
        return value.clone();
    }

    @Override
    public float get(int... index) {
        return value[DenseTensor.flatIndex(shape, index)];
    }

    @Override
    public float item() {
        return DenseTensor.singleElement(value, shape);
    }

    @Override
    public String toString() {
        return TensorFormat.format(value, shape, "Variable '" + name + "'");
    }
}
