package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a recurrent network, the cell an {@link RNN} layer runs over the time axis (Keras's cell contract: a
 * layer with {@code state_size}, {@code output_size} and {@code call(inputs, states)}). Write one by extending this
 * class: give the sizes of its states, create its weights in {@link #build(Shape)} (the shape of one step's input,
 * batch first) and compute one step in {@link #call(Tensor, List)}. Such a cell is saved and loaded like any layer.
 *
 * <pre>{@code
 * class MinimalRNNCell extends RNNCell {
 *     private final int units;
 *     private Variable kernel, recurrentKernel;
 *
 *     MinimalRNNCell(int units) { this.units = units; }
 *
 *     @Override public List<Integer> stateSize() { return List.of(units); }
 *
 *     @Override protected void build(Shape inputShape) {
 *         kernel = addWeight("kernel", Shape.of(inputShape.get(-1), units), Initializers.glorotUniform(), true);
 *         recurrentKernel = addWeight("recurrent_kernel", Shape.of(units, units), Initializers.orthogonal(), true);
 *     }
 *
 *     @Override protected Tensors call(Tensor input, List<Tensor> states) {
 *         Tensor h = Ops.add(Ops.matmul(input, kernel), Ops.matmul(states.get(0), recurrentKernel));
 *         return Tensors.of(h, h);   // the output, then the new states
 *     }
 * }
 * Tensor y = new RNN(new MinimalRNNCell(32)).apply(sequences);   // (batch, time, features) -> (batch, 32)
 * }</pre>
 *
 * <p>Applied on its own, a cell takes the step input followed by its states ({@code cell.apply(List.of(x, h, c))})
 * and returns the output followed by the new states.
 */
public abstract class RNNCell extends Layer {
    /** A cell named automatically after its class. */
    protected RNNCell() {
        super();
    }

    /** A cell with the given name (null: named automatically). */
    protected RNNCell(String name) {
        super(name);
    }

    /** The size of each state, in the order {@link #call(Tensor, List)} takes and returns them (Keras's state_size). */
    public abstract List<Integer> stateSize();

    /** The size of the output of one step (Keras's output_size); by default the size of the first state. */
    public int outputSize() {
        return stateSize().getFirst();
    }

    /**
     * One step: the output and the new states for one step's input (batch, features) and the previous states (one
     * per {@link #stateSize()} entry, each (batch, size)). Returns the output followed by the new states. Use
     * {@link Layer#training()} for behaviour that differs in training (dropout).
     */
    protected abstract Tensors call(Tensor input, List<Tensor> states);

    /**
     * The states at the start of a sequence for a batch of this size: zeros by default, as Keras's
     * {@code get_initial_state}.
     */
    public List<Tensor> getInitialState(int batchSize) {
        List<Tensor> out = new ArrayList<>();
        for (int size : stateSize()) {
            out.add(Tensor.zeros(batchSize, size));
        }
        return out;
    }

    /**
     * Zero states for the batch of {@code stepInput} (batch, features), concrete or symbolic: what a model that runs
     * the cell by hand in its {@code call} starts from, so that it traces with the batch unknown. (Symbolic: zeros
     * computed from the input, {@code (0 * x) · 0}, so that they join the traced graph.)
     */
    public List<Tensor> getInitialState(Tensor stepInput) {
        if (!stepInput.isSymbolic()) {
            return getInitialState(stepInput.shape().get(0));
        }
        Tensor none = Ops.multiply(stepInput, 0f);
        List<Tensor> out = new ArrayList<>();
        for (int size : stateSize()) {
            out.add(Ops.matmul(none, Tensor.zeros(stepInput.shape().get(-1), size)));
        }
        return out;
    }

    /** Splits the layer's inputs into the step input and the states, and checks their count. */
    @Override
    protected final Tensors call(Tensors inputs) {
        int states = stateSize().size();
        if (inputs.size() != states + 1) {
            throw new IllegalArgumentException(describe() + " takes the step input followed by its " + states
                    + " state(s), but was given " + inputs.size() + " tensor(s)");
        }
        List<Tensor> all = inputs.toList();
        int rank = stepRank() + 1;
        for (int i = 0; i < all.size(); i++) {
            Shape shape = all.get(i).shape();
            if (shape.rank() != rank) {
                List<Shape> built = buildInputShapes();
                throw new ShapeException(describe() + " expects " + (i == 0 ? "step inputs" : "states")
                        + " of rank " + rank + " (batch, " + (i == 0 ? stepLayout() : stateLayout()) + ")"
                        + (i < built.size() ? " (built for shape " + built.get(i) + ")" : "") + ", but received shape "
                        + shape + " (all inputs: " + all.stream().map(t -> t.shape().toString()).toList() + ")");
            }
        }
        Tensors out = call(all.getFirst(), all.subList(1, all.size()));
        if (out.size() != states + 1) {
            throw new IllegalStateException(describe() + ".call returned " + out.size() + " tensor(s); it must "
                    + "return the output followed by its " + states + " new state(s)");
        }
        return out;
    }

    /** Builds the cell from the shape of the step input (the first input); the states need no weights. */
    @Override
    protected void build(List<Shape> inputShapes) {
        Shape input = inputShapes.getFirst();
        if (input.rank() != stepRank() + 1) {
            throw new ShapeException(describe() + " expects a step input of rank " + (stepRank() + 1) + " (batch, "
                    + stepLayout() + "), but received shape " + input);
        }
        build(input);
    }

    /**
     * Keras's build config of a cell: the shape of the step input only ({@code {"input_shape": [null, features]}}), as
     * Keras builds a cell from it.
     */
    @Override
    public Map<String, Object> getBuildConfig() {
        List<Shape> shapes = buildInputShapes();
        if (shapes.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        List<Object> dims = new ArrayList<>();
        for (int d : shapes.getFirst().toArray()) {
            dims.add(d == Shape.UNKNOWN ? null : d);
        }
        out.put("input_shape", dims);
        return out;
    }

    /** Builds the cell from Keras's build config (the step input's shape). */
    @Override
    public void buildFromConfig(Config buildConfig) {
        Object shape = buildConfig.raw("input_shape");
        buildConfig.finish();
        if (shape == null || isBuilt()) {
            return;
        }
        if (shape instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof List<?> first) {
            shape = first; // several shapes: the step input's is the first
        }
        if (!(shape instanceof List<?> dims) || dims.isEmpty()) {
            throw buildConfig.error("'input_shape' must be a shape list, got " + Config.describe(shape));
        }
        Shape full = buildConfig.toShape(dims, "input_shape");
        if (full.get(-1) == Shape.UNKNOWN) {
            throw buildConfig.error("'input_shape' " + full + " has no known feature size");
        }
        buildForStep(full.subShape(1, full.rank()));
    }

    /** Which state holds the previous output (Keras's {@code states[0]}, the last cell's for stacked cells). */
    int outputStateIndex() {
        return 0;
    }

    /** Forgets the per-sequence dropout masks, after an {@link RNN} ran a whole sequence (Keras's reset). */
    void resetDropoutMasks() {
    }

    /**
     * Builds the cell, without data, for steps of {@code inputDim} features: the states' shapes come from
     * {@link #stateSize()}.
     */
    final void buildForStep(int inputDim) {
        buildForStep(Shape.of(inputDim));
    }

    /** Builds the cell, without data, for steps of this per-sample shape; the states' from {@link #stateShapes}. */
    final void buildForStep(Shape step) {
        if (isBuilt()) {
            return;
        }
        List<Shape> states = stateShapes(step);
        Shape[] samples = new Shape[states.size() + 1];
        samples[0] = step;
        for (int i = 0; i < states.size(); i++) {
            samples[i + 1] = states.get(i);
        }
        buildForSamples(samples);
    }

    // ---- the shapes of steps and states (a convolutional cell's steps are images, not vectors) ------------------

    /** The rank of one step's input without the batch axis: 1 (features) here, an image's for ConvLSTMCell. */
    int stepRank() {
        return 1;
    }

    /** The axes of one step's input after the batch axis, for messages. */
    String stepLayout() {
        return "features";
    }

    /** The axes of one state after the batch axis, for messages. */
    String stateLayout() {
        return "size";
    }

    /** The shape of each state (without the batch axis) for steps of this per-sample shape: {@code (size)} here. */
    List<Shape> stateShapes(Shape step) {
        List<Shape> out = new ArrayList<>();
        for (int size : stateSize()) {
            out.add(Shape.of(size));
        }
        return out;
    }

    /** The shape of one step's output (without the batch axis) for steps of this per-sample shape. */
    Shape outputShape(Shape step) {
        return Shape.of(outputSize());
    }
}
