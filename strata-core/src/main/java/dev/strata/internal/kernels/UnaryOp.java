package dev.strata.internal.kernels;

/**
 * Elementwise unary maps that kernels implement directly (the transcendental ones benefit most from SIMD).
 * Ops compose everything else from these and {@link BinaryOp}.
 */
public enum UnaryOp {
    NEGATE, ABS, SIGN, SQUARE, SQRT, RSQRT, RECIPROCAL, EXP, EXPM1, LOG, LOG1P, TANH, SIGMOID, RELU,
    SOFTPLUS, SOFTSIGN, FLOOR, CEIL, ROUND;

    /** The reference definition, used by the scalar kernels and by tests (computed in double, then rounded). */
    public float apply(float x) {
        return switch (this) {
            case NEGATE -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case SQUARE -> x * x;
            case SQRT -> (float) Math.sqrt(x);
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case RECIPROCAL -> 1f / x;
            case EXP -> (float) Math.exp(x);
            case EXPM1 -> (float) Math.expm1(x);
            case LOG -> (float) Math.log(x);
            case LOG1P -> (float) Math.log1p(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> Math.max(x, 0f);
            case SOFTPLUS -> softplus(x);
            case SOFTSIGN -> x / (1f + Math.abs(x));
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ROUND -> (float) Math.rint(x); // half to even, as numpy.round
        };
    }

    /** 1 / (1 + e^-x), stable at both ends. */
    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), stable for large |x|. */
    static float softplus(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x))));
    }
}
