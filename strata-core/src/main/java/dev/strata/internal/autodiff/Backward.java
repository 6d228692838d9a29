package dev.strata.internal.autodiff;

import dev.strata.tensor.Tensor;

/**
 * The gradient rule of one recorded op application: given the gradient of the target with respect to the
 * op's output, the gradients with respect to its inputs. Rules are written with differentiable ops, so a
 * tape that is recording while another tape computes gradients records them too (second derivatives).
 */
@FunctionalInterface
public interface Backward {
    /**
     * @param upstream the gradient with respect to the op's output (same shape as the output)
     * @param needed   {@code needed[i]} is false when input {@code i}'s gradient will not be used; the rule may
     *                 skip it and return {@code null} there (worth it when it is expensive, as for matmul)
     * @return one gradient per input, shaped like that input, or {@code null} where there is none
     */
    Tensor[] gradients(Tensor upstream, boolean[] needed);
}
