package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AlphaDropout: kept values a·x + b, dropped ones a·alpha' + b, mean and variance kept; identity outside training. */
class AlphaDropoutTest {
    private static final String ANY_RANK = "elementwise: it takes any rank, as Keras's";
    private static final double ALPHA_P = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new AlphaDropout(0.2), Shape.of(3, 4)).randomInTraining()
                        .skip(Check.WRONG_RANK, ANY_RANK),
                LayerCase.of(() -> new AlphaDropout(0.1).noiseShape(-1, 1, 4).seed(7), Shape.of(3, 4))
                        .label("noise shape, own seed").skip(Check.WRONG_RANK, ANY_RANK)
                        .skip(Check.GRADIENTS, "its own generator moves on at every call, so finite differences see a "
                                + "new mask each time; the unseeded case checks the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void kerassOwnOutputIsStratasFormulaForSomeMask() {
        // Keras draws its own mask; each of its outputs must be Strata's kept or dropped value at that position.
        AlphaDropout d = new AlphaDropout(0.2);
        float a = (float) d.a();
        float b = (float) d.b();
        float dropped = a * (float) ALPHA_P + b;
        int droppedCount = 0;
        for (int i = 0; i < RegularizationGolden.ADROP_X.length; i++) {
            float kept = a * RegularizationGolden.ADROP_X[i] + b;
            float keras = RegularizationGolden.ADROP_Y[i];
            boolean isDropped = Math.abs(keras - dropped) <= 1e-6f;
            droppedCount += isDropped ? 1 : 0;
            assertThat(isDropped || Math.abs(keras - kept) <= 1e-6f).as("element %d: Keras %s, kept %s, dropped %s",
                    i, keras, kept, dropped).isTrue();
        }
        assertThat(droppedCount).as("Keras dropped some").isPositive();
        // Strata's own training output takes the same two forms.
        Tensor x = Tensor.of(RegularizationGolden.ADROP_X, 4, 5);
        float[] y = d.apply(x, true).toFloatArray();
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isIn(a * RegularizationGolden.ADROP_X[i] + b, dropped);
        }
        assertThat(d.apply(x)).isSameAs(x);
    }

    @Test
    void keepsMeanAndVarianceOfStandardInputs() {
        for (double rate : new double[] {0.1, 0.3}) {
            AlphaDropout d = new AlphaDropout(rate);
            Tensor x = Tensor.normal(Shape.of(400, 500), 0, 1);
            float[] y = d.apply(x, true).toFloatArray();
            assertThat(RandomLayerChecks.mean(y)).as("mean, rate %s", rate).isCloseTo(0, Offset.offset(0.01));
            assertThat(RandomLayerChecks.std(y)).as("deviation, rate %s", rate).isCloseTo(1, Offset.offset(0.01));
            float droppedValue = (float) d.a() * (float) ALPHA_P + (float) d.b(); // as the layer computes it, in float32
            int n = 0;
            for (float v : y) {
                n += v == droppedValue ? 1 : 0;
            }
            RandomLayerChecks.assertProportion((double) n / y.length, rate, y.length, 4);
        }
    }

    @Test
    void noiseShapeSharesTheMask() {
        AlphaDropout d = new AlphaDropout(0.5).noiseShape(-1, 1, 6);
        Tensor x = Tensor.ones(3, 4, 6);
        Tensor y = d.apply(x, true);
        for (int b = 0; b < 3; b++) {
            for (int t = 1; t < 4; t++) {
                for (int f = 0; f < 6; f++) {
                    assertThat(y.get(b, t, f)).isEqualTo(y.get(b, 0, f));
                }
            }
        }
        assertThatThrownBy(() -> new AlphaDropout(0.5).noiseShape(1, 5).apply(Tensor.ones(2, 4), true))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("noise_shape [1, 5] does not broadcast to the input shape (2, 4) at axis 1");
    }

    @Test
    void badRateAndConfig() {
        assertThatThrownBy(() -> new AlphaDropout(1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AlphaDropout: invalid value for argument rate: expected a float value in "
                        + "[0, 1), got 1.0");
        assertThatThrownBy(() -> new AlphaDropout(2)).hasMessageContaining("between 0 and 1, got 2.0");
        Strata.clearSession();
        ActivationLayerChecks.assertConfigIsKeras(new AlphaDropout(0.2).getConfig(), RegularizationGolden.ADROP_CONFIG);
        AlphaDropout all = new AlphaDropout(0.1).noiseShape(-1, 1, 4).seed(7);
        ActivationLayerChecks.assertConfigIsKeras(all.getConfig(), RegularizationGolden.ADROP_ALL_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(all, Tensor.ones(2, 3, 4));
    }
}
