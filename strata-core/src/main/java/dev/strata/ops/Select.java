package dev.strata.ops;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.internal.OpSpec;
import dev.strata.internal.OpSpec.Type;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The choice of the first true condition at each position, like
 * {@code keras.ops.select(condlist, choicelist, default=0)} (all broadcast together; the default where none
 * holds). Computed as the chain of {@link Where}s it means, {@code where(c0, x0, where(c1, x1, ... default))}, so
 * the gradient is theirs (to the chosen value only, none to the conditions).
 */
final class Select {
    /** {@code keras.ops.select(condlist, choicelist, default=0)}: the default a positional number. */
    static final OpSpec SPEC = OpSpec.op("select").numpy("Select").twoLists().positional("default", Type.FLOAT)
            .rebuild((in, args) -> {
                int n = in.size() / 2;
                return apply(in.subList(0, n), in.subList(n, in.size()), args.number("default"));
            });

    private Select() {
    }

    static Tensor apply(List<? extends Tensor> condlist, List<? extends Tensor> choicelist, float fallback) {
        if (condlist.size() != choicelist.size()) {
            throw new IllegalArgumentException("select: condlist and choicelist must have the same length, got "
                    + condlist.size() + " and " + choicelist.size());
        }
        if (condlist.isEmpty()) {
            throw new IllegalArgumentException("select: condlist must not be empty");
        }
        List<Shape> shapes = new ArrayList<>();
        condlist.forEach(t -> shapes.add(t.shape()));
        choicelist.forEach(t -> shapes.add(t.shape()));
        Shape out;
        try {
            out = Broadcasting.shape("select", shapes.toArray(Shape[]::new));
        } catch (ShapeException e) {
            throw new ShapeException("select: conditions " + Concatenate.shapes(condlist) + " and choices "
                    + Concatenate.shapes(choicelist) + " cannot be broadcast together (" + e.getMessage() + ")");
        }
        List<Tensor> inputs = new ArrayList<>(condlist);
        inputs.addAll(choicelist);
        if (Graph.isSymbolic(inputs)) {
            return OpSupport.record(SPEC.args(fallback), out, in -> {
                int n = in.size() / 2;
                return apply(in.subList(0, n), in.subList(n, in.size()), fallback);
            }, inputs.toArray(Tensor[]::new));
        }
        Tensor result = Tensor.scalar(fallback);
        for (int i = condlist.size() - 1; i >= 0; i--) {
            result = Where.apply(condlist.get(i), choicelist.get(i), result);
        }
        return BroadcastTo.apply(result, out); // the default alone does not carry the shape
    }
}
