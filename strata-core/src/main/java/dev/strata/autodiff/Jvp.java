package dev.strata.autodiff;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Forward-mode products, like {@code keras.ops.linalg.jvp(fun, primals, tangents)} (JAX's {@code jax.jvp}), computed
 * with what the reverse-mode tape gives: the reverse pass of {@code fun} at the primals, seeded with a watched
 * cotangent {@code u}, is {@code Jᵀu}, linear in {@code u} and recorded by an outer tape (Strata's gradient rules
 * are differentiable ops); the gradient of {@code <Jᵀu, v>} with respect to {@code u} is then {@code Jv}. Exact, at
 * about the cost of two reverse passes. It needs the rules on the way to be differentiable ops, as every op's rule
 * is; the fused recurrent sequences (LSTM, GRU) have hand-written backward passes that an outer tape does not see
 * through, so their tangents come out as zero. Concrete tensors only; {@code has_aux} is not offered (return the
 * auxiliary value from your own code).
 */
public final class Jvp {
    private Jvp() {
    }

    /**
     * {@code [fun(primals), J·tangents]}: the value and its Jacobian-vector product, the tangent of the output given
     * one tangent per primal (each of its primal's shape).
     *
     * @throws IllegalArgumentException if the tangents do not match the primals in number or shape, or a tensor is
     *     symbolic
     */
    public static List<Tensor> jvp(Function<List<Tensor>, Tensor> fun, List<? extends Tensor> primals,
                                   List<? extends Tensor> tangents) {
        if (primals.size() != tangents.size() || primals.isEmpty()) {
            throw new IllegalArgumentException("jvp: needs one tangent per primal (and at least one), got "
                    + primals.size() + " primal(s) and " + tangents.size() + " tangent(s)");
        }
        for (int i = 0; i < primals.size(); i++) {
            Tensor p = primals.get(i);
            Tensor t = tangents.get(i);
            if (p.isSymbolic() || t.isSymbolic()) {
                throw new IllegalArgumentException("jvp: primals and tangents must be concrete tensors");
            }
            if (!p.shape().equals(t.shape())) {
                throw new IllegalArgumentException("jvp: tangent " + i + " has shape " + t.shape()
                        + ", but its primal has shape " + p.shape());
            }
        }
        List<Tensor> xs = new ArrayList<>(primals.size());
        for (Tensor p : primals) {
            xs.add(Ops.convertToTensor(p)); // fresh tensors: the same primal may be given twice, or be a variable
        }
        Tensor y;
        Tensor jv;
        try (GradientTape outer = GradientTape.record(false, false)) {
            Tensor u;
            List<Tensor> vjp;
            try (GradientTape inner = GradientTape.record(false, false)) {
                inner.watch(xs.toArray(Tensor[]::new));
                y = fun.apply(List.copyOf(xs));
                u = Tensor.zeros(y.shape());
                outer.watch(u);
                vjp = inner.gradient(y, xs, u);
            }
            Tensor s = null;
            for (int i = 0; i < xs.size(); i++) {
                if (vjp.get(i) != null) {
                    Tensor term = Ops.sum(Ops.multiply(vjp.get(i), tangents.get(i)));
                    s = s == null ? term : Ops.add(s, term);
                }
            }
            jv = s == null ? null : outer.gradient(s, u);
        }
        return List.of(y, jv == null ? Tensor.zeros(y.shape()) : jv);
    }
}
