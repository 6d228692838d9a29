package dev.strata.ops;

import dev.strata.internal.OpSpec;
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
    /** {@code keras.ops.equal(x1, x2)}. */
    static final OpSpec EQUAL = OpSpec.op("equal").numpy("Equal").binary()
            .rebuild((in, args) -> equal(in.get(0), in.get(1)));
    /** {@code keras.ops.not_equal(x1, x2)}. */
    static final OpSpec NOT_EQUAL = OpSpec.op("not_equal").numpy("NotEqual").binary()
            .rebuild((in, args) -> notEqual(in.get(0), in.get(1)));
    /** {@code keras.ops.greater(x1, x2)}. */
    static final OpSpec GREATER = OpSpec.op("greater").numpy("Greater").binary()
            .rebuild((in, args) -> greater(in.get(0), in.get(1)));
    /** {@code keras.ops.greater_equal(x1, x2)}. */
    static final OpSpec GREATER_EQUAL = OpSpec.op("greater_equal").numpy("GreaterEqual").binary()
            .rebuild((in, args) -> greaterEqual(in.get(0), in.get(1)));
    /** {@code keras.ops.less(x1, x2)}. */
    static final OpSpec LESS = OpSpec.op("less").numpy("Less").binary()
            .rebuild((in, args) -> less(in.get(0), in.get(1)));
    /** {@code keras.ops.less_equal(x1, x2)}. */
    static final OpSpec LESS_EQUAL = OpSpec.op("less_equal").numpy("LessEqual").binary()
            .rebuild((in, args) -> lessEqual(in.get(0), in.get(1)));
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
            return OpSupport.record(spec(op), out, in -> apply(op, in.get(0), in.get(1)), a, b);
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

    /** The op's spec, for graph nodes. */
    private static OpSpec spec(BinaryOp op) {
        return switch (op) {
            case EQUAL -> EQUAL;
            case NOT_EQUAL -> NOT_EQUAL;
            case GREATER -> GREATER;
            case GREATER_EQUAL -> GREATER_EQUAL;
            case LESS -> LESS;
            case LESS_EQUAL -> LESS_EQUAL;
            default -> throw new IllegalArgumentException("not a comparison: " + op);
        };
    }
}
