package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Maps a function over the leading axis, like {@code keras.ops.vectorized_map(function, elements)}: {@code
 * stack([function(e) for e in unstack(elements)])}, computed that way (the JAX backend vectorizes with {@code vmap};
 * the values are the same), so gradients flow through {@link Unstack} and {@link Stack}. Several elements tensors
 * (one leading length) give the function one list per index. Given symbolic elements it records one node, whose
 * output shape comes from running the function once on a symbolic element; like Keras's {@code VectorizedMap}
 * (whose config holds a Python function) it has no form a {@code .keras} file can load in Java or Python.
 */
final class VectorizedMap {
    /** No Keras form: the function is Java code. */
    static final OpSpec SPEC = OpSpec.op("vectorized_map").noKerasForm("vectorized_map applies a Java function, "
            + "which a .keras file cannot hold (Keras saves VectorizedMap with a Python function); rebuild the model "
            + "in code, or save its weights");

    private VectorizedMap() {
    }

    static Tensor apply(Function<List<Tensor>, Tensor> f, List<? extends Tensor> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("vectorizedMap: needs at least one elements tensor");
        }
        int n = Shape.UNKNOWN;
        for (Tensor e : elements) {
            Shape s = e.shape();
            if (s.rank() == 0) {
                throw new ShapeException("vectorizedMap: elements must have a leading axis to map over, got a scalar");
            }
            int d = s.get(0);
            if (d != Shape.UNKNOWN && n != Shape.UNKNOWN && d != n) {
                throw new ShapeException("vectorizedMap: every elements tensor must have the same leading length, got "
                        + "shapes " + elements.stream().map(Tensor::shape).toList());
            }
            n = n == Shape.UNKNOWN ? d : n;
        }
        if (Graph.isSymbolic(elements)) {
            List<Tensor> one = new ArrayList<>(elements.size());
            for (Tensor e : elements) {
                one.add(Graph.input(e.shape().subShape(1, e.shape().rank()), "vectorized_map_element"));
            }
            Shape out = result(f, one).shape().prepend(n);
            return OpSupport.record(SPEC, out, in -> apply(f, in), elements.toArray(Tensor[]::new));
        }
        List<List<Tensor>> parts = new ArrayList<>(elements.size());
        for (Tensor e : elements) {
            parts.add(Unstack.parts(e, 0));
        }
        if (n == 0) {
            throw new ShapeException("vectorizedMap: elements of shape " + elements.getFirst().shape()
                    + " have nothing to map over (leading length 0)");
        }
        List<Tensor> outputs = new ArrayList<>(n);
        Shape first = null;
        for (int i = 0; i < n; i++) {
            List<Tensor> args = new ArrayList<>(parts.size());
            for (List<Tensor> p : parts) {
                args.add(p.get(i));
            }
            Tensor y = result(f, args);
            if (first == null) {
                first = y.shape();
            } else if (!y.shape().equals(first)) {
                throw new ShapeException("vectorizedMap: the function returned shape " + y.shape() + " for element "
                        + i + " but " + first + " for element 0; it must return one shape");
            }
            outputs.add(y);
        }
        return Stack.apply(outputs, 0);
    }

    private static Tensor result(Function<List<Tensor>, Tensor> f, List<Tensor> args) {
        Tensor y = f.apply(List.copyOf(args));
        if (y == null) {
            throw new IllegalArgumentException("vectorizedMap: the function returned null");
        }
        return y;
    }
}
