package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.internal.autodiff.Tape;
import dev.strata.internal.kernels.KernelProvider;
import dev.strata.internal.kernels.Kernels;
import dev.strata.internal.kernels.Parallelism;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Einstein summation, like {@code keras.ops.einsum(subscripts, *operands)}: each operand's axes are labelled by
 * letters, {@code ...} stands for leading axes that broadcast (numpy's rules), a label missing from the output is
 * summed over, and without {@code ->} the output is the broadcast {@code ...} axes followed by the labels used
 * once, in alphabetical order (numpy's implicit mode). A label of size 1 broadcasts against the same label's size
 * in another operand.
 *
 * <p>No loops over elements: a pair of operands becomes one batched matrix product. Each label is a batch label
 * (in both operands and the output), a contracted label (in both, not the output) or a kept label of one operand;
 * each operand is permuted (only if its axes are not already in that order; a transposed matrix is left to the
 * GEMM's transpose flags) and reshaped to {@code (batch, rows, depth)}, multiplied by {@link MatMul}, and the
 * product reshaped and permuted to the output. Labels of one operand absent from the other and from the output
 * are summed first. More than two operands are contracted left to right. The gradient is that of the
 * permutations, reshapes and products it is made of. A label repeated within one operand (a diagonal, {@code
 * "ii->i"}) is not supported and says so.
 */
final class Einsum {
    /** {@code keras.ops.einsum(subscripts, *operands)}. */
    static final OpSpec SPEC = OpSpec.op("einsum").numpy("Einsum").variadic().config("subscripts", Type.STRING)
            .rebuild((in, args) -> apply(args.string("subscripts"), in));

    private Einsum() {
    }

    /** A parsed equation: one label array per operand and the output's; ellipsis axes get labels above 'z'. */
    record Equation(String text, char[][] inputs, char[] output) {
    }

    static Tensor apply(String subscripts, List<? extends Tensor> operands) {
        if (operands.isEmpty()) {
            throw new IllegalArgumentException("einsum: needs at least one operand for '" + subscripts + "'");
        }
        Shape[] shapes = operands.stream().map(Tensor::shape).toArray(Shape[]::new);
        Equation eq = parse(subscripts, shapes);
        Shape out = shape(eq, shapes);
        Tensor[] inputs = operands.toArray(Tensor[]::new);
        if (Graph.isSymbolic(operands)) {
            String s = subscripts;
            return OpSupport.record(SPEC.args(s), out, in -> apply(s, in), inputs);
        }
        Tensor acc = inputs[0];
        char[] accLabels = eq.inputs()[0];
        for (int i = 1; i < inputs.length; i++) {
            char[] keep = i == inputs.length - 1 ? eq.output() : stillNeeded(eq, i, accLabels);
            char[] labels = eq.inputs()[i];
            char[] pairOut = i == inputs.length - 1 ? eq.output() : union(accLabels, labels, keep);
            acc = pair(eq, acc, accLabels, inputs[i], labels, pairOut);
            accLabels = pairOut;
        }
        if (inputs.length == 1) {
            acc = single(acc, accLabels, eq.output());
        }
        return acc.shape().equals(out) ? acc : Reshape.apply(acc, out);
    }

    // ---- parsing and the shape rule ------------------------------------------------------------------------

    static Equation parse(String subscripts, Shape[] shapes) {
        String text = subscripts.replace(" ", "");
        String[] sides = text.split("->", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException("einsum: at most one '->' is supported in the subscripts, got '"
                    + subscripts + "'");
        }
        String[] specs = sides[0].split(",", -1);
        if (specs.length != shapes.length) {
            throw new IllegalArgumentException("einsum: the subscripts '" + subscripts + "' name " + specs.length
                    + " operand(s), but " + shapes.length + " were given");
        }
        int ellipsisRank = 0;
        char[][] inputs = new char[specs.length][];
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            int dots = spec.indexOf("...");
            String letters = spec.replace("...", "");
            checkLetters(subscripts, letters, i);
            int rank = shapes[i].rank();
            int fill = rank - letters.length();
            if (dots < 0 ? fill != 0 : fill < 0) {
                throw new ShapeException("einsum: operand " + i + " has shape " + shapes[i] + " (rank " + rank
                        + "), but its subscripts '" + spec + "' in '" + subscripts + "' name " + letters.length()
                        + " axes" + (dots < 0 ? "" : " plus '...'"));
            }
            ellipsisRank = Math.max(ellipsisRank, dots < 0 ? 0 : fill);
            inputs[i] = expand(spec, dots, fill);
        }
        char[] output;
        if (sides.length == 2) {
            String spec = sides[1];
            String letters = spec.replace("...", "");
            checkLetters(subscripts, letters, -1);
            for (char c : letters.toCharArray()) {
                if (spec.indexOf(c) != spec.lastIndexOf(c)) {
                    throw new IllegalArgumentException("einsum: output label '" + c + "' appears more than once in '"
                            + subscripts + "'");
                }
                if (!sides[0].contains(String.valueOf(c))) {
                    throw new IllegalArgumentException("einsum: output label '" + c + "' of '" + subscripts
                            + "' is not in any operand's subscripts");
                }
            }
            int dots = spec.indexOf("...");
            output = expand(spec, dots, dots < 0 ? 0 : ellipsisRank);
            if (dots < 0 && ellipsisRank > 0) {
                throw new IllegalArgumentException("einsum: the output of '" + subscripts + "' must keep '...' when "
                        + "an operand has axes under '...' (summing them is not supported)");
            }
        } else {
            StringBuilder sb = new StringBuilder();
            for (char c = 'A'; c <= 'z'; c++) {
                if (Character.isLetter(c) && sides[0].indexOf(c) >= 0 && sides[0].indexOf(c) == sides[0].lastIndexOf(c)) {
                    sb.append(c);
                }
            }
            output = expand("..." + sb, 0, ellipsisRank);
        }
        return new Equation(subscripts, inputs, output);
    }

    private static void checkLetters(String subscripts, String letters, int operand) {
        for (int j = 0; j < letters.length(); j++) {
            char c = letters.charAt(j);
            if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("einsum: '" + c + "' in '" + subscripts + "' is not a letter "
                        + "(labels are a-z and A-Z; '...' is the only other form)");
            }
            if (operand >= 0 && letters.indexOf(c) != j) {
                throw new UnsupportedOperationException("einsum: label '" + c + "' appears twice in operand "
                        + operand + " of '" + subscripts + "'; diagonals are not supported");
            }
        }
    }

    /** The labels of one side, with the {@code fill} axes under '...' as labels {@code '{' + k} (right-aligned). */
    private static char[] expand(String spec, int dots, int fill) {
        if (dots < 0) {
            return spec.toCharArray();
        }
        String before = spec.substring(0, dots);
        String after = spec.substring(dots + 3);
        char[] out = new char[before.length() + fill + after.length()];
        before.getChars(0, before.length(), out, 0);
        for (int k = 0; k < fill; k++) {
            // numpy aligns '...' from the right: the last ellipsis axis of every operand is the same label
            out[before.length() + k] = (char) (ELLIPSIS + 64 - fill + k);
        }
        after.getChars(0, after.length(), out, before.length() + fill);
        return out;
    }

    private static final char ELLIPSIS = 0x100;

    /** The output shape: each output label's size, broadcast over the operands (1 against n gives n). */
    static Shape shape(Equation eq, Shape[] shapes) {
        int[] out = new int[eq.output().length];
        for (int o = 0; o < out.length; o++) {
            out[o] = size(eq, shapes, eq.output()[o]);
        }
        // every label must agree, kept or not
        for (char[] in : eq.inputs()) {
            for (char c : in) {
                size(eq, shapes, c);
            }
        }
        return Shape.of(out);
    }

    /** A label's size: numpy's broadcast of its sizes over the operands (unknown if it may be any). */
    private static int size(Equation eq, Shape[] shapes, char label) {
        int size = 1;
        boolean unknown = false;
        for (int i = 0; i < shapes.length; i++) {
            char[] in = eq.inputs()[i];
            for (int a = 0; a < in.length; a++) {
                if (in[a] != label) {
                    continue;
                }
                int d = shapes[i].get(a);
                if (d == Shape.UNKNOWN) {
                    unknown = true;
                } else if (d != 1) {
                    if (size != 1 && size != d) {
                        throw new ShapeException("einsum: '" + eq.text() + "' gives " + describe(label)
                                + " the sizes " + size + " and " + d + " (operand shapes " + Arrays.toString(shapes)
                                + "); they must be equal or 1");
                    }
                    size = d;
                }
            }
        }
        return unknown && size == 1 ? Shape.UNKNOWN : size;
    }

    private static String describe(char label) {
        return label >= ELLIPSIS ? "an axis under '...'" : "label '" + label + "'";
    }

    // ---- evaluation --------------------------------------------------------------------------------------

    /** The labels of the accumulated result still needed after operand {@code i} is folded in. */
    private static char[] stillNeeded(Equation eq, int i, char[] accLabels) {
        StringBuilder sb = new StringBuilder();
        for (char c : eq.output()) {
            sb.append(c);
        }
        for (int j = i + 1; j < eq.inputs().length; j++) {
            sb.append(eq.inputs()[j]);
        }
        return sb.toString().toCharArray();
    }

    private static char[] union(char[] a, char[] b, char[] keep) {
        StringBuilder sb = new StringBuilder();
        for (char[] side : new char[][] {a, b}) {
            for (char c : side) {
                if (indexOf(keep, c) >= 0 && sb.indexOf(String.valueOf(c)) < 0) {
                    sb.append(c);
                }
            }
        }
        return sb.toString().toCharArray();
    }

    /** One operand: labels not in the output are summed, the rest permuted to the output's order. */
    private static Tensor single(Tensor x, char[] labels, char[] out) {
        List<Integer> summed = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        for (int a = 0; a < labels.length; a++) {
            if (indexOf(out, labels[a]) < 0) {
                summed.add(a);
            } else {
                rest.append(labels[a]);
            }
        }
        Tensor y = summed.isEmpty() ? x : Sum.apply(x, summed.stream().mapToInt(Integer::intValue).toArray(), false);
        return permute(y, rest.toString().toCharArray(), out);
    }

    /** The contraction of two operands to the labels {@code out} (a permutation of the labels they keep). */
    private static Tensor pair(Equation eq, Tensor a, char[] la, Tensor b, char[] lb, char[] out) {
        // labels of one operand that neither the other nor the output has are summed away first
        Tensor[] reduced = {a, b};
        char[][] labels = {la, lb};
        for (int s = 0; s < 2; s++) {
            char[] mine = labels[s];
            char[] other = labels[1 - s];
            List<Integer> axes = new ArrayList<>();
            StringBuilder rest = new StringBuilder();
            for (int i = 0; i < mine.length; i++) {
                if (indexOf(other, mine[i]) < 0 && indexOf(out, mine[i]) < 0) {
                    axes.add(i);
                } else {
                    rest.append(mine[i]);
                }
            }
            if (!axes.isEmpty()) {
                reduced[s] = Sum.apply(reduced[s], axes.stream().mapToInt(Integer::intValue).toArray(), false);
                labels[s] = rest.toString().toCharArray();
            }
        }
        la = labels[0];
        lb = labels[1];
        a = reduced[0];
        b = reduced[1];
        StringBuilder batch = new StringBuilder();
        StringBuilder contract = new StringBuilder();
        StringBuilder keepA = new StringBuilder();
        StringBuilder keepB = new StringBuilder();
        for (char c : out) { // batch and kept labels in output order, so the product is often in place
            boolean inA = indexOf(la, c) >= 0;
            boolean inB = indexOf(lb, c) >= 0;
            (inA && inB ? batch : inA ? keepA : keepB).append(c);
        }
        for (char c : la) {
            if (indexOf(lb, c) >= 0 && indexOf(out, c) < 0) {
                contract.append(c);
            }
        }
        // the operand whose kept labels come first in the output is the left one: no permutation of the product
        if (keepA.length() > 0 && keepB.length() > 0
                && indexOf(out, keepB.charAt(0)) < indexOf(out, keepA.charAt(0))) {
            return pair(eq, b, lb, a, la, out);
        }
        if (!Tape.isRecording()) {
            Tensor direct = strided(a, la, b, lb, out, batch.toString(), keepA.toString(), keepB.toString(),
                    contract.toString());
            if (direct != null) {
                return direct;
            }
        }
        // sizes after broadcasting size-1 labels
        Shape[] both = {a.shape(), b.shape()};
        Equation two = new Equation(eq.text(), new char[][] {la, lb}, out);
        String bt = batch.toString();
        String ct = contract.toString();
        int batchSize = product(two, both, bt);
        int m = product(two, both, keepA.toString());
        int n = product(two, both, keepB.toString());
        int k = product(two, both, ct);
        a = broadcastLabels(two, both, a, la, bt + ct);
        b = broadcastLabels(two, both, b, lb, bt + ct);
        // left as (batch, m, k) or, transposed, (batch, k, m); right as (batch, k, n) or (batch, n, k)
        String aNormal = bt + keepA + ct;
        String aTrans = bt + ct + keepA;
        String bNormal = bt + ct + keepB;
        String bTrans = bt + keepB + ct;
        boolean transA = !inOrder(la, aNormal) && inOrder(la, aTrans);
        boolean transB = !inOrder(lb, bNormal) && inOrder(lb, bTrans);
        Tensor a2 = permute(a, la, (transA ? aTrans : aNormal).toCharArray());
        Tensor b2 = permute(b, lb, (transB ? bTrans : bNormal).toCharArray());
        int[] aDims = transA ? new int[] {batchSize, k, m} : new int[] {batchSize, m, k};
        int[] bDims = transB ? new int[] {batchSize, n, k} : new int[] {batchSize, k, n};
        if (batchSize == 1) { // a plain matrix product
            aDims = Arrays.copyOfRange(aDims, 1, 3);
            bDims = Arrays.copyOfRange(bDims, 1, 3);
        }
        a2 = Reshape.apply(a2, aDims);
        b2 = Reshape.apply(b2, bDims);
        Tensor product = MatMul.apply(a2, b2, transA, transB);
        char[] productLabels = (bt + keepA + keepB).toCharArray();
        int[] productShape = new int[productLabels.length];
        for (int i = 0; i < productLabels.length; i++) {
            productShape[i] = size(two, both, productLabels[i]);
        }
        return permute(Reshape.apply(product, productShape), productLabels, out);
    }

    /**
     * The pair as GEMMs over the operands' storage, looping over the batch labels, when every label has one size
     * (nothing to broadcast) and the kept labels of each side, and the contracted ones, each merge into one strided
     * axis of the tensors holding them, with a unit stride where the GEMM needs one: the output is written in
     * {@code out}'s order directly. Null when the layout does not allow it (the caller then permutes and reshapes).
     */
    private static Tensor strided(Tensor a, char[] la, Tensor b, char[] lb, char[] out, String batch, String keepA,
                                  String keepB, String contract) {
        int[] da = a.shape().toArray();
        int[] db = b.shape().toArray();
        int[] dc = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            int ia = indexOf(la, out[i]);
            dc[i] = ia >= 0 ? da[ia] : db[indexOf(lb, out[i])];
        }
        for (char c : (batch + contract).toCharArray()) {
            if (da[indexOf(la, c)] != db[indexOf(lb, c)]) {
                return null; // a size-1 label broadcasts: the general path
            }
        }
        for (int[] d : new int[][] {da, db, dc}) {
            for (int v : d) {
                if (v <= 0) {
                    return null;
                }
            }
        }
        int[] sa = rowMajorStrides(da);
        int[] sb = rowMajorStrides(db);
        int[] sc = rowMajorStrides(dc);
        // the contracted labels in a's order, the kept ones in the output's
        String k = contractionOrder(la, contract);
        int m = sizeOf(keepA, la, da);
        int n = sizeOf(keepB, lb, db);
        int depth = sizeOf(k, la, da);
        int aM = merged(keepA, la, da, sa);
        int aK = merged(k, la, da, sa);
        int bK = merged(k, lb, db, sb);
        int bN = merged(keepB, lb, db, sb);
        int cM = merged(keepA, out, dc, sc);
        int cN = merged(keepB, out, dc, sc);
        if (aM < 0 || aK < 0 || bK < 0 || bN < 0 || cM < 0 || cN < 0) {
            return null;
        }
        if (n > 1 && cN != 1) {
            return null; // the output's columns need a unit stride
        }
        return gemms(a, la, da, sa, aM, aK, b, lb, db, sb, bK, bN, out, dc, sc, cM, batch, m, n, depth);
    }

    /**
     * C = L · R per batch index: L m x k (row stride lm, depth stride lk), R k x n (rk, rn), C rows at stride cm
     * and unit column stride (or m = 1, n = 1). Null if a side has no unit stride or a row stride under its width.
     */
    private static Tensor gemms(Tensor left, char[] ll, int[] dl, int[] sl, int lm, int lk, Tensor right, char[] lr,
                                int[] dr, int[] sr, int rk, int rn, char[] out, int[] dc, int[] sc, int cm,
                                String batch, int m, int n, int k) {
        boolean transL;
        int ldl;
        if (k == 1 || lk == 1) {
            transL = false;
            ldl = m == 1 ? k : lm;
            if (ldl < k) {
                return null;
            }
        } else if (m == 1 || lm == 1) {
            transL = true;
            ldl = lk;
            if (ldl < m) {
                return null;
            }
        } else {
            return null;
        }
        boolean transR;
        int ldr;
        if (n == 1 || rn == 1) {
            transR = false;
            ldr = k == 1 ? n : rk;
            if (ldr < n) {
                return null;
            }
        } else if (k == 1 || rk == 1) {
            transR = true;
            ldr = n == 1 ? k : rn;
            if (ldr < k) {
                return null;
            }
        } else {
            return null;
        }
        int ldc = m == 1 ? n : cm;
        if (ldc < n) {
            return null;
        }
        int nb = batch.length();
        int[] counts = new int[nb];
        int[] bl = new int[nb];
        int[] br = new int[nb];
        int[] bc = new int[nb];
        int batches = 1;
        for (int i = 0; i < nb; i++) {
            char c = batch.charAt(i);
            counts[i] = dl[indexOf(ll, c)];
            bl[i] = sl[indexOf(ll, c)];
            br[i] = sr[indexOf(lr, c)];
            bc[i] = sc[indexOf(out, c)];
            batches *= counts[i];
        }
        float[] x = OpSupport.data(left);
        float[] w = OpSupport.data(right);
        float[] y = OpSupport.newArray(Math.multiplyExact(batches, m * n));
        Kernels kernels = KernelProvider.get();
        boolean tl = transL;
        boolean tr = transR;
        int lda = ldl;
        int ldb = ldr;
        if (batches == 1) {
            kernels.gemm(tl, tr, m, n, k, 1f, x, 0, lda, w, 0, ldb, 0f, y, 0, ldc);
        } else {
            // whole products per thread, as MatMul splits batches: each is one GEMM call, the same bits at any split
            long flops = 2L * m * n * k;
            int minBatches = (int) Math.min(Integer.MAX_VALUE, Math.max(1, MatMul.BATCH_SPLIT_FLOPS / flops));
            Parallelism.forRange(batches, minBatches, (t0, t1) -> {
                int[] at = new int[nb];
                int ol = 0;
                int or = 0;
                int oc = 0;
                for (int d = nb - 1, rest = t0; d >= 0; d--) {
                    at[d] = rest % counts[d];
                    rest /= counts[d];
                    ol += at[d] * bl[d];
                    or += at[d] * br[d];
                    oc += at[d] * bc[d];
                }
                for (int t = t0; t < t1; t++) {
                    kernels.gemm(tl, tr, m, n, k, 1f, x, ol, lda, w, or, ldb, 0f, y, oc, ldc);
                    for (int d = nb - 1; d >= 0; d--) {
                        at[d]++;
                        ol += bl[d];
                        or += br[d];
                        oc += bc[d];
                        if (at[d] < counts[d]) {
                            break;
                        }
                        ol -= bl[d] * counts[d];
                        or -= br[d] * counts[d];
                        oc -= bc[d] * counts[d];
                        at[d] = 0;
                    }
                }
            });
        }
        return OpSupport.wrap(y, Shape.of(dc));
    }

    private static int[] rowMajorStrides(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** The labels of {@code contract} in the order {@code labels} holds them. */
    private static String contractionOrder(char[] labels, String contract) {
        StringBuilder sb = new StringBuilder();
        for (char c : labels) {
            if (contract.indexOf(c) >= 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int sizeOf(String group, char[] labels, int[] dims) {
        int p = 1;
        for (char c : group.toCharArray()) {
            p *= dims[indexOf(labels, c)];
        }
        return p;
    }

    /**
     * The stride of one index running over {@code group}'s labels (the first outermost) in a tensor with these
     * labels, sizes and strides; 0 when the group has one element (any stride will do); -1 when the labels are not
     * one evenly strided run. Size-1 labels take no part.
     */
    private static int merged(String group, char[] labels, int[] dims, int[] strides) {
        int stride = 0;
        int next = -1;
        for (int i = group.length() - 1; i >= 0; i--) {
            int axis = indexOf(labels, group.charAt(i));
            if (dims[axis] == 1) {
                continue;
            }
            if (next < 0) {
                stride = strides[axis];
            } else if (strides[axis] != next) {
                return -1;
            }
            next = strides[axis] * dims[axis];
        }
        return stride;
    }

    /** Broadcasts size-1 axes of shared labels to the other operand's size (numpy's broadcasting in einsum). */
    private static Tensor broadcastLabels(Equation two, Shape[] both, Tensor x, char[] labels, String shared) {
        int[] target = x.shape().toArray();
        boolean changed = false;
        for (int i = 0; i < labels.length; i++) {
            if (shared.indexOf(labels[i]) >= 0) {
                int s = size(two, both, labels[i]);
                changed |= s != target[i];
                target[i] = s;
            }
        }
        return changed ? BroadcastTo.apply(x, Shape.of(target)) : x;
    }

    private static int product(Equation eq, Shape[] shapes, String labels) {
        int p = 1;
        for (char c : labels.toCharArray()) {
            p *= size(eq, shapes, c);
        }
        return p;
    }

    /** Whether {@code labels} is already in the order {@code wanted} (ignoring nothing: same labels). */
    private static boolean inOrder(char[] labels, String wanted) {
        return new String(labels).equals(wanted);
    }

    /** {@code x} with axes labelled {@code from} transposed to the order {@code to} (the same labels). */
    private static Tensor permute(Tensor x, char[] from, char[] to) {
        if (Arrays.equals(from, to)) {
            return x;
        }
        int[] perm = new int[to.length];
        for (int i = 0; i < to.length; i++) {
            perm[i] = indexOf(from, to[i]);
        }
        return Transpose.apply(x, perm);
    }

    private static int indexOf(char[] labels, char c) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
