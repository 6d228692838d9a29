package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GaussianDropout: x · N(1, rate / (1 - rate)) in training, identity otherwise. */
class GaussianDropoutTest {
    private static final String ANY_RANK = "elementwise: it takes any rank, as Keras's";

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new GaussianDropout(0.3), Shape.of(3, 4)).randomInTraining()
                        .skip(Check.WRONG_RANK, ANY_RANK),
                LayerCase.of(() -> new GaussianDropout(0.1).seed(5), Shape.of(2, 2)).label("own seed")
                        .skip(Check.WRONG_RANK, ANY_RANK)
                        .skip(Check.GRADIENTS, "its own generator moves on at every call, so finite differences see new "
                                + "noise each time; the unseeded case checks the gradient"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
        Strata.setRandomSeed(42);
    }

    @Test
    void multipliesByNoiseOfKerassDeviation() {
        GaussianDropout d = new GaussianDropout(0.2);
        assertThat(d.stddev()).isEqualTo(0.5); // sqrt(0.2 / 0.8)
        assertThat(new GaussianDropout(0.5).stddev()).isEqualTo(1.0);
        Tensor x = Tensor.full(Shape.of(200, 500), 2f);
        assertThat(d.apply(x)).isSameAs(x);
        float[] y = d.apply(x, true).toFloatArray();
        // 100 000 draws of 2·N(1, 0.25): mean 2 (standard error 0.003), deviation 1 (standard error ~0.002).
        assertThat(RandomLayerChecks.mean(y)).isCloseTo(2, Offset.offset(0.015));
        assertThat(RandomLayerChecks.std(y)).isCloseTo(1, Offset.offset(0.01));
        assertThat(new GaussianDropout(0).apply(x, true)).isSameAs(x);
    }

    @Test
    void theGradientIsTheNoise() {
        GaussianDropout d = new GaussianDropout(0.4);
        Tensor x = Tensor.full(Shape.of(3, 5), 3f);
        Strata.setRandomSeed(5);
        Tensor noise = Ops.divide(d.apply(x, true), 3f);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Strata.setRandomSeed(5);
            Tensor g = tape.gradient(Ops.sum(d.apply(x, true)), x);
            float[] gv = g.toFloatArray();
            float[] nv = noise.toFloatArray();
            for (int i = 0; i < gv.length; i++) {
                assertThat(gv[i]).isCloseTo(nv[i], Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void badRateAndConfig() {
        assertThatThrownBy(() -> new GaussianDropout(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GaussianDropout: invalid value for argument rate: expected a float value in "
                        + "[0, 1), got 1.0");
        assertThatThrownBy(() -> new GaussianDropout(-0.5)).hasMessageContaining("between 0 and 1, got -0.5");
        Strata.clearSession();
        GaussianDropout d = new GaussianDropout(0.3);
        ActivationLayerChecks.assertConfigIsKeras(d.getConfig(), RegularizationGolden.GDROP_CONFIG);
        ActivationLayerChecks.assertConfigRoundTrip(d.seed(1), Tensor.ones(2, 3));
    }
}
