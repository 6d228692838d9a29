package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.Subgraph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code keras.ops.while_loop}: {@code while cond(vars) and i < maximum_iterations: vars = body(vars)}. With
 * concrete loop variables it is a Java loop whose every iteration the tape records, so reverse-mode gradients run
 * back through exactly the iterations that ran. With symbolic ones the condition and the body are each traced once
 * into a sub-graph; the body must give back every loop variable with its shape (checked before any data), and the
 * recorded node runs the loop, with the same gradients, when the graph runs.
 */
final class WhileLoop {
    /** The node's identity; saved with its traced condition and body as a Strata control-flow entry. */
    static final OpSpec SPEC = OpSpec.op("while_loop").noKerasForm("saved with its traced condition and body as a "
            + "Strata control-flow entry; Keras's while_loop takes Python functions, which its files cannot hold");

    private WhileLoop() {
    }

    static List<Tensor> apply(Function<List<Tensor>, Tensor> cond,
                              Function<List<Tensor>, ? extends List<? extends Tensor>> body,
                              List<? extends Tensor> loopVars, Integer maximumIterations) {
        if (loopVars.isEmpty()) {
            throw new IllegalArgumentException("while_loop: 'loop_vars' must hold at least one tensor");
        }
        if (maximumIterations != null && maximumIterations < 0) {
            throw new IllegalArgumentException("while_loop: 'maximum_iterations' must be >= 0 or null, got "
                    + maximumIterations);
        }
        List<Tensor> vars = List.copyOf(loopVars);
        if (!Graph.isSymbolic(vars)) {
            Tensor first = cond.apply(vars);
            if (first == null || !first.isSymbolic()) { // concrete all the way: a plain loop
                return loop(vars, maximumIterations, cond, body, first);
            }
        }
        List<Shape> shapes = ControlFlow.shapes(vars);
        Subgraph c = Subgraph.trace("while_cond", shapes, p -> {
            Tensor t = cond.apply(p);
            if (t == null) {
                throw new IllegalArgumentException("while_loop: cond returned null");
            }
            ControlFlow.checkScalarShape("while_loop", "the value cond returns", t.shape());
            return List.of(t);
        });
        Subgraph b = Subgraph.trace("while_body", shapes, p -> ControlFlow.returned("while_loop", "body",
                body.apply(p)));
        checkBody(shapes, b.outputShapes());
        ControlFlowNode node = node(c, b, vars.size(), maximumIterations);
        return List.copyOf(node.apply(ControlFlow.nodeInputs(vars, List.of(c, b))));
    }

    /** The body must give back each loop variable with the shape it came in with. */
    private static void checkBody(List<Shape> vars, List<Shape> returned) {
        if (returned.size() != vars.size()) {
            throw new ShapeException("while_loop: body returns " + returned.size() + " tensor(s) for "
                    + vars.size() + " loop variable(s)");
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!vars.get(i).isCompatibleWith(returned.get(i))) {
                throw new ShapeException("while_loop: body changes the shape of loop variable " + i + " from "
                        + vars.get(i) + " to " + returned.get(i) + "; a loop variable must keep its shape");
            }
        }
    }

    private static List<Tensor> loop(List<Tensor> vars, Integer max, Function<List<Tensor>, Tensor> cond,
                                     Function<List<Tensor>, ? extends List<? extends Tensor>> body, Tensor first) {
        Tensor test = first;
        List<Shape> shapes = ControlFlow.shapes(vars);
        for (int i = 0; max == null || i < max; i++) {
            if (test == null) {
                throw new IllegalArgumentException("while_loop: cond returned null");
            }
            if (ControlFlow.scalar("while_loop", "the value cond returns", test) == 0f) {
                break;
            }
            vars = ControlFlow.returned("while_loop", "body", body.apply(vars));
            checkBody(shapes, ControlFlow.shapes(vars));
            test = cond.apply(vars);
        }
        return vars;
    }

    /** The node over a traced (or loaded) condition and body of {@code n} loop variables. */
    static ControlFlowNode node(Subgraph cond, Subgraph body, int n, Integer maximumIterations) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("maximum_iterations", maximumIterations);
        return new ControlFlowNode(SPEC, "WhileLoop", Collections.unmodifiableMap(options), List.of(cond, body),
                List.of("cond", "body"),
                (node, in) -> {
                    List<Tensor> capturesC = node.captures(in, n, 0);
                    List<Tensor> capturesB = node.captures(in, n, 1);
                    Function<List<Tensor>, Tensor> c = v -> node.subgraphs().get(0).run(v, capturesC).getFirst();
                    List<Tensor> init = in.subList(0, n);
                    return loop(init, maximumIterations, c, v -> node.subgraphs().get(1).run(v, capturesB),
                            c.apply(init));
                },
                (node, in) -> {
                    List<Shape> out = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        out.add(in.get(i).shape());
                    }
                    return Graph.record(node, in, out);
                });
    }
}
