package dev.strata.layers.merging;

import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * Concatenation of concrete tensors composed from existing differentiable ops, used by {@link Concatenate}
 * until {@code Ops.concatenate} exists on this branch (then {@code Concatenate.call} should call it and this
 * class go). Each input is placed into its slice of the output axis by a 0/1 selection: the input is
 * broadcast over the output axis, {@code where} keeps it only at its own positions, and a sum over the input
 * axis collapses it. Selecting (not multiplying) keeps values exact, infinities included, and the gradient is
 * the matching slice of the upstream gradient. Costs O(n·total) per row, fine for the widths of dense models.
 */
final class ConcatFallback {
    private static final Tensor ZERO = Tensor.scalar(0f);

    private ConcatFallback() {
    }

    /** The inputs concatenated along {@code axis} (in [0, rank)) into a tensor of shape {@code out}. */
    static Tensor concatenate(List<? extends Tensor> xs, int axis, Shape out) {
        int rank = out.rank();
        int total = out.get(axis);
        int[] toLast = new int[rank];
        int[] back = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i != axis) {
                toLast[j++] = i;
            }
        }
        toLast[rank - 1] = axis;
        for (int i = 0; i < rank; i++) {
            back[toLast[i]] = i;
        }
        boolean moved = axis != rank - 1;
        Tensor result = null;
        int offset = 0;
        for (Tensor x : xs) {
            int n = x.shape().get(axis);
            if (n == 0) {
                continue;
            }
            Tensor xt = moved ? Ops.transpose(x, toLast) : x;
            Shape s = xt.shape();
            Tensor wide = Ops.broadcastTo(Ops.reshape(xt, s.append(1)), s.append(total));
            float[] select = new float[n * total];
            for (int k = 0; k < n; k++) {
                select[k * total + offset + k] = 1f;
            }
            Tensor placed = Ops.sum(Ops.where(Tensor.of(select, n, total), wide, ZERO), new int[] {-2}, false);
            result = result == null ? placed : Ops.add(result, placed);
            offset += n;
        }
        if (result == null) {
            return Tensor.zeros(out);
        }
        return moved ? Ops.transpose(result, back) : result;
    }
}
