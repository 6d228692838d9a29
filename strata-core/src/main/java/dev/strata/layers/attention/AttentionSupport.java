package dev.strata.layers.attention;

import dev.strata.internal.TensorAccess;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the attention layers share: masks as Keras builds them, and Keras's two masked softmaxes. */
final class AttentionSupport {
    /** What Keras's Softmax layer (and Attention) puts in place of a masked logit, for float32. */
    static final float KERAS_LARGE_NEGATIVE = -1e9f;
    /** What jax's {@code dot_product_attention} puts in place of a masked logit ({@code -0.7 * finfo.max}). */
    static final float JAX_LARGE_NEGATIVE = -0.7f * Float.MAX_VALUE;

    private AttentionSupport() {
    }

    /**
     * Keras's causal mask for queries of length {@code t} and keys of length {@code s}: shape {@code (1, t, s)},
     * 1 where the key's position is at most the query's ({@code row >= column}), else 0.
     */
    static Tensor causalMask(int t, int s) {
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j <= Math.min(i, s - 1); j++) {
                m[i * s + j] = 1f;
            }
        }
        return Tensor.of(m, 1, t, s);
    }

    /** Keras's sliding-window mask: 1 where {@code |row - column| < window}, shape {@code (1, t, s)}. */
    static Tensor slidingWindowMask(int t, int s, int window) {
        float[] m = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                m[i * s + j] = Math.abs(i - j) < window ? 1f : 0f;
            }
        }
        return Tensor.of(m, 1, t, s);
    }

    /** The mask a tensor carries (Keras's {@code _keras_mask}), or null. */
    static Tensor maskOf(Tensor t) {
        return t.mask().orElse(null);
    }

    /**
     * The same values without their mask, as Keras's attention layers clear {@code _keras_mask} before the
     * projections (which do not support masking and would warn that they drop it).
     */
    static Tensor unmasked(Tensor t) {
        return !t.isSymbolic() && t.mask().isPresent() ? TensorAccess.attachMask(t, null, false) : t;
    }

    /**
     * Keras's {@code _compute_attention_mask} terms for masked inputs: {@code query_mask[..., None]} (B, T, 1) and
     * {@code value_mask[..., None, :]}, {@code key_mask[..., None, :]} (B, 1, S), anded; null without masks.
     */
    static Tensor inputMasks(Tensor queryMask, Tensor valueMask, Tensor keyMask) {
        Tensor auto = null;
        if (queryMask != null) {
            auto = Ops.expandDims(asBool(queryMask), -1);
        }
        if (valueMask != null) {
            auto = and(auto, Ops.expandDims(asBool(valueMask), -2));
        }
        if (keyMask != null) {
            auto = and(auto, Ops.expandDims(asBool(keyMask), -2));
        }
        return auto;
    }

    /** The output masks of an attention layer: the query's mask on the output, none on the scores. */
    static List<Tensor> queryMaskOnOutput(List<Tensor> previousMasks, int outputs) {
        List<Tensor> out = new ArrayList<>(Collections.nCopies(outputs, (Tensor) null));
        out.set(0, previousMasks.isEmpty() ? null : previousMasks.getFirst());
        return out;
    }

    /** The non-tensor keywords Keras writes with an attention layer's call: only the flags that are set. */
    static Map<String, Object> callKeywords(boolean returnAttentionScores, boolean useCausalMask) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (returnAttentionScores) {
            out.put("return_attention_scores", true);
        }
        if (useCausalMask) {
            out.put("use_causal_mask", true);
        }
        return out;
    }

    /** Keras's {@code mask.astype(bool)} as a 0/1 float tensor: 1 where {@code mask != 0}. */
    static Tensor asBool(Tensor mask) {
        return Ops.notEqual(mask, 0f);
    }

    /** The logical and of two 0/1 masks (null is "no mask"), broadcasting. */
    static Tensor and(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : Ops.multiply(a, b);
    }

    /**
     * The softmax over {@code axes} (the last ones) of {@code scores} with masked logits replaced by
     * {@code largeNegative}; with {@code zeroMasked}, masked positions are then set to 0 (Keras's Softmax layer,
     * which makes a fully masked row all zeros; jax's dot_product_attention leaves it uniform). {@code keep} is a
     * 0/1 mask broadcastable to {@code scores}, or null.
     */
    static Tensor maskedSoftmax(Tensor scores, Tensor keep, int axisCount, float largeNegative, boolean zeroMasked) {
        Tensor x = scores;
        Tensor condition = null;
        if (keep != null) {
            condition = Ops.greater(keep, 0.5f);
            x = Ops.where(condition, x, Tensor.scalar(largeNegative));
        }
        Tensor p;
        if (axisCount == 1) {
            p = Ops.softmax(x, -1);
        } else {
            int rank = x.rank();
            int[] axes = new int[axisCount];
            for (int i = 0; i < axisCount; i++) {
                axes[i] = rank - axisCount + i;
            }
            p = Ops.exp(Ops.subtract(x, Ops.logsumexp(x, axes, true)));
        }
        if (keep != null && zeroMasked) {
            p = Ops.where(condition, p, Tensor.scalar(0f));
        }
        return p;
    }
}
