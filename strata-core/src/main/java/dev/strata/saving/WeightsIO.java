package dev.strata.saving;

import dev.strata.ModelFormatException;
import dev.strata.internal.OptimizerAccess;
import dev.strata.internal.io.H5DataType;
import dev.strata.internal.io.H5Dataset;
import dev.strata.internal.io.LayerAssets;
import dev.strata.internal.io.H5Group;
import dev.strata.internal.io.H5Node;
import dev.strata.internal.io.WeightsFile;
import dev.strata.layers.Layer;
import dev.strata.layers.preprocessing.Normalization;
import dev.strata.models.Model;
import dev.strata.optimizers.Optimizer;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A model's state in Keras 3's {@code model.weights.h5} layout, both ways: {@link #write} builds the HDF5 tree
 * along {@link WeightWalk}'s paths; {@link #read} checks a file against the model completely (every weight there,
 * of the right shape, nothing left over) before it assigns anything, so a failed load changes nothing.
 */
final class WeightsIO {
    /** Top-level groups of weights Strata does not restore: metric state, which Keras 2.13-2.15 saved. */
    private static final Set<String> IGNORED_TOP_LEVEL = Set.of("metrics");
    private static final int MAX_LISTED_PROBLEMS = 12;

    private WeightsIO() {
    }

    // ---- writing -----------------------------------------------------------------------------------------------

    /** The model's weights (and optimizer state, if compiled) as Keras 3 writes them. */
    static WeightsFile write(Model model, Predicate<Model> asGraph) {
        WeightsFile file = new WeightsFile();
        for (WeightWalk.Entry e : WeightWalk.walk(model, asGraph, Map.of())) {
            H5Group vars = file.root().groupsOrCreate(e.groupPath()).attribute("name", e.name());
            if (e.optimizer() != null) {
                writeOptimizer(vars, e.optimizer(), e.trainableOrder());
                continue;
            }
            List<Variable> vs = e.variables();
            for (int i = 0; i < vs.size(); i++) {
                Variable v = vs.get(i);
                if (isIntegerVariable(e.layer(), v)) {
                    // Keras keeps Normalization's count as an integer variable (int32 with the JAX backend)
                    vars.putScalar(String.valueOf(i), H5DataType.INT32, Math.round(v.item()));
                } else {
                    vars.putTensor(String.valueOf(i), v);
                }
            }
            if (e.layer() instanceof LayerAssets named) { // Keras's store["idf_weights"] and the like
                for (Map.Entry<String, Tensor> n : named.saveNamedValues().entrySet()) {
                    vars.putTensor(n.getKey(), n.getValue());
                }
            }
        }
        return file;
    }

    private static boolean isIntegerVariable(Layer layer, Variable v) {
        return layer instanceof Normalization && v.name().equals("count") && v.shape().rank() == 0;
    }

    private static void writeOptimizer(H5Group vars, Optimizer opt, List<Variable> trainableOrder) {
        List<Variable> all = opt.variables();
        int[] order = WeightWalk.optimizerOrder(opt, trainableOrder);
        for (int k = 0; k < order.length; k++) {
            Variable v = all.get(order[k]);
            Long count = OptimizerAccess.exactCount(opt, v);
            if (count != null) {
                // int32 as the JAX backend writes it, int64 past its range (the TensorFlow backend's type)
                vars.putScalar(String.valueOf(k), count == (int) (long) count ? H5DataType.INT32 : H5DataType.INT64,
                        count);
            } else if (v.shape().rank() == 0) {
                vars.putScalar(String.valueOf(k), dev.strata.internal.TensorAccess.data(v)[0]);
            } else {
                vars.putTensor(String.valueOf(k), v);
            }
        }
    }

    // ---- reading -----------------------------------------------------------------------------------------------

    /**
     * How to read: where the data came from (for messages), which walk to use, and what to restore.
     *
     * @param source the file, as the user named it
     * @param prefix what goes before HDF5 paths in messages ({@code "model.weights.h5:"} inside an archive)
     * @param asGraph which subclassed models the file describes as their Functional graph
     * @param tryOtherForm whether to try the other form of traced subclassed models when the first does not fit
     *     (a {@code .weights.h5} does not say which form wrote it)
     * @param classNames Keras class names of layers loaded under another name than their Java class
     * @param loadOptimizer whether to restore the optimizer's state (the model must be compiled)
     * @param optimizerMayDiffer whether an optimizer state that does not fit is left out instead of failing (files
     *     of Keras 2, whose optimizers keep other variables)
     */
    record ReadSpec(String source, String prefix, Predicate<Model> asGraph, boolean tryOtherForm,
                    Map<Layer, String> classNames, boolean loadOptimizer, boolean optimizerMayDiffer) {
    }

    /** What a check found: the assignments to make, or the problems. */
    private static final class Plan {
        final List<Variable> targets = new ArrayList<>();
        final List<H5Dataset> values = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        /** Named values of asset-keeping layers ({@code idf_weights}), given to them after the weights. */
        final List<Map.Entry<LayerAssets, Map.Entry<String, H5Dataset>>> named = new ArrayList<>();
        /** Parallel to {@link #problems}: where in the model each is (the position of its weight), for ordering. */
        private final List<Integer> ranks = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        String firstProblemPath;
        final Set<H5Node> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
        WeightWalk.Entry optimizerEntry;
        H5Group optimizerGroup;
        /** The optimizer's integer counters (step counts) to set exactly once everything else is assigned. */
        final Map<Variable, Long> counts = new java.util.LinkedHashMap<>();
        /** The position of each weight in the model's own order ({@code model.weights()}). */
        private final Map<Variable, Integer> modelOrder = new IdentityHashMap<>();

        Plan(Model model) {
            for (Variable v : model.weights()) {
                modelOrder.putIfAbsent(v, modelOrder.size());
            }
        }

        /** A problem with no weight of the model to place it by (an extra dataset, the optimizer): listed last. */
        void problem(String path, String text) {
            problem(path, text, List.of());
        }

        /**
         * A problem about {@code weights} of the model. Problems are reported in the model's order, not the file's
         * (whose walk sorts attribute names), so the first one named is the first layer that does not fit.
         */
        void problem(String path, String text, List<Variable> weights) {
            int rank = Integer.MAX_VALUE;
            for (Variable v : weights) {
                rank = Math.min(rank, modelOrder.getOrDefault(v, Integer.MAX_VALUE));
            }
            int at = ranks.size();
            while (at > 0 && ranks.get(at - 1) > rank) {
                at--;
            }
            ranks.add(at, rank);
            problems.add(at, text);
            paths.add(at, path);
            firstProblemPath = paths.getFirst();
        }
    }

    /**
     * Checks the whole file against the model, then assigns every weight (and the optimizer state).
     *
     * @throws ModelFormatException naming the file, the first path in it that is wrong and every problem found
     *     (missing or extra weights, wrong shapes); the model is unchanged then
     */
    static void read(Model model, WeightsFile file, ReadSpec spec) {
        WeightsFile f = hasBackslashNames(file.root()) ? file.withBackslashGroupsSplit() : file;
        Plan plan = plan(model, f, spec, spec.asGraph());
        if (!plan.problems.isEmpty() && spec.tryOtherForm() && hasTracedSubclass(model)) {
            Predicate<Model> other = m -> !spec.asGraph().test(m) && WeightWalk.isSubclassed(m) && m.trace() != null;
            Plan alternative = plan(model, f, spec, other);
            // The form that finds more of the file's groups is the one the file was written in: its problems (a
            // shape that differs) say what is wrong, where the other form's only say that everything is missing.
            if (alternative.problems.isEmpty() || alternative.consumed.size() > plan.consumed.size()) {
                plan = alternative;
            }
        }
        fail(plan, spec);
        if (plan.optimizerEntry != null) {
            planOptimizer(model, plan, spec);
            fail(plan, spec);
        }
        for (int i = 0; i < plan.targets.size(); i++) {
            Variable v = plan.targets.get(i);
            v.assign(dev.strata.internal.TensorAccess.wrap(plan.values.get(i).toFloatArray(), v.shape()));
        }
        for (Map.Entry<LayerAssets, Map.Entry<String, H5Dataset>> n : plan.named) {
            H5Dataset d = n.getValue().getValue();
            n.getKey().loadNamedValue(n.getValue().getKey(), dev.strata.internal.TensorAccess.wrap(d.toFloatArray(),
                    dev.strata.tensor.Shape.of(d.shape())));
        }
        if (plan.optimizerEntry != null && plan.optimizerGroup != null) {
            Optimizer opt = plan.optimizerEntry.optimizer();
            for (Map.Entry<Variable, Long> c : plan.counts.entrySet()) {
                OptimizerAccess.setCount(opt, c.getKey(), c.getValue());
            }
        }
    }

    private static void fail(Plan plan, ReadSpec spec) {
        if (plan.problems.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder(plan.problems.size() == 1 ? "" : plan.problems.size()
                + " problems; nothing was loaded:");
        int shown = 0;
        for (String p : plan.problems) {
            if (shown++ == MAX_LISTED_PROBLEMS) {
                sb.append("\n  ... and ").append(plan.problems.size() - MAX_LISTED_PROBLEMS).append(" more");
                break;
            }
            sb.append(plan.problems.size() == 1 ? "" : "\n  - ").append(p);
        }
        if (plan.problems.size() == 1) {
            sb.append("; nothing was loaded");
        }
        throw new ModelFormatException(spec.source(), plan.firstProblemPath, sb.toString());
    }

    private static boolean hasTracedSubclass(Model model) {
        boolean[] found = {false};
        visitModels(model, m -> found[0] |= WeightWalk.isSubclassed(m) && m.trace() != null,
                Collections.newSetFromMap(new IdentityHashMap<>()));
        return found[0];
    }

    private static void visitModels(Layer l, java.util.function.Consumer<Model> action, Set<Layer> seen) {
        if (!seen.add(l) || !(l instanceof Model m)) {
            return;
        }
        action.accept(m);
        for (Layer child : m.layers()) {
            visitModels(child, action, seen);
        }
    }

    private static Plan plan(Model model, WeightsFile f, ReadSpec spec, Predicate<Model> asGraph) {
        Plan plan = new Plan(model);
        H5Group root = f.root();
        for (WeightWalk.Entry e : WeightWalk.walk(model, asGraph, spec.classNames())) {
            H5Group vars = group(root, e.groupPath());
            if (e.optimizer() != null) {
                if (spec.loadOptimizer()) {
                    plan.optimizerEntry = e;
                    plan.optimizerGroup = vars;
                    if (vars != null) {
                        plan.consumed.addAll(vars.children().values());
                    }
                }
                continue;
            }
            String where = spec.prefix() + "/" + e.groupPath();
            List<Variable> vs = e.variables();
            String owner = describe(e);
            if (vars == null) {
                if (!vs.isEmpty()) {
                    plan.problem(where, where + ": missing; the file has no weights for " + owner + ", which has "
                            + vs.size() + " (" + describe(vs) + ")", vs);
                }
                continue;
            }
            plan.consumed.addAll(vars.children().values());
            List<String> present = new ArrayList<>(datasetNames(vars));
            if (e.layer() instanceof LayerAssets named) {
                for (java.util.Iterator<String> it = present.iterator(); it.hasNext(); ) {
                    String n = it.next();
                    if (named.readsNamedValue(n)) {
                        it.remove();
                        plan.named.add(Map.entry(named, Map.entry(n, vars.dataset(n))));
                    }
                }
            }
            if (present.size() != vs.size()) {
                plan.problem(where, where + ": holds " + present.size() + " weight(s) " + present + ", but " + owner
                        + " has " + vs.size() + (vs.isEmpty() ? "" : " (" + describe(vs) + ")"), vs);
                continue;
            }
            for (int i = 0; i < vs.size(); i++) {
                Variable v = vs.get(i);
                H5Dataset d = vars.dataset(String.valueOf(i));
                String at = where + "/" + i;
                if (d == null) {
                    plan.problem(at, at + ": missing (the group holds " + present + "); it should be weight '"
                            + v.name() + "' " + v.shape() + " of " + owner, List.of(v));
                } else if (!Arrays.equals(d.shape(), v.shape().toArray())) {
                    plan.problem(at, at + ": shape " + pythonShape(d.shape()) + " in the file, but weight '" + v.name()
                            + "' of " + owner + " has shape " + v.shape(), List.of(v));
                } else {
                    plan.targets.add(v);
                    plan.values.add(d);
                }
            }
        }
        List<String> extra = new ArrayList<>();
        root.walk(node -> {
            if (node instanceof H5Dataset d && !plan.consumed.contains(d) && !ignored(d, spec, plan)) {
                extra.add(d.path());
            }
        });
        if (!extra.isEmpty()) {
            String first = spec.prefix() + extra.getFirst();
            plan.problem(first, "the file holds " + extra.size() + " weight(s) the model has no place for: "
                    + (extra.size() > 8 ? extra.subList(0, 8) + " ..." : extra) + " (a different architecture, or "
                    + "layers in other attributes than the ones that saved it)");
        }
        return plan;
    }

    /** Datasets no object claims that loading leaves alone: metric state, an optimizer state not restored. */
    private static boolean ignored(H5Dataset d, ReadSpec spec, Plan plan) {
        String p = d.path().startsWith("/") ? d.path().substring(1) : d.path();
        String top = p.contains("/") ? p.substring(0, p.indexOf('/')) : p;
        if (IGNORED_TOP_LEVEL.contains(top)) {
            return true;
        }
        // A subclassed model's own weights, kept next to its graph for the class: loaded as the graph, the
        // config's constants hold them.
        if (p.startsWith(KerasConfig.SUBCLASS_KEY + "/") || p.contains("/" + KerasConfig.SUBCLASS_KEY + "/")) {
            return true;
        }
        return top.equals("optimizer") && (plan.optimizerEntry == null || !spec.loadOptimizer());
    }

    /**
     * Restores the optimizer's state from its group: all of it when the counts fit, or only the step count and
     * learning rate when the file has no slots (an optimizer that had not taken a step). Builds the optimizer for
     * the model's trainable weights first if needed, as Keras's {@code compile_from_config} does.
     */
    private static void planOptimizer(Model model, Plan plan, ReadSpec spec) {
        WeightWalk.Entry e = plan.optimizerEntry;
        H5Group vars = plan.optimizerGroup;
        if (vars == null) {
            return; // no optimizer state saved: the optimizer starts fresh
        }
        Optimizer opt = e.optimizer();
        String where = spec.prefix() + "/" + e.groupPath();
        List<String> present = datasetNames(vars);
        int unbuilt = OptimizerAccess.unbuiltCount(opt);
        if (!opt.built() && model.isBuilt() && present.size() > unbuilt) {
            opt.build(model.trainableWeights());
        }
        List<Variable> all = opt.variables();
        boolean full = present.size() == all.size();
        if (!full && present.size() != unbuilt) {
            if (spec.optimizerMayDiffer()) {
                plan.optimizerGroup = null; // Keras 2's optimizers keep other variables: start fresh, as Keras warns
                return;
            }
            plan.problem(where, where + ": holds " + present.size() + " optimizer variable(s), but " + opt.name()
                    + " (" + opt.getClass().getSimpleName() + ") has " + all.size() + " " + names(all));
            return;
        }
        // A file of an optimizer that had not taken a step holds only the variables made before the build (the
        // step count and learning rate): restore those and keep our slots at zero, as a fresh optimizer's.
        int[] order = full ? WeightWalk.optimizerOrder(opt, e.trainableOrder()) : leading(all, unbuilt);
        for (int k = 0; k < order.length; k++) {
            Variable v = all.get(order[k]);
            H5Dataset d = vars.dataset(String.valueOf(k));
            String at = where + "/" + k;
            if (d == null) {
                plan.problem(at, at + ": missing; it should be optimizer variable '" + v.name() + "' " + v.shape());
            } else if (!Arrays.equals(d.shape(), v.shape().toArray())) {
                plan.problem(at, at + ": shape " + pythonShape(d.shape()) + " in the file, but optimizer variable '"
                        + v.name() + "' has shape " + v.shape());
            } else if (OptimizerAccess.exactCount(opt, v) != null) {
                long count = iterations(d);
                if (count < 0) {
                    plan.problem(at, at + ": the step count is " + count + " (" + v.name() + "); it cannot be negative");
                }
                plan.counts.put(v, count);
            } else {
                if (v.name().equals("learning_rate") && v.shape().rank() == 0
                        && !Float.isFinite(d.toFloatArray()[0])) {
                    plan.problem(at, at + ": the learning rate is " + d.toFloatArray()[0] + "; it must be finite");
                }
                plan.targets.add(v);
                plan.values.add(d);
            }
        }
    }

    /** The first {@code n} positions of the optimizer's variables, in their own order (those made before the build). */
    private static int[] leading(List<Variable> all, int n) {
        int[] order = new int[Math.min(n, all.size())];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    private static List<String> names(List<Variable> vs) {
        List<String> out = new ArrayList<>();
        for (Variable v : vs) {
            out.add(v.name());
        }
        return out;
    }

    private static long iterations(H5Dataset d) {
        if (d.dataType().isInteger()) {
            return d.longValue();
        }
        float f = d.toFloatArray()[0];
        return Float.isFinite(f) ? (long) f : -1;
    }

    /** The group at {@code path}, or, for Keras 2.13 files, under {@code _layer_checkpoint_dependencies}. */
    private static H5Group group(H5Group root, String path) {
        H5Group g = root.group(path);
        if (g == null && root.children().containsKey("_layer_checkpoint_dependencies")) {
            g = root.group(path.replace("layers", "_layer_checkpoint_dependencies"));
        }
        return g;
    }

    private static List<String> datasetNames(H5Group g) {
        List<String> out = new ArrayList<>();
        for (H5Node n : g.children().values()) {
            if (n instanceof H5Dataset) {
                out.add(n.name());
            }
        }
        out.sort((a, b) -> {
            boolean na = a.chars().allMatch(Character::isDigit) && !a.isEmpty() && a.length() < 10;
            boolean nb = b.chars().allMatch(Character::isDigit) && !b.isEmpty() && b.length() < 10;
            return na && nb ? Integer.compare(Integer.parseInt(a), Integer.parseInt(b)) : a.compareTo(b);
        });
        return out;
    }

    private static boolean hasBackslashNames(H5Group g) {
        for (H5Node c : g.children().values()) {
            if (c instanceof H5Group cg && (c.name().indexOf('\\') >= 0 || hasBackslashNames(cg))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(WeightWalk.Entry e) {
        return "'" + e.name() + "' (" + e.layer().getClass().getSimpleName() + ")";
    }

    private static String describe(List<Variable> vs) {
        List<String> out = new ArrayList<>();
        for (Variable v : vs) {
            out.add(v.name() + " " + v.shape());
        }
        return String.join(", ", out);
    }

    /** A dataset shape as Python prints it: {@code (6, 30)}, {@code (30,)}, {@code ()}. */
    static String pythonShape(int[] dims) {
        return Shape.of(dims).toString();
    }
}
