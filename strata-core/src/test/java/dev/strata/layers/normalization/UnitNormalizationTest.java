package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UnitNormalization against Keras. */
class UnitNormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(UnitNormalization::new, Shape.of(5))
                        .skip(Check.WRONG_RANK, "it takes any rank along the last axis, as Keras's"),
                LayerCase.of(() -> new UnitNormalization(1, 2), Shape.of(3, 4)).label("axes 1, 2")
                        .wrongRank(Shape.of(4)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesMatchKeras() {
        Tensor x = Tensor.of(RegularizationGolden.UN_X, 3, 5);
        Tensor y = new UnitNormalization().apply(x);
        LayerChecks.assertClose(y.toFloatArray(), RegularizationGolden.UN_Y, 1e-6, 1e-7);
        for (int j = 0; j < 5; j++) {
            assertThat(y.get(1, j)).as("a zero row stays zero").isZero();
        }
        Tensor x3 = Tensor.of(RegularizationGolden.UN3_X, 2, 3, 4);
        LayerChecks.assertClose(new UnitNormalization(1).apply(x3).toFloatArray(),
                RegularizationGolden.UN3_AXIS_1_Y, 1e-6, 1e-7);
        LayerChecks.assertClose(new UnitNormalization(1, 2).apply(x3).toFloatArray(), RegularizationGolden.UN3_AXES_Y,
                1e-6, 1e-7);
        LayerChecks.assertClose(new UnitNormalization(-2, -1).apply(x3, true).toFloatArray(),
                RegularizationGolden.UN3_AXES_Y, 1e-6, 1e-7);
    }

    @Test
    void gradientsMatchKerasAndFiniteDifferences() {
        Tensor x3 = Tensor.of(RegularizationGolden.UN3_X, 2, 3, 4);
        UnitNormalization un = new UnitNormalization(1, 2);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x3);
            Tensor loss = Ops.sum(Ops.multiply(un.apply(x3), Tensor.of(RegularizationGolden.UN3_R, 2, 3, 4)));
            LayerChecks.assertClose(tape.gradient(loss, x3).toFloatArray(), RegularizationGolden.UN3_AXES_DX, 1e-4,
                    1e-5);
        }
        GradientCheck.check(xs -> un.apply(xs.get(0)), GradientCheck.random(3, Shape.of(2, 3, 4), -2, 2));
        GradientCheck.check(xs -> new UnitNormalization().apply(xs.get(0)),
                GradientCheck.random(5, Shape.of(3, 4), -2, 2));
    }

    @Test
    void shapesAndErrors() {
        assertThat(new UnitNormalization().apply(Input.of(Shape.UNKNOWN, 4)).shape())
                .isEqualTo(Shape.of(Shape.UNKNOWN, Shape.UNKNOWN, 4));
        assertThatThrownBy(() -> new UnitNormalization(2).apply(Tensor.ones(2, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'unit_normalization_1' (UnitNormalization): axis 2 is out of bounds for "
                        + "input shape (2, 4)");
        assertThatThrownBy(() -> new UnitNormalization(new int[0])).hasMessageContaining("at least one axis");
    }

    @Test
    void configMatchesKeras() {
        ActivationLayerChecks.assertConfigIsKeras(new UnitNormalization().getConfig(), RegularizationGolden.UN_CONFIG);
        UnitNormalization axes = new UnitNormalization(1, 2);
        ActivationLayerChecks.assertConfigIsKeras(axes.getConfig(), RegularizationGolden.UN_AXES_CONFIG);
        assertThat(axes.getBuildConfig()).as("built at construction in Keras: no build_config").isNull();
        ActivationLayerChecks.assertConfigRoundTrip(axes, Tensor.normal(Shape.of(2, 3, 4), 0, 1));
    }
}
