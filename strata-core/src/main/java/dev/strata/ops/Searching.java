package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.Arrays;

/**
 * Searching and counting ops of {@code keras.ops.numpy}: searchsorted, digitize, isin, bincount, histogram, unique
 * and argpartition. Their results are indices, truth values and counts, held as float32 whole numbers (Keras gives
 * int32 and bool); none is differentiable with respect to the values searched (JAX's gradients there are zero or
 * undefined), except bincount, which is linear in its weights, and histogram's edges, which follow x's min and max
 * when no range is given. Values are compared as JAX sorts them: -0 equals 0
 * and NaN is above every number.
 */
final class Searching {
    /** {@code keras.ops.searchsorted(sorted_sequence, values, side="left")}. */
    static final OpSpec SEARCHSORTED = OpSpec.op("search_sorted").numpy("SearchSorted").binary()
            .config("side", Type.STRING, "left")
            .rebuild((in, args) -> searchsorted(in.get(0), in.get(1), args.string("side")));
    /** {@code keras.ops.digitize(x, bins)}. */
    static final OpSpec DIGITIZE = OpSpec.op("digitize").numpy("Digitize").binary()
            .rebuild((in, args) -> digitize(in.get(0), in.get(1)));
    /** {@code keras.ops.isin(x1, x2, assume_unique=False, invert=False)}. */
    static final OpSpec ISIN = OpSpec.op("is_in").numpy("IsIn").binary().config("assume_unique", Type.BOOL, false)
            .config("invert", Type.BOOL, false)
            .rebuild((in, args) -> isin(in.get(0), in.get(1), args.bool("assume_unique"), args.bool("invert")));
    /**
     * {@code keras.ops.bincount(x, weights=None, minlength=0, sparse=False)} without weights, as Keras saves it. Keras
     * 3.15 runs such a node only eagerly (its length depends on the values, so predict's jit fails and Keras calls the
     * model instead) and only on integers: give it {@code Ops.cast(x, "int32")}, saved as a Keras Cast.
     */
    static final OpSpec BINCOUNT = OpSpec.op("bincount").numpy("Bincount")
            .fixed("weights", null, "Keras 3.15 cannot save a Bincount with weights (its get_config raises for an "
                    + "array, and a config cannot hold a traced tensor); Strata traces weighted bincount but saves it "
                    + "only without weights")
            .config("minlength", Type.INT, 0)
            .fixed("sparse", false, "Strata has no sparse tensors (the dense result holds the same values)")
            .rebuild((in, args) -> bincount(in.get(0), null, args.integer("minlength")));
    /** Bincount with weights, a second tensor input: traced and differentiated in the weights, but not saved. */
    static final OpSpec BINCOUNT_WEIGHTED = OpSpec.op("bincount_weighted").config("minlength", Type.INT)
            .noKerasForm("Keras 3.15 cannot save keras.ops.bincount with weights: its Bincount keeps them in its "
                    + "config, whose get_config raises for an array and which cannot hold a traced tensor; save the "
                    + "model without the weighted bincount, or compute it eagerly");
    /**
     * {@code keras.ops.histogram(x, bins=10, range=None)}: two outputs, counts {@code (bins,)} and edges
     * {@code (bins + 1,)}, Keras's symbolic shapes whatever x's length.
     */
    static final OpSpec HISTOGRAM = OpSpec.op("histogram").numpy("Histogram").config("bins", Type.INT, 10)
            .config("range", Type.OPTIONAL_FLOATS)
            .rebuildAll((in, args) -> histogram(in.get(0), args.integer("bins"), args.floats("range")));
    /** {@code keras.ops.argpartition(x, kth, axis=-1)}. */
    static final OpSpec ARGPARTITION = OpSpec.op("argpartition").numpy("Argpartition").config("kth", Type.INT)
            .config("axis", Type.OPTIONAL_INT)
            .rebuild((in, args) -> argpartition(in.get(0), args.integer("kth"), args.optionalInt("axis")));

    private Searching() {
    }

    /** numpy's order of floats as a signed int: -0 as 0, every NaN the largest. */
    private static int key(float v) {
        if (Float.isNaN(v)) {
            return Integer.MAX_VALUE;
        }
        int bits = Float.floatToRawIntBits(v == 0f ? 0f : v);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** The number of keys of the sorted {@code keys} below {@code k} (left) or at most {@code k} (right). */
    private static int position(int[] keys, int k, boolean right) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < k || (right && keys[mid] == k)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int[] keys(float[] v) {
        int[] k = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            k[i] = key(v[i]);
        }
        return k;
    }

    static Tensor searchsorted(Tensor sortedSequence, Tensor values, String side) {
        if (!side.equals("left") && !side.equals("right")) {
            throw new IllegalArgumentException("searchsorted: side must be 'left' or 'right', got '" + side + "'");
        }
        if (sortedSequence.rank() != 1) {
            throw new ShapeException("searchsorted: sorted_sequence must be 1-D, got shape " + sortedSequence.shape()
                    + " (use vectorizedMap for N-D sequences)");
        }
        if (sortedSequence.isSymbolic() || values.isSymbolic()) {
            return OpSupport.record(SEARCHSORTED.args(side), values.shape(),
                    in -> searchsorted(in.get(0), in.get(1), side), sortedSequence, values);
        }
        int[] keys = keys(OpSupport.data(sortedSequence));
        float[] v = OpSupport.data(values);
        float[] out = new float[v.length];
        boolean right = side.equals("right");
        for (int i = 0; i < v.length; i++) {
            out[i] = position(keys, key(v[i]), right);
        }
        return OpSupport.wrap(out, values.shape());
    }

    /**
     * The index of the bin of each value, as {@code jnp.digitize(x, bins)}: bins increasing give {@code i} with
     * {@code bins[i-1] <= x < bins[i]}, decreasing ones {@code bins[i-1] > x >= bins[i]}.
     */
    static Tensor digitize(Tensor x, Tensor bins) {
        if (bins.rank() != 1) {
            throw new ShapeException("digitize: bins must be 1-D, got shape " + bins.shape());
        }
        if (x.isSymbolic() || bins.isSymbolic()) {
            return OpSupport.record(DIGITIZE, x.shape(), in -> digitize(in.get(0), in.get(1)), x, bins);
        }
        float[] b = OpSupport.data(bins);
        float[] v = OpSupport.data(x);
        float[] out = new float[v.length];
        if (b.length == 0) {
            return OpSupport.wrap(out, x.shape());
        }
        boolean increasing = b[b.length - 1] >= b[0];
        float[] ordered = b.clone();
        if (!increasing) {
            for (int i = 0; i < b.length; i++) {
                ordered[i] = b[b.length - 1 - i];
            }
        }
        int[] keys = keys(ordered);
        for (int i = 0; i < v.length; i++) {
            int k = key(v[i]);
            out[i] = increasing ? position(keys, k, true) : b.length - position(keys, k, true);
        }
        return OpSupport.wrap(out, x.shape());
    }

    /** Whether each element of x1 is in x2 (NaN is in nothing; -0 equals 0); {@code invert} negates. */
    static Tensor isin(Tensor x1, Tensor x2, boolean assumeUnique, boolean invert) {
        if (x1.isSymbolic() || x2.isSymbolic()) {
            return OpSupport.record(ISIN.args(assumeUnique, invert), x1.shape(),
                    in -> isin(in.get(0), in.get(1), assumeUnique, invert), x1, x2);
        }
        int[] keys = keys(OpSupport.data(x2));
        Arrays.sort(keys);
        float[] v = OpSupport.data(x1);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            boolean found = !Float.isNaN(v[i]) && Arrays.binarySearch(keys, key(v[i])) >= 0;
            out[i] = Pointwise.bool(found != invert);
        }
        return OpSupport.wrap(out, x1.shape());
    }

    /**
     * Counts of each whole number in x (1-D, or 2-D counted per row), at least {@code minlength} long; with
     * weights (x's shape), their sums instead, and a gradient to them ({@code g} gathered at x), as JAX's. The length
     * {@code max(max(x) + 1, minlength)} depends on the values, so a symbolic x gives Keras's symbolic shape,
     * {@code x.shape[:-1] + (None,)}, and the length is known when the graph runs; 2-D x gets one length for all
     * rows (Keras's JAX backend fails when rows would differ). Weights may be traced or constant (a second input).
     *
     * @throws IllegalArgumentException for a negative or fractional value, or a negative minlength
     */
    static Tensor bincount(Tensor x, Tensor weights, int minlength) {
        Shape s = x.shape();
        if (s.rank() != 1 && s.rank() != 2) {
            throw new ShapeException("bincount: x must be 1-D or 2-D (counted per row), got shape " + s);
        }
        if (minlength < 0) {
            throw new IllegalArgumentException("bincount: minlength must be non-negative, got " + minlength);
        }
        if (weights != null && !weights.shape().isCompatibleWith(s)) {
            throw new ShapeException("bincount: weights of shape " + weights.shape() + " must have x's shape " + s);
        }
        if (x.isSymbolic() || (weights != null && weights.isSymbolic())) {
            Shape out = s.withDim(-1, Shape.UNKNOWN);
            return weights == null ? OpSupport.record(BINCOUNT.args(minlength), out,
                    in -> bincount(in.get(0), null, minlength), x)
                    : OpSupport.record(BINCOUNT_WEIGHTED.args(minlength), out,
                            in -> bincount(in.get(0), in.get(1), minlength), x, weights);
        }
        float[] v = OpSupport.data(x);
        int length = minlength;
        for (float f : v) {
            if (!(f >= 0f) || f != Math.rint(f)) {
                throw new IllegalArgumentException("bincount: x must hold non-negative whole numbers, got " + f
                        + " (shape " + s + ")");
            }
            length = Math.max(length, (int) f + 1);
        }
        int rows = s.rank() == 1 ? 1 : s.get(0);
        int n = s.get(-1);
        float[] w = weights == null ? null : OpSupport.data(weights);
        float[] out = new float[rows * length];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < n; i++) {
                int p = r * n + i;
                out[r * length + (int) v[p]] += w == null ? 1f : w[p];
            }
        }
        Shape outShape = s.withDim(-1, length);
        Tensor y = OpSupport.wrap(out, outShape);
        if (weights != null) {
            OpSupport.gradient(y, weights, (g, needed) -> new Tensor[] {s.rank() == 1 ? Take.apply(g, x, 0)
                    : TakeAlongAxis.apply(g, x, 1)});
        }
        return y;
    }

    /**
     * The counts of x's values in {@code bins} equal bins between the range's ends (x's min and max without one; an
     * empty range widened by 0.5 each way), and the bin edges, as {@code jnp.histogram}: a value on an inner edge
     * counts in the bin above it, the last edge in the last bin, values outside in none. x is 1-D, of any length when
     * symbolic: the outputs' shapes are {@code (bins,)} and {@code (bins + 1,)}, and the range, computed or given, is
     * the data's. Counts have no gradient; edges computed from x have JAX's: through its min and max, split evenly
     * among ties.
     */
    static java.util.List<Tensor> histogram(Tensor x, int bins, float[] range) {
        if (bins < 0) {
            throw new IllegalArgumentException("histogram: bins must be a non-negative integer, got " + bins);
        }
        if (range != null && (range.length != 2 || !(range[1] >= range[0]))) {
            throw new IllegalArgumentException("histogram: range must be two numbers, the second at least the first, "
                    + "got " + Arrays.toString(range));
        }
        if (x.rank() != 1) {
            throw new ShapeException("histogram: x must be 1-D, got shape " + x.shape());
        }
        if (x.isSymbolic()) {
            float[] r = range == null ? null : range.clone();
            return java.util.List.copyOf(dev.strata.graph.Graph.record(new MultiOpNode(HISTOGRAM.args(bins, r),
                    in -> histogram(in.get(0), bins, r)), java.util.List.of(x),
                    java.util.List.of(Shape.of(bins), Shape.of(bins + 1))));
        }
        float[] v = OpSupport.data(x);
        float lo;
        float hi;
        if (range != null) {
            lo = range[0];
            hi = range[1];
        } else {
            if (v.length == 0) {
                throw new IllegalArgumentException("histogram: x is empty, so its range is undefined; give a range");
            }
            lo = Float.POSITIVE_INFINITY;
            hi = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
        }
        float min = lo;
        float max = hi;
        if (hi - lo == 0f) {
            lo -= 0.5f;
            hi += 0.5f;
        }
        float[] edges = linspace(lo, hi, bins + 1);
        int[] keys = keys(edges);
        float[] counts = new float[bins + 1];
        for (float f : v) {
            int idx = f == edges[bins] ? bins : position(keys, key(f), true);
            if (idx < counts.length) { // values above the last edge fall off the end, as JAX's scatter drops them
                counts[idx] += 1f;
            }
        }
        Tensor edgeTensor = OpSupport.wrap(edges, Shape.of(bins + 1));
        if (range == null) {
            OpSupport.gradient(edgeTensor, x, (g, needed) -> new Tensor[] {edgesGradient(g, v, min, max, bins)});
        }
        return java.util.List.of(OpSupport.wrap(Arrays.copyOfRange(counts, 1, bins + 1), Shape.of(bins)),
                edgeTensor);
    }

    /**
     * The gradient of the edges {@code lo·(1 − t) + hi·t} (the last exactly hi) with respect to x, whose min and max
     * gave lo and hi (before widening, which adds constants): to the elements at the min and at the max, split evenly
     * among ties, as JAX's min and max.
     */
    private static Tensor edgesGradient(Tensor g, float[] v, float lo, float hi, int bins) {
        float[] gv = OpSupport.data(g);
        double toLo = 0;
        double toHi = gv[bins];
        for (int i = 0; i < bins; i++) {
            float t = (float) i / bins;
            toLo += gv[i] * (1f - t);
            toHi += gv[i] * t;
        }
        int atLo = 0;
        int atHi = 0;
        for (float f : v) {
            atLo += f == lo ? 1 : 0;
            atHi += f == hi ? 1 : 0;
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (v[i] == lo ? (float) (toLo / atLo) : 0f) + (v[i] == hi ? (float) (toHi / atHi) : 0f);
        }
        return OpSupport.wrap(out, Shape.of(v.length));
    }

    /** {@code jnp.linspace(start, stop, num)} in float32: {@code start·(1 − t) + stop·t} with t = i / (num − 1). */
    private static float[] linspace(float start, float stop, int num) {
        float[] out = new float[num];
        int div = num - 1;
        for (int i = 0; i < div; i++) {
            float t = (float) i / div;
            out[i] = start * (1f - t) + stop * t;
        }
        out[num - 1] = stop;
        return out;
    }

    /**
     * The sorted distinct values of x flattened, as {@code jnp.unique} (Keras's {@code equal_nan=False}: each NaN is
     * its own value, after the numbers; -0 and 0 are one value, shown as the first in x), and as asked the index of
     * each value's first occurrence, the inverse (x's shape: each element's position in the values) and the counts.
     * With {@code size}, the values are cut or padded to that length with {@code fillValue} (null: the smallest
     * value), the indices with the smallest value's index and the counts with 0; there, as in JAX, the NaNs count as
     * one value. Eager only: the length depends on the values.
     */
    static java.util.List<Tensor> unique(Tensor x, boolean returnIndex, boolean returnInverse, boolean returnCounts,
                                         Integer size, Float fillValue) {
        if (x.isSymbolic()) {
            throw new IllegalArgumentException("unique: cannot be traced: the number of values depends on the data "
                    + "(x of shape " + x.shape() + "); call it on a concrete tensor");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("unique: size must be non-negative, got " + size);
        }
        float[] v = OpSupport.data(x);
        int n = v.length;
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = (long) key(v[i]) << 32 | i; // stable: ties keep their index order
        }
        java.util.Arrays.sort(order);
        float[] values = new float[n];
        float[] first = new float[n];
        float[] counts = new float[n];
        float[] inverse = new float[n];
        int u = -1;
        int lastKey = 0;
        for (int r = 0; r < n; r++) {
            int i = (int) order[r];
            int k = (int) (order[r] >> 32);
            boolean nan = Float.isNaN(v[i]);
            if (u < 0 || k != lastKey || (nan && size == null)) {
                u++;
                values[u] = v[i];
                first[u] = i;
                lastKey = k;
            }
            counts[u]++;
            inverse[i] = u;
        }
        int distinct = u + 1;
        int len = size == null ? distinct : size;
        float fill = fillValue != null ? fillValue : distinct > 0 ? values[0] : 0f;
        float[] outValues = new float[len];
        float[] outFirst = new float[len];
        float[] outCounts = new float[len];
        for (int i = 0; i < len; i++) {
            boolean real = i < distinct;
            outValues[i] = real ? values[i] : fill;
            outFirst[i] = real ? first[i] : distinct > 0 ? first[0] : 0f;
            outCounts[i] = real ? counts[i] : 0f;
        }
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        out.add(OpSupport.wrap(outValues, Shape.of(len)));
        if (returnIndex) {
            out.add(OpSupport.wrap(outFirst, Shape.of(len)));
        }
        if (returnInverse) {
            out.add(OpSupport.wrap(inverse, x.shape()));
        }
        if (returnCounts) {
            out.add(OpSupport.wrap(outCounts, Shape.of(len)));
        }
        return java.util.List.copyOf(out);
    }

    /**
     * {@code jnp.unique(x, axis=axis, equal_nan=False, ...)}: the distinct slices of concrete x along {@code axis}
     * (compared whole, in lexicographic order of their elements, NaN last; a slice holding NaN is never equal to
     * another, as with equal_nan False), then {@code [values, index?, inverse?, counts?]}: values of x's shape with
     * that axis cut to the distinct count (or {@code size}, padded with {@code fillValue} slices, by default the first
     * distinct slice), index and counts per distinct slice (padding: the first index, count 0), inverse per slice of x.
     */
    static java.util.List<Tensor> uniqueAlong(Tensor x, int axis, boolean returnIndex, boolean returnInverse,
                                              boolean returnCounts, Integer size, Float fillValue) {
        if (x.isSymbolic()) {
            throw new IllegalArgumentException("unique: cannot be traced: the number of values depends on the data "
                    + "(x of shape " + x.shape() + "); call it on a concrete tensor");
        }
        if (size != null && size < 0) {
            throw new IllegalArgumentException("unique: size must be non-negative, got " + size);
        }
        Shape s = x.shape();
        int a = Cumulative.axis("unique", s, axis);
        Tensor moved = Moveaxis.apply(x, a, 0);
        float[] v = OpSupport.data(moved);
        int n = s.get(a);
        int m = n == 0 ? 0 : v.length / n;
        int[] keys = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            keys[i] = key(v[i]);
        }
        // a stable sort of the slices by their keys (ties keep index order)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> java.util.Arrays.compare(keys, p * m, p * m + m, keys, q * m, q * m + m));
        int[] rep = new int[n];
        float[] first = new float[n];
        float[] counts = new float[n];
        float[] inverse = new float[n];
        int u = -1;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (u < 0 || !sameSlice(v, rep[u], i, m)) {
                u++;
                rep[u] = i;
                first[u] = i;
            }
            counts[u]++;
            inverse[i] = u;
        }
        int distinct = u + 1;
        int len = size == null ? distinct : size;
        float[] values = new float[len * m];
        float[] outFirst = new float[len];
        float[] outCounts = new float[len];
        for (int j = 0; j < len; j++) {
            boolean real = j < distinct;
            if (real) {
                System.arraycopy(v, rep[j] * m, values, j * m, m);
            } else if (fillValue != null || distinct == 0) {
                java.util.Arrays.fill(values, j * m, j * m + m, fillValue != null ? fillValue : 0f);
            } else {
                System.arraycopy(v, rep[0] * m, values, j * m, m);
            }
            outFirst[j] = real ? first[j] : distinct > 0 ? first[0] : 0f;
            outCounts[j] = real ? counts[j] : 0f;
        }
        int[] dims = moved.shape().toArray();
        dims[0] = len;
        java.util.List<Tensor> out = new java.util.ArrayList<>();
        out.add(Moveaxis.apply(OpSupport.wrap(values, Shape.of(dims)), 0, a));
        if (returnIndex) {
            out.add(OpSupport.wrap(outFirst, Shape.of(len)));
        }
        if (returnInverse) {
            out.add(OpSupport.wrap(inverse, Shape.of(n)));
        }
        if (returnCounts) {
            out.add(OpSupport.wrap(outCounts, Shape.of(len)));
        }
        return java.util.List.copyOf(out);
    }

    /** Whether slices p and q (of length m) are equal element by element (NaN equals nothing). */
    private static boolean sameSlice(float[] v, int p, int q, int m) {
        for (int j = 0; j < m; j++) {
            if (!(v[p * m + j] == v[q * m + j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Indices that partition x along an axis around its {@code kth} smallest, as {@code jnp.argpartition}: the
     * {@code kth + 1} smallest first, in ascending order (ties to the lower index), then the others in index order.
     * {@code axis} null partitions x flattened.
     */
    static Tensor argpartition(Tensor x, int kth, Integer axis) {
        Shape s = axis == null ? Cumulative.flat(x.shape()) : x.shape();
        int a = axis == null ? 0 : Cumulative.axis("argpartition", s, axis);
        int n = s.get(a);
        if (n != Shape.UNKNOWN && (kth < -n || kth >= n)) {
            throw new IllegalArgumentException("argpartition: kth = " + kth + " is out of bounds for axis " + a
                    + " of length " + n + " (shape " + x.shape() + ")");
        }
        if (x.isSymbolic()) {
            return OpSupport.record(ARGPARTITION.args(kth, axis), s, in -> argpartition(in.get(0), kth, axis), x);
        }
        Tensor v = axis == null ? Cumulative.flatten(x) : x;
        int k = kth < 0 ? kth + n : kth;
        int[] perm = new int[s.rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = s.rank() - 1;
        perm[s.rank() - 1] = a;
        Tensor last = Transpose.concrete(v, perm);
        float[] in = OpSupport.data(last);
        float[] neg = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            neg[i] = -in[i];
        }
        // the k + 1 smallest as lax.top_k of -x gives them, then the rest in index order
        float[] bottom = OpSupport.data(Sorting.top(OpSupport.wrap(neg, last.shape()), k + 1));
        float[] out = new float[in.length];
        boolean[] taken = new boolean[n];
        int rows = n == 0 ? 0 : in.length / n;
        for (int r = 0; r < rows; r++) {
            Arrays.fill(taken, false);
            for (int i = 0; i <= k; i++) {
                int idx = (int) bottom[r * (k + 1) + i];
                out[r * n + i] = idx;
                taken[idx] = true;
            }
            for (int i = 0, j = k + 1; i < n; i++) {
                if (!taken[i]) {
                    out[r * n + j++] = i;
                }
            }
        }
        return Transpose.concrete(OpSupport.wrap(out, last.shape()), perm);
    }
}
