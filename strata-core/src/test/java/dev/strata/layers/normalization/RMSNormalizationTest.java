package dev.strata.layers.normalization;

import static dev.strata.layers.normalization.RMSNormalizationGolden.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RMSNormalization against Keras: values, gradients of the input and the scale, shapes, configs and errors. */
class RMSNormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(RMSNormalization::new, Shape.of(5)).wrongRank(Shape.of(4, 2, 5)),
                LayerCase.of(() -> new RMSNormalization().axis(1, 2).epsilon(1e-3), Shape.of(3, 4))
                        .label("axes 1, 2").wrongRank(Shape.of(4, 3, 4, 1)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void check(RMSNormalization layer, float[] x, int[] shape, float[] scale, float[] y, float[] r,
                              float[] dx, float[] dscale) {
        Tensor input = Tensor.of(x, shape);
        layer.apply(input);
        layer.scale().assign(Tensor.of(scale, layer.scale().shape()));
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(input);
            Tensor out = layer.apply(input);
            LayerChecks.assertClose(out.toFloatArray(), y, 1e-5, 1e-6);
            Tensor loss = Ops.sum(Ops.multiply(out, Tensor.of(r, shape)));
            List<Tensor> g = tape.gradient(loss, List.of(input, layer.scale()));
            LayerChecks.assertClose(g.get(0).toFloatArray(), dx, 1e-4, 1e-5);
            LayerChecks.assertClose(g.get(1).toFloatArray(), dscale, 1e-4, 1e-5);
        }
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        check(new RMSNormalization(), LAST_X, new int[] {2, 3, 4}, LAST_SCALE, LAST_Y, LAST_R, LAST_DX, LAST_DSCALE);
        RMSNormalization two = new RMSNormalization().axis(1, 2).epsilon(1e-3);
        check(two, TWO_AXES_X, new int[] {2, 3, 4}, TWO_AXES_SCALE, TWO_AXES_Y, TWO_AXES_R, TWO_AXES_DX,
                TWO_AXES_DSCALE);
        assertThat(two.scale().shape()).isEqualTo(Shape.of(3, 4));
        check(new RMSNormalization().axis(-1), VECTOR_X, new int[] {3, 5}, VECTOR_SCALE, VECTOR_Y, VECTOR_R,
                VECTOR_DX, VECTOR_DSCALE);
    }

    @Test
    void finiteDifferences() {
        RMSNormalization layer = new RMSNormalization().axis(1, 2);
        Tensor x = GradientCheck.random(11, Shape.of(2, 3, 4), -2, 2);
        layer.apply(x);
        layer.scale().assign(GradientCheck.random(12, Shape.of(3, 4), -2, 2));
        GradientCheck.check(xs -> layer.apply(xs.get(0)), x);
        LayerChecks.checkWeightGradients(() -> layer.apply(x), List.of(layer.scale()), 1e-3, 1e-2, 1e-3);
    }

    @Test
    void shapesAndErrors() {
        RMSNormalization layer = new RMSNormalization();
        assertThat(layer.apply(Input.of(Shape.UNKNOWN, 6)).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 6));
        assertThat(layer.scale().shape()).isEqualTo(Shape.of(6));
        assertThat(layer.name()).isEqualTo("rms_normalization");
        assertThatThrownBy(() -> layer.apply(Tensor.ones(2, 3, 5))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected axis -1 of size 6 (built for shape (None, None, 6)), but received "
                        + "shape (2, 3, 5)");
        assertThatThrownBy(() -> new RMSNormalization().axis(1).apply(Tensor.ones(2, 3, 4)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("its scale has the sizes of axes [1], [3], which do not broadcast against "
                        + "input shape (2, 3, 4)");
        assertThatThrownBy(() -> new RMSNormalization().axis(3).apply(Tensor.ones(2, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("axis 3 is out of bounds for input shape "
                        + "(2, 3)");
        assertThatThrownBy(() -> new RMSNormalization().apply(Input.of(4, Shape.UNKNOWN)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("needs the size of axis -1 to be known");
        assertThatThrownBy(() -> new RMSNormalization().epsilon(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("epsilon must be >= 0");
    }

    @Test
    void configsAreKerass() {
        ActivationLayerChecks.assertConfigIsKeras(new RMSNormalization().getConfig(), CONFIG_UNBUILT);
        RMSNormalization two = new RMSNormalization().axis(2, 1).epsilon(1e-3);
        ActivationLayerChecks.assertConfigIsKeras(two.getConfig(), CONFIG_TWO_AXES_UNBUILT);
        two.apply(Tensor.ones(2, 3, 4));
        ActivationLayerChecks.assertConfigIsKeras(two.getConfig(), CONFIG_TWO_AXES_BUILT);
        ActivationLayerChecks.assertConfigRoundTrip(new RMSNormalization(), Tensor.normal(Shape.of(2, 3, 4), 0, 1));
    }
}
