package dev.strata.applications.convnext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.config.ConfigContext;
import dev.strata.config.KerasObjects;
import dev.strata.layers.Layer;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.models.Input;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ConvNeXt's LayerScale against Keras's. */
class LayerScaleTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new LayerScale(0.5, 4), Shape.of(4)).wrongRank(Shape.of(4)),
                LayerCase.of(() -> new LayerScale(1e-6, 3), Shape.of(2, 2, 3)).label("image")
                        .wrongRank(Shape.of(3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static LayerScale withKerassGamma() {
        LayerScale ls = new LayerScale(1e-6, 4);
        ls.buildForSamples(Shape.of(3, 4));
        ls.setWeights(List.of(Tensor.of(ConvNeXtGolden.LS_GAMMA, 4)));
        return ls;
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        LayerScale ls = withKerassGamma();
        Tensor x = Tensor.of(ConvNeXtGolden.LS_X, 2, 3, 4);
        LayerChecks.assertClose(ls.apply(x).toFloatArray(), ConvNeXtGolden.LS_Y, 1e-6, 1e-7);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor loss = Ops.sum(Ops.multiply(ls.apply(x), Tensor.of(ConvNeXtGolden.LS_R, 2, 3, 4)));
            List<Tensor> g = tape.gradient(loss, List.of(x, ls.gamma()));
            LayerChecks.assertClose(g.get(0).toFloatArray(), ConvNeXtGolden.LS_DX, 1e-5, 1e-6);
            LayerChecks.assertClose(g.get(1).toFloatArray(), ConvNeXtGolden.LS_DGAMMA, 1e-5, 1e-6);
        }
        GradientCheck.check(xs -> ls.apply(xs.get(0)), GradientCheck.random(3, Shape.of(2, 3, 4), -2, 2));
    }

    @Test
    void gammaStartsAtInitValuesUnderKerassWeightName() {
        LayerScale ls = new LayerScale(0.25, 3);
        ls.apply(Tensor.ones(2, 3));
        assertThat(ls.gamma().toFloatArray()).containsExactly(0.25f, 0.25f, 0.25f);
        assertThat("layer_scale/" + ls.gamma().name()).isEqualTo(ConvNeXtGolden.LS_WEIGHT_PATH);
        assertThat(ls.trainableWeights()).hasSize(1);
    }

    @Test
    void configAndKerassModuleAndRegisteredName() {
        ActivationLayerChecks.assertConfigIsKeras(new LayerScale(1e-6, 4).getConfig(), ConvNeXtGolden.LS_CONFIG);
        LayerScale ls = withKerassGamma();
        Map<String, Object> serialized = KerasObjects.serialize(ls);
        assertThat(serialized.get("module")).isEqualTo("keras.src.applications.convnext");
        assertThat(serialized.get("class_name")).isEqualTo("LayerScale");
        assertThat(serialized.get("registered_name")).isEqualTo("LayerScale");
        Layer back = KerasObjects.deserialize(serialized, Layer.class, ConfigContext.DEFAULT, "layer");
        assertThat(back).isExactlyInstanceOf(LayerScale.class);
        assertThat(((LayerScale) back).initValues()).isEqualTo(1e-6);
        assertThat(((LayerScale) back).projectionDim()).isEqualTo(4);
    }

    @Test
    void aLastAxisOtherThanProjectionDimIsRefused() {
        assertThatThrownBy(() -> new LayerScale(0.1, 4).apply(Tensor.ones(2, 3, 5)))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("(LayerScale)")
                .hasMessageContaining("last axis is projection_dim = 4, i.e. shape (None, ..., 4), but received "
                        + "shape (2, 3, 5)");
        assertThatThrownBy(() -> new LayerScale(0.1, 4).apply(Input.of(3, 1)))
                .hasMessageContaining("received shape (None, 3, 1)");
        assertThatThrownBy(() -> new LayerScale(0.1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("projection_dim must be positive, got 0");
    }
}
