package dev.strata.ops;

import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The logical ops (logicalAnd, logicalOr, logicalXor, broadcast, and logicalNot), on truth values: any non-zero
 * value, NaN included, is true (as numpy's). They give 1 for true and 0 for false, as the comparisons do; one class
 * for the four, as they differ only in the truth table. Not differentiable (nothing is recorded).
 */
final class Logical {
    /** {@code keras.ops.logical_and(x1, x2)}. */
    static final OpSpec AND = OpSpec.op("logical_and").numpy("LogicalAnd").binary()
            .rebuild((in, args) -> and(in.get(0), in.get(1)));
    /** {@code keras.ops.logical_or(x1, x2)}. */
    static final OpSpec OR = OpSpec.op("logical_or").numpy("LogicalOr").binary()
            .rebuild((in, args) -> or(in.get(0), in.get(1)));
    /** {@code keras.ops.logical_xor(x1, x2)}. */
    static final OpSpec XOR = OpSpec.op("logical_xor").numpy("LogicalXor").binary()
            .rebuild((in, args) -> xor(in.get(0), in.get(1)));
    /** {@code keras.ops.logical_not(x)}. */
    static final OpSpec NOT = OpSpec.op("logical_not").numpy("LogicalNot").rebuild((in, args) -> not(in.get(0)));

    private Logical() {
    }

    static Tensor and(Tensor a, Tensor b) {
        return binary(AND, "logicalAnd", a, b);
    }

    static Tensor or(Tensor a, Tensor b) {
        return binary(OR, "logicalOr", a, b);
    }

    static Tensor xor(Tensor a, Tensor b) {
        return binary(XOR, "logicalXor", a, b);
    }

    static Tensor not(Tensor x) {
        if (x.isSymbolic()) {
            return OpSupport.record(NOT, x.shape(), in -> not(in.get(0)), x);
        }
        return Pointwise.map(x, v -> Pointwise.bool(v == 0f));
    }

    private static Tensor binary(OpSpec spec, String javaName, Tensor a, Tensor b) {
        Shape out = Broadcasting.shape(javaName, a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(spec, out, in -> binary(spec, javaName, in.get(0), in.get(1)), a, b);
        }
        Pointwise.Fn2 f;
        if (spec == AND) {
            f = (p, q) -> Pointwise.bool(p != 0f && q != 0f);
        } else if (spec == OR) {
            f = (p, q) -> Pointwise.bool(p != 0f || q != 0f);
        } else {
            f = (p, q) -> Pointwise.bool((p != 0f) != (q != 0f));
        }
        return Pointwise.map(a, b, out, f);
    }
}
