package dev.strata.layers.pooling;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * The mean over all steps of 1-D data, per channel, like
 * {@code keras.layers.GlobalAveragePooling1D(data_format=None, keepdims=False)}:
 * inputs {@code (batch, steps, channels)} (or channels
 * first) give {@code (batch, channels)}, or with {@code keepdims} the input's rank with spatial sizes of 1.
 * The gradient of each position is its share, {@code g / positions}.
 *
 * <p>A masked input ({@link Tensor#mask()}, shape {@code (batch, steps)}, e.g. from {@code Embedding} with
 * {@code maskZero}) is averaged over its unmasked steps only, as Keras does (a sample with every step masked gives
 * NaN there, as in Keras). The output carries no mask.
 *
 * <pre>{@code
 * Tensor features = new GlobalAveragePooling1D().apply(x);
 * }</pre>
 */
public class GlobalAveragePooling1D extends BaseGlobalPooling<GlobalAveragePooling1D> {
    /** A layer with Keras's defaults: channels_last, spatial axes dropped. */
    public GlobalAveragePooling1D() {
        super(1, false);
    }

    @Override
    protected Tensor call(Tensor input) {
        Tensor mask = input.mask().orElse(null);
        if (mask == null) {
            return super.call(input);
        }
        BasePooling.requireRank(this, input.shape(), 1, dataFormat());
        boolean channelsFirst = dataFormat().equals(DataFormat.CHANNELS_FIRST);
        int steps = channelsFirst ? 2 : 1;
        if (mask.shape().rank() != 2) {
            throw new ShapeException(describe() + ": the mask must be (batch, steps); input shape " + input.shape()
                    + " (" + dataFormat() + "), mask shape " + mask.shape());
        }
        Tensor keep = Ops.expandDims(Ops.greater(mask, 0f), channelsFirst ? 1 : 2);
        Tensor sum = Ops.sum(Ops.where(keep, input, Tensor.scalar(0f)), new int[] {steps}, keepdims());
        return Ops.divide(sum, Ops.sum(keep, new int[] {steps}, keepdims()));
    }

    /** Its call reads the mask (Keras's {@code call(..., mask=None)}): graphs record it with the node. */
    @Override
    protected boolean callTakesMask() {
        return true;
    }

    /** Consumes the mask (Keras's {@code compute_mask} returns None): the steps are averaged away. */
    @Override
    protected Tensor computeMask(Tensor input, Tensor previousMask) {
        return null;
    }

    /** Keras's {@code GlobalAveragePooling1D.from_config}. */
    public static GlobalAveragePooling1D fromConfig(Config c) {
        return readConfig(c, new GlobalAveragePooling1D());
    }
}
