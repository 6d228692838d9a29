package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.activations.Activations;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.LayerGolden;
import dev.strata.Strata;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Activation layer: Keras's values and config, shapes, gradients, models. */
class ActivationTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Activation("relu"), Shape.of(2, 3)).label("relu")
                        .inputs(batch -> List.of(GradientCheck.randomAwayFromZero(3, Shape.of(batch, 2, 3), 1, 0.1)))
                        .skip(Check.WRONG_RANK, "elementwise: it takes any rank, as Keras's Activation"),
                LayerCase.of(() -> new Activation("softmax"), Shape.of(5)).label("softmax")
                        .skip(Check.WRONG_RANK, "softmax over the last axis: it takes any rank, as Keras's"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void activationAppliesByNameOrObject() {
        Tensor x = Tensor.of(LayerGolden.ACT_X);
        LayerChecks.assertClose(new Activation("sigmoid").apply(x).toFloatArray(), LayerGolden.ACT_SIGMOID, 2e-6,
                1e-7);
        LayerChecks.assertClose(new Activation(Activations.MISH).apply(x).toFloatArray(), LayerGolden.ACT_MISH, 2e-6,
                1e-7);
        assertThat(new Activation((String) null).apply(x).toFloatArray()).containsExactly(LayerGolden.ACT_X);
        assertThatThrownBy(() -> new Activation("nope")).hasMessageContaining("unknown activation 'nope'");
    }

    @Test
    void activationConfigAndShapes() {
        Activation relu = new Activation("relu");
        assertThat(relu.name()).isEqualTo("activation");
        LayerChecks.assertConfigMatches(relu.getConfig(), LayerGolden.activationConfig());
        Tensor in = Input.of(4, 3);
        assertThat(relu.apply(in).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 4, 3));
        assertThat(relu.apply(Tensor.ones(2, 4, 3)).shape()).isEqualTo(Shape.of(2, 4, 3));
        assertThat(new Activation("tanh").named("squash").name()).isEqualTo("squash");
        relu.buildForSamples(Shape.of(4, 3));
        assertThat(relu.countParams()).isZero();
    }

    @Test
    void activationGradientAndModels() {
        Activation soft = new Activation("softmax");
        Tensor x = GradientCheck.random(3, Shape.of(2, 5), -2, 2);
        GradientCheck.check(xs -> soft.apply(xs.get(0)), x);

        Sequential seq = new Sequential(new InputLayer(3), new Dense(4), new Activation("tanh"));
        Tensor in = Input.of(3);
        Model functional = Model.of(in, new Activation("tanh").apply(seq.layers().getFirst().apply(in)));
        Tensor data = Tensor.normal(Shape.of(5, 3), 0, 1);
        assertThat(functional.apply(data).toFloatArray()).containsExactly(seq.apply(data).toFloatArray());
    }
}
