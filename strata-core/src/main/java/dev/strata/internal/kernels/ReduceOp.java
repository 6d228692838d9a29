package dev.strata.internal.kernels;

/** Associative reductions over a span of floats. */
public enum ReduceOp {
    SUM, MAX, MIN, PROD;

    /** The value of the reduction over no elements. */
    public float identity() {
        return switch (this) {
            case SUM -> 0f;
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
            case PROD -> 1f;
        };
    }

    /** Combines two partial results (NaN propagates through MAX and MIN). */
    public float combine(float a, float b) {
        return switch (this) {
            case SUM -> a + b;
            case MAX -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.max(a, b);
            case MIN -> Float.isNaN(a) || Float.isNaN(b) ? Float.NaN : Math.min(a, b);
            case PROD -> a * b;
        };
    }
}
