package dev.strata.layers.reshaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.graph.Graph;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reshape: shapes as Keras computes them (a -1 resolved or left unknown), errors, config, gradients. */
class ReshapeTest {

    static List<LayerCase> contractCases() {
        String anyRank = "samples of any rank reshape if their size fits the target shape";
        return List.of(
                LayerCase.of(() -> new Reshape(3, 4), Shape.of(12)).skip(Check.WRONG_RANK, anyRank),
                LayerCase.of(() -> new Reshape(-1, 2), Shape.of(2, 3)).tracedWith(Shape.of(U, 3))
                        .skip(Check.WRONG_RANK, anyRank));
    }

    private static final int U = Shape.UNKNOWN;

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void reshapeShapes() {
        Tensor x = Tensor.arange(24);
        Tensor batch = dev.strata.ops.Ops.reshape(x, 2, 12);
        Reshape r = new Reshape(3, 4);
        assertThat(r.apply(batch).shape()).isEqualTo(Shape.of(2, 3, 4));
        assertThat(r.apply(batch).toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(new Reshape(-1, 2, 2).apply(batch).shape()).isEqualTo(Shape.of(2, 3, 2, 2));
        assertThat(new Reshape(3, 4).apply(Input.of(12)).shape()).isEqualTo(Shape.of(U, 3, 4));
        assertThat(new Reshape(-1, 2, 2).apply(Input.of(12)).shape()).isEqualTo(Shape.of(U, 3, 2, 2));
        Reshape open = new Reshape(-1, 4);
        assertThat(open.apply(Graph.input(Shape.of(U, U, 4), "x")).shape()).isEqualTo(Shape.of(U, U, 4));
        assertThat(open.apply(Tensor.ones(2, 3, 4)).shape()).isEqualTo(Shape.of(2, 3, 4));
    }

    @Test
    void reshapeErrorsNameTheLayer() {
        assertThatThrownBy(() -> new Reshape(5).apply(Tensor.ones(2, 12))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'reshape' (Reshape): the total size of the tensor must be unchanged")
                .hasMessageContaining("(12,)");
        assertThatThrownBy(() -> new Reshape(-1, 5).apply(Input.of(12))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'reshape_1' (Reshape)").hasMessageContaining("cannot be divided");
        assertThatThrownBy(() -> new Reshape(-1, -1)).hasMessageContaining("at most one unknown dimension");
        assertThatThrownBy(() -> new Reshape(-2, 3)).hasMessageContaining("non-negative integer");
    }

    @Test
    void reshapeInModelsConfigAndGradient() {
        Tensor in = Input.of(6);
        Model m = Model.of(in, new Flatten().apply(new Reshape(3, 2).apply(in)));
        Tensor x = Tensor.normal(Shape.of(4, 6), 0, 1);
        assertThat(m.apply(x).toFloatArray()).containsExactly(x.toFloatArray());
        LayerChecks.assertConfigMatches(new Reshape(3, -1).getConfig(), LayerGolden.reshapeConfig(), "name");
        GradientCheck.check(xs -> new Reshape(2, 3).apply(xs.get(0)), GradientCheck.random(2, Shape.of(2, 6), -1, 1));
    }
}
