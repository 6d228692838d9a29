package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.graph.Graph;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.Strata;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flatten: shapes as Keras computes them (unknown sizes too), values in row-major order, gradients. */
class FlattenTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Flatten::new, Shape.of(3, 4)).tracedWith(Shape.of(U, 4)).wrongRank(Shape.scalar()),
                LayerCase.of(Flatten::new, Shape.of(5)).wrongRank(Shape.scalar()));
    }

    private static final int U = Shape.UNKNOWN;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void flattenShapes() {
        Flatten f = new Flatten();
        assertThat(f.name()).isEqualTo("flatten");
        Tensor x = Tensor.arange(24);
        Tensor y = f.apply(dev.strata.ops.Ops.reshape(x, 2, 3, 4));
        assertThat(y.shape()).isEqualTo(Shape.of(2, 12));
        assertThat(y.toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(new Flatten().apply(Tensor.ones(5)).shape()).isEqualTo(Shape.of(5, 1));
        assertThat(new Flatten().apply(Input.of(3, 4)).shape()).isEqualTo(Shape.of(U, 12));
        // Unknown per-sample sizes give an unknown flat size, as in Keras; real inputs still work.
        Flatten g = new Flatten();
        Tensor unknown = Graph.input(Shape.of(U, U, 4), "x");
        Tensor flat = g.apply(unknown);
        assertThat(flat.shape()).isEqualTo(Shape.of(U, U));
        // computeOutputShape gives it: one node, the layer's own, on the input itself
        var node = Graph.producer((dev.strata.tensor.SymbolicTensor) flat).orElseThrow();
        assertThat(node.operation()).isSameAs(g);
        assertThat(node.inputs()).containsExactly(unknown);
        assertThat(g.apply(Tensor.ones(2, 3, 4)).shape()).isEqualTo(Shape.of(2, 12));
        LayerChecks.assertConfigMatches(f.getConfig(), LayerGolden.flattenConfig());
    }

    @Test
    void flattenInModelsAndGradient() {
        Sequential seq = new Sequential(new InputLayer(3, 4), new Flatten(), new Dense(2));
        assertThat(seq.countParams()).isEqualTo(12 * 2 + 2);
        assertThat(seq.apply(Tensor.ones(5, 3, 4)).shape()).isEqualTo(Shape.of(5, 2));
        GradientCheck.check(xs -> new Flatten().apply(xs.get(0)), GradientCheck.random(1, Shape.of(2, 3, 2), -1, 1));
    }
}
