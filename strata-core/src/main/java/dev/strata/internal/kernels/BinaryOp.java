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
            case POWER -> pow(a, b);
            case EQUAL -> a == b ? 1f : 0f;
            case NOT_EQUAL -> a != b ? 1f : 0f;
            case GREATER -> a > b ? 1f : 0f;
            case GREATER_EQUAL -> a >= b ? 1f : 0f;
            case LESS -> a < b ? 1f : 0f;
            case LESS_EQUAL -> a <= b ? 1f : 0f;
        };
    }

    /**
     * {@code a^b} with the IEEE 754 / C99 special cases that numpy and Keras use: {@code 1^b = 1} for every b,
     * NaN included, and {@code (-1)^±inf = 1}, where {@link Math#pow} gives NaN. Otherwise Math.pow in double.
     */
    static float pow(float a, float b) {
        if (a == 1f || (a == -1f && Float.isInfinite(b))) {
            return 1f;
        }
        return (float) Math.pow(a, b);
    }
}
