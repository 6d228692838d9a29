package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Subgraph;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** What the control-flow ops share: scalar predicates, shape agreement, the inputs of their nodes. */
final class ControlFlow {
    private ControlFlow() {
    }

    /** The value of a one-element tensor {@code t}, the op's argument {@code arg}. */
    static float scalar(String op, String arg, Tensor t) {
        if (t.size() != 1) {
            throw new IllegalArgumentException(op + ": '" + arg + "' must be a scalar (one element), got shape "
                    + t.shape());
        }
        return t.item();
    }

    /** Checks that a symbolic {@code arg} can hold one element. */
    static void checkScalarShape(String op, String arg, Shape s) {
        for (int i = 0; i < s.rank(); i++) {
            if (s.get(i) != 1) {
                throw new ShapeException(op + ": '" + arg + "' must be a scalar, got shape " + s);
            }
        }
    }

    /**
     * The shapes two traced parts agree on: the same number of outputs, each of compatible shapes (a dimension
     * one side leaves unknown takes the other's); otherwise an error naming both parts and both shapes.
     */
    static List<Shape> agree(String op, String firstName, List<Shape> first, String secondName, List<Shape> second) {
        if (first.size() != second.size()) {
            throw new ShapeException(op + ": " + firstName + " returns " + first.size() + " tensor(s) but "
                    + secondName + " returns " + second.size());
        }
        List<Shape> out = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            Shape a = first.get(i);
            Shape b = second.get(i);
            if (!a.isCompatibleWith(b)) {
                throw new ShapeException(op + ": " + firstName + " returns shape " + a + " for output " + i + " but "
                        + secondName + " returns shape " + b + "; both must return the same shapes");
            }
            out.add(merge(a, b));
        }
        return out;
    }

    private static Shape merge(Shape a, Shape b) {
        int[] dims = new int[a.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = a.get(i) != Shape.UNKNOWN ? a.get(i) : b.get(i);
        }
        return Shape.of(dims);
    }

    /** The shapes of tensors. */
    static List<Shape> shapes(List<? extends Tensor> ts) {
        List<Shape> out = new ArrayList<>(ts.size());
        for (Tensor t : ts) {
            out.add(t.shape());
        }
        return out;
    }

    /** A node's inputs: the operands, then the sub-graphs' captured tensors, each once. */
    static List<Tensor> nodeInputs(List<? extends Tensor> operands, List<Subgraph> subgraphs) {
        List<Tensor> in = new ArrayList<>(operands);
        in.addAll(Subgraph.distinctCaptures(subgraphs));
        return in;
    }

    /** Checks a tensor list a user's function returned. */
    static List<Tensor> returned(String op, String what, List<? extends Tensor> ts) {
        if (ts == null) {
            throw new IllegalArgumentException(op + ": " + what + " returned null");
        }
        for (int i = 0; i < ts.size(); i++) {
            if (ts.get(i) == null) {
                throw new IllegalArgumentException(op + ": " + what + " returned a null tensor at position " + i);
            }
        }
        return List.copyOf(ts);
    }
}
