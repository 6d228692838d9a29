package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.Strata;
import dev.strata.TracingException;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerContract.Check;
import dev.strata.layers.LayerGolden;
import dev.strata.models.Input;
import dev.strata.models.Model;
import dev.strata.models.Sequential;
import dev.strata.ops.Ops;
import dev.strata.saving.LoadOptions;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda layer: its function on real and symbolic inputs, a declared output shape, its unsafe config. */
class LambdaTest {

    /** A Lambda round-trips with its function given back by name (Keras's safe mode refuses it otherwise). */
    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new Lambda(x -> Ops.multiply(x, 2f)).named("double_it"), Shape.of(3))
                        .label("ops give the shape")
                        .loadOptions(() -> new LoadOptions().safeMode(false).lambda("double_it",
                                x -> Ops.multiply(x, 2f)))
                        .skip(Check.WRONG_RANK, "a Lambda's rank rule is its function's"),
                LayerCase.of(() -> new Lambda(x -> Ops.reshape(x, x.shape().get(0), 6)).outputShape(6)
                                .named("flatten_it"), Shape.of(2, 3)).label("declared output shape")
                        .loadOptions(() -> new LoadOptions().safeMode(false).lambda("flatten_it",
                                x -> Ops.reshape(x, x.shape().get(0), 6)))
                        .skip(Check.WRONG_RANK, "a Lambda's rank rule is its function's"));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
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
