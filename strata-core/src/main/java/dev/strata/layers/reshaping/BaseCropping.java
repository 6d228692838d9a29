package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * The cropping layers ({@link Cropping2D}, {@link Cropping3D}): rows removed at both ends of each spatial axis, by a
 * slice; the gradient puts the upstream gradient back where the kept rows were.
 *
 * @param <L> the concrete layer, returned by the fluent setters
 */
abstract class BaseCropping<L extends BaseCropping<L>> extends BasePadOrCrop<L> {

    BaseCropping(int rank, int[][] cropping) {
        super(rank, "cropping", cropping);
    }

    /** The {@code {before, after}} amounts, one pair per spatial axis. */
    public int[][] cropping() {
        return amounts();
    }

    /**
     * The input's shape with each spatial size reduced by its cropping (unknown sizes stay unknown).
     *
     * @throws ShapeException naming the layer if the input's rank is wrong or a cropping is not smaller than its
     *     axis
     */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        Spatial.requireRank(this, inputShape, rank, dataFormat);
        int[] out = inputShape.toArray();
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < rank; i++) {
            int size = out[first + i];
            if (size == Shape.UNKNOWN) {
                continue;
            }
            if (amounts[i][0] + amounts[i][1] >= size) {
                throw new ShapeException(describe() + ": the cropping " + Arrays.deepToString(amounts)
                        + " must be smaller than the spatial sizes of the input, got shape " + inputShape
                        + " (data_format " + dataFormat + ")");
            }
            out[first + i] = size - amounts[i][0] - amounts[i][1];
        }
        return Shape.of(out);
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape out = computeOutputShape(input.shape());
        int[] start = new int[out.rank()];
        int first = Spatial.firstSpatialAxis(dataFormat);
        for (int i = 0; i < rank; i++) {
            start[first + i] = amounts[i][0];
        }
        return Ops.slice(input, start, out.toArray());
    }
}
