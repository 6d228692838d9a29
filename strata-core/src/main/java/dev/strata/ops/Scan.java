package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.Subgraph;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * {@code keras.ops.scan}: {@code f(carry, x) -> (carry, y)} over the leading axis of {@code xs}, carrying state
 * and stacking the {@code y}s, as {@code jax.lax.scan} (with {@code reverse}, the steps run from the last slice to
 * the first and {@code ys[i]} still belongs to {@code xs[i]}). Concrete inputs run a Java loop the tape records;
 * symbolic ones trace {@code f} once, check that it gives back the carry with its shapes, and record one node.
 */
final class Scan {
    /** The node's identity; saved with its traced step function as a Strata control-flow entry. */
    static final OpSpec SPEC = OpSpec.op("scan").noKerasForm("saved with its traced step function as a Strata "
            + "control-flow entry; Keras's scan takes a Python function, which its files cannot hold");

    private Scan() {
    }

    static ScanResult apply(BiFunction<Tensors, Tensors, ScanResult> f, List<? extends Tensor> init,
                            List<? extends Tensor> xs, Integer length, boolean reverse) {
        List<Tensor> carry = List.copyOf(init);
        List<Tensor> xList = List.copyOf(xs);
        int n = length(xList, length);
        List<Tensor> all = new ArrayList<>(carry);
        all.addAll(xList);
        boolean concrete = !Graph.isSymbolic(all);
        if (concrete && n > 0) {
            ScanResult eager = tryEager(f, carry, xList, n, reverse);
            if (eager != null) {
                return eager;
            }
        }
        List<Shape> params = new ArrayList<>(ControlFlow.shapes(carry));
        for (Tensor x : xList) {
            params.add(x.shape().subShape(1, x.shape().rank()));
        }
        int nCarry = carry.size();
        Subgraph g = Subgraph.trace("scan_f", params, p -> {
            ScanResult r = call(f, p.subList(0, nCarry), p.subList(nCarry, p.size()));
            checkCarry(ControlFlow.shapes(p.subList(0, nCarry)), ControlFlow.shapes(r.carry()));
            List<Tensor> out = new ArrayList<>(r.carry());
            out.addAll(r.outputs());
            return out;
        });
        if (concrete && n == 0 && g.captures().isEmpty()) {
            return empty(g, nCarry, carry); // nothing to run: the outputs' shapes come from the trace
        }
        List<Tensor> operands = new ArrayList<>(carry);
        operands.addAll(xList);
        ControlFlowNode node = node(g, nCarry, xList.size(), length, reverse);
        List<Tensor> out = node.apply(ControlFlow.nodeInputs(operands, List.of(g)));
        return ScanResult.of(out.subList(0, nCarry), out.subList(nCarry, out.size()));
    }

    /**
     * The scan run eagerly, or null if {@code f}, given concrete values, computes on captured symbolic tensors
     * (then it is traced instead).
     */
    private static ScanResult tryEager(BiFunction<Tensors, Tensors, ScanResult> f, List<Tensor> carry,
                                       List<Tensor> xs, int n, boolean reverse) {
        List<Shape> carryShapes = ControlFlow.shapes(carry);
        // every step's slices at once: one unstack per tensor, whose gradient fills one buffer (linear in n)
        List<List<Tensor>> steps = new ArrayList<>(xs.size());
        for (Tensor x : xs) {
            steps.add(Ops.unstack(x));
        }
        Tensor[][] ys = null;
        for (int s = 0; s < n; s++) {
            int i = reverse ? n - 1 - s : s;
            List<Tensor> slice = new ArrayList<>(xs.size());
            for (List<Tensor> step : steps) {
                slice.add(step.get(i));
            }
            ScanResult r = call(f, carry, slice);
            if (Graph.isSymbolic(r.carry()) || Graph.isSymbolic(r.outputs())) {
                return null;
            }
            checkCarry(carryShapes, ControlFlow.shapes(r.carry()));
            carry = r.carry();
            if (ys == null) {
                ys = new Tensor[r.outputs().size()][n];
            }
            for (int k = 0; k < ys.length; k++) {
                ys[k][i] = r.outputs().get(k);
            }
        }
        if (ys == null) { // no step ran: the outputs' shapes come from tracing f
            return null;
        }
        List<Tensor> stacked = new ArrayList<>(ys.length);
        for (Tensor[] y : ys) {
            stacked.add(Ops.stack(Arrays.asList(y), 0));
        }
        return ScanResult.of(carry, stacked);
    }

    private static ScanResult call(BiFunction<Tensors, Tensors, ScanResult> f, List<Tensor> carry, List<Tensor> x) {
        ScanResult r = f.apply(Tensors.of(carry), Tensors.of(x));
        if (r == null) {
            throw new IllegalArgumentException("scan: f returned null; return ScanResult.of(carry, y)");
        }
        ControlFlow.returned("scan", "f's carry", r.carry());
        ControlFlow.returned("scan", "f's outputs", r.outputs());
        return r;
    }

    /** The number of steps: every {@code xs} tensor's leading dimension, or {@code length} when there are none. */
    private static int length(List<Tensor> xs, Integer length) {
        Integer n = length;
        for (int k = 0; k < xs.size(); k++) {
            Shape s = xs.get(k).shape();
            if (s.rank() == 0) {
                throw new ShapeException("scan: xs[" + k + "] is a scalar; scan runs over a leading axis");
            }
            int d = s.get(0);
            if (n == null) {
                n = d;
            } else if (d != Shape.UNKNOWN && n != Shape.UNKNOWN && d != n) {
                throw new ShapeException("scan: xs[" + k + "] has " + d + " steps (shape " + s + ") where "
                        + (length != null && k == 0 ? "'length' says " : "the others have ") + n);
            }
        }
        if (n == null) {
            throw new IllegalArgumentException("scan: give 'xs' or 'length'");
        }
        if (n < 0 && n != Shape.UNKNOWN) {
            throw new IllegalArgumentException("scan: 'length' must be >= 0, got " + n);
        }
        return n;
    }

    private static void checkCarry(List<Shape> in, List<Shape> out) {
        if (in.size() != out.size()) {
            throw new ShapeException("scan: f returns " + out.size() + " carried tensor(s) for " + in.size()
                    + " in 'init'");
        }
        for (int i = 0; i < in.size(); i++) {
            if (!in.get(i).isCompatibleWith(out.get(i))) {
                throw new ShapeException("scan: f changes the shape of carry " + i + " from " + in.get(i) + " to "
                        + out.get(i) + "; the carry must keep its shape");
            }
        }
    }

    /** The node over a traced (or loaded) step function of {@code nCarry} carried and {@code nXs} scanned tensors. */
    static ControlFlowNode node(Subgraph f, int nCarry, int nXs, Integer length, boolean reverse) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("length", length);
        options.put("reverse", reverse);
        options.put("num_carry", nCarry);
        return new ControlFlowNode(SPEC, "Scan", Collections.unmodifiableMap(options), List.of(f), List.of("f"),
                (node, in) -> {
                    List<Tensor> captures = node.captures(in, nCarry + nXs, 0);
                    Subgraph g = node.subgraphs().getFirst();
                    List<Tensor> xs = in.subList(nCarry, nCarry + nXs);
                    int n = length(xs, length);
                    BiFunction<Tensors, Tensors, ScanResult> step = (c, x) -> {
                        List<Tensor> args = new ArrayList<>(c);
                        args.addAll(x);
                        List<Tensor> out = g.run(args, captures);
                        return ScanResult.of(out.subList(0, nCarry), out.subList(nCarry, out.size()));
                    };
                    ScanResult r = n == 0 ? null : tryEager(step, in.subList(0, nCarry), xs, n, reverse);
                    if (r == null) { // no steps: zero outputs of the traced shapes
                        r = empty(g, nCarry, in.subList(0, nCarry));
                    }
                    List<Tensor> out = new ArrayList<>(r.carry());
                    out.addAll(r.outputs());
                    return out;
                },
                (node, in) -> {
                    List<? extends Tensor> xs = in.subList(nCarry, nCarry + nXs);
                    int n = xs.isEmpty() ? length : xs.getFirst().shape().get(0);
                    List<Shape> out = new ArrayList<>();
                    for (int i = 0; i < nCarry; i++) {
                        out.add(in.get(i).shape());
                    }
                    List<Shape> fOut = node.subgraphs().getFirst().outputShapes();
                    for (Shape y : fOut.subList(nCarry, fOut.size())) {
                        out.add(y.prepend(n));
                    }
                    return Graph.record(node, in, out);
                });
    }

    private static ScanResult empty(Subgraph g, int nCarry, List<Tensor> carry) {
        List<Shape> fOut = g.outputShapes();
        List<Tensor> ys = new ArrayList<>();
        for (Shape y : fOut.subList(nCarry, fOut.size())) {
            if (!y.isFullyDefined()) {
                throw new ShapeException("scan: no steps to run and the output shape " + y + " is not fully known");
            }
            ys.add(Tensor.zeros(y.prepend(0).toArray()));
        }
        return ScanResult.of(carry, ys);
    }
}
