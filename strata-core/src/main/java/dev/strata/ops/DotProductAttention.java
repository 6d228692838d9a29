package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Scaled dot-product attention, as {@code keras.ops.dot_product_attention} computes it on JAX's CPU path
 * ({@code jax.nn.dot_product_attention}, XLA implementation): query (B, T, N, H), key and value (B, S, K, H) with N
 * a multiple of K (grouped-query attention: query head n reads key head {@code n / (N / K)}); only rank 4,
 * as Keras's JAX backend. {@code logits = einsum(BTNH,BSNH->BNTS)·scale} (scale defaults to {@code 1/√H}),
 * plus bias; where the mask (non-zero: attend) and, with isCausal, the lower triangle do not hold, the logits
 * become {@code -0.7·Float.MAX_VALUE}; softmax over S; {@code einsum(BNTS,BSNH->BTNH)} with value. Bias and mask
 * broadcast to (B, N, T, S) after leading axes are added, as jax.nn's. (Keras falls back to its own copy of that
 * code when jax.nn refuses a mask that is not boolean, as in a saved graph, where Strata's masks are float32; that
 * copy adds a rank 1 to 3 bias or mask's missing axes elsewhere: give 4D ones to graphs Python Keras will run.) Composed of differentiable ops: gradients for query, key,
 * value and bias are JAX's.
 */
final class DotProductAttention {
    /** JAX's {@code _get_large_negative(float32)}. */
    private static final float LARGE_NEGATIVE = -0.7f * Float.MAX_VALUE;

    /**
     * {@code keras.ops.dot_product_attention(query, key, value, bias=None, mask=None, scale=None, is_causal=False,
     * flash_attention=None, attn_logits_soft_cap=None)}; Keras passes bias, mask and scale by keyword.
     */
    static final OpSpec SPEC = OpSpec.op("dot_product_attention").nn("DotProductAttention").variadic()
            .tensorKeywords(3, "bias", "mask").keyword("scale", Type.OPTIONAL_FLOAT, null)
            .config("is_causal", Type.BOOL, false)
            .ignored("flash_attention", null, "on a CPU, JAX computes attention the one way Strata does")
            .fixed("attn_logits_soft_cap", null, "Keras supports it only for JAX on TPU")
            .rebuild((in, args) -> apply(in.get(0), in.get(1), in.get(2), BatchNorm.at(in, 3), BatchNorm.at(in, 4),
                    args.optionalNumber("scale"), args.bool("is_causal")));

    private DotProductAttention() {
    }

    static Tensor apply(Tensor query, Tensor key, Tensor value, Tensor bias, Tensor mask, Float scale,
                        boolean isCausal) {
        Shape q = query.shape();
        Shape k = key.shape();
        Shape v = value.shape();
        if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4) {
            throw new ShapeException("dotProductAttention: query, key and value must all be 4D (batch, time, heads, "
                    + "depth), got query " + q + ", key " + k + ", value " + v);
        }
        if (!k.isCompatibleWith(v)) {
            throw new ShapeException("dotProductAttention: key and value must have the same shape, got key " + k
                    + " and value " + v);
        }
        if (!compatible(q.get(-1), k.get(-1)) || !compatible(q.get(0), k.get(0))) {
            throw new ShapeException("dotProductAttention: query " + q + " must have key's batch size and depth, "
                    + "key " + k);
        }
        int n = q.get(-2);
        int kh = k.get(-2);
        if (n != Shape.UNKNOWN && kh != Shape.UNKNOWN && (kh == 0 || n % kh != 0)) {
            throw new ShapeException("dotProductAttention: the number of query heads must be a multiple of the key "
                    + "and value heads, got query " + q + " and key " + k);
        }
        Shape logits = Shape.of(q.get(0), n, q.get(-3), k.get(-3));
        check("bias", bias, logits);
        check("mask", mask, logits);
        boolean symbolic = query.isSymbolic() || key.isSymbolic() || value.isSymbolic()
                || (bias != null && bias.isSymbolic()) || (mask != null && mask.isSymbolic());
        if (symbolic) {
            // a mask without a bias is written after a bias of 0 (no value changes; 4D, which both of Keras's JAX
            // paths broadcast), as Keras's positions go
            Tensor[] in = mask != null ? new Tensor[] {query, key, value, bias != null ? bias : Tensor.zeros(1, 1, 1, 1),
                mask}
                    : bias != null ? new Tensor[] {query, key, value, bias} : new Tensor[] {query, key, value};
            return OpSupport.record(SPEC.args(scale, isCausal), q, t -> apply(t.get(0), t.get(1), t.get(2),
                    BatchNorm.at(t, 3), BatchNorm.at(t, 4), scale, isCausal), in);
        }
        if (n != kh) { // grouped-query attention: each key and value head serves n / kh query heads in a row
            key = Repeat.apply(key, n / kh, 2);
            value = Repeat.apply(value, n / kh, 2);
        }
        float s = scale != null ? scale : (float) (1.0 / Math.sqrt(q.get(3)));
        Tensor x = Multiply.apply(Einsum.apply("btnh,bsnh->bnts", List.of(query, key)), Tensor.scalar(s));
        if (bias != null) {
            x = Add.apply(x, bias);
        }
        if (mask != null || isCausal) {
            Tensor keep = mask;
            if (isCausal) {
                Tensor causal = Triangular.tril(Tensor.ones(q.get(1), k.get(1)), 0);
                keep = keep == null ? causal : Logical.and(keep, causal);
            }
            x = Where.apply(keep, x, Tensor.scalar(LARGE_NEGATIVE));
        }
        return Einsum.apply("bnts,bsnh->btnh", List.of(Softmax.apply(x, -1), value));
    }

    private static boolean compatible(int a, int b) {
        return a == Shape.UNKNOWN || b == Shape.UNKNOWN || a == b;
    }

    /** Bias and mask: at most rank 4, broadcastable to the logits (B, N, T, S) once leading axes are added. */
    private static void check(String what, Tensor t, Shape logits) {
        if (t == null) {
            return;
        }
        Shape s = t.shape();
        boolean ok = s.rank() <= 4;
        for (int i = 1; ok && i <= s.rank(); i++) {
            int d = s.get(-i);
            int want = logits.get(4 - i);
            ok = d == 1 || d == Shape.UNKNOWN || want == Shape.UNKNOWN || d == want;
        }
        if (!ok) {
            throw new ShapeException("dotProductAttention: " + what + " of shape " + s + " must broadcast to the "
                    + "logits' shape (batch, heads, query time, key time) = " + logits);
        }
    }
}
