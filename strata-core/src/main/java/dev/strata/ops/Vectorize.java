package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code keras.ops.vectorize} ({@code jnp.vectorize}): a function of core-shaped tensors (scalars by default, or
 * the shapes a gufunc signature such as {@code "(m,n),(n)->(m)"} names) made to apply over any leading
 * ("loop") dimensions, which broadcast across the arguments. The loop is unstack, the function per element, stack,
 * so it traces and differentiates as those ops do; the loop dimensions must be known.
 */
final class Vectorize {
    private static final Pattern ARG = Pattern.compile("\\(([^()]*)\\)");

    private Vectorize() {
    }

    /** The vectorized form of {@code f} under {@code signature} (null: scalars in, a scalar out). */
    static Function<List<Tensor>, Tensor> of(Function<List<Tensor>, Tensor> f, String signature) {
        List<List<String>> inCores;
        List<String> outCore;
        if (signature == null) {
            inCores = null;
            outCore = List.of();
        } else {
            String[] sides = signature.replace(" ", "").split("->");
            if (sides.length != 2) {
                throw new IllegalArgumentException("vectorize: signature '" + signature + "' must be of the form "
                        + "\"(m,n),(n)->(m)\"");
            }
            inCores = cores(sides[0], signature);
            List<List<String>> outs = cores(sides[1], signature);
            if (outs.size() != 1) {
                throw new IllegalArgumentException("vectorize: signature '" + signature + "' has " + outs.size()
                        + " outputs; Strata's vectorize returns one tensor");
            }
            outCore = outs.getFirst();
        }
        return args -> call(f, args, inCores, outCore, signature);
    }

    private static List<List<String>> cores(String side, String signature) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = ARG.matcher(side);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && side.charAt(end) == ',')) {
                break;
            }
            end = m.end();
            out.add(m.group(1).isEmpty() ? List.of() : List.of(m.group(1).split(",")));
        }
        if (end != side.length() || out.isEmpty()) {
            throw new IllegalArgumentException("vectorize: cannot read signature '" + signature + "'");
        }
        return out;
    }

    private static Tensor call(Function<List<Tensor>, Tensor> f, List<Tensor> args, List<List<String>> inCores,
                               List<String> outCore, String signature) {
        if (inCores != null && inCores.size() != args.size()) {
            throw new IllegalArgumentException("vectorize: signature '" + signature + "' takes " + inCores.size()
                    + " argument(s), got " + args.size());
        }
        Map<String, Integer> sizes = new HashMap<>();
        Shape[] loops = new Shape[args.size()];
        Shape[] coreShapes = new Shape[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Shape s = args.get(i).shape();
            List<String> core = inCores == null ? List.of() : inCores.get(i);
            if (s.rank() < core.size()) {
                throw new ShapeException("vectorize: argument " + i + " has shape " + s + ", fewer dimensions than its "
                        + "core " + core + " in signature '" + signature + "'");
            }
            int loopRank = s.rank() - core.size();
            for (int d = 0; d < core.size(); d++) {
                Integer known = sizes.putIfAbsent(core.get(d), s.get(loopRank + d));
                if (known != null && known != s.get(loopRank + d)) {
                    throw new ShapeException("vectorize: core dimension '" + core.get(d) + "' is " + known + " in one "
                            + "argument and " + s.get(loopRank + d) + " in argument " + i + " (shape " + s + ")");
                }
            }
            loops[i] = s.subShape(0, loopRank);
            coreShapes[i] = s.subShape(loopRank, s.rank());
        }
        Shape loop = loops.length == 1 ? loops[0] : Broadcasting.shape("vectorize", loops);
        if (!loop.isFullyDefined()) {
            throw new ShapeException("vectorize: the loop dimensions " + loop + " must be known (for a loop over the "
                    + "batch, use Ops.vectorizedMap)");
        }
        int n = loop.size();
        if (n == 0) {
            throw new ShapeException("vectorize: the loop dimensions " + loop + " hold no element to call the "
                    + "function on");
        }
        List<List<Tensor>> perArg = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            Shape full = loop.append(coreShapes[i].toArray());
            Tensor x = args.get(i).shape().equals(full) ? args.get(i) : Ops.broadcastTo(args.get(i), full);
            perArg.add(Ops.unstack(Ops.reshape(x, coreShapes[i].prepend(n))));
        }
        List<Tensor> ys = new ArrayList<>(n);
        Shape yShape = null;
        for (int j = 0; j < n; j++) {
            List<Tensor> call = new ArrayList<>(args.size());
            for (List<Tensor> slices : perArg) {
                call.add(slices.get(j));
            }
            Tensor y = f.apply(call);
            if (y == null) {
                throw new IllegalArgumentException("vectorize: the function returned null");
            }
            if (yShape == null) {
                yShape = y.shape();
                checkOutput(yShape, outCore, sizes, signature);
            } else if (!yShape.equals(y.shape())) {
                throw new ShapeException("vectorize: the function returned shape " + yShape + " for one element and "
                        + y.shape() + " for another");
            }
            ys.add(y);
        }
        return Ops.reshape(Ops.stack(ys, 0), loop.append(yShape.toArray()));
    }

    private static void checkOutput(Shape y, List<String> core, Map<String, Integer> sizes, String signature) {
        if (y.rank() != core.size()) {
            throw new ShapeException("vectorize: the function returned shape " + y + " where signature '" + signature
                    + "' says " + core);
        }
        for (int d = 0; d < core.size(); d++) {
            Integer known = sizes.get(core.get(d));
            if (known != null && known != y.get(d)) {
                throw new ShapeException("vectorize: the function returned shape " + y + " where core dimension '"
                        + core.get(d) + "' is " + known);
            }
        }
    }
}
