package dev.strata.ops;

import dev.strata.graph.Operation;
import dev.strata.graph.PrimitiveOp;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An op as a graph {@link Operation}: its name, its arguments other than tensors (for summaries and saving),
 * and how to apply it again to new inputs.
 */
record OpNode(String name, Map<String, Object> config, Function<List<Tensor>, Tensor> function)
        implements PrimitiveOp {

    @Override
    public Tensors apply(List<? extends Tensor> inputs) {
        return Tensors.of(function.apply(List.copyOf(inputs)));
    }

    @Override
    public String toString() {
        return config.isEmpty() ? name : name + config;
    }
}
