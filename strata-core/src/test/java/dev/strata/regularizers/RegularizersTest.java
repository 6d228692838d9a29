package dev.strata.regularizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.autodiff.GradientTape;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.LayerGolden;
import dev.strata.layers.core.Dense;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import dev.strata.testing.GradientCheck;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** L1, L2 and L1L2 against keras.regularizers (references from tools/golden/layers.py). */
class RegularizersTest {
    private static final Tensor W = Tensor.of(LayerGolden.REG_W, 3, 4);

    @Test
    void valuesMatchKeras() {
        assertThat(new L1().apply(W).item()).isCloseTo(LayerGolden.REG_L1, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(new L2().apply(W).item()).isCloseTo(LayerGolden.REG_L2, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(new L1L2(0.01, 0.02).apply(W).item())
                .isCloseTo(LayerGolden.REG_L1L2, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(new L1(0.3).apply(W).item())
                .isCloseTo(LayerGolden.REG_L1_0_3, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(new L1L2().apply(W).item()).isZero();
        assertThat(new L2().apply(W).shape()).isEqualTo(Shape.scalar());
    }

    @Test
    void l2HasNoHalf() {
        Tensor x = Tensor.of(new float[] {3f, -4f});
        assertThat(new L2(1).apply(x).item()).isEqualTo(25f);
        assertThat(new L1(1).apply(x).item()).isEqualTo(7f);
        assertThat(new L1L2(1, 1).apply(x).item()).isEqualTo(32f);
    }

    @Test
    void byName() {
        assertThat(Regularizers.get("l1")).isInstanceOf(L1.class);
        assertThat(((L1) Regularizers.get("l1")).l1()).isEqualTo(0.01);
        assertThat(((L2) Regularizers.get("L2")).l2()).isEqualTo(0.01);
        L1L2 both = (L1L2) Regularizers.get("l1_l2");
        assertThat(both.l1()).isEqualTo(0.01);
        assertThat(both.l2()).isEqualTo(0.01);
        L1L2 classDefault = (L1L2) Regularizers.get("l1l2"); // Keras's snake_case of the class: L1L2()
        assertThat(classDefault.l1()).isZero();
        assertThat(classDefault.l2()).isZero();
        assertThat(Regularizers.get(null)).isNull();
        assertThatThrownBy(() -> Regularizers.get("l3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown regularizer 'l3'").hasMessageContaining("l1_l2");
    }

    @Test
    void configsMatchKeras() {
        assertThat(Regularizers.serialize(new L1())).containsEntry("class_name", "L1")
                .containsEntry("module", "keras.regularizers");
        // Keras's L1 keeps its factor as a float32 tensor, so its config shows 0.009999999776; Strata shows 0.01.
        LayerChecks.assertConfigMatches(new L1().getConfig(), LayerGolden.reg_l1Config(), "l1");
        assertThat((double) new L1().getConfig().get("l1"))
                .isCloseTo((double) LayerGolden.reg_l1Config().get("l1"), org.assertj.core.data.Offset.offset(1e-9));
        LayerChecks.assertConfigMatches(new L2().getConfig(), LayerGolden.reg_l2Config());
        LayerChecks.assertConfigMatches(new L1L2().getConfig(), LayerGolden.reg_l1l2Config());
        Regularizer back = Regularizers.deserialize(Map.of("class_name", "L1L2", "config", Map.of("l1", 0.5, "l2",
                0.25)));
        assertThat(back.getConfig()).isEqualTo(Map.of("l1", 0.5, "l2", 0.25));
        assertThat(Regularizers.deserialize(Map.of("class_name", "L2", "config", Map.of())).getConfig())
                .isEqualTo(Map.of("l2", 0.01));
        assertThatThrownBy(() -> Regularizers.deserialize(Map.of("class_name", "L2", "config", Map.of("l1", 1.0))))
                .hasMessageContaining("unknown key [l1]");
        assertThatThrownBy(() -> Regularizers.deserialize(Map.of("class_name", "Orthogonal", "config", Map.of())))
                .hasMessageContaining("Strata has no regularizer class 'Orthogonal'");
    }

    @Test
    void rejectsNegativeOrNonFiniteFactors() {
        assertThatThrownBy(() -> new L1(-0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid value for argument l1");
        assertThatThrownBy(() -> new L2(Double.NaN)).hasMessageContaining("argument l2");
        assertThatThrownBy(() -> new L1L2(0, Double.POSITIVE_INFINITY)).hasMessageContaining("argument l2");
    }

    @Test
    void differentiable() {
        Tensor x = GradientCheck.randomAwayFromZero(5, Shape.of(3, 4), 2, 0.05);
        GradientCheck.check(xs -> new L1(0.3).apply(xs.get(0)), x);
        GradientCheck.check(xs -> new L2(0.3).apply(xs.get(0)), x);
        GradientCheck.check(xs -> new L1L2(0.2, 0.4).apply(xs.get(0)), x);
        try (GradientTape tape = GradientTape.record()) {
            tape.watch(x);
            Tensor g = tape.gradient(new L2(0.5).apply(x), x);
            assertThat(g.toFloatArray()).containsExactly(x.toFloatArray()); // d/dx 0.5·Σx² = x
        }
    }

    @Test
    void denseWithRegularizersContributesLosses() {
        Dense dense = new Dense(4).kernelRegularizer(new L2(0.05)).biasRegularizer(Regularizers.get("l1"));
        dense.buildForSamples(Shape.of(3));
        dense.setWeights(List.of(W, Tensor.of(new float[] {0.5f, -1f, 0.25f, 2f})));
        dense.apply(Tensor.ones(2, 3));
        List<Tensor> losses = dense.losses();
        assertThat(losses).hasSize(2);
        LayerChecks.assertClose(new float[] {losses.get(0).item(), losses.get(1).item()}, LayerGolden.DENSE_LOSSES,
                1e-6, 1e-7);
        assertThat(dense.getConfig().get("kernel_regularizer")).isEqualTo(Regularizers.serialize(new L2(0.05)));
        // The penalty is differentiable with respect to the kernel: d/dW 0.05·ΣW² = 0.1·W.
        Variable kernel = dense.kernel();
        try (GradientTape tape = GradientTape.record()) {
            Tensor g = tape.gradient(dense.losses().get(0), kernel);
            LayerChecks.assertClose(g.toFloatArray(), dev.strata.ops.Ops.multiply(W, 0.1f).toFloatArray(), 1e-6,
                    1e-7);
        }
    }
}
