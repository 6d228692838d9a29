package dev.strata.models;

import dev.strata.config.Config;
import dev.strata.graph.Subgraph;
import dev.strata.ops.Ops;
import dev.strata.ops.ScanResult;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rebuilds the control-flow ops of a saved graph ({@code cond}, {@code switch}, {@code while_loop}, {@code scan};
 * {@code fori_loop} and {@code map} are saved as the last two) by calling them again, through {@link Ops}, with
 * functions that replay their saved sub-graphs: the op traces those functions as it traced the user's, so a loaded
 * graph has the same nodes as the traced one.
 */
final class ControlFlowEntries {
    private ControlFlowEntries() {
    }

    /**
     * The outputs of the control-flow op {@code className} with config {@code c} applied to its node's inputs (the
     * operands, then the sub-graphs' captured tensors, each once).
     */
    static List<Tensor> apply(String className, Config c, List<Tensor> inputs, Function<Config, Subgraph> read) {
        c.ignore("name");
        List<Object> configs = c.list("subgraphs");
        if (configs == null || configs.isEmpty()) {
            throw c.error("a control-flow op needs its 'subgraphs'");
        }
        List<Subgraph> graphs = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            graphs.add(read.apply(new Config(configs.get(i), c.where() + ".subgraphs[" + i + "]", c.context())));
        }
        List<List<Tensor>> captures = captures(c, graphs, inputs);
        int operands = inputs.size() - capturedInputs(c, graphs);
        List<Tensor> ops = inputs.subList(0, operands);
        List<Tensor> out = switch (className) {
            case "Cond" -> {
                c.finish();
                require(c, graphs.size() == 2 && operands == 1, "a cond has a predicate and two branches");
                yield Ops.condAll(ops.getFirst(), () -> graphs.get(0).run(List.of(), captures.get(0)),
                        () -> graphs.get(1).run(List.of(), captures.get(1)));
            }
            case "Switch" -> {
                c.finish();
                List<Function<Tensors, List<Tensor>>> branches = new ArrayList<>();
                for (int b = 0; b < graphs.size(); b++) {
                    int branch = b;
                    branches.add(v -> graphs.get(branch).run(v, captures.get(branch)));
                }
                require(c, operands >= 1, "a switch has an index");
                yield Ops.switchCase(ops.getFirst(), branches, ops.subList(1, operands).toArray(new Tensor[0]));
            }
            case "WhileLoop" -> {
                Integer max = c.integer("maximum_iterations", null);
                c.finish();
                require(c, graphs.size() == 2 && graphs.get(0).parameters() == operands
                        && graphs.get(1).parameters() == operands, "a while_loop's cond and body take its loop variables");
                yield Ops.whileLoop(v -> graphs.get(0).run(v, captures.get(0)).getFirst(),
                        v -> graphs.get(1).run(v, captures.get(1)), ops, max);
            }
            case "Scan" -> {
                Integer length = c.integer("length", null);
                boolean reverse = c.bool("reverse", false);
                Integer nCarry = c.integer("num_carry", null);
                c.finish();
                require(c, graphs.size() == 1 && nCarry != null && graphs.getFirst().parameters() == operands,
                        "a scan's f takes its carry and one slice of each xs");
                Subgraph f = graphs.getFirst();
                ScanResult r = Ops.scan((carry, x) -> {
                    List<Tensor> args = new ArrayList<>(carry);
                    args.addAll(x);
                    List<Tensor> y = f.run(args, captures.getFirst());
                    return ScanResult.of(y.subList(0, nCarry), y.subList(nCarry, y.size()));
                }, ops.subList(0, nCarry), ops.subList(nCarry, operands), length, reverse);
                List<Tensor> all = new ArrayList<>(r.carry());
                all.addAll(r.outputs());
                yield all;
            }
            default -> throw c.error("'" + className + "' is not a control-flow op Strata knows (Cond, Switch, "
                    + "WhileLoop, Scan)");
        };
        return new ArrayList<>(out);
    }

    /**
     * How many of the node's inputs are captured tensors: the distinct ones {@code subgraph_captures} points to, or
     * (files written before captures were shared) every sub-graph's, in turn.
     */
    private static int capturedInputs(Config c, List<Subgraph> graphs) {
        List<Object> slots = c.list("subgraph_captures");
        if (slots == null) {
            return graphs.stream().mapToInt(g -> g.captures().size()).sum();
        }
        int n = 0;
        for (int g = 0; g < slots.size(); g++) {
            if (!(slots.get(g) instanceof List<?> s)) {
                throw c.error("'subgraph_captures[" + g + "]' must be a list of input positions");
            }
            for (Object slot : s) {
                if (!(slot instanceof Number k) || k.intValue() < 0) {
                    throw c.error("'subgraph_captures[" + g + "]' holds " + slot + ", not an input position");
                }
                n = Math.max(n, k.intValue() + 1);
            }
        }
        return n;
    }

    /** Each sub-graph's captured tensors among the node's inputs. */
    private static List<List<Tensor>> captures(Config c, List<Subgraph> graphs, List<Tensor> inputs) {
        int captured = capturedInputs(c, graphs);
        int operands = inputs.size() - captured;
        if (operands < 0) {
            throw c.error("the call gives " + inputs.size() + " inputs, fewer than the sub-graphs capture ("
                    + captured + ")");
        }
        List<Object> slots = c.list("subgraph_captures");
        List<List<Tensor>> out = new ArrayList<>();
        if (slots == null) {
            int from = operands;
            for (Subgraph g : graphs) {
                out.add(inputs.subList(from, from + g.captures().size()));
                from += g.captures().size();
            }
            return out;
        }
        require(c, slots.size() == graphs.size(), "'subgraph_captures' needs one list per sub-graph");
        for (int g = 0; g < graphs.size(); g++) {
            List<?> s = (List<?>) slots.get(g); // checked by capturedInputs
            if (s.size() != graphs.get(g).captures().size()) {
                throw c.error("'subgraph_captures[" + g + "]' must list one input position for each of the "
                        + graphs.get(g).captures().size() + " tensors sub-graph " + g + " captures");
            }
            List<Tensor> mine = new ArrayList<>();
            for (Object slot : s) {
                mine.add(inputs.get(operands + ((Number) slot).intValue()));
            }
            out.add(mine);
        }
        return out;
    }

    private static void require(Config c, boolean ok, String what) {
        if (!ok) {
            throw c.error("the saved sub-graphs do not fit the op: " + what);
        }
    }
}
