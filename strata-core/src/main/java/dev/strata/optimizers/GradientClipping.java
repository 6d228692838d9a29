package dev.strata.optimizers;

import java.util.Map;

/**
 * An optimizer's gradient clipping, as Keras's {@code BaseOptimizer._clip_gradients} does it: {@code clipnorm}
 * (per tensor), else {@code global_clipnorm}, else {@code clipvalue}, in Keras's float32 arithmetic. At most one of
 * the three is set. Clipped values go into a scratch buffer owned here, never into the caller's gradient.
 */
final class GradientClipping {
    /** The thresholds as Keras holds them (Python floats), or NaN when unset. */
    private double clipnorm = Double.NaN;
    private double globalClipnorm = Double.NaN;
    private double clipvalue = Double.NaN;
    /** Holds one clipped gradient at a time; sized to the largest variable by {@link #allocate}. */
    private float[] scratch;

    /**
     * Sets {@code option} ({@code "clipnorm"}, {@code "global_clipnorm"} or {@code "clipvalue"}) to {@code value}.
     *
     * @throws IllegalArgumentException if the value is not positive and finite, or another option is set
     */
    void set(String option, float value, String owner) {
        if (!(value > 0) || Float.isInfinite(value)) {
            throw new IllegalArgumentException(owner + ": " + option + " must be positive and finite, got " + value);
        }
        String other = null;
        if (!option.equals("clipnorm") && !Double.isNaN(clipnorm)) {
            other = "clipnorm=" + clipnorm;
        } else if (!option.equals("global_clipnorm") && !Double.isNaN(globalClipnorm)) {
            other = "global_clipnorm=" + globalClipnorm;
        } else if (!option.equals("clipvalue") && !Double.isNaN(clipvalue)) {
            other = "clipvalue=" + clipvalue;
        }
        if (other != null) {
            throw new IllegalArgumentException(owner + ": only one of clipnorm, clipvalue and global_clipnorm"
                    + " can be set; cannot set " + option + "=" + value + " because " + other + " is set");
        }
        double v = Optimizer.asDecimal(value);
        switch (option) {
            case "clipnorm" -> clipnorm = v;
            case "global_clipnorm" -> globalClipnorm = v;
            case "clipvalue" -> clipvalue = v;
            default -> throw new IllegalArgumentException("unknown clipping option " + option);
        }
    }

    /** Whether any clipping is set. */
    boolean active() {
        return !Double.isNaN(clipnorm) || !Double.isNaN(globalClipnorm) || !Double.isNaN(clipvalue);
    }

    /** Makes room for clipping gradients of up to {@code maxSize} elements (once, when the optimizer is built). */
    void allocate(int maxSize) {
        scratch = new float[maxSize];
    }

    /** Keras's config entries {@code clipnorm, global_clipnorm, clipvalue} (null when unset), in its order. */
    void addConfig(Map<String, Object> config) {
        config.put("clipnorm", orNull(clipnorm));
        config.put("global_clipnorm", orNull(globalClipnorm));
        config.put("clipvalue", orNull(clipvalue));
    }

    /** The factor every gradient is multiplied by under {@code global_clipnorm} this step; NaN when it is unset. */
    float globalScale(float[][] grads) {
        return Double.isNaN(globalClipnorm) ? Float.NaN : globalClipScale(grads);
    }

    /**
     * The gradient after clipping, in Keras's float32 arithmetic. Returns {@code g} itself when no clipping is
     * set; otherwise the result goes into the scratch buffer (never into {@code g}, which the caller owns).
     */
    float[] clip(float[] g, float globalScale) {
        if (!Double.isNaN(clipnorm)) {
            // _clip_by_norm: (g * clipnorm) / max(l2norm, clipnorm), with l2norm = 0 for an all-zero gradient
            float c = (float) clipnorm;
            float l2sum = sumOfSquares(g);
            float l2norm = l2sum > 0 ? (float) Math.sqrt(l2sum) : l2sum;
            // XLA divides by the broadcast scalar as a multiplication by its float32 reciprocal
            float perDenominator = 1f / Math.max(l2norm, c);
            for (int i = 0; i < g.length; i++) {
                scratch[i] = g[i] * c * perDenominator;
            }
            return scratch;
        }
        if (!Double.isNaN(globalClipnorm)) {
            for (int i = 0; i < g.length; i++) {
                scratch[i] = g[i] * globalScale;
            }
            return scratch;
        }
        if (!Double.isNaN(clipvalue)) {
            float hi = (float) clipvalue;
            float lo = -hi;
            for (int i = 0; i < g.length; i++) {
                scratch[i] = Math.min(Math.max(g[i], lo), hi); // NaN stays NaN, as in ops.clip
            }
            return scratch;
        }
        return g;
    }

    /**
     * Keras's {@code clip_by_global_norm} factor: {@code clip * min(1 / norm, 1 / clip) + (norm - norm)}. Note
     * that it is not exactly 1 when the norm is below the threshold ({@code 3 * float32(1/3)} is
     * {@code 1.0000001}), and the last term turns an infinite or NaN norm into NaN.
     */
    private float globalClipScale(float[][] grads) {
        double total = 0; // sum of the per-tensor float32 sums, like ops.sum(ops.stack(squared_norms))
        for (float[] g : grads) {
            if (g != null) {
                total += sumOfSquares(g);
            }
        }
        float norm = (float) Math.sqrt((float) total);
        float c = (float) globalClipnorm;
        float scale = c * Math.min(1f / norm, (float) (1.0 / globalClipnorm));
        return scale + (norm - norm);
    }

    /** The float32 sum of squares, accumulated in double so that it is the correctly rounded value. */
    private static float sumOfSquares(float[] g) {
        double sum = 0;
        for (float x : g) {
            float sq = x * x; // ops.square is float32
            sum += sq;
        }
        return (float) sum;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
