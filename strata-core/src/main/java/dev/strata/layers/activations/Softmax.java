package dev.strata.layers.activations;

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
 * The softmax as a layer, like {@code keras.layers.Softmax}: {@code e^x / Σ e^x} over {@code axis} (default the
 * last), computed stably. Given several axes, they are normalized together, as one group (Keras's
 * {@code exp(x - logsumexp(x, axes))}). The output has the input's shape; the layer has no weights.
 *
 * <pre>{@code
 * Tensor p = new Softmax().apply(logits);                  // over the last axis
 * Layer overSpace = new Softmax().axis(1, 2);              // one distribution per sample over axes 1 and 2
 * }</pre>
 *
 * <p>A mask on the input ({@link Tensor#mask()}, e.g. from {@code x.withMask(m)}) works as Keras's call argument
 * {@code mask}: it broadcasts to the input from the last axis, masked positions get the logit -1e9 and then
 * probability 0 (0 also where a whole axis is masked). The output keeps the mask.
 */
public class Softmax extends Layer {
    private int[] axes = {-1};
    private boolean axisGivenAsList;

    /** Softmax over the last axis (Keras's default, {@code axis=-1}). */
    public Softmax() {
    }

    /** Softmax over {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        this.axes = new int[] {axis};
    }

    @Override
    public Softmax named(String name) {
        super.named(name);
        return this;
    }

    /**
     * The axis, or axes normalized together (Keras's {@code axis}, an integer or a list). Only before the layer is
     * built.
     *
     * @throws IllegalArgumentException if no axis is given or one is repeated
     */
    public Softmax axis(int... axes) {
        requireNotBuilt("axis");
        setAxes(axes, axes.length != 1);
        return this;
    }

    private void setAxes(int[] given, boolean asList) {
        if (given.length == 0) {
            throw new IllegalArgumentException(describe() + ": give at least one axis");
        }
        if (Arrays.stream(given).distinct().count() != given.length) {
            throw new IllegalArgumentException(describe() + ": axis " + Arrays.toString(given) + " repeats an axis");
        }
        this.axes = given.clone();
        this.axisGivenAsList = asList;
    }

    /** The axes normalized over, as given (negative counts from the end). */
    public int[] axes() {
        return axes.clone();
    }

    @Override
    protected Tensor call(Tensor x) {
        int rank = x.shape().rank();
        int[] resolved = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < -rank || axes[i] >= rank) {
                throw new ShapeException("axis " + axes[i] + " is out of bounds for input shape "
                        + x.shape() + " (rank " + rank + (buildInputShapes().isEmpty() ? ""
                        : "; built for shape " + buildInputShapes().getFirst()) + ")");
            }
            resolved[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        if (Arrays.stream(resolved).distinct().count() != resolved.length) {
            throw new ShapeException("axis " + Arrays.toString(axes) + " names the same axis twice "
                    + "for input shape " + x.shape());
        }
        Tensor keep = x.mask().map(m -> Ops.greater(checkedMask(m, x), 0.5f)).orElse(null);
        Tensor logits = keep == null ? x : Ops.where(keep, x, Tensor.scalar(LARGE_NEGATIVE));
        Tensor out = resolved.length == 1 ? Ops.softmax(logits, resolved[0])
                : Ops.exp(Ops.subtract(logits, Ops.logsumexp(logits, resolved, true)));
        return keep == null ? out : Ops.where(keep, out, Tensor.scalar(0f));
    }

    /** Keras's {@code _large_negative_number} for float32: the logit a masked position gets. */
    private static final float LARGE_NEGATIVE = -1e9f;

    /** Keras's check: the mask broadcasts to the input, aligned at the last axis. */
    private Tensor checkedMask(Tensor mask, Tensor x) {
        Shape m = mask.shape(), in = x.shape();
        boolean fits = m.rank() <= in.rank();
        for (int i = 1; fits && i <= m.rank(); i++) {
            int md = m.get(m.rank() - i), id = in.get(in.rank() - i);
            fits = md == 1 || md == id || md == Shape.UNKNOWN || id == Shape.UNKNOWN;
        }
        if (!fits) {
            throw new ShapeException(describe() + ": the mask must broadcast to the input (each mask dimension 1 or "
                    + "equal to the input's, aligned at the last axis); input shape " + in + ", mask shape " + m);
        }
        return mask;
    }

    /** Passes the mask on, as Keras's Softmax ({@code supports_masking}). */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /** Keras builds it at construction: its saved form has no {@code build_config}. */
    @Override
    protected boolean hasBuildConfig() {
        return false;
    }

    /** Keras's {@code Softmax.from_config}; an axis saved as a list stays a list (also a list of one). */
    public static Softmax fromConfig(Config c) {
        Softmax s = new Softmax();
        boolean asList = c.map().get("axis") instanceof java.util.List<?>;
        int[] axis = c.ints("axis");
        if (axis != null) {
            try {
                s.setAxes(axis, asList);
            } catch (IllegalArgumentException e) {
                throw c.error("'axis': " + e.getMessage());
            }
        }
        return s;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axisGivenAsList ? Arrays.stream(axes).boxed().toList() : (Object) axes[0]);
        return config;
    }
}
