package dev.strata.layers.normalization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.initializers.Initializers;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Root-mean-square normalization, like {@code keras.layers.RMSNormalization}: each sample is divided by the root of
 * the mean of its squares over {@code axis} (default the last) and multiplied by a learned {@code scale}:
 * {@code x · rsqrt(mean(x²) + epsilon) · scale}. Unlike {@link LayerNormalization} it neither centres nor shifts.
 * Defaults are Keras's: axis -1, epsilon 1e-6, {@code scale} initialized to ones.
 *
 * <pre>{@code
 * Tensor y = new RMSNormalization().apply(x);
 * Layer looser = new RMSNormalization().epsilon(1e-5);
 * }</pre>
 *
 * <p>Several axes act as one group, and as in Keras the scale has the sizes of those axes in order, so they must be
 * the last axes of the input for it to broadcast. Weights: {@code scale}.
 */
public class RMSNormalization extends Layer {
    private int[] axes = {-1};
    private boolean axisGivenAsList;
    private double epsilon = 1e-6;
    private Variable scale;

    /** A layer with Keras's defaults. */
    public RMSNormalization() {
    }

    @Override
    public RMSNormalization named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The axis or axes to normalize over (default -1; several act as one group).
     *
     * @throws IllegalArgumentException if no axis is given
     */
    public RMSNormalization axis(int... axes) {
        requireNotBuilt("axis");
        if (axes.length == 0) {
            throw new IllegalArgumentException(describe() + ": give at least one axis");
        }
        this.axes = axes.clone();
        this.axisGivenAsList = axes.length > 1;
        return this;
    }

    /**
     * The small value added to the mean of squares (default 1e-6).
     *
     * @throws IllegalArgumentException if negative
     */
    public RMSNormalization epsilon(double epsilon) {
        requireNotBuilt("epsilon");
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException(describe() + ": epsilon must be >= 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** The axes, as given. */
    public List<Integer> axes() {
        return Arrays.stream(axes).boxed().toList();
    }

    /** Keras's {@code epsilon}. */
    public double epsilon() {
        return epsilon;
    }

    /** The learned scale (null until built). */
    public Variable scale() {
        return scale;
    }

    @Override
    protected void build(Shape inputShape) {
        int rank = inputShape.rank();
        int[] sorted = axes.clone();
        Arrays.sort(sorted); // Keras sorts the axes as given, negative ones included
        int[] scaleShape = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            int a = sorted[i];
            if (a < -rank || a >= rank) {
                throw new ShapeException(describe() + ": axis " + a + " is out of bounds for input shape "
                        + inputShape);
            }
            int d = inputShape.get(a < 0 ? a + rank : a);
            if (d == Shape.UNKNOWN) {
                throw new ShapeException(describe() + " needs the size of axis " + a + " to be known, got input "
                        + "shape " + inputShape);
            }
            scaleShape[i] = d;
        }
        // Keras multiplies by the scale as it is shaped: the axes' sizes in order, broadcast from the right.
        for (int i = 0; i < sorted.length; i++) {
            int d = inputShape.get(rank - sorted.length + i);
            if (d != Shape.UNKNOWN && d != scaleShape[i] && scaleShape[i] != 1) {
                throw new ShapeException(describe() + ": its scale has the sizes of axes " + Arrays.toString(sorted)
                        + ", " + Arrays.toString(scaleShape) + ", which do not broadcast against input shape "
                        + inputShape + " (as in Keras, the axes must be the input's last ones)");
            }
        }
        axes = sorted;
        scale = addWeight("scale", Shape.of(scaleShape), Initializers.ones(), true);
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape built = buildInputShapes().getFirst();
        Shape in = input.shape();
        if (in.rank() != built.rank()) {
            throw new ShapeException(describe() + " was built for inputs of rank " + built.rank() + " (shape " + built
                    + "), but received shape " + in);
        }
        for (int a : axes) {
            int axis = a < 0 ? a + in.rank() : a;
            if (in.get(axis) != Shape.UNKNOWN && in.get(axis) != built.get(axis)) {
                throw new ShapeException(describe() + " expected axis " + a + " of size " + built.get(axis)
                        + " (built for shape " + built + "), but received shape " + in);
            }
        }
        return Ops.rmsNormalization(input, scale, axes, (float) epsilon);
    }

    /** Keras's {@code RMSNormalization.from_config}: {@code axis} an integer or a list, and {@code epsilon}. */
    public static RMSNormalization fromConfig(Config c) {
        RMSNormalization layer = new RMSNormalization();
        int[] axis = c.ints("axis");
        if (axis != null) {
            layer.axis(axis);
            layer.axisGivenAsList = c.raw("axis") instanceof List<?>;
        }
        return layer.epsilon(c.number("epsilon", 1e-6));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        // Keras keeps the axis as given until build, then stores it as a sorted list.
        config.put("axis", isBuilt() || axisGivenAsList ? axes() : (Object) axes[0]);
        config.put("epsilon", epsilon);
        return config;
    }
}
