package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.internal.TensorAccess;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Applies a {@link CustomGradient}, as Keras's {@code custom_gradient} with the JAX backend: the value is {@code
 * f(args)}'s, and a tape records one entry for it whose rule is {@code f}'s gradient function (what {@code f}
 * computes inside is recorded too, but no gradient reaches it: the result is a new tensor). Given symbolic
 * arguments it records one node that applies the function again to concrete inputs, so a model run from the graph
 * keeps the custom gradient; its shape comes from running {@code f} on the symbolic arguments. Such a graph cannot
 * be saved: a {@code .keras} file cannot hold a Java function, as Keras cannot save the Python one (Keras records
 * the forward's ops and drops the custom gradient instead).
 */
final class CustomGradientOp {
    /** No Keras form: Keras's custom_gradient is a decorator around a Python function, not an op. */
    static final OpSpec SPEC = OpSpec.op("custom_gradient").noKerasForm("a custom gradient is a Java function, "
            + "which a .keras file cannot hold (Keras cannot save its Python function either); rebuild the model "
            + "in code, or save its weights");

    private CustomGradientOp() {
    }

    static CustomGradient.Function wrap(CustomGradient f) {
        java.util.Objects.requireNonNull(f, "customGradient: the function");
        return args -> apply(f, args);
    }

    static Tensor apply(CustomGradient f, Tensor... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("customGradient: the function needs at least one tensor argument");
        }
        CustomGradient.Result r = f.apply(args.clone());
        if (r == null) {
            throw new IllegalArgumentException("customGradient: the function returned null instead of a result");
        }
        Tensor value = r.value();
        if (Arrays.stream(args).anyMatch(Tensor::isSymbolic)) {
            return OpSupport.record(SPEC, value.shape(), in -> apply(f, in.toArray(Tensor[]::new)), args);
        }
        if (value.isSymbolic()) {
            throw new IllegalArgumentException("customGradient: the function returned a symbolic value for concrete "
                    + "arguments");
        }
        float[] data = OpSupport.data(value);
        // a new tensor (the value may be an argument, or recorded by its own op): its one rule is the custom one
        Tensor y = TensorAccess.wrap(TensorAccess.isImmutable(value) ? data : data.clone(), value.shape());
        Shape[] shapes = Arrays.stream(args).map(Tensor::shape).toArray(Shape[]::new);
        OpSupport.gradient(y, args.clone(), (g, needed) -> {
            Tensor[] grads = r.gradient().apply(g);
            if (grads == null || grads.length != shapes.length) {
                throw new IllegalStateException("customGradient: the gradient function returned "
                        + (grads == null ? "null" : grads.length + " gradient(s)") + " for " + shapes.length
                        + " argument(s); it must return one per argument (null for none)");
            }
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] != null && !grads[i].shape().equals(shapes[i])) {
                    throw new IllegalStateException("customGradient: the gradient for argument " + i + " has shape "
                            + grads[i].shape() + ", but the argument has shape " + shapes[i]);
                }
            }
            return grads;
        });
        return y;
    }
}
