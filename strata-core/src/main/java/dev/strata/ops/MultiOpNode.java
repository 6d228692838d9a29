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
 * An op with several outputs (such as split) as a graph {@link Operation}: like {@link OpNode}, but applying
 * it again gives all outputs at once.
 */
record MultiOpNode(OpSpec.Args args, Function<List<Tensor>, List<Tensor>> function) implements PrimitiveOp {

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
