package dev.strata.layers.merging;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Concatenates its inputs along one axis (default the last), like {@code keras.layers.Concatenate}. The
 * inputs must have the same rank and the same sizes in every other axis (unknown sizes match anything).
 * The axis counts the batch dimension: {@code 0} concatenates along the batch.
 *
 * <pre>{@code
 * Tensor wide = Input.of("wide", 5);
 * Tensor deep = new Dense(30, "relu").apply(Input.of("deep", 6));
 * Tensor both = new Concatenate().apply(List.of(wide, deep)).getFirst();  // (None, 35)
 * Tensor same = Layers.concatenate(List.of(wide, deep));
 * }</pre>
 */
public class Concatenate extends Layer {
    private final int axis;

    /** Concatenation along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Concatenation along {@code axis} (negative counts from the end). */
    public Concatenate(int axis) {
        this.axis = axis;
    }

    @Override
    public Concatenate named(String name) {
        super.named(name);
        return this;
    }

    /** The axis, as given. */
    public int axis() {
        return axis;
    }

    @Override
    protected Tensors call(Tensors inputs) {
        Shape out = outputShape(shapes(inputs));
        if (inputs.size() == 1) {
            return Tensors.of(inputs.get(0));
        }
        return Tensors.of(Ops.concatenate(inputs, out.normalizeAxis(axis)));
    }

    /**
     * Keras's {@code Concatenate.compute_mask}: the inputs' masks (all-true for an unmasked input) spread over their
     * features, concatenated along the axis, and a step kept where any of its values is.
     */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        if (previousMasks.stream().allMatch(java.util.Objects::isNull)) {
            return java.util.Collections.singletonList(null);
        }
        List<Tensor> spread = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor x = inputs.get(i);
            Tensor m = previousMasks.get(i);
            Tensor zeros = Ops.multiply(x, 0f);
            spread.add(m == null ? Ops.add(zeros, 1f)
                    : m.shape().rank() < x.shape().rank() ? Ops.add(zeros, Ops.expandDims(Ops.greater(m, 0f), -1))
                    : Ops.greater(m, 0f));
        }
        Shape out = outputShape(shapes(inputs));
        return java.util.Collections.singletonList(Ops.max(Ops.concatenate(spread, out.normalizeAxis(axis)), -1));
    }

    private static List<Shape> shapes(Tensors inputs) {
        List<Shape> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        return shapes;
    }

    /**
     * The output shape: the inputs' common shape with the axis sizes summed (unknown if any is unknown).
     *
     * @throws ShapeException naming this layer if ranks differ, the axis is out of range, or another axis differs
     */
    private Shape outputShape(List<Shape> shapes) {
        int rank = shapes.getFirst().rank();
        for (Shape s : shapes) {
            if (s.rank() != rank) {
                throw new ShapeException(describe() + " requires inputs of the same rank; received shapes "
                        + shapes);
            }
        }
        if (axis < -rank || axis >= rank) {
            throw new ShapeException(describe() + ": axis " + axis + " is out of bounds for inputs of rank " + rank
                    + " (shapes " + shapes + ")");
        }
        int a = axis < 0 ? axis + rank : axis;
        int[] dims = shapes.getFirst().toArray();
        for (int i = 1; i < shapes.size(); i++) {
            Shape s = shapes.get(i);
            for (int d = 0; d < rank; d++) {
                if (d == a) {
                    dims[d] = dims[d] == Shape.UNKNOWN || s.get(d) == Shape.UNKNOWN
                            ? Shape.UNKNOWN : dims[d] + s.get(d);
                } else if (dims[d] == Shape.UNKNOWN) {
                    dims[d] = s.get(d);
                } else if (s.get(d) != Shape.UNKNOWN && s.get(d) != dims[d]) {
                    throw new ShapeException(describe() + " requires inputs with matching shapes except for the "
                            + "concatenation axis " + axis + "; received shapes " + shapes + ", which differ at "
                            + "axis " + d + " (" + dims[d] + " vs " + s.get(d) + ")");
                }
            }
        }
        return Shape.of(dims);
    }

    /** Keras's {@code Concatenate.from_config}. */
    public static Concatenate fromConfig(Config c) {
        return new Concatenate(c.integer("axis", -1));
    }


    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("axis", axis);
        return config;
    }
}
