package dev.strata.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.testing.GradientCheck;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The activation registry against keras.activations (references from tools/golden/layers.py). */
class ActivationsRegistryTest {
    private static final List<String> KERAS_NAMES = List.of("relu", "leaky_relu", "relu6", "elu", "selu",
            "softplus", "softsign", "silu", "swish", "gelu", "tanh", "sigmoid", "hard_sigmoid", "exponential",
            "linear", "mish", "log_sigmoid", "celu", "hard_silu", "hard_swish", "hard_tanh", "tanh_shrink",
            "soft_shrink", "hard_shrink", "squareplus", "sparse_plus", "sparse_sigmoid");

    static Stream<Arguments> names() {
        return KERAS_NAMES.stream().map(Arguments::of);
    }

    private static Object golden(String field) throws ReflectiveOperationException {
        Field f = LayerGolden.class.getField(field);
        return f.get(null);
    }

    @ParameterizedTest
    @MethodSource("names")
    void matchesKerasByName(String name) throws ReflectiveOperationException {
        String key = "ACT_" + name.toUpperCase();
        Activation a = Activations.get(name);
        float[] y = a.apply(Tensor.of(LayerGolden.ACT_X)).toFloatArray();
        float[] expected = (float[]) golden(key);
        // exponential(100) overflows to inf in both; relative tolerance covers the float32 rounding elsewhere.
        LayerChecks.assertClose(y, expected, 2e-6, 2e-7);
        assertThat(a.name()).as("saved name").isEqualTo(golden(key + "_SERIALIZED"));
    }

    @Test
    void constantsAreTheRegisteredObjects() {
        assertThat(Activations.get("sigmoid")).isSameAs(Activations.SIGMOID);
        assertThat(Activations.get("swish")).isSameAs(Activations.SILU).isSameAs(Activations.SWISH);
        assertThat(Activations.get("hard_swish")).isSameAs(Activations.HARD_SILU);
        assertThat(Activations.get("gelu")).isSameAs(Activations.GELU);
        assertThat(Activations.get(null)).isSameAs(Activations.LINEAR);
        assertThat(Activations.names()).containsAll(KERAS_NAMES);
        assertThatThrownBy(() -> Activations.get("glu_x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown activation 'glu_x'").hasMessageContaining("sigmoid");
    }

    @Test
    void kerasDefaults() {
        Tensor x = Tensor.of(new float[] {-2f, 0.5f, 3f});
        assertThat(Activations.LEAKY_RELU.apply(x).toFloatArray()).containsExactly(-0.4f, 0.5f, 3f);
        // The activation gelu is exact; Ops.gelu's default is the approximation.
        assertThat(Activations.GELU.apply(x).toFloatArray())
                .containsExactly(Activations.gelu(false).apply(x).toFloatArray());
        assertThat(Activations.GELU.apply(x).get(0)).isNotEqualTo(Activations.gelu(true).apply(x).get(0));
        assertThat(Activations.elu(0.5f).apply(x).get(0)).isEqualTo(0.5f * (float) Math.expm1(-2), within());
        assertThat(Activations.leakyRelu(0.1f).apply(x).get(0)).isEqualTo(-0.2f);
    }

    private static org.assertj.core.data.Offset<Float> within() {
        return org.assertj.core.data.Offset.offset(1e-6f);
    }

    @Test
    void softmaxOverTheLastAxis() {
        Tensor s = Tensor.of(LayerGolden.SOFTMAX_X, 2, 5);
        LayerChecks.assertClose(Activations.SOFTMAX.apply(s).toFloatArray(), LayerGolden.SOFTMAX, 1e-6, 1e-7);
        LayerChecks.assertClose(Activations.LOG_SOFTMAX.apply(s).toFloatArray(), LayerGolden.LOG_SOFTMAX, 1e-6,
                1e-6);
        assertThat(Activations.softmax(0).apply(s).get(0, 0) + Activations.softmax(0).apply(s).get(1, 0))
                .isCloseTo(1f, within());
    }

    /** The activations composed here from several ops: their gradients, away from their kinks. */
    @ParameterizedTest
    @MethodSource("names")
    void gradients(String name) {
        Activation a = Activations.get(name);
        Tensor x = GradientCheck.randomAwayFromZero(name.hashCode(), Shape.of(3, 4), 2.5, 0.05);
        // Keep clear of the kinks at ±0.5 (shrinks), ±1 (sparse, hard_tanh) and ±3 (hard sigmoid family).
        float[] v = x.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            for (float kink : new float[] {0.5f, 1f, 3f}) {
                if (Math.abs(Math.abs(v[i]) - kink) < 0.05f) {
                    v[i] += 0.1f;
                }
            }
        }
        GradientCheck.of().eps(1e-3).tolerance(1e-2, 1e-3)
                .verify(xs -> a.apply(xs.get(0)), Tensor.of(v, x.shape()));
    }

    @Test
    void workOnSymbolicTensorsAndInLayers() {
        Tensor in = dev.strata.graph.Graph.input(Shape.of(Shape.UNKNOWN, 3), "x");
        for (String name : KERAS_NAMES) {
            assertThat(Activations.get(name).apply(in).shape()).as(name).isEqualTo(Shape.of(Shape.UNKNOWN, 3));
        }
        Dense d = new Dense(2, "swish");
        Map<String, Object> config = d.getConfig();
        assertThat(config.get("activation")).isEqualTo("silu"); // as Keras serializes the alias
    }
}
