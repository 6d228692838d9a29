package dev.strata.layers;

import dev.strata.ShapeException;
import dev.strata.TracingException;
import dev.strata.config.Config;
import dev.strata.constraints.Constraint;
import dev.strata.config.KerasConfigException;
import dev.strata.config.KerasObject;
import dev.strata.config.KerasObjects;
import dev.strata.graph.Graph;
import dev.strata.graph.Operation;
import dev.strata.initializers.Initializer;
import dev.strata.internal.config.AutoConfig;
import dev.strata.internal.config.KerasForms;
import dev.strata.ops.Ops;
import dev.strata.regularizers.Regularizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The base of every layer and model, like {@code keras.layers.Layer}.
 *
 * <p>A layer is used with {@link #apply}; it builds itself on the first call from the input shape, checks
 * later inputs against what it was built for, and works on concrete and symbolic tensors alike (symbolic
 * inputs record a graph node: that is how Functional models are made). To write one, override
 * {@link #build(Shape)} to create weights with {@link #addWeight} and {@link #call(Tensor)} to compute:
 *
 * <pre>{@code
 * class Scale extends Layer {
 *     private Variable factor;
 *
 *     @Override protected void build(Shape inputShape) {
 *         factor = addWeight("factor", Shape.of(inputShape.get(-1)), Initializers.ones(), true);
 *     }
 *
 *     @Override protected Tensor call(Tensor x) {
 *         return Ops.multiply(x, factor);
 *     }
 * }
 * }</pre>
 *
 * <p>Layers with several inputs or outputs override {@link #call(Tensors)} instead. On symbolic inputs
 * {@code call} runs as it is and its ops give the output shape; a layer whose shape cannot come out that way
 * (an unknown time axis, a loop over steps) overrides {@link #computeOutputShape(Shape)}. Layers held in fields (or
 * in lists, arrays and maps in fields) are tracked automatically, named after their field; {@link #track}
 * covers anything reflection cannot see.
 *
 * <p>Once built, {@code apply} may be called from many threads at once (a model serving predictions).
 * Building and training are for one thread.
 */
public abstract class Layer implements Operation, KerasObject {
    static {
        dev.strata.internal.LayerAccess.install(new dev.strata.internal.LayerAccess.Accessor() {
            @Override
            public List<Variable> ownWeights(Object layer) {
                Layer l = (Layer) layer;
                l.ensureTracked(); // field variables are adopted by tracking
                return List.copyOf(l.ownWeights);
            }

            @Override
            public List<Layer> explicitlyTracked(Object layer) {
                return List.copyOf(((Layer) layer).explicitlyTracked);
            }

            @Override
            public List<Layer> sublayers(Object layer) {
                return ((Layer) layer).layersTracked();
            }
        });
    }

    private String name;
    private boolean autoNamed;
    private boolean trainable = true;
    private volatile boolean built;
    private final List<Variable> ownWeights = new ArrayList<>();
    private final Map<Variable, Regularizer> weightRegularizers = new IdentityHashMap<>();
    private final List<Layer> explicitlyTracked = new ArrayList<>();
    private volatile List<Tracking.Child> children;
    private List<Shape> buildShapes;
    private List<InputSpec> inputSpec;
    private Regularizer activityRegularizer;
    private final List<Tensor> callLosses = Collections.synchronizedList(new ArrayList<>());
    private Layer owner;
    private String attribute;

    /**
     * A layer named automatically after its class, as Keras does: {@code dense}, {@code dense_1}, ... A layer made
     * during a model's call (by {@code Layers.concatenate} in {@code call}, say) is named by that call, alike on
     * every call.
     */
    protected Layer() {
        this(null);
    }

    /** A layer with the given name, or (null, Keras's {@code name=None}) named automatically after its class. */
    protected Layer(String name) {
        this.autoNamed = name == null;
        this.name = autoNamed ? CallContext.autoName(getClass().getSimpleName()) : requireValidName(name);
    }

    // ---- identity ------------------------------------------------------------------------------------------

    /** The layer's name, unique within a model. */
    @Override
    public String name() {
        return name;
    }

    /**
     * Sets the name (Keras's {@code name=} argument); returns this layer. Only before the layer is built.
     */
    public Layer named(String newName) {
        requireNotBuilt("named");
        this.name = requireValidName(newName);
        this.autoNamed = false;
        return this;
    }

    /** Whether the name was generated rather than given. */
    final boolean isAutoNamed() {
        return autoNamed;
    }

    /** Renames an automatically named layer after the field that holds it (done by tracking). */
    final void adoptName(String fieldName) {
        if (autoNamed) {
            this.name = fieldName;
            this.autoNamed = false;
        }
    }

    /** Whether the layer's weights are trained; a frozen layer's weights all count as non-trainable. */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes or unfreezes the layer and, with it, all its sublayers' weights. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** The activity regularizer applied to this layer's outputs, if any. */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    /**
     * Sets a regularizer on this layer's outputs (Keras's {@code activity_regularizer}); before it is built. Its
     * penalty on each output of a training call, divided by the batch size as in Keras 3, joins {@link #losses()}.
     */
    public Layer activityRegularizer(Regularizer regularizer) {
        requireNotBuilt("activityRegularizer");
        this.activityRegularizer = regularizer;
        return this;
    }

    // ---- calling -------------------------------------------------------------------------------------------

    /**
     * Applies the layer to one input and returns its one output.
     *
     * @throws ShapeException if the input does not fit the layer; the message names the layer and both shapes
     * @throws IllegalStateException if the layer has several outputs
     */
    public final Tensor apply(Tensor input) {
        Tensors out = applyAll(Tensors.of(input));
        if (out.size() != 1) {
            throw new IllegalStateException(describe() + " returns " + out.size() + " outputs; use apply(List)");
        }
        return out.get(0);
    }

    /** Applies the layer to several inputs (concrete or symbolic) and returns all its outputs. */
    @Override
    public final Tensors apply(List<? extends Tensor> inputs) {
        return applyAll(Tensors.of(inputs));
    }

    /**
     * Applies the layer in training mode or not, like Keras's {@code layer(x, training=True)}: layers such as
     * Dropout and BatchNormalization behave differently when training. Sublayers inherit the mode.
     */
    public final Tensor apply(Tensor input, boolean training) {
        return CallContext.with(training, true, () -> apply(input));
    }

    /** Applies the layer to several inputs in training mode or not. */
    public final Tensors apply(List<? extends Tensor> inputs, boolean training) {
        return CallContext.with(training, true, () -> applyAll(Tensors.of(inputs)));
    }

    /**
     * Runs {@code body} with inference settings for concurrent use: not training, and {@link #addLoss} keeps
     * nothing (so many threads may call the same model).
     */
    protected static <T> T inInference(java.util.function.Supplier<T> body) {
        return CallContext.with(false, false, body);
    }

    private Tensors applyAll(Tensors inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(describe() + " was called with no inputs");
        }
        CallContext context = CallContext.current();
        if (!context.inCall()) { // the outermost call: it names the layers made during it
            return CallContext.within(this, () -> applyAll(inputs));
        }
        if (!context.trainingGiven && trainingByDefault()) { // Keras's call(..., training=True) default
            return CallContext.with(true, context.collectLosses, () -> applyAll(inputs));
        }
        context.enter(this);
        boolean symbolic = Graph.isSymbolic(inputs);
        try {
            if (!built) {
                buildFromShapes(shapes(inputs));
            }
            checkInputs(inputs);
            if (symbolic) {
                return callSymbolic(inputs);
            }
        } catch (ShapeException e) {
            throw attribute(e, symbolic);
        }
        boolean collect = context.collectLosses;
        if (collect && !callLosses.isEmpty()) {
            callLosses.clear();
        }
        Tensors out;
        try {
            out = dispatch(inputs);
        } catch (ShapeException e) {
            throw attribute(e, false);
        }
        if (activityRegularizer != null && collect) {
            for (Tensor o : out) {
                addLoss(activityPenalty(o));
            }
        }
        return withMasks(inputs, out);
    }

    // ---- masks ---------------------------------------------------------------------------------------------

    /**
     * Whether this layer passes masks on or makes them (Keras's {@code supports_masking}): its outputs then carry
     * the masks {@link #computeMask} gives. By default true exactly when the layer overrides {@code computeMask};
     * a layer whose output steps line up with its input's (Dense, Dropout, normalization, activations) overrides
     * this to return true and so passes the input's mask on unchanged. A layer that does not support masking and
     * is given a masked input drops the mask, with a warning, as Keras does.
     */
    protected boolean supportsMasking() {
        return Tracking.computesMask(getClass());
    }

    /**
     * Whether this layer's {@code call} reads its inputs' masks (Keras's {@code call(..., mask=None)}: recurrent
     * layers, attention, {@code GlobalAveragePooling1D}, {@code Softmax}, {@code BatchNormalization}). A graph then
     * records the masks with the layer's node, as Keras's graph records the {@code mask=} keyword, so a Functional
     * model gives the layer the same masks when it runs and saves them as Keras does. Default false.
     */
    protected boolean callTakesMask() {
        return false;
    }

    /**
     * The Keras dtype this layer declares in its config when it is not float32 (an integer {@code InputLayer});
     * Strata computes in float32 whatever it says. Default {@code "float32"}.
     */
    protected String declaredDtype() {
        return "float32";
    }

    /**
     * The keyword arguments a saved Keras graph records with every call of this layer besides its tensors: Keras
     * writes a call argument whose default is not None ({@code training=False} of Dropout and the recurrent
     * layers), and layers that keep call arguments as settings give them here (MultiHeadAttention's
     * {@code use_causal_mask}). Default none.
     */
    public Map<String, Object> kerasCallKeywords() {
        return Map.of();
    }

    /** {@link #callTakesMask()}, for the graph. */
    @Override
    public final boolean recordsMasks() {
        return callTakesMask();
    }

    /**
     * The mask of this layer's (first) output, given its input and the mask that input carries ({@code null} for
     * none), like Keras's {@code compute_mask(inputs, previous_mask)}; {@code null} for no mask. By default the
     * input's mask. Called on symbolic inputs too, when a model is built or traced: use {@code Ops} on the
     * input, not its values.
     */
    protected Tensor computeMask(Tensor input, Tensor previousMask) {
        return previousMask;
    }

    /**
     * The masks of this layer's outputs (one per output, {@code null} for none; a shorter list leaves the rest
     * unmasked), given its inputs and their masks. By default the one-input form for a layer with one input,
     * else the inputs' masks (Keras's default: the mask of input i goes to output i). Layers with several inputs
     * or outputs (merging layers, a recurrent layer returning its states) override this form.
     */
    protected List<Tensor> computeMask(Tensors inputs, List<Tensor> previousMasks) {
        if (inputs.size() == 1) {
            return java.util.Collections.singletonList(computeMask(inputs.get(0), previousMasks.get(0)));
        }
        return previousMasks;
    }

    /** The masks the inputs carry ({@code null} for none), or {@code null} when none does. */
    private static List<Tensor> inputMasks(Tensors inputs) {
        Tensor[] masks = null;
        for (int i = 0; i < inputs.size(); i++) {
            Tensor m = inputs.get(i).mask().orElse(null);
            if (m != null) {
                masks = masks == null ? new Tensor[inputs.size()] : masks;
                masks[i] = m;
            }
        }
        return masks == null ? null : java.util.Arrays.asList(masks);
    }

    /**
     * Attaches the masks {@link #computeMask} gives to the outputs (Keras's {@code _set_mask_metadata}): an output
     * that already carries a mask (the layer's call put it there) keeps it. An output that is one of the inputs
     * gets a new tensor over the same values, so the caller's tensor is not changed.
     */
    private Tensors withMasks(Tensors inputs, Tensors outputs) {
        List<Tensor> previous = inputMasks(inputs);
        if (!supportsMasking()) {
            if (previous != null) {
                warnMaskDropped();
            }
            return outputs;
        }
        if (previous == null && !Tracking.computesMask(getClass())) {
            return outputs; // passes masks on, and there is none
        }
        List<Tensor> masks = computeMask(inputs, previous == null
                ? java.util.Collections.nCopies(inputs.size(), null) : previous);
        if (masks == null) {
            return outputs;
        }
        Tensor[] out = null;
        for (int i = 0; i < Math.min(masks.size(), outputs.size()); i++) {
            Tensor mask = masks.get(i), o = outputs.get(i);
            if (mask == null || o.mask().isPresent()) {
                continue;
            }
            Tensor.checkMask(o, mask, describe() + " (its computeMask)");
            boolean fresh = !(o instanceof dev.strata.tensor.Variable) && !isOneOf(o, inputs);
            Tensor masked = dev.strata.internal.TensorAccess.attachMask(o, mask, fresh);
            if (masked != o) {
                out = out == null ? outputs.toArray(Tensor[]::new) : out;
                out[i] = masked;
            }
        }
        if (out == null) {
            return outputs;
        }
        return namedAs(outputs, java.util.Arrays.asList(out));
    }

    private static boolean isOneOf(Tensor t, Tensors inputs) {
        for (Tensor in : inputs) {
            if (in == t) {
                return true;
            }
        }
        return false;
    }

    private volatile boolean maskDropWarned;

    private void warnMaskDropped() {
        if (!maskDropWarned) {
            maskDropWarned = true;
            System.getLogger("dev.strata.layers").log(System.Logger.Level.WARNING, "Strata: " + describe()
                    + " does not support masking but was given an input with a mask; its outputs carry no mask, so "
                    + "layers after it will not see one (Keras does the same)");
        }
    }

    /**
     * The activity regularizer's penalty on one output, divided by the batch size as Keras 3 does (its
     * {@code divide_no_nan}: an empty batch adds nothing), so the penalty's weight does not grow with the batch.
     */
    private Tensor activityPenalty(Tensor output) {
        Tensor penalty = activityRegularizer.apply(output);
        if (output.shape().rank() == 0) {
            return penalty;
        }
        int batch = output.shape().get(0);
        return batch == 0 ? Ops.multiply(penalty, 0f) : Ops.divide(penalty, (float) batch);
    }

    /**
     * Symbolic inputs: run {@code call} on them for the output shapes (the ops' shape rules do the work, and
     * sublayers record their own nodes), then record one node for this layer. A layer that overrides
     * {@link #computeOutputShape} is not run: its node gets the shapes the hook gives.
     */
    private Tensors callSymbolic(Tensors inputs) {
        if (Tracking.computesOutputShape(getClass())) {
            return withMasks(inputs, Tensors.of(Graph.record(this, inputs, outputShapes(shapes(inputs)))));
        }
        Tensors inner = dispatch(inputs);
        List<Shape> outShapes = shapes(inner);
        List<SymbolicTensor> outs = Graph.record(this, inputs, outShapes);
        for (int i = 0; i < outs.size(); i++) { // a mask the call put on an output is the node's too, as in eager
            Tensor innerMask = inner.get(i).mask().orElse(null);
            if (innerMask != null) {
                dev.strata.internal.TensorAccess.attachMask(outs.get(i), innerMask, true);
            }
        }
        onSymbolicCall(inputs, inner, outs);
        return withMasks(inputs, namedAs(inner, outs));
    }

    /** {@code items} as {@link Tensors}, with {@code source}'s names when every one of its items has a name. */
    private static Tensors namedAs(Tensors source, List<? extends Tensor> items) {
        Tensors result = Tensors.of(items);
        if (source.isEmpty()) {
            return result;
        }
        String[] names = new String[source.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = source.name(i).orElse(null);
            if (names[i] == null) {
                return result;
            }
        }
        return result.withNames(names);
    }

    /**
     * Called after a call on symbolic inputs, with the outputs {@code call} produced (whose graph reaches back
     * to {@code inputs}: the trace of this layer) and the outputs recorded for this layer's own node. Models
     * keep their trace here; other layers have no use for it.
     */
    protected void onSymbolicCall(Tensors inputs, Tensors innerOutputs, List<SymbolicTensor> outputs) {
    }

    private Tensors dispatch(Tensors inputs) {
        if (Tracking.callForm(getClass()) == Tracking.CallForm.SINGLE) {
            if (inputs.size() != 1) {
                throw new IllegalArgumentException(describe() + " takes one input (it overrides call(Tensor)), but was "
                        + "given " + inputs.size());
            }
            return Tensors.of(call(inputs.get(0)));
        }
        return call(inputs);
    }

    /**
     * The layer's computation on one input. Override this or {@link #call(Tensors)}. Use {@link #training()}
     * for behaviour that differs in training.
     */
    protected Tensor call(Tensor input) {
        throw new UnsupportedOperationException(describe() + " overrides neither call(Tensor) nor call(Tensors)");
    }

    /** The layer's computation on several inputs, returning one or more outputs. */
    protected Tensors call(Tensors inputs) {
        throw new UnsupportedOperationException(describe() + " overrides neither call(Tensor) nor call(Tensors)");
    }

    /**
     * The output shape for an input of this shape (batch first; any dimension may be {@link Shape#UNKNOWN}), like
     * Keras's {@code compute_output_shape}. Override it (or {@link #computeOutputShape(List)} for several inputs or
     * outputs) when running {@code call} on symbolic inputs cannot give the shape: the output size depends on
     * dimensions that are unknown while tracing (a time axis, a flattened size), or {@code call} reads values. A
     * layer that overrides it is not run on symbolic inputs at all: its node in the graph gets these shapes, so
     * they must be the shapes {@code call} gives on real data (with unknown dimensions where the inputs leave
     * them open). Throw a {@link ShapeException} for an input the layer cannot take; it is reported with the
     * layer's path. Layers whose {@code call} traces (most) need not override it; nor should a model that is
     * traced from its {@code call}.
     *
     * <pre>{@code
     * @Override protected Shape computeOutputShape(Shape inputShape) {
     *     return Shape.of(inputShape.get(0), units);   // (batch, units) whatever the time axis
     * }
     * }</pre>
     */
    protected Shape computeOutputShape(Shape inputShape) {
        throw new UnsupportedOperationException(describe() + " overrides neither computeOutputShape(Shape) nor "
                + "computeOutputShape(List)");
    }

    /**
     * The output shapes for inputs of these shapes (batch first), one per output; by default
     * {@link #computeOutputShape(Shape)} for one input. Override this form for layers with several inputs or
     * outputs (those that override {@link #call(Tensors)}).
     */
    protected List<Shape> computeOutputShape(List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new UnsupportedOperationException(describe() + " takes " + inputShapes.size() + " inputs but "
                    + "overrides only computeOutputShape(Shape); override computeOutputShape(List) instead");
        }
        return Collections.singletonList(computeOutputShape(inputShapes.getFirst())); // null is reported, not thrown
    }

    private List<Shape> outputShapes(List<Shape> inputShapes) {
        List<Shape> out = computeOutputShape(inputShapes);
        if (out == null || out.isEmpty() || out.stream().anyMatch(Objects::isNull)) {
            throw new IllegalStateException(describe() + ".computeOutputShape returned " + out + " for input shapes "
                    + inputShapes + "; it must give one shape per output");
        }
        return out;
    }

    /**
     * Whether this layer trains when called with the mode left open (a call outside {@code fit}, {@code evaluate} and
     * {@code predict}, without {@link #apply(Tensor, boolean)}): Keras's default of {@code training} in the layer's
     * {@code call} signature. False for most layers; true for the image augmentation layers, whose Keras
     * {@code call(data, training=True)} augments when called on its own. The mode it resolves to holds for the
     * layers it calls, as in Keras.
     */
    protected boolean trainingByDefault() {
        return false;
    }

    /** Whether the current call is in training mode (set by {@code fit} or {@link #apply(Tensor, boolean)}). */
    protected static boolean training() {
        return CallContext.current().training;
    }

    // ---- building ------------------------------------------------------------------------------------------

    /**
     * Builds the layer, without data, for inputs whose samples have these shapes (the batch dimension is left out:
     * it is added, unknown): {@code new Dense(30).buildForSamples(Shape.of(8))} creates a (8, 30) kernel, as
     * Keras's {@code layer.build((None, 8))} does. For models (and layers made of sublayers) this runs {@code call}
     * on symbolic inputs, which builds every sublayer and, for a model, traces it: shape errors surface here,
     * before any data, and the model gets its summary, plot and saved graph.
     *
     * <pre>{@code
     * model.buildForSamples(Shape.of(5), Shape.of(6));   // two inputs: (None, 5) and (None, 6)
     * }</pre>
     *
     * @throws ShapeException if a layer cannot take these shapes; the message names it and the shapes
     */
    public void buildForSamples(Shape... sampleShapes) {
        if (sampleShapes.length == 0) {
            throw new IllegalArgumentException(describe() + ".buildForSamples: give the shape of each input's samples");
        }
        // The inputs are made inside the call they start, so a model's input layers are named by that call
        // (input_layer, input_layer_1, ... as Keras names the Inputs of a Functional model) and never share a name
        // with the model's own layers.
        CallContext.within(this, () -> applyAll(Tensors.of(symbolicInputs(sampleShapes))));
    }

    /**
     * The symbolic inputs {@link #buildForSamples} calls the layer on, one per shape (batch dimension unknown):
     * placeholders. A model makes input layers instead, so that its trace starts from them as a Functional model's
     * does.
     */
    protected List<Tensor> symbolicInputs(Shape... sampleShapes) {
        List<Tensor> inputs = new ArrayList<>();
        for (int i = 0; i < sampleShapes.length; i++) {
            inputs.add(Graph.input(sampleShapes[i].prepend(Shape.UNKNOWN), "input_" + i));
        }
        return inputs;
    }

    /**
     * Creates the layer's weights for an input of this shape (batch dimension first, usually unknown), like
     * Keras's {@code build(input_shape)}: the framework calls it once, before the first {@code call}, from the
     * first input's shape. Override it to create weights with {@link #addWeight} and to set an
     * {@link #setInputSpec input spec}. The default creates nothing.
     */
    protected void build(Shape inputShape) {
    }

    /** Creates the weights of a layer with several inputs; by default, {@link #build(Shape)} for one input. */
    protected void build(List<Shape> inputShapes) {
        if (inputShapes.size() == 1) {
            build(inputShapes.getFirst());
        }
    }

    private void buildFromShapes(List<Shape> shapes) {
        synchronized (this) {
            if (built) {
                return;
            }
            ensureTracked();
            build(shapes);
            List<Shape> kept = new ArrayList<>();
            for (Shape s : shapes) {
                kept.add(s.rank() == 0 ? s : s.withDim(0, Shape.UNKNOWN));
            }
            buildShapes = List.copyOf(kept);
            children = null; // build() may have created sublayers: look again
            ensureTracked();
            built = true;
        }
    }

    /**
     * Builds the layer right away for inputs of these full shapes (batch first), for layers that know their input
     * at construction (Keras's {@code _build_at_init}): InputLayer, or layers without weights.
     */
    protected final void buildAtInit(Shape... batchShapes) {
        buildFromShapes(List.of(batchShapes));
    }

    /** Whether the layer has been built. */
    public final boolean isBuilt() {
        return built;
    }

    /** The input shapes the layer was built for (batch unknown), or empty if not built. */
    public List<Shape> buildInputShapes() {
        return buildShapes == null ? List.of() : buildShapes;
    }

    /** Declares what inputs the layer accepts from now on (usually in {@code build}); one spec per input. */
    protected final void setInputSpec(InputSpec... specs) {
        this.inputSpec = List.of(specs);
    }

    /** Checks the inputs' shapes against the input spec (on the tensors: no list of shapes on every call). */
    private void checkInputs(List<? extends Tensor> inputs) {
        List<InputSpec> spec = inputSpec;
        if (spec == null) {
            return;
        }
        if (spec.size() != inputs.size()) {
            throw new IllegalArgumentException(describe() + " expects " + spec.size() + " input(s), got "
                    + inputs.size());
        }
        for (int i = 0; i < inputs.size(); i++) {
            Shape shape = inputs.get(i).shape();
            if (!spec.get(i).accepts(shape)) {
                String expected = buildShapes != null && i < buildShapes.size()
                        ? " (built for shape " + buildShapes.get(i) + ")" : "";
                throw new ShapeException(describe() + (inputs.size() > 1 ? " input " + i : "") + " expected "
                        + spec.get(i).describe() + expected + ", but received shape " + shape);
            }
        }
    }

    /**
     * Names this layer (by its path, e.g. {@code WideAndDeepModel.mainOutput}) and the line of the caller's code in
     * a shape error, once: the innermost layer wins, outer layers pass it on.
     */
    private ShapeException attribute(ShapeException e, boolean tracing) {
        if (e instanceof LayerShapeException) {
            return e;
        }
        // a layer's own message usually starts by describing it ("Layer 'lstm' (LSTM) expects ..."): name it once,
        // as that message says it when nobody holds the layer, else by its path
        String text = String.valueOf(e.getMessage());
        String message;
        if (!text.startsWith(describe())) {
            message = describePath() + ": " + text;
        } else if (owner == null) {
            message = text;
        } else {
            message = describePath() + ": " + text.substring(describe().length()).replaceFirst("^:? *", "");
        }
        message = message
                + (tracing ? " (found while tracing, before any data)" : "")
                + dev.strata.internal.CallSites.describeUserFrame(e);
        LayerShapeException wrapped = new LayerShapeException(message, path());
        wrapped.setStackTrace(e.getStackTrace());
        return wrapped;
    }

    /**
     * Where the layer sits among the layers that hold it: {@code WideAndDeepModel.mainOutput},
     * {@code Outer.blocks[2].dense}; just the class name for a layer nobody holds in a field.
     */
    public String path() {
        if (owner == null) {
            return getClass().getSimpleName();
        }
        return owner.path() + "." + attribute;
    }

    /** "WideAndDeepModel.mainOutput (Dense 'main_output')", or {@link #describe()} for a free-standing layer. */
    public String describePath() {
        if (owner == null) {
            return describe();
        }
        return path() + " (" + getClass().getSimpleName() + " '" + name + "')";
    }

    /** Records the layer that holds this one and under which attribute (the first owner wins). */
    final void adoptOwner(Layer holder, String attributeName) {
        if (owner == null && holder != this) {
            owner = holder;
            attribute = attributeName;
        }
    }

    // ---- weights -------------------------------------------------------------------------------------------

    /**
     * Creates a weight of this layer (Keras's {@code add_weight}). Call it in the constructor or in
     * {@link #build(Shape)}; once the layer is built its state is locked.
     */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean trainable) {
        return addWeight(weightName, shape, initializer, trainable, null);
    }

    /** Creates a weight with a regularizer whose penalty joins {@link #losses()}. */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean trainable,
                                       Regularizer regularizer) {
        return addWeight(weightName, shape, initializer, trainable, regularizer, null);
    }

    /**
     * Creates a weight with a regularizer (null for none) and a constraint (null for none), like Keras's
     * {@code add_weight(..., regularizer=, constraint=)}: the optimizers project the weight with the constraint after
     * each update (see {@link Variable#constraint()}). Layers with {@code *_constraint} arguments pass them here.
     */
    protected final Variable addWeight(String weightName, Shape shape, Initializer initializer, boolean trainable,
                                       Regularizer regularizer, Constraint constraint) {
        if (built) {
            throw new IllegalStateException(describe() + " cannot add weight '" + weightName + "' after it is built; "
                    + "create weights in the constructor or in build()");
        }
        Objects.requireNonNull(initializer, "initializer");
        if (!shape.isFullyDefined()) {
            throw new ShapeException(describe() + ": weight '" + weightName + "' needs a fully known shape, got "
                    + shape);
        }
        // Loading a file limits the weights its architecture may create to the values the file holds.
        dev.strata.internal.WeightBudget.charge(elements(shape), describe() + ": weight '" + weightName + "' "
                + shape);
        Tensor init = initializer.apply(shape);
        if (!init.shape().equals(shape)) {
            throw new ShapeException(describe() + ": initializer " + initializer + " made shape "
                    + init.shape() + " for weight '" + weightName + "' of shape " + shape);
        }
        Variable v = new Variable(init, weightName, trainable);
        v.setConstraint(constraint);
        ownWeights.add(v);
        if (regularizer != null) {
            weightRegularizers.put(v, regularizer);
        }
        return v;
    }

    /**
     * All weights, grouped by layer as Keras orders them: this layer's own (trainable, then non-trainable), then
     * each sublayer's in turn; a shared weight appears once.
     */
    public List<Variable> weights() {
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        addOwn(out, seen, true);
        addOwn(out, seen, false);
        for (Layer child : layersTracked()) {
            addAll(out, seen, child.weights());
        }
        return Collections.unmodifiableList(out);
    }

    /** The weights training updates: none if the layer is frozen. */
    public List<Variable> trainableWeights() {
        if (!trainable) {
            return List.of();
        }
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        addOwn(out, seen, true);
        for (Layer child : layersTracked()) {
            addAll(out, seen, child.trainableWeights());
        }
        return Collections.unmodifiableList(out);
    }

    /** The weights training leaves alone: the non-trainable ones, and all of them if the layer is frozen. */
    public List<Variable> nonTrainableWeights() {
        if (!trainable) {
            return weights();
        }
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        addOwn(out, seen, false);
        for (Layer child : layersTracked()) {
            addAll(out, seen, child.nonTrainableWeights());
        }
        return Collections.unmodifiableList(out);
    }

    private void addOwn(List<Variable> out, Set<Variable> seen, boolean trainableOnes) {
        for (Variable v : ownWeights) {
            if (v.trainable() == trainableOnes && seen.add(v)) {
                out.add(v);
            }
        }
    }

    private static void addAll(List<Variable> out, Set<Variable> seen, List<Variable> more) {
        for (Variable v : more) {
            if (seen.add(v)) {
                out.add(v);
            }
        }
    }

    /** Copies of the weight values, in {@link #weights()} order (Keras's {@code get_weights}). */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value());
        }
        return out;
    }

    /**
     * Sets the weight values, in {@link #weights()} order (Keras's {@code set_weights}).
     *
     * @throws IllegalArgumentException if the count differs
     * @throws ShapeException if a shape differs; nothing is changed then
     */
    public void setWeights(List<? extends Tensor> values) {
        List<Variable> ws = weights();
        if (values.size() != ws.size()) {
            throw new IllegalArgumentException(describe() + ".setWeights: expected " + ws.size() + " values, got "
                    + values.size());
        }
        for (int i = 0; i < ws.size(); i++) {
            if (!ws.get(i).shape().equals(values.get(i).shape())) {
                throw new ShapeException(describe() + ".setWeights: weight " + i + " ('" + ws.get(i).name()
                        + "') has shape " + ws.get(i).shape() + ", value has shape " + values.get(i).shape());
            }
        }
        for (int i = 0; i < ws.size(); i++) {
            ws.get(i).assign(values.get(i));
        }
    }

    /**
     * The number of scalars in all weights.
     *
     * @throws IllegalStateException if the layer is not built yet (its weights do not exist)
     */
    public int countParams() {
        if (!built) {
            throw new IllegalStateException(describe() + " is not built yet, so it has no weights to count; call "
                    + "buildForSamples(...) or apply it to an input first");
        }
        int n = 0;
        for (Variable v : weights()) {
            n += v.size();
        }
        return n;
    }

    /** This layer's own weights (not its sublayers'), in creation order. */
    protected final List<Variable> ownWeights() {
        return Collections.unmodifiableList(ownWeights);
    }

    // ---- losses --------------------------------------------------------------------------------------------

    /**
     * Adds a loss computed during {@code call} (an activity penalty, say); training adds it to the loss.
     * Ignored during {@code predict}.
     */
    protected final void addLoss(Tensor loss) {
        if (CallContext.current().collectLosses) {
            callLosses.add(loss);
        }
    }

    /**
     * The losses of the last call (from {@link #addLoss}) plus the penalties of regularized weights, this
     * layer's and its sublayers'.
     */
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>();
        collectLosses(out, Collections.newSetFromMap(new IdentityHashMap<>(8))); // (sized: this runs every step)
        return out;
    }

    private void collectLosses(List<Tensor> out, Set<Layer> seen) {
        if (!seen.add(this)) {
            return;
        }
        synchronized (callLosses) {
            if (!callLosses.isEmpty()) { // (addAll copies even an empty list: this runs for every layer, every step)
                out.addAll(callLosses);
            }
        }
        for (Variable v : ownWeights) { // creation order (kernel before bias), as Keras lists them
            Regularizer r = weightRegularizers.get(v);
            if (r != null) {
                out.add(r.apply(v));
            }
        }
        for (Layer child : layersTracked()) {
            child.collectLosses(out, seen);
        }
    }

    // ---- sublayers -----------------------------------------------------------------------------------------

    /**
     * Tracks a sublayer that reflection cannot find (held in a lambda, a record, an Optional...); returns it.
     * Fields holding layers, and lists, arrays and maps of layers in fields, are tracked without this.
     */
    protected final <L extends Layer> L track(L layer) {
        Objects.requireNonNull(layer, "layer");
        if (built) {
            throw new IllegalStateException(describe() + " cannot track " + layer.describe() + " after it is built");
        }
        explicitlyTracked.add(layer);
        children = null;
        return layer;
    }

    /** The directly tracked sublayers, in field declaration order, then those passed to {@link #track}. */
    protected List<Layer> layersTracked() {
        ensureTracked();
        List<Layer> out = new ArrayList<>();
        for (Tracking.Child c : children) {
            out.add(c.layer());
        }
        return out;
    }

    /** The directly tracked sublayers by attribute path ({@code "hidden1"}, {@code "blocks[0]"}). */
    final Map<String, Layer> layersByAttribute() {
        ensureTracked();
        Map<String, Layer> out = new LinkedHashMap<>();
        for (Tracking.Child c : children) {
            out.put(c.attribute(), c.layer());
        }
        return out;
    }

    private void ensureTracked() {
        if (children == null) {
            synchronized (this) {
                if (children == null) {
                    children = Tracking.discover(this, explicitlyTracked);
                }
            }
        }
    }

    /** Fields of Variable type found by tracking become this layer's own weights. */
    final void adoptVariable(Variable v) {
        for (Variable w : ownWeights) {
            if (w == v) {
                return;
            }
        }
        ownWeights.add(v);
    }

    // ---- config ------------------------------------------------------------------------------------------

    /**
     * Keras's {@code get_config()}: the arguments that recreate the layer, in the form Keras writes them (numbers,
     * strings, lists; initializers, regularizers and the dtype policy as nested
     * {@code {"module", "class_name", "config", "registered_name"}} dicts; activations as their names). The base
     * has {@code name}, {@code trainable}, {@code dtype} and, when set, {@code activity_regularizer}, then the
     * auto-config of a user's subclass (its simple fields by snake_case name, see
     * {@link dev.strata.config}), which is how a subclass gets a config without writing this method. Built-in
     * layers add their arguments and make themselves again with a {@code public static fromConfig(Config)}. An
     * override should start from {@code super.getConfig()} and come with a {@code public static fromConfig} when the
     * constructor parameters do not match the keys.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", trainable);
        config.put("dtype", KerasForms.envelope("keras", "DTypePolicy", new LinkedHashMap<>(Map.of("name",
                "float32")), null));
        if (activityRegularizer != null) {
            config.put("activity_regularizer", dev.strata.regularizers.Regularizers.serialize(activityRegularizer));
        }
        for (Map.Entry<String, Object> e : AutoConfig.of(this).entrySet()) {
            config.putIfAbsent(e.getKey(), e.getValue());
        }
        return config;
    }

    /**
     * Keras's {@code get_build_config()}: {@code {"input_shape": ...}}, the (batch-first) shapes the layer was built
     * for, one shape or a list of them; null if it is not built or {@link #hasBuildConfig() has none}.
     */
    @Override
    public Map<String, Object> getBuildConfig() {
        if (!built || buildShapes == null || buildShapes.isEmpty() || !hasBuildConfig()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (buildShapes.size() == 1) {
            out.put("input_shape", KerasForms.shapeList(buildShapes.getFirst()));
        } else {
            List<Object> all = new ArrayList<>();
            for (Shape s : buildShapes) {
                all.add(KerasForms.shapeList(s));
            }
            out.put("input_shape", all);
        }
        return out;
    }

    /**
     * Whether the saved form records how the layer was built. Layers Keras builds at construction (they have no
     * weights and accept any input: Activation, Dropout, Reshape, InputLayer) have no {@code build_config}.
     */
    protected boolean hasBuildConfig() {
        return true;
    }

    /**
     * Keras's {@code build_from_config()}: builds the layer for the input shapes its {@code build_config} records
     * (Keras 3.0-3.2's {@code shapes_dict} too), unless it is built already.
     *
     * @throws KerasConfigException if the shapes are malformed or the layer cannot be built for them
     */
    @Override
    public void buildFromConfig(Config buildConfig) {
        Object shapes = buildConfig.raw("input_shape");
        if (shapes == null && buildConfig.raw("shapes_dict") instanceof Map<?, ?> dict && dict.size() == 1) {
            shapes = dict.values().iterator().next();
        }
        buildConfig.finish();
        if (shapes == null || built) {
            return;
        }
        if (!(shapes instanceof List<?> list)) {
            throw buildConfig.error("'input_shape' must be a list, got " + Config.describe(shapes));
        }
        List<Shape> perSample = new ArrayList<>();
        if (!list.isEmpty() && list.getFirst() instanceof List<?>) {
            for (Object s : list) {
                perSample.add(perSample(s, buildConfig));
            }
        } else {
            perSample.add(perSample(list, buildConfig));
        }
        try {
            buildForSamples(perSample.toArray(new Shape[0]));
        } catch (TracingException e) {
            buildUntraceable(perSample, buildConfig, e);
        } catch (ShapeException | IllegalArgumentException e) {
            throw cannotBuild(buildConfig, perSample, e);
        }
    }

    /**
     * Builds a layer whose {@code call} cannot be traced, for {@link #buildFromConfig}. A plain layer cannot be
     * built then; a model can, by running it (see {@code Model}).
     */
    protected void buildUntraceable(List<Shape> perSampleShapes, Config buildConfig, TracingException traced) {
        throw cannotBuild(buildConfig, perSampleShapes, traced);
    }

    /** The error of a failed {@link #buildFromConfig}. */
    protected static KerasConfigException cannotBuild(Config buildConfig, List<Shape> perSample, RuntimeException e) {
        return new KerasConfigException(buildConfig.where() + ": cannot build it for input shapes " + perSample
                + " from its build_config: " + e.getMessage(), e);
    }

    /** A shape from a build_config, without its first (batch) dimension. */
    private static Shape perSample(Object shape, Config buildConfig) {
        if (!(shape instanceof List<?> dims) || dims.isEmpty()) {
            throw buildConfig.error("an input shape must be a non-empty list, got " + Config.describe(shape));
        }
        Shape full = buildConfig.toShape(dims, "input_shape");
        return full.subShape(1, full.rank());
    }

    /**
     * The keys of every layer's config that the base class reads, Keras's base {@code Layer} arguments: {@code name},
     * {@code trainable}, {@code dtype} (float32 only), {@code activity_regularizer}, and Keras 2's input-shape keys
     * (accepted; a Sequential model reads them).
     */
    static final java.util.Set<String> BASE_KEYS = java.util.Set.of("name", "trainable", "dtype",
            "activity_regularizer", "batch_input_shape", "batch_shape", "input_shape", "input_dim", "batch_size");

    /**
     * Layers as a family of Keras objects: the keys every layer's config has that this base class reads (see
     * {@link KerasObjects#deserialize(Object, Class, dev.strata.config.ConfigContext, String)}).
     */
    public static final KerasObjects.Family<Layer> FAMILY = new KerasObjects.Family<>(Layer.class, BASE_KEYS,
            Layer::readBaseConfig);

    /** Applies the {@link #BASE_KEYS} of a config to a layer just made from it. */
    static void readBaseConfig(Layer layer, Config c) {
        String name = c.string("name", null);
        if (name != null && !name.equals(layer.name())) {
            try {
                layer.named(name);
            } catch (IllegalStateException | IllegalArgumentException e) {
                throw c.error("cannot name the layer '" + name + "': " + e.getMessage());
            }
        }
        layer.setTrainable(c.bool("trainable", true));
        Object dtype = c.raw("dtype"); // a name, or Keras's DTypePolicy dict naming it (Hashing's int64)
        String declared = dtype instanceof String d ? d : dtype instanceof Map<?, ?> m
                && m.get("config") instanceof Map<?, ?> inner && inner.get("name") instanceof String n ? n : null;
        if (!layer.declaredDtype().equals(declared)) {
            c.requireFloat32("dtype");
        }
        Object reg = c.raw("activity_regularizer");
        if (reg != null) {
            layer.activityRegularizer(dev.strata.regularizers.Regularizers.deserialize(reg, c.context()));
        }
        c.ignore("batch_input_shape", "batch_shape", "input_shape", "input_dim", "batch_size");
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** "Layer 'dense_1' (Dense)", for messages. */
    public String describe() {
        return "Layer '" + name + "' (" + getClass().getSimpleName() + ")";
    }

    /** Throws if the layer is already built (for setters of options that shape the weights). */
    protected final void requireNotBuilt(String what) {
        if (built) {
            throw new IllegalStateException(describe() + "." + what + ": the layer is already built");
        }
    }

    private static List<Shape> shapes(List<? extends Tensor> ts) {
        List<Shape> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(t.shape());
        }
        return out;
    }

    private static String requireValidName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("invalid layer name '" + name + "': it must be non-empty and contain "
                    + "no '/'");
        }
        return name;
    }

    /** The element count of a fully known shape, saturating at {@code Long.MAX_VALUE} instead of overflowing. */
    private static long elements(Shape shape) {
        long n = 1;
        for (int d : shape.toArray()) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + name + ", built=" + built + ")";
    }
}
