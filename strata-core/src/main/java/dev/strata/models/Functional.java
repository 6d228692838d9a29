package dev.strata.models;

import dev.strata.ShapeException;
import dev.strata.config.Config;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.config.KerasClass;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.graph.Trace;
import dev.strata.layers.Layer;
import dev.strata.layers.core.InputLayer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model over a recorded graph (the Functional API). Construction compiles the graph into a list of steps
 * over numbered slots, so a call is a loop with array reads, no map look-ups. Saved as Keras saves its
 * {@code Functional} class (Keras 2 wrote {@code "Model"}).
 */
@KerasClass(module = "keras.src.models.functional", name = "Functional", registeredName = "Functional",
        aliases = "Model")
final class Functional extends Model {
    private final transient List<SymbolicTensor> inputs;
    private final transient List<SymbolicTensor> outputs;
    private final transient List<Node> nodes;
    private final transient List<Layer> layers;
    private final transient Step[] steps;
    private final transient int[] outputSlots;
    private final transient int slotCount;
    /** The slots whose values are no longer needed after each step (for predict's reuse of their arrays). */
    private final transient int[][] lastUses;
    /**
     * The chains predict runs as one computation, by head step (conv → batch norm (→ relu) as one convolution, Add →
     * relu as one pass); null if none.
     */
    private final transient InferenceFold[] folds;

    /** One node to run: its operation, where its inputs come from (slot, or a constant), where outputs go. */
    /**
     * One node to run: where its inputs are (a slot, or -1 for a constant), and where the masks recorded with them
     * are (null when the node recorded none; -1 for no mask, -2 for a constant mask in {@code maskConstants}).
     */
    private record Step(Node node, int[] inputSlots, Tensor[] constants, int[] maskSlots, Tensor[] maskConstants,
                        int[] outputSlots) {
    }

    Functional(List<? extends Tensor> inputs, List<? extends Tensor> outputs, String name) {
        super(name);
        this.inputs = checkInputs(inputs);
        this.outputs = checkOutputs(outputs);
        Trace graph = new Trace(this.inputs, this.outputs);
        this.nodes = graph.nodes();
        checkReachesOnlyInputs();
        Map<Tensor, Integer> slots = new IdentityHashMap<>();
        for (SymbolicTensor in : this.inputs) {
            slots.put(in, slots.size());
        }
        List<Step> compiled = new ArrayList<>();
        for (Node node : nodes) {
            int[] in = new int[node.inputs().size()];
            Tensor[] constants = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                Tensor t = node.inputs().get(i);
                Integer slot = slots.get(t);
                if (slot == null) {
                    in[i] = -1;
                    constants[i] = t; // a concrete tensor captured by the graph
                } else {
                    in[i] = slot;
                }
            }
            int[] maskSlots = null;
            Tensor[] maskConstants = null;
            if (!node.masks().isEmpty()) {
                maskSlots = new int[in.length];
                maskConstants = new Tensor[in.length];
                for (int i = 0; i < in.length; i++) {
                    Tensor m = node.masks().get(i);
                    Integer slot = m == null ? null : slots.get(m);
                    maskSlots[i] = m == null ? -1 : slot == null ? -2 : slot;
                    maskConstants[i] = slot == null ? m : null;
                }
            }
            int[] out = new int[node.outputs().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = slots.size();
                slots.put(node.outputs().get(i), out[i]);
            }
            compiled.add(new Step(node, in, constants, maskSlots, maskConstants, out));
        }
        this.steps = compiled.toArray(new Step[0]);
        this.outputSlots = new int[this.outputs.size()];
        for (int i = 0; i < outputSlots.length; i++) {
            outputSlots[i] = slots.get(this.outputs.get(i));
        }
        this.slotCount = slots.size();
        this.lastUses = lastUses();
        this.folds = findFolds();
        List<Layer> ls = new ArrayList<>();
        for (var op : graph.operationsInKerasOrder()) {
            if (op instanceof Layer l) {
                ls.add(l);
            }
        }
        for (SymbolicTensor in : this.inputs) { // an input no output depends on still belongs to the model
            Layer il = (Layer) Graph.producer(in).orElseThrow().operation();
            if (!ls.contains(il)) {
                ls.add(0, il);
            }
        }
        this.layers = List.copyOf(ls);
        Shape[] shapes = new Shape[this.inputs.size()];
        for (int i = 0; i < shapes.length; i++) {
            shapes[i] = this.inputs.get(i).shape();
        }
        // Built for its inputs' shapes without calling the graph again: a call would trace the subclassed models
        // in it anew, replacing the traces they keep.
        buildAtInit(shapes);
        setTrace(graph); // the graph is its own trace
    }

    /**
     * For each step, the slots it is the last to read, and those it writes that no step reads; never the model's
     * outputs.
     */
    private int[][] lastUses() {
        int[] last = new int[slotCount];
        java.util.Arrays.fill(last, -1);
        for (int s = 0; s < steps.length; s++) {
            for (int o : steps[s].outputSlots) {
                last[o] = s;
            }
            for (int i : steps[s].inputSlots) {
                if (i >= 0) {
                    last[i] = s;
                }
            }
            if (steps[s].maskSlots != null) { // a recorded mask is read by the step too
                for (int m : steps[s].maskSlots) {
                    if (m >= 0) {
                        last[m] = s;
                    }
                }
            }
        }
        for (int o : outputSlots) {
            last[o] = -1;
        }
        int[] counts = new int[steps.length];
        for (int l : last) {
            if (l >= 0) {
                counts[l]++;
            }
        }
        int[][] out = new int[steps.length][];
        for (int s = 0; s < steps.length; s++) {
            out[s] = new int[counts[s]];
        }
        for (int slot = 0; slot < slotCount; slot++) {
            if (last[slot] >= 0) {
                out[last[slot]][--counts[last[slot]]] = slot;
            }
        }
        return out;
    }

    /** The number of conv → batch norm (→ relu) chains predict folds (for tests). */
    int foldedChains() {
        return folds == null ? 0 : (int) java.util.Arrays.stream(folds).filter(f -> f instanceof ConvFolds.Fold)
                .count();
    }

    /** The number of Add → relu pairs predict folds (for tests). */
    int foldedAdds() {
        return folds == null ? 0 : (int) java.util.Arrays.stream(folds).filter(f -> f instanceof AddFolds.Fold)
                .count();
    }

    private InferenceFold[] findFolds() {
        Object[] ops = new Object[steps.length];
        int[][] ins = new int[steps.length][];
        int[][] outs = new int[steps.length][];
        for (int s = 0; s < steps.length; s++) {
            ops[s] = steps[s].node.operation();
            ins[s] = steps[s].inputSlots;
            outs[s] = steps[s].outputSlots;
        }
        return AddFolds.find(ConvFolds.find(ops, ins, outs, outputSlots, slotCount), ops, ins, outs, outputSlots,
                slotCount);
    }

    /** Strata's own layers only ({@link InferenceReplay#reusesArrays}): predict may reuse their arrays. */
    @Override
    boolean reusesInferenceArrays() {
        for (Step step : steps) {
            if (!InferenceReplay.reusesArrays(step.node.operation())) {
                return false;
            }
        }
        return true;
    }

    private List<SymbolicTensor> checkInputs(List<? extends Tensor> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Model.of: a model needs at least one input");
        }
        List<SymbolicTensor> out = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < given.size(); i++) {
            Tensor t = given.get(i);
            if (!(t instanceof SymbolicTensor s) || Graph.producer(s).isEmpty()
                    || !(Graph.producer(s).get().operation() instanceof InputLayer)) {
                throw new IllegalArgumentException("Model.of: input " + i + " (" + t + ") is not a model input; "
                        + "make inputs with Input.of(...)");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("Model.of: input " + i + " is given twice");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    private static List<SymbolicTensor> checkOutputs(List<? extends Tensor> given) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("Model.of: a model needs at least one output");
        }
        List<SymbolicTensor> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            if (!(given.get(i) instanceof SymbolicTensor s)) {
                throw new IllegalArgumentException("Model.of: output " + i + " is a concrete tensor; outputs must come "
                        + "from applying layers or ops to the model's inputs");
            }
            out.add(s.original()); // an output given a mask by hand is the graph's tensor (the mask is not saved)
        }
        return out;
    }

    private void checkReachesOnlyInputs() {
        Set<Tensor> ins = Collections.newSetFromMap(new IdentityHashMap<>());
        ins.addAll(inputs);
        for (Node n : nodes) {
            if (n.operation() instanceof InputLayer il && !ins.contains(n.outputs().getFirst())) {
                List<String> names = new ArrayList<>();
                for (SymbolicTensor in : inputs) {
                    names.add(Graph.producer(in).orElseThrow().operation().name());
                }
                throw new IllegalArgumentException("Model.of: the outputs depend on input '" + il.name()
                        + "', which is not among the model's inputs " + names);
            }
        }
    }

    @Override
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Keras's {@code get_config()} of a Functional model: its graph ({@code name}, {@code trainable}, {@code layers}
     * with their {@code inbound_nodes}, {@code input_layers}, {@code output_layers}).
     */
    @Override
    public Map<String, Object> getConfig() {
        return FunctionalConfig.write(name(), trainable(), trace(), describe());
    }

    /** Keras's {@code functional_from_config}: the model its graph config describes, its layers made anew. */
    public static Functional fromConfig(Config config) {
        return FunctionalConfig.read(config);
    }

    /** Keras writes {@code {"input_shape": null}}: a functional model is built by its graph, not from shapes. */
    @Override
    public Map<String, Object> getBuildConfig() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("input_shape", null);
        return out;
    }

    @Override
    protected List<Layer> layersTracked() {
        return layers;
    }

    /** The model's symbolic inputs. */
    List<SymbolicTensor> inputs() {
        return inputs;
    }

    /**
     * A Functional model's graph is its trace for good: being called on other symbolic tensors (nested in another
     * model, or by that model's build) must not replace it, or its input names and its plot would become the
     * caller's.
     */
    @Override
    protected void onSymbolicCall(Tensors inputs, Tensors innerOutputs, List<SymbolicTensor> outputs) {
    }

    @Override
    protected Tensors call(Tensors given) {
        if (given.size() != inputs.size()) {
            throw new IllegalArgumentException(describe() + " takes " + inputs.size() + " inputs " + inputNames()
                    + ", got " + given.size());
        }
        Tensor[] slots = new Tensor[slotCount];
        for (int i = 0; i < inputs.size(); i++) {
            Shape expected = inputs.get(i).shape();
            Shape actual = given.get(i).shape();
            if (!expected.isCompatibleWith(actual)) {
                throw new ShapeException(describe() + ": input '" + inputNames().get(i) + "' expected shape " + expected
                        + ", got " + actual);
            }
            slots[i] = given.get(i);
        }
        InferenceReplay replay = reusesInferenceArrays() ? InferenceReplay.start() : null;
        boolean[] folded = replay != null && folds != null && !training() ? new boolean[steps.length] : null;
        for (int s = 0; s < steps.length; s++) {
            Step step = steps[s];
            Tensor[] args = new Tensor[step.inputSlots.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = step.inputSlots[i] >= 0 ? slots[step.inputSlots[i]] : step.constants[i];
            }
            if (step.maskSlots != null) { // the masks this layer took when the graph was made (Keras's mask=)
                for (int i = 0; i < args.length; i++) {
                    int m = step.maskSlots[i];
                    if (m != -1) {
                        args[i] = args[i].withMask(m >= 0 ? slots[m] : step.maskConstants[i]);
                    }
                }
            }
            int mark = replay == null ? 0 : replay.mark();
            if (folded != null && !folded[s]) {
                Tensor y = folds[s] == null ? null : folds[s].run(args);
                if (y != null) { // (predict only: the arena is open) this step and those it folds in, at once
                    slots[folds[s].outputSlot()] = y;
                    for (int skipped : folds[s].skipped()) {
                        folded[skipped] = true;
                    }
                    replay.produced(mark, List.of(y));
                    folded[s] = true;
                }
            }
            if (folded == null || !folded[s]) {
                Tensors results = step.node.operation().apply(TensorAccess.tensors(args));
                for (int i = 0; i < step.outputSlots.length; i++) {
                    slots[step.outputSlots[i]] = results.get(i);
                }
                if (replay != null) {
                    replay.produced(mark, results);
                }
            }
            if (replay != null) {
                for (int slot : lastUses[s]) {
                    replay.dead(slots[slot]);
                    slots[slot] = null;
                }
            }
        }
        Tensor[] out = new Tensor[outputSlots.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = slots[outputSlots[i]];
        }
        return TensorAccess.tensors(out);
    }
}
