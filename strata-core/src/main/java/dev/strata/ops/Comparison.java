package dev.strata.ops;

import dev.strata.internal.kernels.BinaryOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The six elementwise comparisons (equal, notEqual, greater, greaterEqual, less, lessEqual), broadcast,
 * giving 1 for true and 0 for false. One class for all six: they differ only in the kernel op. Not
 * differentiable (nothing is recorded, so a target that depends on x only through a comparison gets no
 * gradient).
 */
final class Comparison {
    private Comparison() {
    }

    static Tensor equal(Tensor a, Tensor b) {
        return apply(BinaryOp.EQUAL, a, b);
    }

    static Tensor notEqual(Tensor a, Tensor b) {
        return apply(BinaryOp.NOT_EQUAL, a, b);
    }

    static Tensor greater(Tensor a, Tensor b) {
        return apply(BinaryOp.GREATER, a, b);
    }

    static Tensor greaterEqual(Tensor a, Tensor b) {
        return apply(BinaryOp.GREATER_EQUAL, a, b);
    }

    static Tensor less(Tensor a, Tensor b) {
        return apply(BinaryOp.LESS, a, b);
    }

    static Tensor lessEqual(Tensor a, Tensor b) {
        return apply(BinaryOp.LESS_EQUAL, a, b);
    }

    static Tensor apply(BinaryOp op, Tensor a, Tensor b) {
        Shape out = Broadcasting.shape(javaName(op), a.shape(), b.shape());
        if (a.isSymbolic() || b.isSymbolic()) {
            return OpSupport.record(kerasName(op), out, in -> apply(op, in.get(0), in.get(1)), a, b);
        }
        return Elementwise.binary(op, a, b, out);
    }

    /** The {@code Ops} method name, for messages. */
    private static String javaName(BinaryOp op) {
        return switch (op) {
            case EQUAL -> "equal";
            case NOT_EQUAL -> "notEqual";
            case GREATER -> "greater";
            case GREATER_EQUAL -> "greaterEqual";
            case LESS -> "less";
            case LESS_EQUAL -> "lessEqual";
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }

    /** The {@code keras.ops} name, for graph nodes. */
    private static String kerasName(BinaryOp op) {
        return op.name().toLowerCase(java.util.Locale.ROOT);
    }
}
