package dev.strata.internal.kernels;

/** Elementwise binary maps. Comparisons produce 1 for true and 0 for false. */
public enum BinaryOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE, MAXIMUM, MINIMUM, POWER,
    EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL;

    /** The reference definition, used by the scalar kernels and by tests. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
            case MAXIMUM -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case MINIMUM -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
            case POWER -> (float) Math.pow(a, b);
            case EQUAL -> a == b ? 1f : 0f;
            case NOT_EQUAL -> a != b ? 1f : 0f;
            case GREATER -> a > b ? 1f : 0f;
            case GREATER_EQUAL -> a >= b ? 1f : 0f;
            case LESS -> a < b ? 1f : 0f;
            case LESS_EQUAL -> a <= b ? 1f : 0f;
        };
    }
}
