package dev.strata.layers.reshaping;

import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;

/**
 * The zero-padding layers ({@link ZeroPadding1D}, {@link ZeroPadding2D}, {@link ZeroPadding3D}): rows of zeros at
 * both ends of each spatial axis, by Keras's {@code ops.pad}; the gradient is the slice of the upstream gradient
 * where the input sits.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
abstract class BaseZeroPadding<L extends BaseZeroPadding<L>> extends BasePadOrCrop<L> {

    BaseZeroPadding(int rank, int[][] padding) {
        super(rank, "padding", padding);
    }

    /** The {@code {before, after}} amounts, one pair per spatial axis. */
    public int[][] padding() {
        return amounts();
    }

    @Override
    protected Tensor call(Tensor input) {
        Spatial.requireRank(this, input.shape(), rank, dataFormat);
        int[][] all = new int[rank + 2][];
        for (int i = 0; i < all.length; i++) {
            all[i] = new int[] {0, 0};
        }
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < rank; i++) {
            all[first + i] = amounts[i];
        }
        return Ops.pad(input, all);
    }
}
