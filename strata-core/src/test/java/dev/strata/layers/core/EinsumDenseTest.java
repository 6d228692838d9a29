package dev.strata.layers.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.ShapeException;
import dev.strata.Strata;
import dev.strata.config.Config;
import dev.strata.layers.LayerCase;
import dev.strata.layers.LayerChecks;
import dev.strata.layers.attention.AttentionGolden;
import dev.strata.layers.attention.AttentionGolden.LayerCall;
import dev.strata.models.Input;
import dev.strata.tensor.Shape;
import dev.strata.tensor.Tensor;
import dev.strata.tensor.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** EinsumDense against Keras: values, gradients, weight shapes and names, configs. */
class EinsumDenseTest {

    static List<LayerCase> contractCases() {
        return List.of(
                LayerCase.of(() -> new EinsumDense("abc,cd->abd", Shape.UNKNOWN, 5).biasAxes("d"), Shape.of(3, 4))
                        .wrongRank(Shape.of(2, 4)),
                LayerCase.of(() -> new EinsumDense("abc,cde->abde", Shape.UNKNOWN, 2, 3).biasAxes("de")
                        .activation("tanh"), Shape.of(3, 4)).label("heads").wrongRank(Shape.of(2, 3, 3, 4)),
                LayerCase.of(() -> new EinsumDense("...b,bc->...c", 5).biasAxes("c"), Shape.of(3, 4))
                        .label("left ellipsis").wrongRank(Shape.of(2)),
                LayerCase.of(() -> new EinsumDense("ab,bc->ac", 4), Shape.of(3)).label("no bias")
                        .wrongRank(Shape.of(2, 3, 3)));
    }

    @BeforeEach
    void reset() {
        Strata.clearSession();
    }

    @Test
    void valuesAndGradientsMatchKeras() {
        List<LayerCall> cases = AttentionGolden.layers("einsum_dense");
        assertThat(cases).hasSize(6);
        for (LayerCall c : cases) {
            EinsumDense layer = EinsumDense.fromConfig(new Config(c.config(), c.name()));
            AttentionGolden.check(c, layer, in -> List.of(layer.apply(in.getFirst())), 1e-5);
        }
    }

    @Test
    void weightShapesAreKeras() {
        EinsumDense heads = new EinsumDense("abc,cde->abde", Shape.UNKNOWN, 2, 3).biasAxes("de");
        assertThat(heads.apply(Input.of(7, 4)).shape()).isEqualTo(Shape.of(Shape.UNKNOWN, 7, 2, 3));
        assertThat(heads.weights()).extracting(Variable::name).containsExactly("kernel", "bias");
        assertThat(heads.kernel().shape()).isEqualTo(Shape.of(4, 2, 3));
        assertThat(heads.bias().shape()).isEqualTo(Shape.of(2, 3));
        EinsumDense right = new EinsumDense("ab...,bc->ac...", 3).biasAxes("c");
        assertThat(right.apply(Tensor.ones(2, 4, 5)).shape()).isEqualTo(Shape.of(2, 3, 5));
        assertThat(right.bias().shape()).isEqualTo(Shape.of(3, 1));
        EinsumDense out = new EinsumDense("abcd,cde->abe", Shape.UNKNOWN, 6).biasAxes("e");
        out.apply(Tensor.ones(1, 3, 2, 4));
        assertThat(out.kernel().shape()).isEqualTo(Shape.of(2, 4, 6));
        assertThat(out.bias().shape()).isEqualTo(Shape.of(6));
    }

    @Test
    void glorotCountsFansOverTheKernelsInputAndOutputAxes() {
        // Keras: fan_in = 64 (axis c), fan_out = 4 * 16 (axes d, e): limit sqrt(6 / 128)
        EinsumDense d = new EinsumDense("abc,cde->abde", Shape.UNKNOWN, 4, 16);
        d.buildForSamples(Shape.of(5, 64));
        double limit = Math.sqrt(6.0 / 128);
        float max = 0;
        for (float v : d.kernel().toFloatArray()) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat((double) max).isLessThanOrEqualTo(limit).isGreaterThan(limit * 0.95);
    }

    @Test
    void configsMatchKeras() {
        LayerChecks.assertConfigMatches(new EinsumDense("ab,bc->ac", 4).getConfig(),
                AttentionGolden.defaultConfig("EinsumDense"), "name");
        for (LayerCall c : AttentionGolden.layers("einsum_dense")) {
            EinsumDense layer = EinsumDense.fromConfig(new Config(c.config(), c.name()));
            Map<String, Object> config = layer.getConfig();
            LayerChecks.assertConfigMatches(config, c.config(), "name");
        }
    }

    @Test
    void badEquationsAndShapesSayWhatIsWrong() {
        assertThatThrownBy(() -> new EinsumDense("abc->ab", 3)).hasMessageContaining("invalid einsum equation "
                + "'abc->ab'");
        assertThatThrownBy(() -> new EinsumDense("abc,cd->abd", Shape.UNKNOWN, 5).apply(Tensor.ones(2, 4)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("einsum_dense")
                .hasMessageContaining("(2, 4)");
        assertThatThrownBy(() -> new EinsumDense("abc,cd->abd", 7, 5).apply(Tensor.ones(2, 3, 4)))
                .hasMessageContaining("do not match at shared dimension 'b'");
        assertThatThrownBy(() -> new EinsumDense("ab,bc->ac", 4).biasAxes("x").apply(Tensor.ones(2, 3)))
                .hasMessageContaining("bias dimension 'x'");
        assertThatThrownBy(() -> new EinsumDense("ab,bcd->ac", 4).apply(Tensor.ones(2, 3)))
                .hasMessageContaining("weight dimension 'd'");
    }
}
