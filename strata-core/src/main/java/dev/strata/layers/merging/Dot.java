package dev.strata.layers.merging;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dot product of two batched tensors along one axis of each, like {@code keras.layers.Dot}: for inputs of shapes
 * {@code (batch, 3, 5)} and {@code (batch, 10, 3)} with axes {@code (1, 2)} the output is {@code (batch, 5, 10)}.
 * The output keeps the first input's other axes, then the second's (its batch axis dropped); an output of rank 1
 * becomes {@code (batch, 1)}, as Keras's {@code batch_dot}. With {@link #normalize(boolean) normalize} both inputs
 * are L2-normalized along their axes first, so the output is the cosine similarity.
 *
 * <pre>{@code
 * Tensor user = new Dense(8).apply(userFeatures);
 * Tensor item = new Dense(8).apply(itemFeatures);
 * Tensor score = new Dot(1).apply(List.of(user, item)).getFirst();        // (batch, 1)
 * Tensor cosine = Layers.dot(List.of(user, item), 1, true);               // normalized first
 * }</pre>
 *
 * <p>Axis 0 (the batch) cannot be taken. A negative axis counts from the end of each input's own rank. The output
 * has no mask, as Keras's.
 */
public class Dot extends Layer {
    private final int[] axes;
    private final boolean axesGivenAsList;
    private boolean normalize;

    /**
     * The dot product along {@code axes} of both inputs (a negative value counts from each input's end).
     *
     * @throws IllegalArgumentException if the axis is 0 (the batch)
     */
    public Dot(int axes) {
        this(new int[] {axes}, false);
    }

    /**
     * The dot product along {@code axisA} of the first input and {@code axisB} of the second.
     *
     * @throws IllegalArgumentException if either axis is 0 (the batch)
     */
    public Dot(int axisA, int axisB) {
        this(new int[] {axisA, axisB}, true);
    }

    private Dot(int[] axes, boolean asList) {
        for (int a : axes) {
            if (a == 0) {
                throw new IllegalArgumentException("Dot: axes " + axesText(axes, asList) + " include axis 0, the "
                        + "batch, which a Dot layer cannot take");
            }
        }
        this.axes = axes;
        this.axesGivenAsList = asList;
    }

    @Override
    public Dot named(String name) {
        super.named(name);
        return this;
    }

    /** Whether both inputs are L2-normalized along their axes first (Keras's {@code normalize}, default false). */
    public Dot normalize(boolean normalize) {
        this.normalize = normalize;
        return this;
    }

    /** Keras's {@code normalize}. */
    public boolean normalizes() {
        return normalize;
    }

    /** The axes as given: one for both inputs, or one per input. */
    public List<Integer> axes() {
        return Arrays.stream(axes).boxed().toList();
    }

    @Override
    protected Tensors call(Tensors inputs) {
        if (inputs.size() != 2) {
            throw new ShapeException(describe() + " should be called on a list of 2 inputs; received " + inputs.size()
                    + " input(s)");
        }
        Tensor x = inputs.get(0);
        Tensor y = inputs.get(1);
        int[] ax = resolve(x.shape(), y.shape());
        if (normalize) {
            x = Ops.normalize(x, ax[0]);
            y = Ops.normalize(y, ax[1]);
        }
        Tensor out = Ops.einsum(subscripts(x.shape().rank(), y.shape().rank(), ax), x, y);
        // batch_dot's (batch,) result is reshaped to (batch, 1)
        return Tensors.of(out.shape().rank() == 1 ? Ops.expandDims(out, 1) : out);
    }

    /**
     * Keras's {@code batch_dot} as an einsum: the batch letter shared, the two axes contracted, the first input's
     * other axes then the second's in order.
     */
    private static String subscripts(int rankX, int rankY, int[] ax) {
        StringBuilder left = new StringBuilder("a");
        StringBuilder right = new StringBuilder("a");
        StringBuilder out = new StringBuilder("a");
        char next = 'c'; // 'b' is the contracted axis
        for (int i = 1; i < rankX; i++) {
            if (i == ax[0]) {
                left.append('b');
            } else {
                left.append(next);
                out.append(next++);
            }
        }
        for (int i = 1; i < rankY; i++) {
            if (i == ax[1]) {
                right.append('b');
            } else {
                right.append(next);
                out.append(next++);
            }
        }
        return left + "," + right + "->" + out;
    }

    /**
     * Both axes, non-negative, checked against the shapes (Keras's {@code Dot.build} and {@code batch_dot} checks).
     *
     * @throws ShapeException naming this layer, both shapes and the axes, for inputs it cannot take
     */
    private int[] resolve(Shape a, Shape b) {
        String shapes = "; received shapes " + a + " and " + b + " (axes " + axesText(axes, axesGivenAsList) + ")";
        if (a.rank() < 2 || b.rank() < 2) {
            throw new ShapeException(describe() + " needs inputs of rank 2 or more (a batch axis and at least one "
                    + "more)" + shapes);
        }
        if (a.get(0) != Shape.UNKNOWN && b.get(0) != Shape.UNKNOWN && a.get(0) != b.get(0)) {
            throw new ShapeException(describe() + " cannot take inputs with different batch sizes" + shapes);
        }
        int[] given = axes.length == 1 ? new int[] {axes[0], axes[0]} : axes;
        int[] ranks = {a.rank(), b.rank()};
        int[] out = new int[2];
        for (int i = 0; i < 2; i++) {
            int r = ranks[i];
            if (given[i] < -r || given[i] >= r) {
                throw new ShapeException(describe() + ": axis " + given[i] + " is out of bounds for input " + i
                        + " of rank " + r + shapes);
            }
            out[i] = given[i] < 0 ? given[i] + r : given[i];
            if (out[i] == 0) {
                throw new ShapeException(describe() + ": axis " + given[i] + " of input " + i + " is its batch axis, "
                        + "which a Dot layer cannot take" + shapes);
            }
        }
        int da = a.get(out[0]);
        int db = b.get(out[1]);
        if (da != Shape.UNKNOWN && db != Shape.UNKNOWN && da != db) {
            throw new ShapeException(describe() + ": incompatible input shapes: axis " + out[0] + " of the first has "
                    + "size " + da + ", axis " + out[1] + " of the second " + db + shapes);
        }
        return out;
    }

    private static String axesText(int[] axes, boolean asList) {
        return asList ? Arrays.toString(axes) : Integer.toString(axes[0]);
    }

    /** Keras's {@code Dot.compute_mask}: the output has no mask. */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        return Collections.singletonList(null);
    }

    /** It takes masked inputs (and drops their masks), as Keras's {@code supports_masking}. */
    @Override
    protected boolean supportsMasking() {
        return true;
    }

    /**
     * Keras's {@code Dot.from_config}: {@code axes} an integer or a list of two.
     *
     * @throws dev.strata.config.KerasConfigException if {@code axes} is missing or not one or two integers
     */
    public static Dot fromConfig(Config c) {
        Object raw = c.raw("axes");
        int[] axes = c.ints("axes");
        if (axes == null || axes.length == 0 || axes.length > 2 || (raw instanceof List<?> && axes.length != 2)) {
            throw c.error("Dot's `axes` should be an integer or a list of two integers; got " + Config.describe(raw));
        }
        return new Dot(axes, raw instanceof List<?>).normalize(c.bool("normalize", false));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axes", axesGivenAsList ? axes() : (Object) axes[0]);
        config.put("normalize", normalize);
        return config;
    }
}
