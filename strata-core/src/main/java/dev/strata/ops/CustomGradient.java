package dev.strata.ops;

import dev.strata.tensor.Tensor;

/**
 * A function that returns its value and its own gradient function, as the function Keras's {@code
 * @keras.ops.custom_gradient} decorates ({@code f(*args) -> (output, grad_fn)}); {@link Ops#customGradient} makes it
 * a function whose gradient under a {@link dev.strata.autodiff.GradientTape} is the one given:
 *
 * <pre>{@code
 * CustomGradient.Function log1pexp = Ops.customGradient(args -> {
 *     Tensor e = Ops.exp(args[0]);
 *     return CustomGradient.result(Ops.log(Ops.add(e, 1f)),
 *             upstream -> new Tensor[] {Ops.multiply(upstream, Ops.subtract(Tensor.scalar(1f),
 *                     Ops.divide(Tensor.scalar(1f), Ops.add(e, 1f))))});
 * });
 * Tensor y = log1pexp.apply(x);
 * }</pre>
 */
@FunctionalInterface
public interface CustomGradient {
    /**
     * Computes the value from the arguments and says how its gradient reaches them. Under a tape, nothing it
     * computes is differentiated: only the returned gradient function is.
     */
    Result apply(Tensor... args);

    /**
     * Keras's {@code (output, grad_fn)}.
     *
     * @param value    the output (any shape)
     * @param gradient the gradients with respect to the arguments, given the output's
     */
    record Result(Tensor value, Gradient gradient) {
        public Result {
            java.util.Objects.requireNonNull(value, "value");
            java.util.Objects.requireNonNull(gradient, "gradient");
        }
    }

    /** Keras's {@code grad_fn(upstream)}: one gradient per argument, shaped like it (null: none). */
    @FunctionalInterface
    interface Gradient {
        /** The gradients with respect to the arguments, given {@code upstream}, the gradient of the output. */
        Tensor[] apply(Tensor upstream);
    }

    /** The function {@link Ops#customGradient} returns: the value of {@code f}, differentiated by its gradient. */
    @FunctionalInterface
    interface Function {
        /** {@code f(args).value()}, recorded with {@code f(args).gradient()} as its gradient rule. */
        Tensor apply(Tensor... args);
    }

    /** {@code new Result(value, gradient)}. */
    static Result result(Tensor value, Gradient gradient) {
        return new Result(value, gradient);
    }
}
