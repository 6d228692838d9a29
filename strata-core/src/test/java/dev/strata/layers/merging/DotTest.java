package dev.strata.layers.merging;

import static dev.strata.layers.merging.DotGolden.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.layers.core.Embedding;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.saving.KerasConfig;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dot against Keras: values, gradients, shapes (traced and eager), configs and errors. */
class DotTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Dot(1), Shape.of(4), Shape.of(4)).wrongRank(Shape.of(4), Shape.of(4)),
                LayerCase.of(() -> new Dot(1, 2), Shape.of(3, 5), Shape.of(2, 3)).label("axes (1, 2)")
                        .wrongRank(Shape.of(4), Shape.of(4, 2, 3)),
                LayerCase.of(() -> new Dot(-1).normalize(true), Shape.of(3, 4), Shape.of(2, 4)).label("normalized")
                        .wrongRank(Shape.of(4), Shape.of(4, 2, 4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private record Case(Dot layer, float[] a, int[] aShape, float[] b, int[] bShape, float[] y, int[] yShape,
                        float[] r, float[] da, float[] db) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case(new Dot(1, 2), AXES_1_2_A, new int[] {2, 3, 5}, AXES_1_2_B, new int[] {2, 10, 3}, AXES_1_2_Y,
                        AXES_1_2_Y_SHAPE, AXES_1_2_R, AXES_1_2_DA, AXES_1_2_DB),
                new Case(new Dot(1), VECTORS_A, new int[] {3, 4}, VECTORS_B, new int[] {3, 4}, VECTORS_Y,
                        VECTORS_Y_SHAPE, VECTORS_R, VECTORS_DA, VECTORS_DB),
                new Case(new Dot(1).normalize(true), VECTORS_NORMALIZED_A, new int[] {3, 4}, VECTORS_NORMALIZED_B,
                        new int[] {3, 4}, VECTORS_NORMALIZED_Y, VECTORS_NORMALIZED_Y_SHAPE, VECTORS_NORMALIZED_R,
                        VECTORS_NORMALIZED_DA, VECTORS_NORMALIZED_DB),
                new Case(new Dot(-1), LAST_A, new int[] {2, 3, 4}, LAST_B, new int[] {2, 5, 4}, LAST_Y, LAST_Y_SHAPE,
                        LAST_R, LAST_DA, LAST_DB),
                new Case(new Dot(1, 1), MATRIX_VECTOR_A, new int[] {3, 4}, MATRIX_VECTOR_B, new int[] {3, 4, 6},
                        MATRIX_VECTOR_Y, MATRIX_VECTOR_Y_SHAPE, MATRIX_VECTOR_R, MATRIX_VECTOR_DA, MATRIX_VECTOR_DB),
                new Case(new Dot(2, 1), VECTOR_MATRIX_A, new int[] {3, 6, 4}, VECTOR_MATRIX_B, new int[] {3, 4},
                        VECTOR_MATRIX_Y, VECTOR_MATRIX_Y_SHAPE, VECTOR_MATRIX_R, VECTOR_MATRIX_DA, VECTOR_MATRIX_DB),
                new Case(new Dot(3, 1), RANK4_A, new int[] {2, 3, 2, 4}, RANK4_B, new int[] {2, 4, 5}, RANK4_Y,
                        RANK4_Y_SHAPE, RANK4_R, RANK4_DA, RANK4_DB),
                new Case(new Dot(2, 2).normalize(true), NORMALIZED_3D_A, new int[] {2, 3, 4}, NORMALIZED_3D_B,
                        new int[] {2, 5, 4}, NORMALIZED_3D_Y, NORMALIZED_3D_Y_SHAPE, NORMALIZED_3D_R,
                        NORMALIZED_3D_DA, NORMALIZED_3D_DB));
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        for (Case c : cases()) {
            Tensor a = Tensor.of(c.a(), c.aShape());
            Tensor b = Tensor.of(c.b(), c.bShape());
            try (GradientTape tape = GradientTape.record()) {
                tape.watch(a);
                tape.watch(b);
                Tensor y = c.layer().apply(List.of(a, b)).getFirst();
                assertThat(y.shape()).as("%s", c.layer().getConfig()).isEqualTo(Shape.of(c.yShape()));
                LayerChecks.assertClose(y.toFloatArray(), c.y(), 1e-5, 1e-5);
                Tensor loss = Ops.sum(Ops.multiply(y, Tensor.of(c.r(), c.yShape())));
                List<Tensor> g = tape.gradient(loss, List.of(a, b));
                LayerChecks.assertClose(g.get(0).toFloatArray(), c.da(), 1e-4, 1e-5);
                LayerChecks.assertClose(g.get(1).toFloatArray(), c.db(), 1e-4, 1e-5);
            }
        }
    }

    @Test
    void finiteDifferences() {
        GradientCheck.check(xs -> new Dot(1, 2).apply(xs).getFirst(),
                GradientCheck.random(1, Shape.of(2, 3, 5), -2, 2), GradientCheck.random(2, Shape.of(2, 4, 3), -2, 2));
        GradientCheck.check(xs -> new Dot(-1).normalize(true).apply(xs).getFirst(),
                GradientCheck.random(3, Shape.of(3, 4), -2, 2), GradientCheck.random(4, Shape.of(3, 4), -2, 2));
        GradientCheck.check(xs -> new Dot(3, 1).apply(xs).getFirst(),
                GradientCheck.random(5, Shape.of(2, 3, 2, 4), -2, 2), GradientCheck.random(6, Shape.of(2, 4, 5), -2,
                        2));
    }

    @Test
    void tracedShapesAreKerassComputeOutputShape() {
        Tensor a = Input.of(3, 5);
        Tensor b = Input.of(10, 3);
        assertThat(new Dot(1, 2).apply(List.of(a, b)).getFirst().shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 5, 10));
        assertThat(Layers.dot(List.of(Input.of(4), Input.of(4))).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 1));
        assertThat(Layers.dot(List.of(Input.of(4), Input.of(4, 6)), 1).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, 6));
        assertThat(Layers.dot(List.of(Input.of(Shape.UNKNOWN, 4), Input.of(7, 4)), -1, true).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 7));
    }

    @Test
    void theFunctionalFormIsTheLayer() {
        Tensor a = Tensor.normal(Shape.of(3, 4), 0, 1);
        Tensor b = Tensor.normal(Shape.of(3, 4), 0, 1);
        assertThat(Layers.dot(List.of(a, b), 1, true).toFloatArray())
                .containsExactly(new Dot(1).normalize(true).apply(List.of(a, b)).getFirst().toFloatArray());
        // the cosine of a vector with itself is 1
        for (float v : Layers.dot(List.of(a, a), 1, true).toFloatArray()) {
            assertThat(v).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void masksAreTakenAndDropped() {
        Tensor ids = Input.of(5);
        Tensor e = new Embedding(10, 4).maskZero(true).apply(ids);
        Tensor out = new Dot(2, 2).apply(List.of(e, e)).getFirst();
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 5, 5));
        assertThat(out.mask()).as("Keras's Dot.compute_mask gives None").isEmpty();
    }

    @Test
    void configsAreKerass() {
        Dot axes = new Dot(1, 2);
        ActivationLayerChecks.assertConfigIsKeras(axes.getConfig(), CONFIG_AXES_1_2);
        Dot normalized = new Dot(1).normalize(true);
        ActivationLayerChecks.assertConfigIsKeras(normalized.getConfig(), CONFIG_NORMALIZED);
        Dot back = KerasConfig.fromConfig(Dot.class, axes.getConfig(), new dev.strata.saving.LoadOptions());
        assertThat(back.axes()).containsExactly(1, 2);
        assertThat(back.normalizes()).isFalse();
        Dot n = KerasConfig.fromConfig(Dot.class, normalized.getConfig(), new dev.strata.saving.LoadOptions());
        assertThat(n.normalizes()).isTrue();
        assertThat(n.axes()).containsExactly(1);
    }

    @Test
    void badInputIsNamed() {
        Tensor a = Tensor.ones(2, 3, 5);
        assertThatThrownBy(() -> new Dot(1, 2).apply(List.of(a, Tensor.ones(2, 10, 4))))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'dot' (Dot): incompatible input shapes: axis 1 of the first has size 3, "
                        + "axis 2 of the second 4; received shapes (2, 3, 5) and (2, 10, 4) (axes [1, 2])");
        assertThatThrownBy(() -> new Dot(1).apply(List.of(a, Tensor.ones(3, 3))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("different batch sizes");
        assertThatThrownBy(() -> new Dot(1).apply(List.of(a, a, a))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("should be called on a list of 2 inputs; received 3");
        assertThatThrownBy(() -> new Dot(3).apply(List.of(a, a))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("axis 3 is out of bounds for input 0 of rank 3");
        assertThatThrownBy(() -> new Dot(-3).apply(List.of(a, a))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("is its batch axis");
        assertThatThrownBy(() -> new Dot(1).apply(List.of(Tensor.ones(3), Tensor.ones(3))))
                .isInstanceOf(ShapeException.class).hasMessageContaining("needs inputs of rank 2 or more");
        assertThatThrownBy(() -> new Dot(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("axis 0, the batch");
        assertThatThrownBy(() -> KerasConfig.fromConfig(Dot.class, Map.of("name", "d", "axes", List.of(1, 2, 3)),
                new dev.strata.saving.LoadOptions())).isInstanceOf(KerasConfigException.class)
                .hasMessageContaining("should be an integer or a list of two integers");
    }
}
