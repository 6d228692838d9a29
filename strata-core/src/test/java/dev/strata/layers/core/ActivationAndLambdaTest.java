package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.TracingException;
import dev.strata.activations.Activations;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Activation and Lambda layers. */
class ActivationAndLambdaTest {

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
        relu.build(Shape.of(4, 3));
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

    @Test
    void lambdaRunsItsFunctionEverywhere() {
        Lambda twice = new Lambda(x -> Ops.multiply(x, 2f));
        assertThat(twice.name()).isEqualTo("lambda");
        assertThat(twice.apply(Tensor.of(new float[] {1, -2}, 1, 2)).toFloatArray()).containsExactly(2f, -4f);
        Tensor in = Input.of(3);
        Tensor out = twice.apply(in);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        Model m = Model.of(in, new Dense(1).apply(out));
        assertThat(m.apply(Tensor.ones(2, 3)).shape()).isEqualTo(Shape.of(2, 1));
        GradientCheck.check(xs -> new Lambda(x -> Ops.square(x)).apply(xs.get(0)),
                GradientCheck.random(4, Shape.of(2, 3), -1, 1));

        Sequential seq = new Sequential(new InputLayer(2), new Lambda(x -> Ops.exp(x)));
        assertThat(seq.apply(Tensor.zeros(1, 2)).toFloatArray()).containsExactly(1f, 1f);
    }

    @Test
    void lambdaWithADeclaredOutputShape() {
        // A function that reads values cannot be traced; the declared shape stands in for it.
        Lambda reads = new Lambda(x -> Tensor.full(Shape.of(x.shape().get(0), 2), x.toFloatArray()[0]),
                s -> Shape.of(s.get(0), 2));
        Tensor in = Input.of(3);
        Tensor out = reads.apply(in);
        assertThat(out.shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 2));
        Model m = Model.of(in, out);
        assertThat(m.apply(Tensor.full(Shape.of(4, 3), 7f)).toFloatArray()).containsOnly(7f).hasSize(8);

        Lambda perSample = new Lambda(x -> Tensor.zeros(x.shape().get(0), 5)).outputShape(5);
        assertThat(perSample.apply(Input.of(3)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 5));
        assertThat(perSample.getConfig().get("output_shape")).isEqualTo(java.util.List.of(5));

        Lambda untraceable = new Lambda(x -> Tensor.scalar(x.toFloatArray()[0]));
        assertThatThrownBy(() -> untraceable.apply(Input.of(3))).isInstanceOf(TracingException.class)
                .hasMessageContaining("Layer 'lambda_2' (Lambda): could not infer the output shape");
    }

    @Test
    void lambdaConfigMarksTheFunctionAsUnsafe() {
        Lambda l = new Lambda(x -> x);
        Map<String, Object> config = l.getConfig();
        LayerChecks.assertConfigMatches(config, LayerGolden.lambdaConfig(), "function");
        @SuppressWarnings("unchecked")
        Map<String, Object> fn = (Map<String, Object>) config.get("function");
        assertThat(fn.get("class_name")).isEqualTo("__lambda__"); // what Keras's safe mode refuses to load
        assertThat(l.isSafelySerializable()).isFalse();
    }
}
