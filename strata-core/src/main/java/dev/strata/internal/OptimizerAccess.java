package dev.strata.internal;

import dev.strata.tensor.Variable;
import java.util.List;

/**
 * What saving needs of an optimizer beyond its public API: which trainable variable each slot belongs to (to write
 * the slots in the order Keras builds them for the saved model's variables) and setting the step count exactly.
 * Installed by the optimizers package; not public API. Optimizers are typed {@code Object} here because this
 * package sits below the optimizers package.
 */
public final class OptimizerAccess {
    /** Implemented by the optimizers package. */
    public interface Accessor {
        /** For each of {@code optimizer.variables()}: the variable a slot was made for, or null (iteration, rate). */
        List<Variable> slotReferences(Object optimizer);

        /** The variables the optimizer was built for, in build order (empty before it is built). */
        List<Variable> builtFor(Object optimizer);

        /** Sets the step count ({@code iterations}) exactly. */
        void setIterations(Object optimizer, long iterations);

        /**
         * Whether {@code apply} only reads the gradients' values during the call and keeps no reference to them:
         * true for exactly Strata's own optimizer classes (a subclass, or a user's optimizer, could keep them).
         */
        boolean keepsNoGradients(Object optimizer);

        /**
         * The exact value of {@code v} if it is one of the optimizer's integer counters (its {@code iteration}, a
         * wrapped optimizer's, a loss scale's {@code step_counter}), which Keras keeps as int variables; else null.
         */
        Long exactCount(Object optimizer, Variable v);

        /** Sets such a counter exactly. */
        void setCount(Object optimizer, Variable v, long count);

        /**
         * How many of the optimizer's variables exist before it is built ({@code iteration} and, without a schedule,
         * {@code learning_rate}; a wrapper's and its inner optimizer's): all that a file of an optimizer that took no
         * step holds.
         */
        int unbuiltCount(Object optimizer);
    }

    private static volatile Accessor accessor;

    private OptimizerAccess() {
    }

    /** Called once, by {@code Optimizer}'s class initializer. */
    public static void install(Accessor implementation) {
        if (accessor != null) {
            throw new IllegalStateException("OptimizerAccess is already installed");
        }
        accessor = implementation;
    }

    /** See {@link Accessor#slotReferences}. */
    public static List<Variable> slotReferences(Object optimizer) {
        return accessor.slotReferences(optimizer);
    }

    /** See {@link Accessor#builtFor}. */
    public static List<Variable> builtFor(Object optimizer) {
        return accessor.builtFor(optimizer);
    }

    /** See {@link Accessor#keepsNoGradients}. */
    public static boolean keepsNoGradients(Object optimizer) {
        return accessor.keepsNoGradients(optimizer);
    }

    /** See {@link Accessor#exactCount}. */
    public static Long exactCount(Object optimizer, Variable v) {
        return accessor.exactCount(optimizer, v);
    }

    /** See {@link Accessor#setCount}. */
    public static void setCount(Object optimizer, Variable v, long count) {
        accessor.setCount(optimizer, v, count);
    }

    /** See {@link Accessor#unbuiltCount}. */
    public static int unbuiltCount(Object optimizer) {
        return accessor.unbuiltCount(optimizer);
    }

    /** See {@link Accessor#setIterations}. */
    public static void setIterations(Object optimizer, long iterations) {
        accessor.setIterations(optimizer, iterations);
    }
}
