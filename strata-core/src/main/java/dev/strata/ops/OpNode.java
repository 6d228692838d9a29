package dev.strata.ops;

import dev.strata.graph.Operation;
import dev.strata.graph.PrimitiveOp;
import dev.strata.internal.OpSpec;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An op as a graph {@link Operation}: its spec and recorded arguments (for summaries and saving), and how to apply
 * it again to new inputs.
 */
record OpNode(OpSpec.Args args, Function<List<Tensor>, Tensor> function) implements PrimitiveOp {

    @Override
    public String name() {
        return args.spec().name();
    }

    @Override
    public Map<String, Object> config() {
        return args.asMap();
    }

    @Override
    public Tensors apply(List<? extends Tensor> inputs) {
        return Tensors.of(function.apply(List.copyOf(inputs)));
    }

    @Override
    public String toString() {
        return args.spec().recordedParams().isEmpty() ? name() : name() + args;
    }
}
