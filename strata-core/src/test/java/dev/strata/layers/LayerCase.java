package dev.strata.layers;

import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One example of a built-in layer for the {@linkplain LayerContract layer contract}: how to make it and what to call
 * it on, like the arguments of Keras's {@code run_layer_test} ({@code init_kwargs}, {@code input_shape}, ...). A
 * layer's own test class lists its cases in {@code static List<LayerCase> contractCases()}; the contract test finds
 * them by name and runs every check on each, except the checks a case declares not to apply, each with the reason.
 *
 * <pre>{@code
 * static List<LayerCase> contractCases() {
 *     return List.of(
 *             LayerCase.of(() -> new Dense(4, "tanh"), Shape.of(3)).wrongRank(Shape.of(2)),
 *             LayerCase.of(() -> new Dense(2), Shape.of(5, 3)).wrongRank(Shape.of(2)));
 * }
 * }</pre>
 */
public final class LayerCase {
    private final Supplier<? extends Layer> factory;
    private final List<Shape> sampleShapes;
    private String label;
    private IntFunction<List<Tensor>> inputs;
    private List<Shape> tracedSampleShapes = List.of();
    private final List<Integer> nonDifferentiableInputs = new ArrayList<>();
    private boolean randomInTraining;
    private double eps = 1e-2;
    private double rtol = 1e-2;
    private double atol = 1e-3;
    private List<Shape> wrongRankInputs;
    private Supplier<LoadOptions> loadOptions = LoadOptions::new;
    private final Map<LayerContract.Check, String> skipped = new EnumMap<>(LayerContract.Check.class);

    private LayerCase(Supplier<? extends Layer> factory, Shape... sampleShapes) {
        this.factory = Objects.requireNonNull(factory, "factory");
        if (sampleShapes.length == 0) {
            throw new IllegalArgumentException("a case needs the sample shape of each input");
        }
        this.sampleShapes = List.of(sampleShapes);
    }

    /**
     * A case: {@code factory} makes a new, unbuilt layer each time it is asked (each check uses fresh ones), called on
     * one input per sample shape (the batch dimension left out, all sizes known).
     */
    public static LayerCase of(Supplier<? extends Layer> factory, Shape... sampleShapes) {
        return new LayerCase(factory, sampleShapes);
    }

    /** What the case is about, shown before its sample shapes in reports (for cases that differ in arguments). */
    public LayerCase label(String text) {
        this.label = text;
        return this;
    }

    /**
     * The data to call the layer on, for a batch size; by default uniform in [-1, 1) from a fixed seed. Give it for
     * layers with a kink (relu's at 0: keep inputs away from it) or a domain.
     */
    public LayerCase inputs(IntFunction<List<Tensor>> forBatch) {
        this.inputs = Objects.requireNonNull(forBatch);
        return this;
    }

    /**
     * Sample shapes with unknown sizes ({@link Shape#UNKNOWN}) on which the layer must also trace, giving an output
     * shape that the eager output fits: the case of a layer whose shape comes from {@code computeOutputShape}.
     */
    public LayerCase tracedWith(Shape... sampleShapesWithUnknowns) {
        if (sampleShapesWithUnknowns.length != sampleShapes.size()) {
            throw new IllegalArgumentException("tracedWith needs one sample shape per input");
        }
        this.tracedSampleShapes = List.of(sampleShapesWithUnknowns);
        return this;
    }

    /** Inputs the output does not depend on smoothly (indices, masks): no finite-difference check for them. */
    public LayerCase nonDifferentiableInputs(int... indices) {
        for (int i : indices) {
            nonDifferentiableInputs.add(i);
        }
        return this;
    }

    /**
     * The layer draws random numbers in training (Dropout): the gradient check seeds Strata's generator before every
     * evaluation, so each one draws the same numbers.
     */
    public LayerCase randomInTraining() {
        this.randomInTraining = true;
        return this;
    }

    /** The finite-difference step and tolerances (default 1e-2, rtol 1e-2, atol 1e-3). */
    public LayerCase gradientTolerance(double step, double relative, double absolute) {
        this.eps = step;
        this.rtol = relative;
        this.atol = absolute;
        return this;
    }

    /**
     * Full shapes (batch included), one per input, of which at least one has a rank the built layer refuses: the
     * call must fail with a shape error naming the layer, the shape it received and the one it expected.
     */
    public LayerCase wrongRank(Shape... fullShapes) {
        if (fullShapes.length != sampleShapes.size()) {
            throw new IllegalArgumentException("wrongRank needs one full shape per input");
        }
        this.wrongRankInputs = List.of(fullShapes);
        return this;
    }

    /** The options that load the layer from its config (a Lambda needs its function back). */
    public LayerCase loadOptions(Supplier<LoadOptions> options) {
        this.loadOptions = Objects.requireNonNull(options);
        return this;
    }

    /** Declares that a check does not apply to this case, and why (the reason is kept with the case). */
    public LayerCase skip(LayerContract.Check check, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("say why " + check + " does not apply");
        }
        skipped.put(check, reason);
        return this;
    }

    // ---- read by the contract ----------------------------------------------------------------------------------

    Layer newLayer() {
        return Objects.requireNonNull(factory.get(), "the case's factory returned null");
    }

    List<Shape> sampleShapes() {
        return sampleShapes;
    }

    List<Shape> tracedSampleShapes() {
        return tracedSampleShapes;
    }

    List<Tensor> data(int batch) {
        if (inputs != null) {
            return inputs.apply(batch);
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < sampleShapes.size(); i++) {
            out.add(GradientCheck.random(17 + i, sampleShapes.get(i).prepend(batch), -1, 1));
        }
        return out;
    }

    boolean differentiable(int input) {
        return !nonDifferentiableInputs.contains(input);
    }

    boolean randomInTrainingMode() {
        return randomInTraining;
    }

    double eps() {
        return eps;
    }

    double rtol() {
        return rtol;
    }

    double atol() {
        return atol;
    }

    List<Shape> wrongRankInputs() {
        return wrongRankInputs;
    }

    LoadOptions newLoadOptions() {
        return loadOptions.get();
    }

    /** Why {@code check} does not apply, or null if it does. */
    String skipReason(LayerContract.Check check) {
        return skipped.get(check);
    }

    Map<LayerContract.Check, String> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    @Override
    public String toString() {
        List<String> shapes = new ArrayList<>();
        for (Shape s : sampleShapes) {
            shapes.add(s.toString());
        }
        return (label == null ? "" : label + ", ") + "samples " + String.join(" + ", shapes)
                + (tracedSampleShapes.isEmpty() ? "" : ", traced " + Arrays.toString(tracedSampleShapes.toArray()));
    }
}
