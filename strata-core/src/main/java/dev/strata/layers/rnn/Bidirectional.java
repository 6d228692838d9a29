package dev.strata.layers.rnn;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.layers.Layer;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a recurrent layer over a sequence forwards and a copy of it backwards and merges their outputs, like
 * {@code keras.layers.Bidirectional}. The forward layer is a copy of the given one named {@code forward_<name>}, the
 * backward one a copy with {@code go_backwards} flipped named {@code backward_<name>} (or the one given); weights at
 * {@code forward_layer/} and {@code backward_layer/}, as Keras. Merge modes: {@code concat} (default), {@code sum},
 * {@code mul}, {@code ave}, or null (both outputs, forward first). With {@code return_sequences} the backward outputs
 * are turned back into the input's time order before merging. With {@code return_state} the forward layer's final
 * states then the backward layer's follow the output(s); initial states, when given after the sequence, are split
 * the same way.
 *
 * <pre>{@code
 * Tensor y = new Bidirectional(new LSTM(32).returnSequences(true)).apply(x);   // (batch, time, 64)
 * }</pre>
 */
public class Bidirectional extends Layer {
    private static final Set<String> MODES = Set.of("concat", "sum", "mul", "ave");
    private final RNN forwardLayer;
    private final RNN backwardLayer;
    private final String mergeMode;

    /** Both directions of {@code layer}, outputs concatenated. */
    public Bidirectional(RNN layer) {
        this(layer, "concat");
    }

    /** Both directions of {@code layer}, outputs merged by {@code mergeMode} (null: both returned). */
    public Bidirectional(RNN layer, String mergeMode) {
        this(layer, mergeMode, null);
    }

    /** {@code layer} forwards and {@code backwardLayer} (null: a copy of {@code layer} going backwards). */
    public Bidirectional(RNN layer, String mergeMode, RNN backwardLayer) {
        if (layer == null) {
            throw new IllegalArgumentException("Bidirectional needs a recurrent layer");
        }
        if (mergeMode != null && !MODES.contains(mergeMode)) {
            throw new IllegalArgumentException("Bidirectional: invalid merge mode '" + mergeMode + "'; it should be "
                    + "one of concat, sum, mul, ave or null");
        }
        this.mergeMode = mergeMode;
        this.forwardLayer = copy(layer, "forward_", null);
        this.backwardLayer = backwardLayer != null ? backwardLayer : copy(layer, "backward_", !layer.goBackwards());
        if (forwardLayer.goBackwards() == this.backwardLayer.goBackwards()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers should have different "
                    + "go_backwards values; both have " + forwardLayer.goBackwards());
        }
        if (forwardLayer.stateful() != this.backwardLayer.stateful()
                || forwardLayer.returnSequences() != this.backwardLayer.returnSequences()
                || forwardLayer.returnState() != this.backwardLayer.returnState()) {
            throw new IllegalArgumentException("Bidirectional: the forward and backward layers should agree on "
                    + "stateful, return_sequences and return_state");
        }
        // As Keras: masked steps output zeros in returned sequences, so both directions agree there.
        forwardLayer.zeroOutputForMask(forwardLayer.returnSequences());
        this.backwardLayer.zeroOutputForMask(this.backwardLayer.returnSequences());
    }

    /** A copy of {@code layer} made from its config (as Keras), renamed with {@code prefix}. */
    private static RNN copy(RNN layer, String prefix, Boolean goBackwards) {
        Map<String, Object> saved = new LinkedHashMap<>(KerasObjects.serialize(layer));
        @SuppressWarnings("unchecked")
        Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) saved.get("config"));
        String name = layer.name();
        config.put("name", prefix + (name.startsWith(prefix) ? name.substring(prefix.length()) : name));
        if (goBackwards != null) {
            config.put("go_backwards", goBackwards);
        }
        saved.put("config", config);
        saved.remove("build_config");
        Layer made = KerasObjects.deserialize(saved, Layer.class, ConfigContext.DEFAULT, "Bidirectional layer");
        return (RNN) made;
    }

    /** The layer run forwards. */
    public RNN forwardLayer() {
        return forwardLayer;
    }

    /** The layer run backwards. */
    public RNN backwardLayer() {
        return backwardLayer;
    }

    /** How the outputs are merged ({@code concat}, {@code sum}, {@code mul}, {@code ave}), or null for both. */
    public String mergeMode() {
        return mergeMode;
    }

    /** Forgets the states of stateful layers (Keras's reset_states). */
    public void resetStates() {
        forwardLayer.resetStates();
        backwardLayer.resetStates();
    }

    /** The input must be (batch, time, features), or (batch, time, *step) for a ConvLSTM's cell. */
    private void requireSequence(Shape seq) {
        RNNCell cell = forwardLayer.cell();
        int rank = cell.stepRank() + 2;
        if (seq.rank() != rank) {
            List<Shape> built = buildInputShapes();
            throw new ShapeException(describe() + " expects a sequence of rank " + rank + " (batch, time, "
                    + cell.stepLayout() + ")"
                    + (built.isEmpty() ? "" : " (built for shape " + built.getFirst() + ")") + ", but received shape "
                    + seq);
        }
    }

    @Override
    protected void build(List<Shape> inputShapes) {
        requireSequence(inputShapes.getFirst());
        List<Shape> forward = new ArrayList<>();
        List<Shape> backward = new ArrayList<>();
        split(inputShapes, forward, backward);
        forwardLayer.buildForSamples(samples(forward));
        backwardLayer.buildForSamples(samples(backward));
    }

    private static Shape[] samples(List<Shape> shapes) {
        Shape[] out = new Shape[shapes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = shapes.get(i).subShape(1, shapes.get(i).rank());
        }
        return out;
    }

    /** The sequence to both layers, the initial states split in halves (forward's first). */
    private <T> void split(List<T> inputs, List<T> forward, List<T> backward) {
        forward.add(inputs.getFirst());
        backward.add(inputs.getFirst());
        int states = inputs.size() - 1;
        if (states == 0) {
            return;
        }
        if (states % 2 != 0) {
            throw new ShapeException(describe() + " takes the sequence then the initial states of both directions "
                    + "(an even number), but was given " + states + " state(s)");
        }
        forward.addAll(inputs.subList(1, 1 + states / 2));
        backward.addAll(inputs.subList(1 + states / 2, inputs.size()));
    }

    @Override
    protected List<Shape> computeOutputShape(List<Shape> inputShapes) {
        requireSequence(inputShapes.getFirst());
        List<Shape> forward = new ArrayList<>();
        List<Shape> backward = new ArrayList<>();
        split(inputShapes, forward, backward);
        List<Shape> f = forwardLayer.computeOutputShape(forward);
        List<Shape> b = backwardLayer.computeOutputShape(backward);
        List<Shape> out = new ArrayList<>();
        Shape y = f.getFirst();
        if (mergeMode == null) {
            out.add(y);
            out.add(b.getFirst());
        } else {
            out.add("concat".equals(mergeMode) ? y.withDim(-1, y.get(-1) + b.getFirst().get(-1)) : y);
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    @Override
    protected Tensors call(Tensors inputs) {
        requireSequence(inputs.get(0).shape());
        List<Tensor> forward = new ArrayList<>();
        List<Tensor> backward = new ArrayList<>();
        split(inputs.toList(), forward, backward);
        Tensors f = forwardLayer.apply(forward);
        Tensors b = backwardLayer.apply(backward);
        Tensor y = f.get(0);
        Tensor yRev = b.get(0);
        if (backwardLayer.returnSequences()) {
            yRev = reverseTime(yRev);
        }
        List<Tensor> out = new ArrayList<>();
        switch (mergeMode == null ? "none" : mergeMode) {
            case "concat" -> out.add(Ops.concatenate(List.of(y, yRev), -1));
            case "sum" -> out.add(Ops.add(y, yRev));
            case "ave" -> out.add(Ops.divide(Ops.add(y, yRev), 2f));
            case "mul" -> out.add(Ops.multiply(y, yRev));
            default -> {
                out.add(y);
                out.add(yRev);
            }
        }
        out.addAll(f.toList().subList(1, f.size()));
        out.addAll(b.toList().subList(1, b.size()));
        return Tensors.of(out);
    }

    /**
     * Keras's {@code compute_mask}: with {@code return_sequences} the output(s) keep the input's mask, else none; the
     * states never have one.
     */
    @Override
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        Tensor mask = forwardLayer.returnSequences() ? previousMasks.getFirst() : null;
        List<Tensor> out = new ArrayList<>();
        out.add(mask);
        if (mergeMode == null) {
            out.add(mask);
        }
        if (forwardLayer.returnState()) {
            for (int i = 0; i < 2 * forwardLayer.cell().stateSize().size(); i++) {
                out.add(null);
            }
        }
        return out;
    }

    /** The steps of (batch, time, n) in reverse order (Keras's flip on axis 1). */
    private static Tensor reverseTime(Tensor x) {
        int steps = x.shape().get(1);
        int[] order = new int[steps];
        for (int t = 0; t < steps; t++) {
            order[t] = steps - 1 - t;
        }
        return Ops.take(x, order, 1);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>(super.getConfig());
        config.put("merge_mode", mergeMode);
        config.put("layer", KerasObjects.serialize(forwardLayer));
        config.put("backward_layer", KerasObjects.serialize(backwardLayer));
        return config;
    }

    private static Layer unbuilt(Config config, String key) {
        Object raw = config.raw(key);
        if (raw instanceof Map<?, ?> m && m.containsKey("build_config")) {
            Map<Object, Object> copy = new LinkedHashMap<>(m);
            copy.remove("build_config");
            raw = copy;
        }
        return KerasObjects.deserialize(raw, Layer.class, config.context(), config.where() + "." + key);
    }

    /** Keras's {@code Bidirectional.from_config}. */
    public static Bidirectional fromConfig(Config config) {
        // (without their build configs: the copies the constructor makes are built with this layer)
        Layer layer = unbuilt(config, "layer");
        Layer backward = unbuilt(config, "backward_layer");
        String mode = config.has("merge_mode") ? config.string("merge_mode", null) : "concat";
        if (!(layer instanceof RNN forward) || (backward != null && !(backward instanceof RNN))) {
            throw config.error("Bidirectional wraps recurrent layers (RNN, LSTM, GRU, SimpleRNN), got "
                    + (layer == null ? "null" : layer.getClass().getSimpleName()));
        }
        return new Bidirectional(forward, mode, (RNN) backward);
    }

    /** Its call reads the mask (Keras's {@code call(..., mask=None)}): graphs record it with the node. */
    @Override
    protected boolean callTakesMask() {
        return true;
    }
}
