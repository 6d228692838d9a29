package dev.strata.autodiff;

import dev.strata.internal.autodiff.GradientBuffers;
import dev.strata.internal.autodiff.Tape;
import dev.strata.ops.Ops;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reverse pass over a tape's recording: seeds the target's gradient, runs each recorded entry's gradient rule
 * newest first, and sums the contributions with {@link Ops#add} (so that an outer tape can differentiate the
 * pass again: second derivatives). Tensors recorded on the tape are addressed by their entry index (arrays, no
 * hashing); only leaves (variables, watched inputs) go through identity maps.
 */
final class ReversePass {
    private ReversePass() {
    }

    /**
     * The gradient of {@code target} with respect to each source; null where the target does not depend on it.
     * Unless a tape records the pass, its intermediate gradients live in arrays reused by the next pass on this
     * thread ({@link GradientBuffers}).
     */
    static List<Tensor> gradients(Tape tape, Tensor target, List<? extends Tensor> sources, Tensor outputGradient) {
        GradientBuffers buffers = GradientBuffers.beginPass();
        if (buffers == null) {
            return pass(tape, target, sources, outputGradient);
        }
        List<Tensor> result;
        try {
            result = pass(tape, target, sources, outputGradient);
        } catch (RuntimeException | Error e) {
            buffers.abandonPass();
            throw e;
        }
        buffers.endPass(result);
        return result;
    }

    private static List<Tensor> pass(Tape tape, Tensor target, List<? extends Tensor> sources, Tensor outputGradient) {
        int n = tape.entryCount();
        // Forward sweep: which recorded tensors depend on a source. Only those entries are differentiated,
        // and only their inputs that depend on a source get gradients (so dL/dx of a first layer is skipped).
        boolean[] outputDepends = new boolean[n];
        boolean[] relevant = new boolean[n];
        Set<Tensor> leafSources = Collections.newSetFromMap(new IdentityHashMap<>(sources.size()));
        for (Tensor s : sources) {
            int i = tape.indexOf(s);
            if (i >= 0) {
                outputDepends[i] = true;
            } else if (tape.isWatched(s)) { // an unwatched source gets no gradient, as in TensorFlow
                leafSources.add(s);
            }
        }
        // An entry's output is addressed by the index it was first recorded at (the same, unless recorded twice).
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            Tape.Entry e = tape.entry(i);
            out[i] = tape.indexOf(e.output());
            for (Tensor x : e.inputs()) {
                if (depends(tape, x, outputDepends, leafSources)) {
                    relevant[i] = true;
                    outputDepends[out[i]] = true;
                    break;
                }
            }
        }
        List<Tensor> result = new ArrayList<>(Collections.nCopies(sources.size(), null));
        if (!depends(tape, target, outputDepends, leafSources)) {
            return result;
        }
        Tensor[] outputGrads = new Tensor[n];
        Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>(sources.size());
        // one "needed" array per arity, filled anew for each entry (rules read it during the call only)
        boolean[][] neededByArity = new boolean[4][];
        Tensor seed = outputGradient != null ? outputGradient : Tensor.ones(target.shape());
        accumulate(tape, target, seed, outputGrads, leafGrads);
        for (int i = n - 1; i >= 0; i--) {
            Tape.Entry e = tape.entry(i);
            Tensor upstream = e.group() == null ? outputGrads[out[i]] : null;
            Tensor[] groupUpstream = null;
            if (e.group() != null) {
                // an op with several outputs: its entries are consecutive, and its rule runs once, at the last
                // (reached first here), with the gradients of all its outputs
                if (e.member() != e.group().size() - 1) {
                    continue;
                }
                int first = i - e.member();
                groupUpstream = new Tensor[e.group().size()];
                boolean any = false;
                for (int j = 0; j < groupUpstream.length; j++) {
                    groupUpstream[j] = outputGrads[out[first + j]];
                    any |= groupUpstream[j] != null;
                }
                if (!relevant[i] || !any) {
                    continue;
                }
            } else if (!relevant[i] || upstream == null) {
                continue;
            }
            Tensor[] inputs = e.inputs();
            if (inputs.length >= neededByArity.length) {
                neededByArity = Arrays.copyOf(neededByArity, inputs.length + 1);
            }
            boolean[] needed = neededByArity[inputs.length];
            if (needed == null) {
                needed = neededByArity[inputs.length] = new boolean[inputs.length];
            }
            for (int k = 0; k < needed.length; k++) {
                needed[k] = depends(tape, inputs[k], outputDepends, leafSources);
            }
            Tensor[] inputGrads = groupUpstream != null ? e.group().backward().gradients(groupUpstream, needed)
                    : e.backward().gradients(upstream, needed);
            for (int k = 0; k < needed.length; k++) {
                Tensor g = inputGrads[k];
                if (!needed[k] || g == null) {
                    continue;
                }
                Tensor x = inputs[k];
                if (!g.shape().equals(x.shape())) {
                    throw new IllegalStateException("internal: gradient of shape " + g.shape()
                            + " for an input of shape " + x.shape());
                }
                accumulate(tape, x, g, outputGrads, leafGrads);
            }
        }
        for (int i = 0; i < sources.size(); i++) {
            Tensor s = sources.get(i);
            int j = tape.indexOf(s);
            result.set(i, j >= 0 ? outputGrads[j] : leafGrads.get(s));
        }
        return result;
    }

    private static boolean depends(Tape tape, Tensor x, boolean[] outputDepends, Set<Tensor> leafSources) {
        int i = tape.indexOf(x);
        return i >= 0 ? outputDepends[i] : !leafSources.isEmpty() && leafSources.contains(x);
    }

    private static void accumulate(Tape tape, Tensor x, Tensor g, Tensor[] outputGrads, Map<Tensor, Tensor> leafGrads) {
        int i = tape.indexOf(x);
        if (i >= 0) {
            outputGrads[i] = outputGrads[i] == null ? g : Ops.add(outputGrads[i], g);
        } else {
            leafGrads.merge(x, g, Ops::add);
        }
    }
}
