package dev.strata.ops;

import static dev.strata.ops.OpsTesting.U;
import static dev.strata.ops.OpsTesting.gradientOfSum;
import static dev.strata.ops.OpsTesting.input;
import static dev.strata.ops.OpsTesting.random;
import static dev.strata.ops.OpsTesting.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.autodiff.GradientTape;
import dev.strata.graph.Graph;
import dev.strata.graph.Node;
import dev.strata.tensor.Shape;
import dev.strata.tensor.SymbolicTensor;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Tensors;
import dev.strata.tensor.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values, numpy edge semantics, symbolic shapes and error messages of the section-B shape ops and dot. */
class ShapeOpsTest {
    private static final int MAX = Integer.MAX_VALUE;
    private static final int MIN = Integer.MIN_VALUE;
    private static final Tensor M = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});

    private static Tensor arange(int n, int... shape) {
        return Ops.reshape(Tensor.arange(n), shape);
    }

    /** Replays the node that produced a symbolic tensor on concrete inputs. */
    private static Tensors replay(Tensor symbolic, Tensor... inputs) {
        Node node = Graph.producer((SymbolicTensor) symbolic).orElseThrow();
        return node.operation().apply(List.of(inputs));
    }

    // ---- expandDims / squeeze ----------------------------------------------------------------------------------

    @Test
    void expandDimsValuesAndAxes() {
        assertThat(Ops.expandDims(M, 0).shape()).isEqualTo(Shape.of(1, 2, 3));
        assertThat(Ops.expandDims(M, 2).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(Ops.expandDims(M, -1).shape()).isEqualTo(Shape.of(2, 3, 1));
        assertThat(Ops.expandDims(M, -3).shape()).isEqualTo(Shape.of(1, 2, 3));
        assertThat(Ops.expandDims(M, 1).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Ops.expandDims(Tensor.scalar(5), 0).shape()).isEqualTo(Shape.of(1));
        assertThatThrownBy(() -> Ops.expandDims(M, 3)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expandDims").hasMessageContaining("(2, 3)").hasMessageContaining("[-3, 2]");
        assertThat(Ops.expandDims(input(U, 3), 1).shape()).isEqualTo(Shape.of(U, 1, 3));
    }

    @Test
    void squeezeLikeNumpy() {
        Tensor x = arange(6, 1, 2, 1, 3, 1);
        assertThat(Ops.squeeze(x).shape()).isEqualTo(Shape.of(2, 3));
        assertThat(Ops.squeeze(x, 2).shape()).isEqualTo(Shape.of(1, 2, 3, 1));
        assertThat(Ops.squeeze(x, 0, -1).shape()).isEqualTo(Shape.of(2, 1, 3));
        assertThat(Ops.squeeze(Tensor.zeros(1, 1)).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.squeeze(M).shape()).isEqualTo(Shape.of(2, 3));
        assertThatThrownBy(() -> Ops.squeeze(x, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("squeeze").hasMessageContaining("axis 1").hasMessageContaining("(1, 2, 1, 3, 1)")
                .hasMessageContaining("not 1");
        assertThatThrownBy(() -> Ops.squeeze(x, 5)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("squeeze").hasMessageContaining("out of bounds");
    }

    @Test
    void squeezeWithUnknownDimensions() {
        Tensor x = input(U, 1, 3, 1);
        // unnamed: only the known size-1 axes
        Tensor all = Ops.squeeze(x);
        assertThat(all.shape()).isEqualTo(Shape.of(U, 3));
        // named: an unknown axis is taken to be 1
        assertThat(Ops.squeeze(x, 0).shape()).isEqualTo(Shape.of(1, 3, 1));
        // replayed with a batch of 1, the symbolic choice of axes is kept (the batch axis stays)
        assertThat(replay(all, Tensor.zeros(1, 1, 3, 1)).single().shape()).isEqualTo(Shape.of(1, 3));
        assertThatThrownBy(() -> replay(Ops.squeeze(x, 0), Tensor.zeros(2, 1, 3, 1)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("squeeze").hasMessageContaining("not 1");
        assertThatThrownBy(() -> Ops.squeeze(x, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(None, 1, 3, 1)");
    }

    // ---- concatenate / stack / split ---------------------------------------------------------------------------

    @Test
    void concatenateValues() {
        Tensor a = Tensor.of(new float[][] {{1, 2}});
        Tensor b = Tensor.of(new float[][] {{3, 4}, {5, 6}});
        assertThat(Ops.concatenate(List.of(a, b)).toFloatArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(Ops.concatenate(List.of(a, b)).shape()).isEqualTo(Shape.of(3, 2));
        Tensor c = Ops.concatenate(List.of(M, Tensor.of(new float[][] {{7}, {8}}), M), -1);
        assertThat(c.shape()).isEqualTo(Shape.of(2, 7));
        assertThat(c.toFloatArray()).containsExactly(1, 2, 3, 7, 1, 2, 3, 4, 5, 6, 8, 4, 5, 6);
        assertThat(Ops.concatenate(List.of(M, Tensor.zeros(2, 0)), 1).toFloatArray())
                .containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void concatenateSymbolicAndErrors() {
        assertThat(Ops.concatenate(List.of(input(U, 3), input(U, 5)), 1).shape()).isEqualTo(Shape.of(U, 8));
        assertThat(Ops.concatenate(List.of(input(U, 3), Tensor.zeros(2, 3))).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.concatenate(List.of(input(U, 3), input(2, U)), 1).shape()).isEqualTo(Shape.of(2, U));
        assertThatThrownBy(() -> Ops.concatenate(List.of(input(U, 3), input(U, 4)), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("concatenate")
                .hasMessageContaining("(None, 3), (None, 4)").hasMessageContaining("axis 1");
        assertThatThrownBy(() -> Ops.concatenate(List.of(M, Tensor.zeros(3)), 0))
                .isInstanceOf(ShapeException.class).hasMessageContaining("same rank")
                .hasMessageContaining("(2, 3), (3,)");
        assertThatThrownBy(() -> Ops.concatenate(List.of(M), 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("concatenate: axis 2");
        assertThatThrownBy(() -> Ops.concatenate(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("concatenate");
        assertThatThrownBy(() -> Ops.concatenate(List.of(Tensor.scalar(1), Tensor.scalar(2))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("zero-dimensional");
    }

    @Test
    void concatenateErrorSuggestsTheAxisTheShapesWouldJoinOn() {
        // ops.concatenate joins on axis 0; the seed's keras.layers.concatenate joins features (the last axis)
        assertThatThrownBy(() -> Ops.concatenate(List.of(input(U, 5), input(U, 30))))
                .isInstanceOf(ShapeException.class)
                .hasMessage("concatenate: shapes (None, 5), (None, 30) cannot be concatenated on axis 0: they must "
                        + "match on every other axis, but axis 1 has sizes 5 and 30 (to join the feature axis, pass "
                        + "axis -1, as keras.layers.concatenate does)");
        assertThatThrownBy(() -> Ops.concatenate(List.of(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 4)), -1))
                .isInstanceOf(ShapeException.class)
                .hasMessageEndingWith("but axis 1 has sizes 3 and 5 (they would join on axis 1: pass axis 1)");
        assertThatThrownBy(() -> Ops.concatenate(List.of(Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 6)), 0))
                .isInstanceOf(ShapeException.class)
                .hasMessageEndingWith("but axis 1 has sizes 3 and 5");
    }

    @Test
    void stackValuesSymbolicAndErrors() {
        Tensor a = vector(1, 2);
        Tensor b = vector(3, 4);
        assertThat(Ops.stack(List.of(a, b)).toFloatArray()).containsExactly(1, 2, 3, 4);
        assertThat(Ops.stack(List.of(a, b), 1).toFloatArray()).containsExactly(1, 3, 2, 4);
        assertThat(Ops.stack(List.of(a, b), -1).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Ops.stack(List.of(Tensor.scalar(1), Tensor.scalar(2))).toFloatArray()).containsExactly(1, 2);
        assertThat(Ops.stack(List.of(input(U, 3), input(U, 3)), 1).shape()).isEqualTo(Shape.of(U, 2, 3));
        assertThat(Ops.stack(List.of(input(U, 3), Tensor.zeros(4, 3))).shape()).isEqualTo(Shape.of(2, 4, 3));
        assertThatThrownBy(() -> Ops.stack(List.of(a, vector(1, 2, 3)))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stack").hasMessageContaining("(2,), (3,)");
        assertThatThrownBy(() -> Ops.stack(List.of(a, b), 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("stack: axis 2");
    }

    @Test
    void splitValues() {
        List<Tensor> parts = Ops.split(arange(12, 2, 6), 3, 1);
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1).toFloatArray()).containsExactly(2, 3, 8, 9);
        List<Tensor> rows = Ops.split(arange(6, 3, 2), new int[] {1}, 0);
        assertThat(rows.get(0).shape()).isEqualTo(Shape.of(1, 2));
        assertThat(rows.get(1).toFloatArray()).containsExactly(2, 3, 4, 5);
        // numpy: out-of-order and out-of-range indices give empty parts
        List<Tensor> odd = Ops.split(Tensor.arange(5), new int[] {3, 1, 9}, 0);
        assertThat(odd.stream().map(t -> t.shape().get(0)).toList()).containsExactly(3, 0, 4, 0); // x[:3], x[3:1], x[1:9], x[9:]
        assertThatThrownBy(() -> Ops.split(arange(10, 2, 5), 3, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("split").hasMessageContaining("(2, 5)").hasMessageContaining("3 equal sections");
        assertThatThrownBy(() -> Ops.split(M, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("split").hasMessageContaining("(2, 3)");
        assertThatThrownBy(() -> Ops.split(M, 1, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("split: axis 2").hasMessageContaining("(2, 3)");
    }

    @Test
    void splitSymbolicIsOneNodeWithSeveralOutputs() {
        Tensor x = input(U, 6);
        List<Tensor> parts = Ops.split(x, 3, 1);
        assertThat(parts.stream().map(Tensor::shape).toList()).containsOnly(Shape.of(U, 2));
        Node node = Graph.producer((SymbolicTensor) parts.get(0)).orElseThrow();
        assertThat(Graph.producer((SymbolicTensor) parts.get(2)).orElseThrow()).isSameAs(node);
        assertThat(node.outputs()).hasSize(3);
        assertThat(replay(parts.get(0), arange(12, 2, 6)).get(2).toFloatArray()).containsExactly(4, 5, 10, 11);
        List<Tensor> rows = Ops.split(x, new int[] {1, 4}, 0);
        assertThat(rows.stream().map(Tensor::shape).toList())
                .containsExactly(Shape.of(1, 6), Shape.of(3, 6), Shape.of(U, 6));
        assertThat(Ops.split(x, 2, 0).getFirst().shape()).isEqualTo(Shape.of(U, 6));
        assertThatThrownBy(() -> Ops.split(x, 4, 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(None, 6)");
    }

    // ---- slice / stridedSlice ----------------------------------------------------------------------------------

    @Test
    void sliceValues() {
        Tensor x = arange(24, 2, 3, 4);
        assertThat(Ops.slice(x, new int[] {1, 0, 1}, new int[] {1, 2, 2}).toFloatArray())
                .containsExactly(13, 14, 17, 18);
        assertThat(Ops.slice(x, new int[] {0, 2, 3}, new int[] {-1, -1, -1}).toFloatArray()).containsExactly(11, 23);
        assertThat(Ops.slice(x, new int[] {0, 3, 0}, new int[] {2, 0, 4}).shape()).isEqualTo(Shape.of(2, 0, 4));
        assertThat(Ops.slice(input(U, 5), new int[] {0, 1}, new int[] {-1, 3}).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.slice(input(U, 5), new int[] {1, 1}, new int[] {2, -1}).shape()).isEqualTo(Shape.of(2, 4));
        assertThatThrownBy(() -> Ops.slice(x, new int[] {0, 2, 0}, new int[] {1, 2, 1}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("slice").hasMessageContaining("(2, 3, 4)")
                .hasMessageContaining("axis 1");
        assertThatThrownBy(() -> Ops.slice(x, new int[] {0, 0}, new int[] {1, 1}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("one entry per axis");
        assertThatThrownBy(() -> Ops.slice(x, new int[] {-1, 0, 0}, new int[] {1, 1, 1}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("start must be >= 0");
    }

    @Test
    void stridedSliceLikePython() {
        Tensor v = Tensor.arange(10);
        // v[::-1], v[7:2:-2], v[-1:-4:-1], v[100:-100:-3], v[-100:100:4], v[5:2] (empty)
        assertThat(Ops.stridedSlice(v, new int[] {MAX}, new int[] {MIN}, new int[] {-1}).toFloatArray())
                .containsExactly(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(Ops.stridedSlice(v, new int[] {7}, new int[] {2}, new int[] {-2}).toFloatArray())
                .containsExactly(7, 5, 3);
        assertThat(Ops.stridedSlice(v, new int[] {-1}, new int[] {-4}, new int[] {-1}).toFloatArray())
                .containsExactly(9, 8, 7);
        assertThat(Ops.stridedSlice(v, new int[] {100}, new int[] {-100}, new int[] {-3}).toFloatArray())
                .containsExactly(9, 6, 3, 0);
        assertThat(Ops.stridedSlice(v, new int[] {-100}, new int[] {100}, new int[] {4}).toFloatArray())
                .containsExactly(0, 4, 8);
        assertThat(Ops.stridedSlice(v, new int[] {5}, new int[] {2}, new int[] {1}).shape()).isEqualTo(Shape.of(0));
        Tensor x = arange(12, 3, 4);
        // x[::-1, 1::2]
        assertThat(Ops.stridedSlice(x, new int[] {MAX, 1}, new int[] {MIN, MAX}, new int[] {-1, 2}).toFloatArray())
                .containsExactly(9, 11, 5, 7, 1, 3);
        assertThat(Ops.stridedSlice(input(U, 10), new int[] {0, 1}, new int[] {MAX, 8}, new int[] {1, 3}).shape())
                .isEqualTo(Shape.of(U, 3));
        assertThatThrownBy(() -> Ops.stridedSlice(v, new int[] {0}, new int[] {5}, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stridedSlice")
                .hasMessageContaining("(10,)").hasMessageContaining("non-zero");
        assertThatThrownBy(() -> Ops.stridedSlice(x, new int[] {0}, new int[] {5}, new int[] {1}))
                .isInstanceOf(ShapeException.class).hasMessageContaining("stridedSlice")
                .hasMessageContaining("(3, 4)");
    }

    // ---- take / takeAlongAxis / oneHot -------------------------------------------------------------------------

    @Test
    void takeValues() {
        Tensor x = arange(12, 3, 4);
        assertThat(Ops.take(x, new int[] {2, -3}, 0).toFloatArray()).containsExactly(8, 9, 10, 11, 0, 1, 2, 3);
        assertThat(Ops.take(x, new int[] {-1, 1}, 1).toFloatArray()).containsExactly(3, 1, 7, 5, 11, 9);
        assertThat(Ops.take(x, Tensor.scalar(1), 0).shape()).isEqualTo(Shape.of(4));
        Tensor idx = Tensor.of(new float[] {0, 1, 1, 0}, 2, 2);
        assertThat(Ops.take(x, idx, 1).shape()).isEqualTo(Shape.of(3, 2, 2));
        assertThat(Ops.take(x, new int[0], 0).shape()).isEqualTo(Shape.of(0, 4));
        // repeated indices accumulate their gradients
        assertThat(gradientOfSum(t -> Ops.take(t, new int[] {1, 1, -3, 2}, 0), vector(5, 6, 7)).toFloatArray())
                .containsExactly(1, 2, 1);
    }

    @Test
    void takeErrors() {
        Tensor x = arange(12, 3, 4);
        assertThatThrownBy(() -> Ops.take(x, new int[] {0, 3}, 0)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("take").hasMessageContaining("index 3").hasMessageContaining("size 3")
                .hasMessageContaining("(3, 4)");
        assertThatThrownBy(() -> Ops.take(x, new int[] {-5}, 1)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("index -5").hasMessageContaining("-4 to 3");
        assertThatThrownBy(() -> Ops.take(x, vector(0.5f), 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> Ops.take(x, new int[] {0}, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("take: axis 2").hasMessageContaining("(3, 4)");
    }

    @Test
    void takeSymbolic() {
        assertThat(Ops.take(input(U, 5, 4), Tensor.zeros(2, 3), 1).shape()).isEqualTo(Shape.of(U, 2, 3, 4));
        assertThat(Ops.take(Tensor.zeros(10, 4), input(U, 7), 0).shape()).isEqualTo(Shape.of(U, 7, 4));
        Tensor table = Tensor.of(new float[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor y = Ops.take(table, input(U), 0);
        assertThat(y.shape()).isEqualTo(Shape.of(U, 2));
        assertThat(replay(y, table, vector(2, 0)).single().toFloatArray()).containsExactly(5, 6, 1, 2);
    }

    @Test
    void takeAlongAxisValuesSymbolicErrors() {
        Tensor x = Tensor.of(new float[][] {{10, 30, 20}, {60, 40, 50}});
        Tensor idx = Ops.argmax(x, 1, true);
        assertThat(Ops.takeAlongAxis(x, idx, 1).toFloatArray()).containsExactly(30, 60);
        // indices broadcast against x: one row of indices for both rows of x
        assertThat(Ops.takeAlongAxis(x, Tensor.of(new float[][] {{2, -3}}), 1).toFloatArray())
                .containsExactly(20, 10, 50, 60);
        assertThat(Ops.takeAlongAxis(input(U, 3), input(U, 2), 1).shape()).isEqualTo(Shape.of(U, 2));
        assertThat(Ops.takeAlongAxis(input(U, 3), Tensor.zeros(1, 5), -1).shape()).isEqualTo(Shape.of(U, 5));
        assertThatThrownBy(() -> Ops.takeAlongAxis(x, vector(0), 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("takeAlongAxis").hasMessageContaining("(2, 3)").hasMessageContaining("(1,)");
        assertThatThrownBy(() -> Ops.takeAlongAxis(x, Tensor.zeros(3, 1), 1)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("takeAlongAxis").hasMessageContaining("(3, 1)");
        assertThatThrownBy(() -> Ops.takeAlongAxis(x, Tensor.of(new float[][] {{3}, {0}}), 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("index 3");
    }

    @Test
    void oneHotValues() {
        Tensor y = Ops.oneHot(vector(0, 2, -1, 3, 1.5f), 3);
        assertThat(y.shape()).isEqualTo(Shape.of(5, 3));
        assertThat(y.toFloatArray()).containsExactly(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(Ops.oneHot(Tensor.zeros(2, 2), 4).shape()).isEqualTo(Shape.of(2, 2, 4));
        assertThat(Ops.oneHot(input(U), 10).shape()).isEqualTo(Shape.of(U, 10));
        assertThatThrownBy(() -> Ops.oneHot(vector(1), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oneHot").hasMessageContaining("(1,)");
        Tensor labels = vector(1, 0);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(labels);
            assertThat(tape.gradient(Ops.sum(Ops.oneHot(labels, 2)), labels)).isNull();
        }
    }

    // ---- pad / tile / repeat -----------------------------------------------------------------------------------

    @Test
    void padValues() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        assertThat(Ops.pad(x, new int[][] {{1, 0}, {0, 1}}).toFloatArray()).containsExactly(0, 0, 0, 1, 2, 0, 3, 4, 0);
        assertThat(Ops.pad(x, new int[][] {{1, 1}}, 9).shape()).isEqualTo(Shape.of(4, 4));
        assertThat(Ops.pad(vector(5), new int[][] {{2, 1}}, -0f).toFloatArray()).containsExactly(-0f, -0f, 5, -0f);
        assertThat(Ops.pad(input(U, 3), new int[][] {{1, 1}, {2, 0}}).shape()).isEqualTo(Shape.of(U, 5));
        assertThatThrownBy(() -> Ops.pad(x, new int[][] {{1, 1}, {1, 1}, {1, 1}})).isInstanceOf(ShapeException.class)
                .hasMessageContaining("pad").hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> Ops.pad(x, new int[][] {{1, -1}, {0, 0}})).isInstanceOf(ShapeException.class)
                .hasMessageContaining("non-negative");
    }

    @Test
    void tileValues() {
        assertThat(Ops.tile(vector(1, 2), 3).toFloatArray()).containsExactly(1, 2, 1, 2, 1, 2);
        Tensor t = Ops.tile(Tensor.of(new float[][] {{1, 2}, {3, 4}}), 2, 1);
        assertThat(t.toFloatArray()).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
        // a shorter repeats is padded with 1s; a longer one adds leading axes
        assertThat(Ops.tile(Tensor.zeros(2, 3), 2).shape()).isEqualTo(Shape.of(2, 6));
        assertThat(Ops.tile(vector(7), 2, 2).shape()).isEqualTo(Shape.of(2, 2));
        assertThat(Ops.tile(vector(1, 2), 0).shape()).isEqualTo(Shape.of(0));
        assertThat(Ops.tile(input(U, 3), 2, 1).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.tile(input(U, 3), 1, 2, 2).shape()).isEqualTo(Shape.of(1, U, 6));
        assertThatThrownBy(() -> Ops.tile(vector(1), -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tile").hasMessageContaining("(1,)");
    }

    @Test
    void repeatValues() {
        Tensor x = Tensor.of(new float[][] {{1, 2}, {3, 4}});
        assertThat(Ops.repeat(x, 2, 1).toFloatArray()).containsExactly(1, 1, 2, 2, 3, 3, 4, 4);
        assertThat(Ops.repeat(x, 2, -2).toFloatArray()).containsExactly(1, 2, 1, 2, 3, 4, 3, 4);
        assertThat(Ops.repeat(x, 3).shape()).isEqualTo(Shape.of(12));
        assertThat(Ops.repeat(x, 0, 0).shape()).isEqualTo(Shape.of(0, 2));
        assertThat(Ops.repeat(input(U, 3), 2, 1).shape()).isEqualTo(Shape.of(U, 6));
        assertThat(Ops.repeat(input(U, 3), 2, 0).shape()).isEqualTo(Shape.of(U, 3));
        assertThat(Ops.repeat(input(U, 3), 2).shape()).isEqualTo(Shape.of(U));
        assertThatThrownBy(() -> Ops.repeat(x, 2, 2)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("repeat: axis 2").hasMessageContaining("(2, 2)");
        assertThatThrownBy(() -> Ops.repeat(x, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("repeat");
    }

    // ---- dot ---------------------------------------------------------------------------------------------------

    @Test
    void dotValuesAndShapes() {
        assertThat(Ops.dot(vector(1, 2, 3), vector(4, 5, 6)).item()).isEqualTo(32f);
        assertThat(Ops.dot(vector(1, 2, 3), vector(4, 5, 6)).shape()).isEqualTo(Shape.scalar());
        assertThat(Ops.dot(M, Ops.transpose(M)).toFloatArray()).containsExactly(14, 32, 32, 77);
        assertThat(Ops.dot(M, Tensor.scalar(2)).toFloatArray()).containsExactly(2, 4, 6, 8, 10, 12);
        assertThat(Ops.dot(M, vector(1, 0, -1)).toFloatArray()).containsExactly(-2, -2);
        assertThat(Ops.dot(Tensor.zeros(2, 3, 4), Tensor.zeros(5, 4, 6)).shape()).isEqualTo(Shape.of(2, 3, 5, 6));
        assertThat(Ops.dot(Tensor.zeros(2, 0), Tensor.zeros(3, 0, 4)).toFloatArray()).containsOnly(0f);
        assertThat(Ops.dot(input(U, 3, 4), Tensor.zeros(5, 4, 2)).shape()).isEqualTo(Shape.of(U, 3, 5, 2));
        assertThat(Ops.dot(input(U, 4), input(4)).shape()).isEqualTo(Shape.of(U));
        assertThat(Ops.dot(input(4), input(U, 4, 2)).shape()).isEqualTo(Shape.of(U, 2));
        assertThatThrownBy(() -> Ops.dot(Tensor.zeros(2, 3), Tensor.zeros(4, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("dot").hasMessageContaining("(2, 3)").hasMessageContaining("(4, 5)")
                .hasMessageContaining("not aligned");
        assertThatThrownBy(() -> Ops.dot(input(U, 3), Tensor.zeros(2, 4, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("(None, 3)").hasMessageContaining("second-to-last");
    }

    @Test
    void wholeSlicesOfVariablesAreCopies() {
        Variable v = new Variable(vector(1, 2));
        Tensor part = Ops.split(v, 1, 0).getFirst();
        Tensor joined = Ops.concatenate(List.of(v));
        Tensor padded = Ops.pad(v, new int[][] {{0, 0}});
        v.assign(vector(5, 6));
        assertThat(part.toFloatArray()).containsExactly(1, 2);
        assertThat(joined.toFloatArray()).containsExactly(1, 2);
        assertThat(padded.toFloatArray()).containsExactly(1, 2);
    }

    // ---- broadcastTo -------------------------------------------------------------------------------------------

    @Test
    void broadcastToCopiesValuesExactly() {
        Tensor x = Tensor.of(new float[] {-0f, Float.NaN, 1}, 3, 1);
        float[] y = Ops.broadcastTo(x, Shape.of(2, 3, 2)).toFloatArray();
        assertThat(Float.floatToRawIntBits(y[0])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Float.floatToRawIntBits(y[7])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(y[2]).isNaN();
        assertThat(y).containsExactly(-0f, -0f, Float.NaN, Float.NaN, 1, 1, -0f, -0f, Float.NaN, Float.NaN, 1, 1);
        assertThat(Ops.broadcastTo(vector(1, 2), Shape.of(2, 2)).toFloatArray()).containsExactly(1, 2, 1, 2);
        assertThat(Ops.broadcastTo(Tensor.scalar(3), Shape.of(2)).toFloatArray()).containsExactly(3, 3);
        assertThat(Ops.broadcastTo(vector(1), Shape.of(0)).shape()).isEqualTo(Shape.of(0));
        assertThat(Ops.broadcastTo(random(1, 2, 1, 3), Shape.of(2, 4, 3)).toFloatArray())
                .isEqualTo(Ops.add(random(1, 2, 1, 3), Tensor.zeros(2, 4, 3)).toFloatArray());
    }
}
