package dev.strata.layers.reshaping;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reshapes each sample to {@code targetShape}, keeping the batch: the output is (batch, *targetShape); like
 * {@code keras.layers.Reshape}. One entry may be -1, inferred from the sample's size.
 *
 * <pre>{@code
 * Tensor y = new Reshape(3, 4).apply(x);     // (None, 12) -> (None, 3, 4)
 * Tensor z = new Reshape(-1, 2, 2).apply(x); // (None, 12) -> (None, 3, 2, 2)
 * }</pre>
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    /**
     * Reshapes each sample to {@code targetShape} (batch excluded).
     *
     * @throws IllegalArgumentException if an entry is below -1 or -1 appears more than once
     */
    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            if (d < -1) {
                throw new IllegalArgumentException("Reshape: each dimension in target_shape must be a non-negative "
                        + "integer, or -1 for a single unknown dimension; got target_shape "
                        + Arrays.toString(targetShape));
            }
            if (d == -1) {
                unknown++;
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: there must be at most one unknown dimension (-1) in "
                    + "target_shape; got " + Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    @Override
    public Reshape named(String name) {
        super.named(name);
        return this;
    }

    /** The per-sample target shape, as given (a -1 not resolved). */
    public int[] targetShape() {
        return targetShape.clone();
    }

    @Override
    protected Tensor call(Tensor input) {
        return Ops.reshape(input, computeOutputShape(input.shape()));
    }

    /**
     * (batch, *targetShape) with a -1 resolved from the sample's size; it stays unknown if the sample has unknown
     * sizes, as in Keras.
     *
     * @throws ShapeException naming this layer if the input has no batch dimension or its samples' size does not
     *     fit the target shape
     */
    @Override
    protected Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() == 0) {
            throw new ShapeException(describe() + " needs an input with a batch dimension, got a scalar");
        }
        return outputPerSample(inputShape.subShape(1, inputShape.rank())).prepend(inputShape.get(0));
    }

    /** Keras's {@code compute_reshape_output_shape} on the per-sample shape. */
    private Shape outputPerSample(Shape sample) {
        int unknownAt = -1;
        long known = 1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i;
            } else {
                known *= targetShape[i];
            }
        }
        if (!sample.isFullyDefined()) {
            return Shape.of(targetShape); // a -1 stays unknown
        }
        long size = sample.size();
        if (unknownAt < 0) {
            if (size != known) {
                throw new ShapeException(describe() + ": the total size of the tensor must be unchanged; cannot "
                        + "reshape samples of shape " + sample + " (" + size + " elements) into target_shape "
                        + Arrays.toString(targetShape) + " (" + known + " elements)");
            }
            return Shape.of(targetShape);
        }
        if (known == 0 || size % known != 0) {
            throw new ShapeException(describe() + ": the total size of the tensor must be unchanged; samples of "
                    + "shape " + sample + " (" + size + " elements) cannot be divided by the known dimensions of "
                    + "target_shape " + Arrays.toString(targetShape));
        }
        int[] dims = targetShape.clone();
        dims[unknownAt] = (int) (size / known);
        return Shape.of(dims);
    }

    /** Keras's {@code Reshape.from_config}. */
    public static Reshape fromConfig(Config c) {
        int[] target = c.ints("target_shape");
        if (target == null) {
            throw c.error("missing 'target_shape'");
        }
        return new Reshape(target);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("target_shape", Arrays.stream(targetShape).boxed().toList());
        return config;
    }
}
