package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Module;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Axes rearranged by an einops pattern, like {@code keras.ops.rearrange(tensor, pattern, **axes_lengths)}:
 * {@code "b h w c -> b (h w) c"}, {@code "b (h h1) w -> b h (h1 w)"} with {@code h1=2}. Each side is a list of axes,
 * a name or a parenthesised group of names (on the input side a group is split into its names: every name's length
 * but one comes from {@code axes_lengths}, the last is inferred; on the output side a group is merged); every input
 * name appears once in the output. As in Keras, it is a reshape (splitting the groups), a transpose and a reshape
 * (merging), so its gradient is theirs.
 *
 * <p>Beyond Keras 3.15's parser, as in einops: {@code ...} stands for the axes the names do not cover (on both
 * sides, outside groups), and {@code ()} for an axis of length 1. Python Keras cannot run such a pattern (its
 * parser drops {@code ...} and {@code ()}), nor, with its JAX backend, any pattern inside a Functional model unless
 * every dimension is known, nor one that splits an input axis inside a jitted {@code predict}.
 */
final class Rearrange {
    /** {@code keras.ops.rearrange(tensor, pattern, **axes_lengths)}. */
    static final OpSpec SPEC = OpSpec.op("rearrange").keras(Module.EINOPS, "Rearrange")
            .positional("pattern", Type.STRING).keywords("axes_lengths")
            .rebuild((in, args) -> apply(in.get(0), args.string("pattern"), args.namedInts("axes_lengths")));
    private static final String ELLIPSIS = "...";

    private Rearrange() {
    }

    static Tensor apply(Tensor x, String pattern, Map<String, Integer> axesLengths) {
        Shape s = x.shape();
        String[] sides = pattern.split("->", -1);
        if (sides.length != 2) {
            throw new IllegalArgumentException("rearrange: the pattern must have one '->', got \"" + pattern + "\"");
        }
        List<List<String>> in = groups(sides[0], pattern);
        List<List<String>> out = groups(sides[1], pattern);
        boolean inEllipsis = in.contains(List.of(ELLIPSIS));
        if (inEllipsis != out.contains(List.of(ELLIPSIS))) {
            throw new IllegalArgumentException("rearrange: '...' must be on both sides of \"" + pattern + "\" or on "
                    + "neither");
        }
        int named = in.size() - (inEllipsis ? 1 : 0);
        if (inEllipsis ? s.rank() < named : s.rank() != named) {
            throw new ShapeException("rearrange: the input side of \"" + pattern + "\" has " + named + " ax"
                    + (named == 1 ? "is" : "es") + (inEllipsis ? " and '...'" : "") + ", but the tensor has shape "
                    + s + " (rank " + s.rank() + ")");
        }
        int covered = s.rank() - named;
        in = expand(in, covered);
        out = expand(out, covered);
        // the lengths of the input's names, a group's one unknown name inferred from the dimension
        Map<String, Integer> length = new HashMap<>();
        List<String> names = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < in.size(); i++) {
            List<String> group = in.get(i);
            int d = s.get(i);
            long known = 1;
            String inferred = null;
            for (String n : group) {
                if (!used.add(n)) {
                    throw new IllegalArgumentException("rearrange: axis '" + n + "' appears twice on the input side "
                            + "of \"" + pattern + "\"");
                }
                names.add(n);
                Integer given = axesLengths.get(n);
                if (given != null) {
                    if (given <= 0) {
                        throw new IllegalArgumentException("rearrange: the length of '" + n + "' must be positive, "
                                + "got " + given);
                    }
                    length.put(n, given);
                    known *= given;
                } else if (group.size() == 1) {
                    inferred = n;
                } else if (inferred != null) {
                    throw new IllegalArgumentException("rearrange: the group (" + String.join(" ", group) + ") of \""
                            + pattern + "\" has two axes without a length, '" + inferred + "' and '" + n + "': give "
                            + "all but one in axes_lengths");
                } else {
                    inferred = n;
                }
            }
            if (inferred != null) {
                if (d != Shape.UNKNOWN && d % known != 0) {
                    throw new ShapeException("rearrange: dimension " + i + " of shape " + s + " (" + d + ") is not "
                            + "divisible by " + known + ", the product of the given lengths in (" + String.join(" ",
                            group) + ") of \"" + pattern + "\"");
                }
                length.put(inferred, d == Shape.UNKNOWN ? Shape.UNKNOWN : (int) (d / known));
            } else if (d != Shape.UNKNOWN && d != known) {
                throw new ShapeException("rearrange: dimension " + i + " of shape " + s + " is " + d + ", but the "
                        + "lengths given for " + group + " in \"" + pattern + "\" make " + known);
            }
        }
        for (String n : axesLengths.keySet()) {
            if (!used.contains(n)) {
                throw new IllegalArgumentException("rearrange: axes_lengths names '" + n + "', which is not an axis "
                        + "of the input side of \"" + pattern + "\"");
            }
        }
        List<String> order = new ArrayList<>();
        int[] outDims = new int[out.size()];
        for (int i = 0; i < out.size(); i++) {
            long size = 1;
            for (String n : out.get(i)) {
                if (!used.contains(n)) {
                    throw new IllegalArgumentException("rearrange: axis '" + n + "' of the output side of \""
                            + pattern + "\" is not on the input side");
                }
                if (order.contains(n)) {
                    throw new IllegalArgumentException("rearrange: axis '" + n + "' appears twice on the output side "
                            + "of \"" + pattern + "\"");
                }
                order.add(n);
                int l = length.get(n);
                size = size == Shape.UNKNOWN || l == Shape.UNKNOWN ? Shape.UNKNOWN : size * l;
            }
            outDims[i] = (int) size;
        }
        if (order.size() != names.size()) {
            List<String> missing = new ArrayList<>(names);
            missing.removeAll(order);
            throw new IllegalArgumentException("rearrange: axes " + missing + " of the input side of \"" + pattern
                    + "\" are missing from the output side (rearrange does not reduce)");
        }
        Shape result = Shape.of(outDims);
        if (x.isSymbolic()) {
            Map<String, Integer> lengths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(axesLengths));
            return OpSupport.record(SPEC.args(pattern, lengths), result, t -> apply(t.get(0), pattern, lengths), x);
        }
        int[] split = new int[names.size()];
        int[] perm = new int[names.size()];
        boolean identity = true;
        for (int i = 0; i < split.length; i++) {
            split[i] = length.get(names.get(i));
            perm[i] = names.indexOf(order.get(i));
            identity &= perm[i] == i;
        }
        Tensor y = java.util.Arrays.equals(split, s.toArray()) ? x : Reshape.apply(x, split);
        if (!identity) {
            y = Transpose.apply(y, perm);
        }
        return y.shape().equals(result) ? y : Reshape.apply(y, outDims);
    }

    /** One side's axes: a name, {@code "..."}, or a parenthesised group (empty: an axis of length 1). */
    private static List<List<String>> groups(String side, String pattern) {
        List<List<String>> out = new ArrayList<>();
        List<String> group = null;
        int i = 0;
        while (i < side.length()) {
            char c = side.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                if (group != null) {
                    throw syntax(pattern, "nested parentheses");
                }
                group = new ArrayList<>();
                i++;
            } else if (c == ')') {
                if (group == null) {
                    throw syntax(pattern, "an unmatched ')'");
                }
                out.add(group);
                group = null;
                i++;
            } else if (side.startsWith(ELLIPSIS, i)) {
                if (group != null) {
                    throw syntax(pattern, "'...' inside parentheses");
                }
                if (out.contains(List.of(ELLIPSIS))) {
                    throw syntax(pattern, "'...' twice on one side");
                }
                out.add(List.of(ELLIPSIS));
                i += ELLIPSIS.length();
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < side.length() && (Character.isLetterOrDigit(side.charAt(j)) || side.charAt(j) == '_')) {
                    j++;
                }
                String name = side.substring(i, j);
                if (group != null) {
                    group.add(name);
                } else {
                    out.add(List.of(name));
                }
                i = j;
            } else {
                throw syntax(pattern, "the character '" + c + "'");
            }
        }
        if (group != null) {
            throw syntax(pattern, "an unclosed '('");
        }
        return out;
    }

    /** The groups with {@code "..."} replaced by {@code count} axes of their own. */
    private static List<List<String>> expand(List<List<String>> groups, int count) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups) {
            if (g.equals(List.of(ELLIPSIS))) {
                for (int k = 0; k < count; k++) {
                    out.add(List.of(ELLIPSIS + k));
                }
            } else {
                out.add(g);
            }
        }
        return out;
    }

    private static IllegalArgumentException syntax(String pattern, String what) {
        return new IllegalArgumentException("rearrange: \"" + pattern + "\" has " + what);
    }
}
