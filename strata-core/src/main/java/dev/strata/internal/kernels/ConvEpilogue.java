package dev.strata.internal.kernels;

/**
 * What an inference convolution applies to each output channel as it writes its output: a layer's bias, a batch
 * normalization folded in as a scale and a shift per channel, then a clamp (relu is {@code [0, ∞)}, relu6
 * {@code [0, 6]}). Each step is the float operation of the separate pass it replaces, in the same order
 * ({@code ((acc + bias) · scale + shift)}, then {@code Math.max} with the low bound, then {@code Math.min} with the
 * high one), so the output has the same bits as the layers run one by one.
 *
 * @param bias  per channel, or null for none
 * @param scale per channel, or null for none (then shift is null too)
 * @param shift per channel, or null when scale is
 * @param lo    the clamp's low bound, {@code -∞} for none
 * @param hi    the clamp's high bound, {@code +∞} for none
 */
public record ConvEpilogue(float[] bias, float[] scale, float[] shift, float lo, float hi) {
    /**
     * Applies the epilogue to {@code rows} rows of {@code f} channels of y from {@code off}: the scalar twin of
     * {@link VectorConvKernels#epilogue}.
     */
    void apply(float[] y, int off, int rows, int f) {
        boolean low = lo != Float.NEGATIVE_INFINITY;
        boolean high = hi != Float.POSITIVE_INFINITY;
        for (int i = off; i < off + rows * f; i++) {
            int c = (i - off) % f;
            float v = y[i];
            if (bias != null) {
                v = v + bias[c];
            }
            if (scale != null) {
                v = v * scale[c] + shift[c];
            }
            if (low) {
                v = Math.max(v, lo);
            }
            if (high) {
                v = Math.min(v, hi);
            }
            y[i] = v;
        }
    }
}
