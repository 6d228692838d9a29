package dev.strata.ops;

import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.TensorAccess;
import dev.strata.internal.autodiff.Backward;
import dev.strata.internal.autodiff.GradientBuffers;
import dev.strata.internal.autodiff.Tape;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What every op class uses: recording a node for symbolic inputs, wrapping results, recording a gradient
 * rule on active tapes. Keeping these in one place keeps each op class to its shape rule, forward and
 * gradient.
 */
final class OpSupport {
    private OpSupport() {
    }

    /** Records {@code spec(inputs)}, an op without non-tensor arguments, with output shape {@code out}. */
    static Tensor record(OpSpec spec, Shape out, Function<List<Tensor>, Tensor> replay, Tensor... inputs) {
        return record(spec.args(), out, replay, inputs);
    }

    /**
     * Records an op with its non-tensor arguments as typed values ({@code args}, made by its spec, which saving
     * writes as Keras does); {@code replay} reapplies the op to new inputs.
     */
    static Tensor record(OpSpec.Args args, Shape out, Function<List<Tensor>, Tensor> replay, Tensor... inputs) {
        return Graph.record(new OpNode(args, replay), Arrays.asList(inputs), out);
    }

    /** The storage of a concrete tensor (never written). */
    static float[] data(Tensor t) {
        return TensorAccess.data(t);
    }

    /**
     * An array for an op's result, its contents undefined: the op writes every element. New, except inside a
     * reverse pass that no tape records, where the result is a gradient or a temporary of a gradient rule and
     * the array is one reused from an earlier pass ({@link GradientBuffers}; what makes that safe is said there),
     * and inside a model's {@code predict}, where it is an intermediate reused from an earlier layer or call
     * ({@link dev.strata.internal.InferenceArena}).
     */
    static float[] newArray(int n) {
        return GradientBuffers.array(n);
    }

    /** A tensor over a freshly computed array. */
    static Tensor wrap(float[] data, Shape shape) {
        return TensorAccess.wrap(data, shape);
    }

    /** Records the gradient rule of {@code output = op(input)} if a tape watches the input. */
    static void gradient(Tensor output, Tensor input, Backward backward) {
        if (Tape.shouldRecord(input)) {
            Tape.record(output, new Tensor[] {input}, backward);
        }
    }

    /** Records the gradient rule of {@code output = op(a, b)} if a tape watches an input. */
    static void gradient(Tensor output, Tensor a, Tensor b, Backward backward) {
        if (Tape.shouldRecord(a, b)) {
            Tape.record(output, new Tensor[] {a, b}, backward);
        }
    }

    /** Records the gradient rule of {@code output = op(inputs)} if a tape watches an input. */
    static void gradient(Tensor output, Tensor[] inputs, Backward backward) {
        if (Tape.shouldRecord(Arrays.asList(inputs))) {
            Tape.record(output, inputs, backward);
        }
    }

}
