package dev.strata.ops;

import static dev.strata.ops.SegmentOpsTest.golden;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.graph.Graph;
import dev.strata.graph.PrimitiveOp;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * keras.ops.rearrange against Keras 3 ({@link Ops16MathGolden}): transposes, merges and splits with axes_lengths;
 * einops' {@code ...} and {@code ()}; gradients (a reshape and transpose's); symbolic shapes; errors.
 */
class RearrangeTest {
    static final int U = Shape.UNKNOWN;
    private static final List<Map<String, Integer>> LENGTHS = List.of(Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of("h1", 3), Map.of("h1", 2, "w1", 2), Map.of());

    private static Tensor ramp() {
        float[] v = new float[48];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.of(v, 2, 6, 4);
    }

    private static int[] shape(String name) {
        try {
            return (int[]) Ops16MathGolden.class.getDeclaredField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void rearrangeMatchesKerasAndItsShapesAgreeSymbolically() {
        String[] patterns = Ops16MathGolden.REARRANGE_PATTERNS;
        SymbolicTensor sym = Graph.input(Shape.of(2, 6, 4), "x");
        for (int i = 0; i < patterns.length; i++) {
            Tensor y = Ops.rearrange(ramp(), patterns[i], LENGTHS.get(i));
            assertThat(y.shape().toArray()).as(patterns[i]).containsExactly(shape("REARRANGE" + i + "_SHAPE"));
            assertThat(y.toFloatArray()).as(patterns[i]).containsExactly(golden("REARRANGE" + i));
            assertThat(Ops.rearrange(sym, patterns[i], LENGTHS.get(i)).shape()).isEqualTo(y.shape());
        }
        Tensor y = Ops.rearrange(Graph.input(Shape.of(U, 6, 4), "x"), "b (h h1) w -> b h (h1 w)", Map.of("h1", 3));
        assertThat(y.shape()).isEqualTo(Shape.of(U, 2, 12));
        assertThat(Ops.rearrange(Graph.input(Shape.of(U, 6, 4), "x"), "b h w -> (b h) w").shape())
                .isEqualTo(Shape.of(U, 4));
        var op = (PrimitiveOp) Graph.producer((SymbolicTensor) y).orElseThrow().operation();
        assertThat(op.name()).isEqualTo("rearrange");
        assertThat(op.config()).containsEntry("pattern", "b (h h1) w -> b h (h1 w)")
                .containsEntry("axes_lengths", Map.of("h1", 3));
        assertThat(op.apply(List.of(ramp())).get(0).toFloatArray()).containsExactly(golden("REARRANGE4"));
    }

    @Test
    void ellipsisAndUnitAxesAsInEinops() {
        Tensor x = OpsTesting.random(1, 2, 3, 4, 5);
        assertThat(Ops.rearrange(x, "b ... c -> c b ...").toFloatArray())
                .containsExactly(Ops.transpose(x, 3, 0, 1, 2).toFloatArray());
        assertThat(Ops.rearrange(x, "... c -> c ...").shape()).isEqualTo(Shape.of(5, 2, 3, 4));
        assertThat(Ops.rearrange(x, "b h w c -> b () (h w c)").shape()).isEqualTo(Shape.of(2, 1, 60));
        assertThat(Ops.rearrange(Ops.rearrange(x, "b h w c -> b () (h w c)"), "b () (h w c) -> b h w c",
                Map.of("h", 3, "w", 4)).toFloatArray()).containsExactly(x.toFloatArray());
        assertThat(Ops.rearrange(x, "... -> ...").toFloatArray()).containsExactly(x.toFloatArray());
    }

    @Test
    void gradientsAreTheReshapeAndTransposes() {
        GradientCheck.check(in -> Ops.rearrange(in.get(0), "b (h1 h) (w1 w) -> (b h1 w1) h w", Map.of("h1", 2, "w1",
                2)), OpsTesting.random(2, 2, 4, 6));
        GradientCheck.check(in -> Ops.rearrange(in.get(0), "b h w -> w (b h)"), OpsTesting.random(3, 2, 3, 4));
    }

    @Test
    void badPatternsNameTheProblem() {
        Tensor x = Tensor.zeros(2, 6, 4);
        assertThatThrownBy(() -> Ops.rearrange(x, "b h w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rearrange: the pattern must have one '->', got \"b h w\"");
        assertThatThrownBy(() -> Ops.rearrange(x, "b h -> h b")).isInstanceOf(ShapeException.class)
                .hasMessage("rearrange: the input side of \"b h -> h b\" has 2 axes, but the tensor has shape "
                        + "(2, 6, 4) (rank 3)");
        assertThatThrownBy(() -> Ops.rearrange(x, "b (h h1) w -> b h h1 w", Map.of("h1", 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(6) is not divisible by 4");
        assertThatThrownBy(() -> Ops.rearrange(x, "b (h h1) w -> b h h1 w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has two axes without a length, 'h' and 'h1'");
        assertThatThrownBy(() -> Ops.rearrange(x, "b h w -> b h")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axes [w] of the input side");
        assertThatThrownBy(() -> Ops.rearrange(x, "b h w -> b h w c")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 'c' of the output side");
        assertThatThrownBy(() -> Ops.rearrange(x, "b b w -> b w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 'b' appears twice on the input side");
        assertThatThrownBy(() -> Ops.rearrange(x, "b (h w -> b h w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("an unclosed '('");
        assertThatThrownBy(() -> Ops.rearrange(x, "b h w -> b h w", Map.of("q", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("axes_lengths names 'q'");
        assertThatThrownBy(() -> Ops.rearrange(x, "b h w -> b h w", Map.of("h", 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("dimension 1 of shape (2, 6, 4) is 6");
        assertThatThrownBy(() -> Ops.rearrange(x, "b ... -> b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'...' must be on both sides");
    }
}
