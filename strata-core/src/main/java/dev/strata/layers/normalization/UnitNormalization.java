package dev.strata.layers.normalization;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scales each sample to unit L2 norm along {@code axis} (default the last), like
 * {@code keras.layers.UnitNormalization}. It has no weights and behaves the same in training and inference. Several
 * axes act as one: the norm is taken over all of them together.
 *
 * <pre>{@code
 * Tensor unit = new UnitNormalization().apply(embeddings);
 * Layer perImage = new UnitNormalization(1, 2);
 * }</pre>
 *
 * <p>Computed as Keras's {@code ops.normalize(x, axis, order=2, epsilon=1e-12)}:
 * {@code x · min(1/√(Σx²), 1e12)}, so an all-zero slice stays zero.
 */
public class UnitNormalization extends Layer {
    /** Keras's cap on {@code 1 / norm}: {@code 1 / epsilon} with epsilon 1e-12. */
    private static final float MAX_INVERSE_NORM = (float) (1.0 / 1e-12);

    private final int[] axes;
    private final boolean axisGivenAsList;

    /** Normalizes along the last axis. */
    public UnitNormalization() {
        this(new int[] {-1}, false);
    }

    /**
     * Normalizes along {@code axes} together (one axis is Keras's integer form, several its list).
     *
     * @throws IllegalArgumentException if no axis is given
     */
    public UnitNormalization(int... axes) {
        this(axes, axes.length != 1);
    }

    private UnitNormalization(int[] axes, boolean asList) {
        if (axes.length == 0) {
            throw new IllegalArgumentException("UnitNormalization: give at least one axis");
        }
        this.axes = axes.clone();
        this.axisGivenAsList = asList;
    }

    @Override
    public UnitNormalization named(String name) {
        super.named(name);
        return this;
    }

    /** The axes, as given. */
    public List<Integer> axes() {
        return Arrays.stream(axes).boxed().toList();
    }

    @Override
    protected Tensor call(Tensor input) {
        Shape in = input.shape();
        for (int a : axes) {
            if (a < -in.rank() || a >= in.rank()) {
                List<Shape> built = buildInputShapes();
                throw new ShapeException(describe() + ": axis " + a + " is out of bounds for input shape " + in
                        + " (axis " + axisConfig() + (built.isEmpty() ? "" : "; built for shape " + built.getFirst())
                        + ")");
            }
        }
        Tensor squareSum = Ops.sum(Ops.square(input), axes, true);
        Tensor inverse = Ops.minimum(Ops.rsqrt(squareSum), MAX_INVERSE_NORM);
        return Ops.multiply(input, inverse);
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    private Object axisConfig() {
        return axisGivenAsList ? Arrays.stream(axes).boxed().toList() : (Object) axes[0];
    }

    /** Keras's {@code UnitNormalization.from_config}: {@code axis} an integer or a list. */
    public static UnitNormalization fromConfig(Config c) {
        Object raw = c.raw("axis");
        int[] axis = c.ints("axis");
        if (axis == null) {
            return new UnitNormalization();
        }
        return new UnitNormalization(axis, raw instanceof List<?>);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axisConfig());
        return config;
    }

    /** Passes its input's mask on unchanged (Keras's {@code supports_masking}): its output steps are its input's. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }
}
