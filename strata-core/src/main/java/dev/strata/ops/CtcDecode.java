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
 *
 * <p>The beam-search strategy is Keras's JAX algorithm step for step (log-softmax, classes flipped so that ties break
 * as TensorFlow's, paths extended by every class, equal paths merged with their blank/non-blank scores summed in log
 * space, the best {@code beam_width} kept by a stable sort): outputs the {@code top_paths} best paths
 * {@code (top_paths, batch, time)} and their log-probabilities {@code (batch, top_paths)}. The scores' gradient is
 * JAX's, its reverse pass step for step (through the merges' log-sum-exp, the max they subtract and log_softmax), so
 * it is also JAX's where that is NaN: {@code _merge_scores} takes log(0) for a path group whose scores are all -inf,
 * which every pruning step has, and the NaN reaches every score through the max; so every valid step of a sample
 * whose length is 2 or more gets NaN, and only length-1 samples get a finite gradient.
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
        boolean beam = "beam_search".equals(strategy);
        if (!beam && !"greedy".equals(strategy)) {
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
        if (beam && (beamWidth < 1 || topPaths < 1 || topPaths > beamWidth)) {
            throw new IllegalArgumentException("ctcDecode: beam search needs 1 <= top_paths <= beam_width, got "
                    + "top_paths " + topPaths + " and beam_width " + beamWidth);
        }
        if (maskIndex != null && classes != Shape.UNKNOWN && (maskIndex < 0 || maskIndex >= classes)) {
            throw new IllegalArgumentException("ctcDecode: mask_index " + maskIndex + " is not a class of inputs "
                    + s);
        }
        if (inputs.isSymbolic() || sequenceLengths.isSymbolic()) {
            return List.copyOf(Graph.record(new MultiOpNode(SPEC.args(strategy, beamWidth, topPaths, mergeRepeated,
                    maskIndex), in -> apply(in.get(0), in.get(1), strategy, beamWidth, topPaths, mergeRepeated,
                    maskIndex)), List.of(inputs, sequenceLengths),
                    beam ? List.of(Shape.of(topPaths, s.get(0), s.get(1)), Shape.of(s.get(0), topPaths))
                            : List.of(Shape.of(1, s.get(0), s.get(1)), Shape.of(s.get(0), 1))));
        }
        if (beam) {
            return beamSearch(inputs, sequenceLengths, beamWidth, topPaths, maskIndex);
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

    /** Keras's JAX {@code _ctc_beam_search_decode}, per sample, in float32 as it computes. */
    private static List<Tensor> beamSearch(Tensor inputs, Tensor sequenceLengths, int beamWidth, int topPaths,
                                           Integer maskIndex) {
        Shape s = inputs.shape();
        int batch = s.get(0), time = s.get(1), classes = s.get(2);
        int mask = classes - (maskIndex == null ? classes - 1 : maskIndex) - 1; // in flipped class order
        Tensor logProbs = LogSoftmax.apply(inputs, -1);
        float[] x = OpSupport.data(logProbs);
        float[] lengths = OpSupport.data(sequenceLengths);
        float[] outPaths = new float[topPaths * batch * time];
        float[] outScores = new float[batch * topPaths];
        int p2 = 2 * beamWidth;
        Trace[] traces = new Trace[batch];
        for (int b = 0; b < batch; b++) {
            Trace trace = new Trace();
            traces[b] = trace;
            float len = lengths[b];
            if (len != Math.rint(len)) {
                throw new IllegalArgumentException("ctcDecode: sequence_lengths must be whole numbers, got " + len
                        + " at " + b);
            }
            float[][] xf = new float[time][classes];
            for (int t = 0; t < time; t++) {
                for (int c = 0; c < classes; c++) {
                    xf[t][c] = x[(b * time + t) * classes + classes - 1 - c];
                }
            }
            int[][] paths = new int[p2][time];
            for (int[] row : paths) {
                java.util.Arrays.fill(row, -1);
            }
            float[] scores = new float[p2];
            java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
            int nInit = Math.min(classes, beamWidth);
            int[] order = argsort(xf[0]);
            trace.init = new int[nInit];
            for (int i = 0; i < nInit; i++) {
                int c = order[classes - nInit + i];
                paths[i][0] = c == mask ? -1 : c;
                scores[i] = xf[0][c];
                trace.init[i] = c;
            }
            boolean[] masked = new boolean[p2];
            for (int i = 0; i < p2; i++) {
                masked[i] = paths[i][0] == -1;
            }
            for (int t = 1; t < time; t++) {
                if (t >= len) {
                    continue;
                }
                int n = p2 * classes;
                int[][] cand = new int[n][];
                float[] candScores = new float[n];
                boolean[] candMasked = new boolean[n];
                for (int p = 0; p < p2; p++) {
                    int tail = 0;
                    while (tail < time && paths[p][tail] != -1) {
                        tail++;
                    }
                    if (tail == time) {
                        tail = 0; // jnp.argmax of no -1 is 0
                    }
                    int last = tail == 0 ? -1 : paths[p][tail - 1];
                    for (int c = 0; c < classes; c++) {
                        int k = p * classes + c;
                        int cls = c == mask ? -1 : c;
                        candMasked[k] = cls == -1;
                        if (!masked[p] && last == cls) {
                            cls = -1;
                        }
                        int[] row = paths[p].clone();
                        row[tail] = cls;
                        cand[k] = row;
                        candScores[k] = scores[p] + xf[t][c];
                    }
                }
                // prune: merge equal paths (jnp.unique, rows sorted), keep the best beamWidth
                int[] inverse = new int[n];
                int[][] unique = unique(cand, inverse);
                float[] emit = new float[n];
                float[] blank = new float[n];
                for (int k = 0; k < n; k++) {
                    emit[k] = candMasked[k] ? Float.NEGATIVE_INFINITY : candScores[k];
                    blank[k] = candMasked[k] ? candScores[k] : Float.NEGATIVE_INFINITY;
                }
                Merge emitMerge = merge(inverse, emit, n);
                Merge blankMerge = merge(inverse, blank, n);
                float[] emitMerged = emitMerge.out();
                float[] blankMerged = blankMerge.out();
                float[] total = new float[n];
                for (int k = 0; k < n; k++) {
                    total[k] = logaddexp(emitMerged[k], blankMerged[k]);
                }
                int[] top = argsort(total);
                int[] kept = new int[beamWidth];
                trace.steps.add(new Step(t, candMasked, inverse, emitMerge, blankMerge, kept));
                int[][] next = new int[p2][];
                float[] nextScores = new float[p2];
                boolean[] nextMasked = new boolean[p2];
                for (int i = 0; i < beamWidth; i++) {
                    int u = top[n - beamWidth + i];
                    kept[i] = u;
                    int[] row = u < unique.length ? unique[u] : filled(time);
                    next[i] = row;
                    next[beamWidth + i] = row;
                    nextScores[i] = emitMerged[u];
                    nextScores[beamWidth + i] = blankMerged[u];
                    nextMasked[beamWidth + i] = true;
                }
                paths = next;
                scores = nextScores;
                masked = nextMasked;
            }
            int[] inverse = new int[p2];
            int[][] unique = unique(paths, inverse);
            Merge last = merge(inverse, scores, p2);
            float[] merged = last.out();
            int[] top = argsort(merged);
            trace.inverse = inverse;
            trace.last = last;
            trace.best = new int[topPaths];
            for (int r = 0; r < topPaths; r++) {
                int u = top[p2 - 1 - r];
                trace.best[r] = u;
                int[] row = u < unique.length ? unique[u] : filled(time);
                for (int t = 0; t < time; t++) {
                    outPaths[(r * batch + b) * time + t] = row[t] == -1 ? -1f : classes - row[t] - 1;
                }
                outScores[b * topPaths + r] = merged[u];
            }
        }
        Tensor scoreTensor = OpSupport.wrap(outScores, Shape.of(batch, topPaths));
        OpSupport.gradient(scoreTensor, logProbs, (g, needed) -> new Tensor[] {
            OpSupport.wrap(scoresGradient(traces, OpSupport.data(g), time, classes, beamWidth, topPaths),
                    logProbs.shape())});
        return List.of(OpSupport.wrap(outPaths, Shape.of(topPaths, batch, time)), scoreTensor);
    }

    /** What the reverse pass needs of one sample's search: the initial classes, each pruning step, the last merge. */
    private static final class Trace {
        int[] init;
        final List<Step> steps = new java.util.ArrayList<>();
        int[] inverse;
        Merge last;
        int[] best;
    }

    /**
     * One pruning step at time t: candidate {@code k} extends path {@code k / classes} by flipped class
     * {@code k % classes}; which candidates are blanks, their groups, both merges, the groups kept (best last).
     */
    private record Step(int t, boolean[] masked, int[] inverse, Merge emit, Merge blank, int[] kept) {
    }

    /** A merge's inputs and intermediates: the scores, their max, exp(score - max), the group sums, the result. */
    private record Merge(float[] scores, float max, float[] exp, float[] sums, float[] out) {
    }

    /**
     * JAX's reverse pass of the beam search for the scores' cotangent {@code g} (batch, top_paths): the cotangent of
     * the log-probabilities (batch, time, classes). Steps at or past a sample's length were skipped (lax.cond's
     * identity branch), so they pass the cotangent through and take none.
     */
    private static float[] scoresGradient(Trace[] traces, float[] g, int time, int classes, int beamWidth,
                                          int topPaths) {
        float[] out = new float[traces.length * time * classes];
        int p2 = 2 * beamWidth;
        for (int b = 0; b < traces.length; b++) {
            Trace trace = traces[b];
            float[] dMerged = new float[p2];
            for (int r = 0; r < topPaths; r++) {
                dMerged[trace.best[r]] += g[b * topPaths + r];
            }
            float[] dScores = mergeGradient(trace.inverse, trace.last, dMerged);
            for (int i = trace.steps.size() - 1; i >= 0; i--) {
                Step step = trace.steps.get(i);
                int n = step.inverse().length;
                float[] dEmit = new float[n];
                float[] dBlank = new float[n];
                for (int j = 0; j < beamWidth; j++) {
                    dEmit[step.kept()[j]] += dScores[j];
                    dBlank[step.kept()[j]] += dScores[beamWidth + j];
                }
                dEmit = mergeGradient(step.inverse(), step.emit(), dEmit);
                dBlank = mergeGradient(step.inverse(), step.blank(), dBlank);
                float[] dPrevious = new float[p2];
                int base = (b * time + step.t()) * classes;
                for (int k = 0; k < n; k++) {
                    // where(masked, -inf, s) and where(masked, s, -inf): each passes its cotangent on one side only
                    float d = step.masked()[k] ? 0f + dBlank[k] : dEmit[k] + 0f;
                    dPrevious[k / classes] += d;
                    out[base + classes - 1 - k % classes] += d;
                }
                dScores = dPrevious;
            }
            for (int i = 0; i < trace.init.length; i++) {
                out[b * time * classes + classes - 1 - trace.init[i]] += dScores[i];
            }
        }
        return out;
    }

    /**
     * The reverse of {@code log(segment_sum(exp(s - max(s)))) + max(s)} as JAX computes it: log's {@code d / sum}
     * (0/0 = NaN for a group whose scores are all -inf), exp's {@code d·exp}, and max's cotangent (the sum of the
     * result's, minus the exps') spread over the maxima as {@code (d / count)·indicator}, so a NaN there reaches
     * every score.
     */
    private static float[] mergeGradient(int[] inverse, Merge m, float[] dOut) {
        float dMax = 0f;
        for (float d : dOut) {
            dMax += d;
        }
        float[] dSum = new float[dOut.length];
        for (int u = 0; u < dOut.length; u++) {
            dSum[u] = dOut[u] / m.sums()[u];
        }
        float[] s = m.scores();
        float[] ds = new float[s.length];
        int count = 0;
        for (int k = 0; k < s.length; k++) {
            ds[k] = dSum[inverse[k]] * m.exp()[k];
            dMax -= ds[k];
            count += s[k] == m.max() ? 1 : 0;
        }
        float share = dMax / count;
        for (int k = 0; k < s.length; k++) {
            ds[k] += share * (s[k] == m.max() ? 1f : 0f);
        }
        return ds;
    }

    private static int[] filled(int time) {
        int[] row = new int[time];
        java.util.Arrays.fill(row, -1);
        return row;
    }

    /** Indices that sort {@code v} ascending, stably (jnp.argsort; NaN last). */
    private static int[] argsort(float[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Float.compare(v[a], v[b]) == 0 ? 0
                : Float.isNaN(v[a]) ? 1 : Float.isNaN(v[b]) ? -1 : Float.compare(v[a], v[b]));
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** The distinct rows in lexicographic order (jnp.unique(axis=0)); {@code inverse} gets each row's index. */
    private static int[][] unique(int[][] rows, int[] inverse) {
        Integer[] idx = new Integer[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> java.util.Arrays.compare(rows[a], rows[b]));
        List<int[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < idx.length; i++) {
            if (out.isEmpty() || !java.util.Arrays.equals(out.getLast(), rows[idx[i]])) {
                out.add(rows[idx[i]]);
            }
            inverse[idx[i]] = out.size() - 1;
        }
        return out.toArray(new int[0][]);
    }

    /** Keras's {@code _merge_scores}: log of the summed exponentials per unique row, shifted by the maximum. */
    private static Merge merge(int[] inverse, float[] scores, int size) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : scores) {
            max = Math.max(max, v);
        }
        float[] exp = new float[scores.length];
        float[] sum = new float[size];
        for (int k = 0; k < scores.length; k++) {
            exp[k] = (float) Math.exp(scores[k] - max);
            sum[inverse[k]] += exp[k];
        }
        float[] out = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = (float) Math.log(sum[i]) + max;
        }
        return new Merge(scores, max, exp, sum, out);
    }

    /** jnp.logaddexp in float32. */
    private static float logaddexp(float a, float b) {
        float delta = a - b;
        if (Float.isNaN(delta)) {
            return a + b;
        }
        return Math.max(a, b) + (float) Math.log1p(Math.exp(-Math.abs(delta)));
    }
}
