package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dropout: inverted dropout in training, identity otherwise, masks from the seeded generator. */
class DropoutTest {

    static List<LayerCase> contractCases() {
        String anyRank = "elementwise: it takes any rank, as Keras's Dropout";
        return List.of(
                LayerCase.of(() -> new Dropout(0.5), Shape.of(3, 4)).label("the global generator").randomInTraining()
                        .skip(Check.WRONG_RANK, anyRank),
                LayerCase.of(() -> new Dropout(0.25).noiseShape(-1, 1, 4).seed(3), Shape.of(3, 4))
                        .label("own seed, noise shape")
                        .skip(Check.GRADIENTS, "its own generator moves on at every call, so finite differences see "
                                + "a new mask each time; the unseeded case checks the gradient")
                        .skip(Check.WRONG_RANK, anyRank));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void identityWhenNotTraining() {
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.normal(Shape.of(4, 5), 0, 1);
        assertThat(d.apply(x)).isSameAs(x);
        assertThat(d.apply(x, false)).isSameAs(x);
        assertThat(new Dropout(0).apply(x, true)).isSameAs(x);
    }

    @Test
    void trainingDropsAndScales() {
        double rate = 0.3;
        Dropout d = new Dropout(rate);
        Tensor x = Tensor.ones(200, 50);
        float[] y = d.apply(x, true).toFloatArray();
        float kept = (float) (1 / (1 - rate));
        int zeros = 0;
        double sum = 0;
        for (float v : y) {
            assertThat(v).isIn(0f, Ops.divide(Tensor.scalar(1f), (float) (1 - rate)).item());
            zeros += v == 0f ? 1 : 0;
            sum += v;
        }
        assertThat(Math.abs(kept - 1f / 0.7f)).isLessThan(1e-6f);
        // 10000 Bernoulli draws: the dropped fraction and the mean are within a few standard deviations.
        assertThat((double) zeros / y.length).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.02));
        assertThat(sum / y.length).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.03));
    }

    @Test
    void keptValuesAreDividedAsKerasDoes() {
        Tensor x = Tensor.of(LayerGolden.ACT_X);
        float[] y = new Dropout(0.2).apply(x, true).toFloatArray();
        float[] expected = Ops.divide(x, 0.8f).toFloatArray(); // Keras: select(mask, x / keep_prob, 0)
        for (int i = 0; i < y.length; i++) {
            assertThat(y[i]).isIn(0f, expected[i]);
        }
        Tensor extreme = Tensor.of(new float[] {Float.POSITIVE_INFINITY, -3f, Float.NaN});
        assertThat(new Dropout(1).apply(extreme, true).toFloatArray()).containsExactly(0f, 0f, 0f);
    }

    @Test
    void maskVariesBetweenCallsAndRepeatsWithTheSeed() {
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.ones(8, 16);
        Strata.setRandomSeed(7);
        float[] a = d.apply(x, true).toFloatArray();
        float[] b = d.apply(x, true).toFloatArray();
        assertThat(a).isNotEqualTo(b);
        Strata.setRandomSeed(7);
        assertThat(d.apply(x, true).toFloatArray()).containsExactly(a);
        assertThat(d.apply(x, true).toFloatArray()).containsExactly(b);
    }

    @Test
    void ownSeedIgnoresTheGlobalGenerator() {
        Tensor x = Tensor.ones(8, 16);
        Strata.setRandomSeed(1);
        float[] a = new Dropout(0.5).seed(3).apply(x, true).toFloatArray();
        Strata.setRandomSeed(2);
        float[] b = new Dropout(0.5).seed(3).apply(x, true).toFloatArray();
        assertThat(a).containsExactly(b);
        assertThat(new Dropout(0.5).seed(4).apply(x, true).toFloatArray()).isNotEqualTo(a);
    }

    @Test
    void noiseShapeSharesTheMask() {
        Dropout d = new Dropout(0.5).noiseShape(-1, 1, 6);
        Tensor y = d.apply(Tensor.ones(3, 4, 6), true);
        for (int b = 0; b < 3; b++) {
            for (int t = 1; t < 4; t++) {
                for (int f = 0; f < 6; f++) {
                    assertThat(y.get(b, t, f)).isEqualTo(y.get(b, 0, f));
                }
            }
        }
        assertThatThrownBy(() -> new Dropout(0.5).noiseShape(1, 5).apply(Tensor.ones(2, 4), true))
                .isInstanceOf(ShapeException.class)
                .hasMessageContaining("Layer 'dropout_1' (Dropout): noise_shape [1, 5] does not broadcast to the "
                        + "input shape (2, 4) at axis 1");
        assertThatThrownBy(() -> new Dropout(0.5).noiseShape(1, 0)).hasMessageContaining("noise_shape");
    }

    @Test
    void gradientFlowsThroughKeptUnits() {
        Dropout d = new Dropout(0.4);
        Tensor x = GradientCheck.random(9, Shape.of(4, 6), -1, 1);
        Strata.setRandomSeed(5);
        Tensor y = d.apply(x, true);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Strata.setRandomSeed(5); // the same mask again
            Tensor g = tape.gradient(Ops.sum(d.apply(x, true)), x);
            float[] gv = g.toFloatArray();
            float[] yv = y.toFloatArray();
            for (int i = 0; i < gv.length; i++) {
                assertThat(gv[i]).isEqualTo(yv[i] == 0f ? 0f : 1f / 0.6f, org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
        // Finite differences with the mask fixed (the same seed before every evaluation).
        GradientCheck.check(xs -> {
            Strata.setRandomSeed(11);
            return d.apply(xs.get(0), true);
        }, x);
    }

    @Test
    void symbolicAndInModels() {
        Tensor in = Input.of(5);
        Tensor out = new Dropout(0.5).apply(in);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 5));
        Model m = Model.of(in, new Dense(2).apply(out));
        Tensor x = Tensor.ones(3, 5);
        assertThat(m.apply(x).toFloatArray()).containsExactly(m.apply(x).toFloatArray()); // inference: no dropout
        Sequential seq = new Sequential(new InputLayer(5), new Dropout(0.5), new Dense(1));
        assertThat(seq.apply(x).toFloatArray()).containsExactly(seq.apply(x).toFloatArray());
        assertThat(seq.apply(List.of(x), true).get(0).toFloatArray())
                .isNotEqualTo(seq.apply(List.of(x), true).get(0).toFloatArray());
    }

    @Test
    void configAndValidation() {
        LayerChecks.assertConfigMatches(new Dropout(0.5).getConfig(), LayerGolden.dropoutConfig());
        Strata.clearSession();
        new Dropout(0.1); // dropout
        LayerChecks.assertConfigMatches(new Dropout(0.25).noiseShape(-1, 1, 3).seed(7).getConfig(),
                LayerGolden.dropoutNoiseConfig());
        assertThatThrownBy(() -> new Dropout(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a float value between 0 and 1, got 1.5");
        assertThatThrownBy(() -> new Dropout(-0.1)).hasMessageContaining("between 0 and 1");
        Dropout named = new Dropout(0.1).named("drop");
        assertThat(named.name()).isEqualTo("drop");
    }
}
