package dev.strata.layers.normalization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LayerNormalization against Keras. */
class LayerNormalizationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(LayerNormalization::new, Shape.of(5)).wrongRank(Shape.of(4)),
                LayerCase.of(() -> new LayerNormalization().axis(-2, -1).epsilon(1e-4), Shape.of(3, 2))
                        .label("axes -2, -1").wrongRank(Shape.of(4, 6)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static LayerNormalization keras() {
        LayerNormalization ln = new LayerNormalization();
        ln.buildForSamples(Shape.of(5));
        ln.setWeights(List.of(Tensor.of(LayerGolden.LN_GAMMA), Tensor.of(LayerGolden.LN_BETA)));
        return ln;
    }

    @Test
    void valuesMatchKeras() {
        LayerNormalization ln = keras();
        Tensor x = Tensor.of(LayerGolden.LN_X, 4, 5);
        LayerChecks.assertClose(ln.apply(x).toFloatArray(), LayerGolden.LN_Y, 1e-5, 1e-5);
        assertThat(ln.apply(x, true).toFloatArray()).containsExactly(ln.apply(x).toFloatArray());
        LayerNormalization two = new LayerNormalization().axis(-2, -1).epsilon(0.01);
        Tensor x3 = Tensor.of(LayerGolden.LN_AXES_X, 2, 3, 4);
        LayerChecks.assertClose(two.apply(x3).toFloatArray(), LayerGolden.LN_AXES_Y, 1e-5, 1e-5);
        assertThat(two.gamma().shape()).isEqualTo(Shape.of(3, 4));
        assertThat(two.countParams()).isEqualTo(24);
    }

    @Test
    void gradients() {
        LayerNormalization ln = keras();
        Tensor x = GradientCheck.random(1, Shape.of(3, 5), -2, 2);
        GradientCheck.check(xs -> ln.apply(xs.get(0)), x);
        LayerChecks.checkWeightGradients(() -> ln.apply(x), List.of(ln.gamma(), ln.beta()), 1e-2, 1e-2, 1e-3);
        LayerNormalization middle = new LayerNormalization().axis(1);
        middle.buildForSamples(Shape.of(3, 2));
        middle.gamma().assign(Tensor.of(new float[] {0.5f, 2f, -1f}));
        Tensor y = GradientCheck.random(2, Shape.of(2, 3, 2), -2, 2);
        GradientCheck.check(xs -> middle.apply(xs.get(0)), y);
        LayerChecks.checkWeightGradients(() -> middle.apply(y), List.of(middle.gamma(), middle.beta()), 1e-2, 1e-2,
                1e-3);
    }

    @Test
    void weightsShapesAndModels() {
        LayerNormalization ln = keras();
        assertThat(ln.weights()).extracting(Variable::name).containsExactly("gamma", "beta");
        assertThat(ln.countParams()).isEqualTo(10);
        Tensor in = Input.of(7, 5);
        LayerNormalization l2 = new LayerNormalization();
        assertThat(l2.apply(in).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 7, 5));
        Model m = Model.of(in, l2.apply(in));
        assertThat(m.apply(Tensor.ones(2, 7, 5)).shape()).isEqualTo(Shape.of(2, 7, 5));
        Sequential seq = new Sequential(new InputLayer(5), new LayerNormalization().center(false));
        assertThat(seq.countParams()).isEqualTo(5);
        assertThatThrownBy(() -> ln.apply(Tensor.ones(2, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'layer_normalization' (LayerNormalization) expected axis 1 of size 5");
        assertThatThrownBy(() -> new LayerNormalization().axis(3).apply(Tensor.ones(2, 4)))
                .hasMessageContaining("axis 3 is out of bounds");
    }

    @Test
    void aWrongRankNamesTheShapeItWasBuiltFor() {
        LayerNormalization ln = new LayerNormalization();
        ln.apply(Tensor.ones(2, 5));
        assertThatThrownBy(() -> ln.apply(Tensor.ones(4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'layer_normalization' (LayerNormalization) was built for inputs of rank "
                        + "2 (shape (None, 5)), but received shape (4,)");
        assertThatThrownBy(() -> ln.apply(Tensor.ones(2, 4))).hasMessageContaining("expected axis 1 of size 5 (built "
                + "for shape (None, 5)), but received shape (2, 4)");
    }

    @Test
    void configMatchesKeras() {
        LayerNormalization ln = new LayerNormalization();
        LayerChecks.assertConfigMatches(ln.getConfig(), LayerGolden.layerNormalizationConfig());
        ln.buildForSamples(Shape.of(3)); // Keras shows the axis as a list once built
        LayerChecks.assertConfigMatches(ln.getConfig(), LayerGolden.layerNormalizationBuiltConfig(), "name");
        assertThat(ln.getConfig().get("axis")).isEqualTo(List.of(-1));
    }
}
