package dev.strata.layers.merging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.graph.Graph;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The merge layers against Keras, on real and symbolic inputs. */
class MergingTest {
    private static final int U = Shape.UNKNOWN;
    private static final Tensor A = Tensor.of(LayerGolden.MERGE_A, 2, 3);
    private static final Tensor B = Tensor.of(LayerGolden.MERGE_B, 2, 4, 3);
    private static final Tensor C = Tensor.of(LayerGolden.MERGE_C, 2, 3);

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static Tensor merge(Layer layer, Tensor... xs) {
        return layer.apply(List.of(xs)).getFirst();
    }

    @Test
    void valuesMatchKeras() {
        // A (2, 3) merged with B (2, 4, 3): Keras inserts A's missing axis after the batch axis.
        LayerChecks.assertClose(merge(new Add(), A, B).toFloatArray(), LayerGolden.MERGE_ADD_AB, 1e-6, 1e-7);
        assertThat(merge(new Add(), A, B).shape()).isEqualTo(Shape.of(2, 4, 3));
        LayerChecks.assertClose(merge(new Multiply(), A, B).toFloatArray(), LayerGolden.MERGE_MULTIPLY_AB, 1e-6, 1e-7);
        LayerChecks.assertClose(merge(new Average(), A, C, C).toFloatArray(), LayerGolden.MERGE_AVERAGE_ABC, 1e-6,
                1e-7);
        assertThat(merge(new Maximum(), A, C).toFloatArray()).containsExactly(LayerGolden.MERGE_MAXIMUM_AC);
        assertThat(merge(new Minimum(), A, C).toFloatArray()).containsExactly(LayerGolden.MERGE_MINIMUM_AC);
        LayerChecks.assertClose(merge(new Subtract(), A, C).toFloatArray(), LayerGolden.MERGE_SUBTRACT_AC, 1e-6, 1e-7);
        assertThat(merge(new Concatenate(), A, C).toFloatArray()).containsExactly(LayerGolden.MERGE_CONCAT_AC);
        assertThat(merge(new Concatenate(0), A, C).toFloatArray()).containsExactly(LayerGolden.MERGE_CONCAT0_AC);
        assertThat(merge(new Concatenate(0), A, C).shape()).isEqualTo(Shape.of(4, 3));
        assertThat(merge(new Add(), A).toFloatArray()).containsExactly(A.toFloatArray());
    }

    @Test
    void concatenateAlongAnyAxisIsExact() {
        Tensor p = Tensor.of(new float[] {1, Float.POSITIVE_INFINITY, -0.5f, Float.NaN, 3, 4}, 1, 2, 3);
        Tensor q = Tensor.of(new float[] {7, 8, Float.NEGATIVE_INFINITY, 10}, 1, 2, 2);
        Tensor last = merge(new Concatenate(), p, q);
        assertThat(last.shape()).isEqualTo(Shape.of(1, 2, 5));
        assertThat(last.toFloatArray()).containsExactly(1, Float.POSITIVE_INFINITY, -0.5f, 7, 8, Float.NaN, 3, 4,
                Float.NEGATIVE_INFINITY, 10);
        Tensor r = Tensor.of(new float[] {5, 6, 7}, 1, 1, 3);
        Tensor middle = merge(new Concatenate(1), p, r);
        assertThat(middle.shape()).isEqualTo(Shape.of(1, 3, 3));
        assertThat(middle.toFloatArray()).containsExactly(1, Float.POSITIVE_INFINITY, -0.5f, Float.NaN, 3, 4, 5, 6, 7);
        assertThat(merge(new Concatenate(-2), p, r).toFloatArray()).containsExactly(middle.toFloatArray());
    }

    static Stream<Arguments> layers() {
        return Stream.of(
                Arguments.of("add", (Supplier<Layer>) Add::new),
                Arguments.of("subtract", (Supplier<Layer>) Subtract::new),
                Arguments.of("multiply", (Supplier<Layer>) Multiply::new),
                Arguments.of("average", (Supplier<Layer>) Average::new),
                Arguments.of("maximum", (Supplier<Layer>) Maximum::new),
                Arguments.of("minimum", (Supplier<Layer>) Minimum::new),
                Arguments.of("concatenate", (Supplier<Layer>) Concatenate::new));
    }

    @ParameterizedTest
    @MethodSource("layers")
    void gradientsReachEveryInput(String name, Supplier<Layer> make) {
        Tensor x = GradientCheck.random(1, Shape.of(2, 3), -2, 2);
        Tensor y = GradientCheck.random(2, Shape.of(2, 3), -2, 2); // ties are improbable: max/min are smooth here
        GradientCheck.check(xs -> merge(make.get(), xs.get(0), xs.get(1)), x, y);
        if (!name.equals("subtract") && !name.equals("concatenate")) {
            // Rank alignment: a (2, 3) input against a (2, 2, 3) one.
            Tensor z = GradientCheck.random(3, Shape.of(2, 2, 3), -2, 2);
            GradientCheck.check(xs -> merge(make.get(), xs.get(0), xs.get(1)), x, z);
        }
    }

    @Test
    void concatenateGradientAlongInnerAxes() {
        Tensor x = GradientCheck.random(4, Shape.of(2, 1, 3), -1, 1);
        Tensor y = GradientCheck.random(5, Shape.of(2, 2, 3), -1, 1);
        GradientCheck.check(xs -> merge(new Concatenate(1), xs.get(0), xs.get(1)), x, y);
        Tensor z = GradientCheck.random(6, Shape.of(3, 1, 3), -1, 1);
        GradientCheck.check(xs -> merge(new Concatenate(0), xs.get(0), xs.get(1)), x, z);
    }

    @ParameterizedTest
    @MethodSource("layers")
    void symbolicShapesAndConfig(String name, Supplier<Layer> make) throws ReflectiveOperationException {
        Tensor a = Input.of(3);
        Tensor b = Input.of(3);
        Layer layer = make.get();
        Tensor out = layer.apply(List.of(a, b)).getFirst();
        assertThat(out.shape()).isEqualTo(Shape.of(U, name.equals("concatenate") ? 6 : 3));
        assertThat(layer.name()).isEqualTo(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> keras = (Map<String, Object>) LayerGolden.class.getMethod(name + "Config").invoke(null);
        // Keras's reference Concatenate has axis 1; ours the default.
        LayerChecks.assertConfigMatches(layer.getConfig(), keras, "axis");
        Model m = Model.of(List.of(a, b), List.of(out));
        Tensor got = m.apply(List.of(A, C)).get(0);
        assertThat(got.toFloatArray()).containsExactly(merge(make.get(), A, C).toFloatArray());
    }

    @Test
    void symbolicRankAlignmentAndUnknownSizes() {
        assertThat(merge(new Add(), Input.of(3), Input.of(4, 3)).shape()).isEqualTo(Shape.of(U, 4, 3));
        assertThat(merge(new Concatenate(1), Input.of(2, 3), Input.of(5, 3)).shape()).isEqualTo(Shape.of(U, 7, 3));
        Tensor open = Graph.input(Shape.of(U, U, 3), "open");
        assertThat(merge(new Concatenate(1), open, Input.of(5, 3)).shape()).isEqualTo(Shape.of(U, U, 3));
        assertThat(merge(new Concatenate(), open, Input.of(5, 2)).shape()).isEqualTo(Shape.of(U, 5, 5));
        Concatenate layer = new Concatenate(0);
        LayerChecks.assertConfigMatches(new Concatenate(1).named("concatenate").getConfig(),
                LayerGolden.concatenateConfig());
        assertThat(layer.axis()).isZero();
    }

    @Test
    void wideAndDeepWithConcatenate() {
        dev.strata.Strata.setRandomSeed(3);
        Tensor wide = Input.of("wide", 5);
        Tensor deep = Input.of("deep", 6);
        Tensor hidden = new Dense(4, "relu").apply(deep);
        Tensor concat = new Concatenate().apply(List.of(wide, hidden)).getFirst();
        assertThat(concat.shape()).isEqualTo(Shape.of(U, 9));
        Model m = Model.of(List.of(wide, deep), List.of(new Dense(1).apply(concat)));
        assertThat(m.countParams()).isEqualTo(6 * 4 + 4 + 9 + 1);
        assertThat(m.apply(List.of(Tensor.ones(3, 5), Tensor.ones(3, 6))).get(0).shape()).isEqualTo(Shape.of(3, 1));
    }

    @Test
    void badShapesNameTheLayer() {
        assertThatThrownBy(() -> merge(new Concatenate(), Tensor.ones(2, 3), Tensor.ones(3, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'concatenate' (Concatenate) requires inputs with matching shapes except "
                        + "for the concatenation axis -1; received shapes [(2, 3), (3, 4)], which differ at axis 0");
        assertThatThrownBy(() -> merge(new Concatenate(), Input.of(2, 3), Input.of(4, 3)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'concatenate_1' (Concatenate)").hasMessageContaining("differ at axis 1");
        assertThatThrownBy(() -> merge(new Concatenate(), Tensor.ones(2, 3), Tensor.ones(2, 3, 1)))
                .hasMessageContaining("requires inputs of the same rank");
        assertThatThrownBy(() -> merge(new Concatenate(3), Tensor.ones(2, 3), Tensor.ones(2, 3)))
                .hasMessageContaining("axis 3 is out of bounds");
        assertThatThrownBy(() -> merge(new Add(), Tensor.ones(2, 3), Tensor.ones(2, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'add' (Add): inputs have incompatible shapes [(2, 3), (2, 4)]")
                .hasMessageContaining("(3 vs 4)");
        assertThatThrownBy(() -> merge(new Add(), Input.of(3), Input.of(4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("Layer 'add_1' (Add): inputs have "
                        + "incompatible shapes [(None, 3), (None, 4)]");
        assertThatThrownBy(() -> merge(new Multiply(), Tensor.ones(2, 3), Tensor.ones(5, 3)))
                .hasMessageContaining("Layer 'multiply' (Multiply) cannot merge tensors with different batch sizes");
        assertThatThrownBy(() -> merge(new Subtract(), A, A, A))
                .hasMessageContaining("Layer 'subtract' (Subtract) should be called on exactly 2 inputs; received 3");
    }
}
