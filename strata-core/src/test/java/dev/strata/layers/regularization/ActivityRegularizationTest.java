package dev.strata.layers.regularization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.RegularizationGolden;
import dev.strata.layers.activations.ActivationLayerChecks;
import dev.strata.layers.core.Dense;
import dev.strata.layers.core.InputLayer;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ActivityRegularization: identity, with Keras's L1L2 penalty of its input (divided by the batch size) as a loss. */
class ActivityRegularizationTest {

    static List<LayerCase> contractCases() {
        return List.of(LayerCase.of(() -> new ActivityRegularization(0.01, 0.002), Shape.of(3, 4))
                .skip(Check.WRONG_RANK, "the identity: it takes any rank, as Keras's"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void addsKerassLossAndPassesTheInputThrough() {
        ActivityRegularization act = new ActivityRegularization(0.01, 0.002);
        Tensor x = Tensor.of(RegularizationGolden.ACT_X, 4, 5);
        assertThat(act.apply(x, true)).isSameAs(x);
        assertThat(act.losses()).hasSize(1);
        LayerChecks.assertClose(new float[] {act.losses().getFirst().item()}, RegularizationGolden.ACT_LOSS, 1e-6, 0);
        assertThat(act.apply(x)).isSameAs(x);
    }

    @Test
    void thePenaltyJoinsTheTrainingLoss() {
        Strata.setRandomSeed(3);
        Sequential plain = new Sequential(new InputLayer(5), new Dense(2));
        Strata.setRandomSeed(3);
        Sequential penalized = new Sequential(new InputLayer(5), new ActivityRegularization(0.5, 0), new Dense(2));
        Tensor x = Tensor.of(RegularizationGolden.ACT_X, 4, 5);
        Tensor y = Tensor.zeros(4, 2);
        plain.compile("sgd", "mse");
        penalized.compile("sgd", "mse");
        double base = plain.trainOnBatch(List.of(x), List.of(y)).get("loss");
        double withPenalty = penalized.trainOnBatch(List.of(x), List.of(y)).get("loss");
        double l1 = 0;
        for (float v : RegularizationGolden.ACT_X) {
            l1 += Math.abs(v);
        }
        assertThat(withPenalty - base).isCloseTo(0.5 * l1 / 4, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void configAndBadFactors() {
        ActivationLayerChecks.assertConfigIsKeras(new ActivityRegularization().getConfig(),
                RegularizationGolden.ACTREG_CONFIG);
        ActivityRegularization both = new ActivityRegularization(0.01, 0.002);
        ActivationLayerChecks.assertConfigIsKeras(both.getConfig(), RegularizationGolden.ACTREG_L1L2_CONFIG);
        ActivityRegularization back = ActivationLayerChecks.assertConfigRoundTrip(both, Tensor.ones(2, 3));
        assertThat(back.activityRegularizer()).isNotNull();
        assertThatThrownBy(() -> new ActivityRegularization(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid value for argument l1");
    }
}
