package dev.strata.layers.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.KerasConfigException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.models.Input;
import dev.strata.saving.KerasConfig;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Softmax: over one axis or several together, as Keras; config keeps the axis as given; gradients; models. */
class SoftmaxTest {
    private static final Tensor X = Tensor.of(ActivationLayerGolden.SOFTMAX_X, 2, 3, 4);

    /** The layer contract cases (see {@code LayerContractTest}). */
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(Softmax::new, Shape.of(5)).label("last axis")
                        .skip(Check.WRONG_RANK, "softmax over the last axis: it takes any rank, as Keras's"),
                LayerCase.of(() -> new Softmax().axis(1, 2), Shape.of(2, 3)).label("axes 1 and 2")
                        .wrongRank(Shape.of(4, 2)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    private static void assertKeras(Softmax layer, float[] expected) {
        Tensor y = layer.apply(X);
        assertThat(y.shape()).isEqualTo(X.shape());
        LayerChecks.assertClose(y.toFloatArray(), expected, 1e-5, 1e-7);
    }

    @Test
    void matchesKerasOverOneAxisOrSeveral() {
        assertKeras(new Softmax(), ActivationLayerGolden.SOFTMAX_DEFAULT);
        assertKeras(new Softmax(1), ActivationLayerGolden.SOFTMAX_AXIS_1);
        assertKeras(new Softmax(0), ActivationLayerGolden.SOFTMAX_AXIS_0);
        assertKeras(new Softmax().axis(1, 2), ActivationLayerGolden.SOFTMAX_AXES_1_2);
        assertKeras(new Softmax().axis(0, 2), ActivationLayerGolden.SOFTMAX_AXES_0_2);
        assertKeras(new Softmax().axis(-1, -2), ActivationLayerGolden.SOFTMAX_AXES_NEG);
        assertKeras(new Softmax().axis(1), ActivationLayerGolden.SOFTMAX_AXIS_LIST_1);
        // several axes are one distribution per sample: the (3, 4) block of each sample sums to 1 (to float32's
        // spacing near logits of 1000, 6e-5, as in Keras: exp(x - logsumexp) inherits the rounding of logsumexp)
        Tensor y = new Softmax().axis(1, 2).apply(X);
        for (int b = 0; b < 2; b++) {
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    sum += y.get(b, i, j);
                }
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void symbolicShapesAndNoWeights() {
        Softmax layer = new Softmax().axis(1, 2);
        layer.apply(X);
        assertThat(layer.countParams()).isZero();
        assertThat(layer.getBuildConfig()).isNull();
        ActivationLayerChecks.assertSymbolicShapeIsEager(() -> new Softmax().axis(1, 2), X);
        ActivationLayerChecks.assertSymbolicShapeIsEager(() -> new Softmax(1), X);
    }

    @Test
    void gradientsOfInputsMatchFiniteDifferences() {
        Tensor x = GradientCheck.random(8, Shape.of(2, 3, 4), -2, 2);
        for (Softmax layer : List.of(new Softmax(), new Softmax(1), new Softmax().axis(1, 2), new Softmax().axis(0, 2))) {
            GradientCheck.check(xs -> layer.apply(xs.get(0)), x);
        }
    }

    @Test
    void configKeepsTheAxisAsGivenAndRoundTrips() {
        ActivationLayerChecks.assertConfigIsKeras(new Softmax().getConfig(), ActivationLayerGolden.SOFTMAX_CONFIG);
        Softmax two = new Softmax().axis(1, 2);
        ActivationLayerChecks.assertConfigIsKeras(two.getConfig(), ActivationLayerGolden.SOFTMAX_AXES_CONFIG);
        assertThat(ActivationLayerChecks.assertConfigRoundTrip(two, X).axes()).containsExactly(1, 2);
        // Keras's axis=(1,) is saved as the list [1], and stays a list through Strata
        @SuppressWarnings("unchecked")
        Map<String, Object> oneAsList = (Map<String, Object>) KerasConfig.parseJson(
                ActivationLayerGolden.SOFTMAX_ONE_AXIS_LIST_CONFIG);
        Softmax read = KerasConfig.fromConfig(Softmax.class, oneAsList, new LoadOptions());
        ActivationLayerChecks.assertConfigIsKeras(read.getConfig(), ActivationLayerGolden.SOFTMAX_ONE_AXIS_LIST_CONFIG);
        LayerChecks.assertClose(read.apply(X).toFloatArray(), ActivationLayerGolden.SOFTMAX_AXIS_LIST_1, 1e-5, 1e-7);
        assertThat(new Softmax(1).getConfig().get("axis")).isEqualTo(1);
    }

    @Test
    void worksInEveryKindOfModelAndSavesAndLoads(@TempDir Path dir) {
        ActivationLayerChecks.assertWorksInModels(() -> new Softmax().axis(1, 2), X, dir);
    }

    @Test
    void badAxesFailNamingTheLayerAndShape() {
        assertThatThrownBy(() -> new Softmax().axis()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Layer 'softmax' (Softmax): give at least one axis");
        assertThatThrownBy(() -> new Softmax().axis(1, 1)).hasMessageContaining("axis [1, 1] repeats an axis");
        assertThatThrownBy(() -> new Softmax(3).apply(X)).isInstanceOf(ShapeException.class)
                .hasMessageStartingWith("Layer 'softmax_2' (Softmax): axis 3 is out of bounds for input shape (2, 3, 4) "
                        + "(rank 3; built for shape (None, 3, 4)) at ");
        assertThatThrownBy(() -> new Softmax().axis(2, -1).apply(Input.of(3, 4))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'softmax_3' (Softmax): axis [2, -1] names the same axis twice for input "
                        + "shape (None, 3, 4)")
                .hasMessageContaining("found while tracing");
        Map<String, Object> empty = new LinkedHashMap<>();
        empty.put("axis", List.of());
        assertThatThrownBy(() -> KerasConfig.fromConfig(Softmax.class, empty, new LoadOptions()))
                .isInstanceOf(KerasConfigException.class).hasMessageContaining("'axis': ")
                .hasMessageContaining("give at least one axis");
    }
}
