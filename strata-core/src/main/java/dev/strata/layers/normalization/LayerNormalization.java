package dev.strata.layers.normalization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalizes each sample over {@code axis} (default the last), then scales by {@code gamma} and shifts by
 * {@code beta}; like {@code keras.layers.LayerNormalization}. It behaves the same in training and inference.
 * Defaults are Keras's: axis -1, epsilon 1e-3, center and scale on.
 *
 * <pre>{@code
 * Tensor y = new LayerNormalization().apply(x);
 * Layer overTwo = new LayerNormalization().axis(-2, -1);
 * }</pre>
 *
 * <p>The output is computed as Keras does: {@code x·inv + (beta - mean·inv)} with
 * {@code inv = gamma / √(variance + epsilon)}, the mean and (population) variance taken over the axes.
 * Weights: {@code gamma}, then {@code beta}, shaped like the normalized axes.
 */
public class LayerNormalization extends BaseNormalization<LayerNormalization> {
    private int[] axes = {-1};
    private boolean axisGivenAsList;
    private int[] normalized; // the axes, non-negative and sorted
    private Shape broadcastShape;

    /** A layer with Keras's defaults. */
    public LayerNormalization() {
    }

    /**
     * The axis or axes to normalize over (default -1). Several axes act as one group: one mean and variance per
     * sample over all of them, and gamma/beta shaped like those axes.
     *
     * @throws IllegalArgumentException if no axis is given
     */
    public LayerNormalization axis(int... axes) {
        requireNotBuilt("axis");
        if (axes.length == 0) {
            throw new IllegalArgumentException(describe() + ": give at least one axis");
        }
        this.axes = axes.clone();
        this.axisGivenAsList = axes.length > 1;
        return this;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int[] sorted = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw new ShapeException(describe() + ": axis " + axes[i] + " is out of bounds for input shape "
                        + inputShape);
            }
            sorted[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        Arrays.sort(sorted);
        int[] paramShape = new int[sorted.length];
        int[] bshape = new int[rank];
        Arrays.fill(bshape, 1);
        for (int i = 0; i < sorted.length; i++) {
            int d = inputShape.get(sorted[i]);
            if (d == Shape.UNKNOWN) {
                throw new ShapeException(describe() + " needs the size of axis " + sorted[i] + " to be known, got "
                        + "input shape " + inputShape);
            }
            paramShape[i] = d;
            bshape[sorted[i]] = d;
        }
        normalized = sorted;
        broadcastShape = Shape.of(bshape);
        addGammaAndBeta(Shape.of(paramShape));
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        if (in.rank() != broadcastShape.rank()) {
            throw new ShapeException(describe() + " was built for inputs of rank " + broadcastShape.rank()
                    + " (shape " + buildInputShapes().getFirst() + "), but received shape " + in);
        }
        for (int a : normalized) {
            if (in.get(a) != Shape.UNKNOWN && in.get(a) != broadcastShape.get(a)) {
                throw new ShapeException(describe() + " expected axis " + a + " of size " + broadcastShape.get(a)
                        + " (built for shape " + buildInputShapes().getFirst() + "), but received shape " + in);
            }
        }
        // keras.ops.layer_normalization, as Keras's layer calls it: the same operations in the same order
        return Ops.layerNormalization(input, gamma == null ? null : broadcastable(gamma),
                beta == null ? null : broadcastable(beta), normalized, (float) epsilon);
    }

    private Tensor broadcastable(Tensor param) {
        boolean lastOnly = normalized.length == 1 && normalized[0] == broadcastShape.rank() - 1;
        return lastOnly ? param : Ops.reshape(param, broadcastShape);
    }

    /** Keras's {@code LayerNormalization.from_config}; RMS scaling is accepted only as off. */
    public static LayerNormalization fromConfig(Config c) {
        LayerNormalization ln = new LayerNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            ln.axis(axis);
        }
        c.requireDefault("rms_scaling", false, "Strata's LayerNormalization has no RMS scaling");
        return ln.readCommon(c);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        // Keras keeps the axis as given until build, then stores it as a sorted list.
        Object axisValue;
        if (isBuilt() || axisGivenAsList) {
            int[] shown = axes.clone();
            if (isBuilt()) {
                Arrays.sort(shown);
            }
            axisValue = Arrays.stream(shown).boxed().toList();
        } else {
            axisValue = axes[0];
        }
        config.put("axis", axisValue);
        config.put("epsilon", epsilon);
        config.put("center", center);
        config.put("scale", scale);
        config.put("rms_scaling", false);
        putWeightOptions(config);
        return config;
    }

    /** The axes, as given. */
    public List<Integer> axes() {
        return Arrays.stream(axes).boxed().toList();
    }

}
