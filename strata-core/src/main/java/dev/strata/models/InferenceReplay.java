package dev.strata.models;

import dev.strata.activations.Activation;
import dev.strata.internal.InferenceArena;
import dev.strata.internal.TensorAccess;
import dev.strata.layers.convolutional.BaseConvolution;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.Lambda;
import dev.strata.tensor.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a model's {@code predict} needs to reuse its intermediates' arrays ({@link InferenceArena}): which
 * operations may run in the arena, and, during one replay, how many live values use each array the replay made.
 */
final class InferenceReplay {
    /**
     * Strata's packages whose layers and ops keep no tensor of a call past it at inference (their state changes
     * only in training). Checked on the runtime class, so a user's subclass, which could keep one, is not included.
     */
    private static final Set<String> OWN = Set.of("dev.strata.ops", "dev.strata.layers.activations",
            "dev.strata.layers.convolutional", "dev.strata.layers.core", "dev.strata.layers.merging",
            "dev.strata.layers.normalization", "dev.strata.layers.pooling", "dev.strata.layers.preprocessing",
            "dev.strata.layers.regularization", "dev.strata.layers.reshaping");

    private final InferenceArena arena;
    private final int base;
    /** The live values over each array this replay made. */
    private final IdentityHashMap<float[], int[]> uses = new IdentityHashMap<>();

    private InferenceReplay(InferenceArena arena) {
        this.arena = arena;
        this.base = arena.mark();
    }

    /** A replay in this thread's open arena, or null when none is open (the call allocates as usual). */
    static InferenceReplay start() {
        InferenceArena a = InferenceArena.current();
        return a == null ? null : new InferenceReplay(a);
    }

    /**
     * Whether {@code operation} may run with its values in the arena: one of Strata's own layers or ops (not a
     * Lambda, nor a layer whose activation is a user's class), or a model made only of such.
     */
    static boolean reusesArrays(Object operation) {
        if (operation instanceof Model m) {
            return m.reusesInferenceArrays();
        }
        if (operation instanceof Lambda || !OWN.contains(operation.getClass().getPackageName())) {
            return false;
        }
        Activation a = switch (operation) {
            case Dense d -> d.activation();
            case BaseConvolution<?> c -> c.activation();
            case dev.strata.layers.core.Activation l -> l.activation();
            default -> null;
        };
        return a == null || a.getClass().getPackageName().equals("dev.strata.activations");
    }

    /** Whether every operation in {@code operations} {@link #reusesArrays}. */
    static boolean reuseArrays(List<?> operations) {
        for (Object o : operations) {
            if (!reusesArrays(o)) {
                return false;
            }
        }
        return true;
    }

    /** A point before one operation runs. */
    int mark() {
        return arena.mark();
    }

    /**
     * After an operation that started at {@code mark}: its temporaries (arrays it made that none of its outputs
     * use) go back, and each output counts as a live value over its array. The masks the outputs carry are given
     * away (see {@link InferenceArena#giveAway}).
     */
    void produced(int mark, List<? extends Tensor> outputs) {
        for (Tensor t : outputs) { // a mask rides with its value wherever the value goes: never reused
            Tensor mask = t == null ? null : t.mask().orElse(null);
            if (mask != null && !mask.isSymbolic()) {
                arena.giveAway(TensorAccess.data(mask));
            }
        }
        arena.releaseSince(mark, outputs);
        for (Tensor t : outputs) {
            if (t != null && !t.isSymbolic()) {
                float[] a = TensorAccess.data(t);
                if (arena.madeSince(a, base)) {
                    uses.computeIfAbsent(a, k -> new int[1])[0]++;
                }
            }
        }
    }

    /** A live value is no longer used: its array goes back once no other live value uses it. */
    void dead(Tensor t) {
        if (t == null || t.isSymbolic()) {
            return;
        }
        float[] a = TensorAccess.data(t);
        int[] n = uses.get(a);
        if (n != null && --n[0] == 0) {
            uses.remove(a);
            arena.release(a);
        }
    }
}
