package dev.strata.internal.masks;

import dev.strata.ShapeException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;

/**
 * The one home of the rule by which a mask with extra trailing axes is made to fit a tensor, shared by
 * TimeDistributed, the recurrent layers' {@code mask=} argument and the Functional loader (see DESIGN.md, "Masks,
 * integer and string inputs"). Not exported; a package of its own because it computes with {@link Ops}, which the
 * {@code dev.strata.internal} level sits below.
 */
public final class Masks {
    private Masks() {
    }

    /** Whether a mask dimension fits a tensor dimension: equal, 1 (broadcast) or either unknown (as withMask). */
    private static boolean fits(int maskDim, int dim) {
        return maskDim == dim || maskDim == 1 || maskDim == Shape.UNKNOWN || dim == Shape.UNKNOWN;
    }

    /**
     * The mask Strata attaches where Keras passes on a mask that may have more axes than fit a tensor of
     * {@code shape} (Keras's TimeDistributed passes its input's mask to an output whose layer consumed the mask's
     * trailing axes, and Keras files record that mask for the next layer's call): the mask itself if it fits (its
     * axes are the tensor's leading ones, or it broadcasts from the last axis, as {@link Tensor#withMask}), else the
     * mask reduced with "any" over the axes after the longest leading run that fits, as Keras's recurrent layers (JAX
     * backend) read a mask with extra axes: a step is kept if any of its entries is.
     *
     * @param who the layer or place, for the error
     * @throws ShapeException if not even the mask's first axis fits the tensor's
     */
    public static Tensor fitting(Tensor mask, Shape shape, String who) {
        Shape m = mask.shape();
        int leading = 0;
        while (leading < Math.min(m.rank(), shape.rank()) && fits(m.get(leading), shape.get(leading))) {
            leading++;
        }
        if (leading == m.rank()) {
            return mask;
        }
        boolean trailing = m.rank() <= shape.rank();
        for (int i = 1; trailing && i <= m.rank(); i++) {
            trailing = fits(m.get(m.rank() - i), shape.get(shape.rank() - i));
        }
        if (trailing) {
            return mask;
        }
        if (leading == 0) {
            throw new ShapeException(who + ": a mask of shape " + m + " does not fit a tensor of shape " + shape
                    + "; a mask has the tensor's leading dimensions, e.g. (batch, time)");
        }
        int[] extra = new int[m.rank() - leading];
        for (int i = 0; i < extra.length; i++) {
            extra[i] = leading + i;
        }
        return Ops.any(mask, extra, false);
    }
}
