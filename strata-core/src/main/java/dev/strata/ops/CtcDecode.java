package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;

/**
 * {@code keras.ops.ctc_decode} with the greedy strategy, as Keras's JAX backend: per step the best class (argmax,
 * the first on ties), steps at or beyond a sample's sequence length as blank, with {@code mergeRepeated} a step equal
 * to the one before as blank, then the non-blank labels moved to the front in order and the rest -1. Two outputs:
 * the decoded labels {@code (1, batch, time)} (whole numbers; Keras gives int32) and the score {@code (batch, 1)},
 * minus the sum of each valid step's best value. The labels have no gradient; the score's is JAX's (through max).
 * The beam-search strategy is not implemented in Strata: it fails naming it.
 */
final class CtcDecode {
    /** {@code keras.ops.ctc_decode(inputs, sequence_lengths, strategy, beam_width, top_paths, merge_repeated,
     * mask_index)}: two outputs. */
    static final OpSpec SPEC = OpSpec.op("ctc_decode").nn("CTCDecode").binary()
            .config("strategy", Type.STRING, "greedy").config("beam_width", Type.INT, 100)
            .config("top_paths", Type.INT, 1).config("merge_repeated", Type.BOOL, true)
            .config("mask_index", Type.OPTIONAL_INT, 0)
            .rebuildAll((in, a) -> apply(in.get(0), in.get(1), a.string("strategy"), a.integer("beam_width"),
                    a.integer("top_paths"), a.bool("merge_repeated"), (Integer) a.value("mask_index")));

    private CtcDecode() {
    }

    static List<Tensor> apply(Tensor inputs, Tensor sequenceLengths, String strategy, int beamWidth, int topPaths,
            boolean mergeRepeated, Integer maskIndex) {
        if ("beam_search".equals(strategy)) {
            throw new UnsupportedOperationException("ctcDecode: strategy 'beam_search' is not implemented in Strata "
                    + "(only 'greedy')");
        }
        if (!"greedy".equals(strategy)) {
            throw new IllegalArgumentException("ctcDecode: invalid strategy '" + strategy + "'; supported values are "
                    + "'greedy' and 'beam_search'");
        }
        Shape s = inputs.shape();
        if (s.rank() != 3) {
            throw new ShapeException("ctcDecode: inputs must be 3D (batch, time, classes), got shape " + s);
        }
        Shape ls = sequenceLengths.shape();
        if (ls.rank() != 1 || !ls.isCompatibleWith(Shape.of(s.get(0)))) {
            throw new ShapeException("ctcDecode: sequence_lengths must be 1D (batch,) for inputs " + s + ", got shape "
                    + ls);
        }
        int classes = s.get(2);
        if (maskIndex != null && classes != Shape.UNKNOWN && (maskIndex < 0 || maskIndex >= classes)) {
            throw new IllegalArgumentException("ctcDecode: mask_index " + maskIndex + " is not a class of inputs "
                    + s);
        }
        if (inputs.isSymbolic() || sequenceLengths.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(strategy, beamWidth, topPaths, mergeRepeated,
                    maskIndex), in -> apply(in.get(0), in.get(1), strategy, beamWidth, topPaths, mergeRepeated,
                    maskIndex)), List.of(inputs, sequenceLengths),
                    List.of(Shape.of(1, s.get(0), s.get(1)), Shape.of(s.get(0), 1))));
        }
        int batch = s.get(0), time = s.get(1);
        int blank = maskIndex == null ? classes - 1 : maskIndex;
        float[] x = OpSupport.data(inputs);
        float[] lengths = OpSupport.data(sequenceLengths);
        float[] labels = new float[batch * time];
        float[] valid = new float[batch * time];
        for (int b = 0; b < batch; b++) {
            float len = lengths[b];
            if (len != Math.rint(len)) {
                throw new IllegalArgumentException("ctcDecode: sequence_lengths must be whole numbers, got " + len
                        + " at " + b);
            }
            int kept = 0;
            int previous = -1;
            for (int t = 0; t < time; t++) {
                int best = blank;
                if (t < len) {
                    valid[b * time + t] = 1f;
                    int base = (b * time + t) * classes;
                    best = 0;
                    for (int c = 1; c < classes; c++) {
                        float v = x[base + c];
                        float m = x[base + best];
                        // jnp.argmax: NaN is the maximum, the first one wins
                        if (!Float.isNaN(m) && (v > m || Float.isNaN(v))) {
                            best = c;
                        }
                    }
                }
                boolean repeat = mergeRepeated && t > 0 && best == previous;
                previous = best;
                if (best != blank && !repeat) {
                    labels[b * time + kept++] = best;
                }
            }
            for (int t = kept; t < time; t++) {
                labels[b * time + t] = -1f;
            }
        }
        Tensor decoded = OpSupport.wrap(labels, Shape.of(1, batch, time));
        // the score through ops, so its gradient is JAX's (max's, where the steps are valid)
        Tensor best = Max.apply(inputs, new int[] {2}, false);
        Tensor kept = Where.apply(Tensor.of(valid, batch, time), best, Tensor.scalar(0f));
        Tensor score = Negative.apply(Sum.apply(kept, new int[] {1}, true));
        return List.of(decoded, score);
    }
}
