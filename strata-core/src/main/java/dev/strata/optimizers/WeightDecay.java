package dev.strata.optimizers;

import dev.strata.tensor.Variable;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An optimizer's decoupled weight decay, as Keras's {@code BaseOptimizer} does it: the rate
 * ({@code weight_decay}, None by default), the exclusions of {@code exclude_from_weight_decay}, which variables
 * they leave decayed ({@code _use_weight_decay}), and the decay itself ({@code _apply_weight_decay}).
 */
final class WeightDecay {
    /** Keras's {@code weight_decay} as it holds it (a Python float), or NaN for None. */
    private double rate = Double.NaN;
    /** {@code var_list}: compared by identity. */
    private List<Variable> excludedVariables = List.of();
    /** {@code var_names} joined with "|" (as Keras compiles them), searched in each variable's name; or null. */
    private Pattern excludedNames;

    /** Sets the rate (checked finite by the caller). */
    void rate(float weightDecay) {
        rate = Optimizer.asDecimal(weightDecay);
    }

    /** The rate as Keras's config shows it, or null for None. */
    Double configValue() {
        return Double.isNaN(rate) ? null : rate;
    }

    /** The rate as Keras holds it (a Python float); NaN when there is none. */
    double rate() {
        return rate;
    }

    /**
     * Replaces the exclusions, like {@code exclude_from_weight_decay(var_list, var_names)}.
     *
     * @throws IllegalArgumentException if an entry is null or the names do not form a valid regular expression
     */
    void exclude(Collection<Variable> varList, Collection<String> varNames, String owner) {
        List<Variable> vars = varList == null ? List.of() : List.copyOf(varList);
        Pattern names = null;
        if (varNames != null && !varNames.isEmpty()) {
            if (varNames.stream().anyMatch(n -> n == null)) {
                throw new IllegalArgumentException(owner + ".excludeFromWeightDecay: a name is null in " + varNames);
            }
            String joined = String.join("|", new LinkedHashSet<>(varNames)); // Keras: "|".join(set(var_names))
            try {
                names = Pattern.compile(joined);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(owner + ".excludeFromWeightDecay: the names " + varNames
                        + " are regular expressions (as in Keras), and '" + joined + "' is not a valid one: "
                        + e.getDescription(), e);
            }
        }
        excludedVariables = vars;
        excludedNames = names;
    }

    /**
     * Keras's {@code _use_weight_decay} for each of {@code vars} (not excluded), decided once (at build) rather than
     * on every step, whatever the rate (an optimizer may decay some variables at a rate of its own).
     */
    boolean[] mask(List<Variable> vars) {
        Map<Variable, Boolean> excluded = new IdentityHashMap<>();
        excludedVariables.forEach(v -> excluded.put(v, true));
        boolean[] mask = new boolean[vars.size()];
        for (int i = 0; i < mask.length; i++) {
            Variable v = vars.get(i);
            mask[i] = !excluded.containsKey(v) && (excludedNames == null || !excludedNames.matcher(v.name()).find());
        }
        return mask;
    }

    /** {@code _apply_weight_decay} on {@code w[from, to)}: {@code variable - variable * wd * lr}, float32, in that order. */
    static void apply(float[] w, float wd, float lr, int from, int to) {
        for (int i = from; i < to; i++) {
            w[i] -= w[i] * wd * lr;
        }
    }
}
